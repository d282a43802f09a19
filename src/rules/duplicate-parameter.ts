/**
 * A parameter is identified by its `name` and `in` (OpenAPI 3, Operation and Path Item objects:
 * "The list MUST NOT include duplicated parameters"). Two of them in one list give the platform two
 * values for one name, and which one is sent is not said. An operation's parameter that overrides
 * one of its Path Item is allowed and not reported. Header names compare case-insensitively.
 */
import { defineRule, type RuleContext } from './types.js';
import { isObject, own, type JsonObject } from '../model/json.js';
import type { Ptr } from '../model/pointer.js';

export const duplicateParameter = defineRule({
  meta: {
    id: 'duplicate-parameter',
    description: 'No operation or Path Item lists the same parameter (`name` and `in`) twice.',
    messages: {
      duplicate: 'Parameter `{{name}}` in {{in}} is already listed at `{{first}}`: one list may name a parameter once, or the platform sends one of two values; remove one',
    },
  },
  create(context) {
    const check = (node: JsonObject, ptr: Ptr) => checkList(context, node, ptr);
    return { PathItem: (node, info) => check(node, info.ptr), Operation: (node, info) => check(node, info.ptr) };
  },
});

function checkList(context: RuleContext, holder: JsonObject, ptr: Ptr): void {
  const list = own(holder, 'parameters');
  if (!Array.isArray(list)) return;
  const seen = new Map<string, Ptr>();
  list.forEach((p, i) => {
    const r = context.connector.refs.deref(p);
    if (!r.ok || !isObject(r.value)) return;
    const name = own(r.value, 'name');
    const where = own(r.value, 'in');
    if (typeof name !== 'string' || typeof where !== 'string') return;
    const key = `${where}\u0000${where === 'header' ? name.toLowerCase() : name}`;
    const at = ptr.child('parameters').child(i);
    const first = seen.get(key);
    if (first) context.report({ messageId: 'duplicate', data: { name, in: where, first: first.toString() }, ptr: at });
    else seen.set(key, at);
  });
}
