/**
 * An operation tagged `Actions`/`Events` (or `consume`/`produce`) says the connector uses it; when
 * no action, event, listener, polling config or enrichment point names it, the definition is dead:
 * usually the action or event that should call it was forgotten, renamed or misspelt.
 */
import { defineRule } from './types.js';
import { own } from '../model/json.js';
import type { OperationRef } from '../model/connector.js';
import { operationLabel, operationUsage, tagRole, type Role } from '../model/operation-usage.js';

/** A role-tagged operation that nothing in the connector calls. */
export const deadOperation = defineRule({
  meta: {
    id: 'dead-operation',
    description: 'An operation tagged `Actions`, `Events`, `consume` or `produce` is named by some action, event, listener, polling config or enrichment point.',
    messages: {
      dead: '{{op}} is tagged `{{tag}}`, but no action, event, listener, polling config or enrichment point names it, so the platform never calls it; {{fix}}, or remove the operation if it is not needed',
    },
  },
  create(context) {
    return {
      end() {
        const c = context.connector;
        const usage = operationUsage(c);
        for (const op of c.operations) {
          if (usage.uses.has(op) || usage.maybeUsed.has(op)) continue;
          const tags = own(op.value, 'tags');
          if (!Array.isArray(tags)) continue;
          const tag = tags.find((t) => tagRole(t) !== undefined);
          if (tag === undefined) continue;
          context.report({
            messageId: 'dead',
            data: { op: operationLabel(op), tag: String(tag), fix: fixText(op, tagRole(tag)!) },
            ptr: op.ptr,
            target: 'key',
          });
        }
      },
    };
  },
});

function fixText(op: OperationRef, role: Role): string {
  if (op.kind === 'webhook') return `add a listener with \`"webhookPath": "${op.key}/${op.method}"\` to \`preDefinedEventListeners\``;
  const list = role === 'write' ? 'preDefinedActions' : 'preDefinedEvents';
  return `add an entry with \`"resourcePath": "${op.key}/${op.method}"\` to \`${list}\``;
}
