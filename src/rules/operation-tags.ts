/**
 * Authoring hygiene (strict preset): an operation is tagged, so that readers (and the role checks)
 * see whether it is an action (`Actions`), an event (`Events`) or something else.
 */
import { defineRule } from './types.js';
import { own } from '../model/json.js';
import type { VisitInfo } from '../model/walk.js';

/** How messages name the operation a visitor is at: "GET /contacts", "POST webhook `x`", or its pointer. */
export function operationName(info: VisitInfo): string {
  const [kind, key] = info.ptr.segments().slice(-3);
  const method = info.key.toUpperCase();
  if (kind === 'paths' && key !== undefined) return `${method} ${key}`;
  if (kind === 'webhooks' && key !== undefined) return `${method} webhook \`${key}\``;
  return `The operation at \`${info.ptr.toString()}\``;
}

/** Every operation has at least one tag. */
export const operationTags = defineRule({
  meta: {
    id: 'operation-tags',
    description: 'Every operation has at least one tag (`Actions`, `Events` or another).',
    messages: {
      missing: '{{op}} has no `tags`: tag it `Actions` if actions call it, `Events` if events read it, so its role is visible',
    },
  },
  create(context) {
    return {
      Operation(node, info) {
        const tags = own(node, 'tags');
        if (Array.isArray(tags) && tags.length > 0) return;
        context.report({ messageId: 'missing', data: { op: operationName(info) }, ptr: tags === undefined ? info.ptr : info.ptr.child('tags'), target: tags === undefined ? 'key' : 'value' });
      },
    };
  },
});
