/**
 * An operation's role tag agrees with what uses it: operations that actions call are tagged
 * `Actions` (or `consume`), operations that events, polling configs, enrichment points or listeners
 * read are tagged `Events` (or `produce`). A contradiction means the tag or the reference is wrong.
 */
import { defineRule } from './types.js';
import { own } from '../model/json.js';
import { operationLabel, operationUsage, ROLE_TAGS, tagRole, type Role } from '../model/operation-usage.js';

const DOES: Record<Role, string> = {
  write: 'actions call to send data',
  read: 'events, polling configs, enrichment points and listeners read data from',
};
const USES: Record<Role, string> = { write: 'calls it as an action', read: 'reads data from it' };

/** An operation's `Actions`/`Events` tag matches the role of what names it. */
export const operationRoleTag = defineRule({
  meta: {
    id: 'operation-role-tag',
    description: 'An operation named by an action is not tagged `Events`/`produce`, and one named by an event, polling config, enrichment point or listener is not tagged `Actions`/`consume`.',
    messages: {
      mismatch:
        '{{op}} is tagged `{{tag}}`, the tag of operations that {{tagDoes}}, but {{user}} {{uses}}{{more}}: tag it {{expected}}, or check that {{user}} names the right operation',
    },
  },
  create(context) {
    return {
      end() {
        const c = context.connector;
        const usage = operationUsage(c);
        for (const op of c.operations) {
          const tags = own(op.value, 'tags');
          const uses = usage.uses.get(op);
          if (!Array.isArray(tags) || !uses || uses.length === 0) continue;
          const claimed = tags.map((t, i) => ({ tag: t, i, role: tagRole(t) })).filter((t) => t.role !== undefined);
          const roles = new Set(uses.map((u) => u.role));
          if (claimed.length === 0 || claimed.some((t) => roles.has(t.role!))) continue;
          const first = claimed[0]!;
          const use = uses[0]!;
          context.report({
            messageId: 'mismatch',
            data: {
              op: operationLabel(op),
              tag: String(first.tag),
              tagDoes: DOES[first.role!],
              user: use.label,
              uses: USES[use.role],
              more: uses.length > 1 ? ` (and ${uses.length - 1} more)` : '',
              expected: ROLE_TAGS[use.role],
            },
            ptr: op.ptr.child('tags').child(first.i),
          });
        }
      },
    };
  },
});
