/**
 * OpenAPI requires every operationId to be unique in the document (OpenAPI 3.0.3 section 4.7.10,
 * Operation Object: "The id MUST be unique among all operations described in the API"): tools (and
 * people) use it to name one operation, and a repeat makes it name two. A Path Item reached by two
 * paths (`$ref` to one file, or to another path) describes its operations twice, each with its
 * operationId: that is reported once, at the second `$ref`.
 */
import { defineRule } from './types.js';
import { isObject, own, type JsonObject } from '../model/json.js';
import type { Ptr } from '../model/pointer.js';
import { HTTP_METHODS } from '../model/node-types.js';


/** No two operations share an operationId. */
export const duplicateOperationId = defineRule({
  meta: {
    id: 'duplicate-operation-id',
    description: 'Every operationId is used by one operation only.',
    messages: {
      duplicate: 'operationId `{{id}}` of {{op}} is already used by {{first}}: operationIds must be unique in the document; rename one of them',
      sharedPathItem:
        '{{use}} uses the same Path Item as {{first}} (`{{ref}}`), so its {{ids}} {{verb}} used more than once: operationIds must be unique in the document; give each path a Path Item of its own',
    },
  },
  create(context) {
    const first = new Map<string, Ptr>();
    /** Each Path Item used under paths or webhooks (written there, or reached by a $ref) -> its uses, in walk order. */
    const uses = new Map<JsonObject, Array<{ ptr: Ptr; ref?: string }>>();
    const use = (item: JsonObject, ptr: Ptr, ref?: string): void => {
      const list = uses.get(item);
      if (list) list.push({ ptr, ref });
      else uses.set(item, [{ ptr, ref }]);
    };
    return {
      PathItem(node, info) {
        // A Path Item written under paths or webhooks (not one of another file, walked where it is written).
        if ((info.parentType === 'Paths' || info.parentType === 'Webhooks') && info.ptr.file === undefined) use(node, info.ptr);
      },
      ref(node, info) {
        if (info.type !== 'PathItem' || (info.parentType !== 'Paths' && info.parentType !== 'Webhooks')) return;
        const ref = own(node, '$ref');
        if (typeof ref !== 'string') return;
        const target = context.connector.refs.resolve(ref, node);
        if (target.ok && isObject(target.value) && !('$ref' in target.value)) use(target.value, info.ptr, ref);
      },
      end() {
        // The Path Item where it is written owns its operations (else the first $ref to it); every other $ref repeats them.
        for (const [item, list] of uses) {
          if (list.length < 2) continue;
          const ids = HTTP_METHODS.map((m) => own(item, m))
            .map((op) => (isObject(op) ? own(op, 'operationId') : undefined))
            .filter((id): id is string => typeof id === 'string' && id !== '');
          if (ids.length === 0) continue;
          const owner = list.find((u) => u.ref === undefined) ?? list[0]!;
          const names = ids.map((id) => `\`${id}\``).join(', ');
          for (const u of list) {
            if (u === owner || u.ref === undefined) continue;
            context.report({
              messageId: 'sharedPathItem',
              data: { use: place(u.ptr), first: place(owner.ptr), ref: u.ref, ids: ids.length === 1 ? `operationId ${names}` : `operationIds ${names}`, verb: ids.length === 1 ? 'is' : 'are' },
              ptr: u.ptr.child('$ref'),
            });
          }
        }
      },
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

/** "path `/contacts`", "webhook `x`": a Path Item's place under paths or webhooks. */
function place(ptr: Ptr): string {
  const [kind, key] = ptr.segments().slice(-2);
  return `${kind === 'webhooks' ? 'webhook' : 'path'} \`${key ?? ''}\``;
}

/** "GET /contacts", "POST webhook `x`", or the pointer for operations elsewhere (callbacks, components). */
function label(ptr: Ptr): string {
  const s = ptr.segments();
  const [kind, key, method] = s.slice(-3);
  if (kind === 'paths' && key !== undefined && method !== undefined) return `${method.toUpperCase()} ${key}`;
  if (kind === 'webhooks' && key !== undefined && method !== undefined) return `${method.toUpperCase()} webhook \`${key}\``;
  return `the operation at \`${ptr.toString()}\``;
}
