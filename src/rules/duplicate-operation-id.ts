/**
 * OpenAPI requires every operationId to be unique in the document: tools (and people) use it to
 * name one operation, and a repeat makes it name two.
 */
import { defineRule } from './types.js';
import { own } from '../model/json.js';
import type { Ptr } from '../model/pointer.js';

/** No two operations share an operationId. */
export const duplicateOperationId = defineRule({
  meta: {
    id: 'duplicate-operation-id',
    description: 'Every operationId is used by one operation only.',
    messages: {
      duplicate: 'operationId `{{id}}` of {{op}} is already used by {{first}}: operationIds must be unique in the document; rename one of them',
    },
  },
  create(context) {
    const first = new Map<string, Ptr>();
    return {
      Operation(node, info) {
        const id = own(node, 'operationId');
        if (typeof id !== 'string' || id === '') return;
        const seen = first.get(id);
        if (seen === undefined) first.set(id, info.ptr);
        else context.report({ messageId: 'duplicate', data: { id, op: label(info.ptr), first: label(seen) }, ptr: info.ptr.child('operationId') });
      },
    };
  },
});

/** "GET /contacts", "POST webhook `x`", or the pointer for operations elsewhere (callbacks, components). */
function label(ptr: Ptr): string {
  const s = ptr.segments();
  const [kind, key, method] = s.slice(-3);
  if (kind === 'paths' && key !== undefined && method !== undefined) return `${method.toUpperCase()} ${key}`;
  if (kind === 'webhooks' && key !== undefined && method !== undefined) return `${method.toUpperCase()} webhook \`${key}\``;
  return `the operation at \`${ptr.toString()}\``;
}
