/**
 * An `enum` lists the values a field may take: a member of another type than the schema's can never
 * be valid, and a repeated member says nothing twice (JSON Schema: the items SHOULD be unique),
 * often where a different value was meant.
 */
import { defineRule } from './types.js';
import { jsonType, own } from '../model/json.js';
import { allowedTypes, holdsVariable, isOfType } from '../model/value-check.js';
import { article } from '../util/text.js';

function isOfSomeType(m: unknown, types: string[]): boolean {
  for (let t = 0; t < types.length; t++) if (isOfType(m, types[t]!)) return true;
  return false;
}

/** A member as JSON, cut short for a message. */
function shown(m: unknown): string {
  const text = JSON.stringify(m) ?? String(m);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

export const enumValues = defineRule({
  meta: {
    id: 'enum-values',
    description: 'Enum members are of the schema\'s type, and none is repeated.',
    messages: {
      wrongType: 'Enum member `{{value}}` is {{actual}}, not {{types}} as the schema\'s `type` says, so no valid value can equal it',
      repeated: 'Enum member `{{value}}` is repeated (first at index {{first}}); remove the copy, or write the value that was meant',
    },
  },
  create(context) {
    return {
      Schema(node, info) {
        const members = own(node, 'enum');
        if (!Array.isArray(members)) return;
        const types = allowedTypes(node);
        // One key per JSON value: a Map lookup, not a comparison with every earlier member. A
        // primitive is its own key (equal members are the same type and value), an object or array
        // its JSON text, in a map of their own.
        const firstAt = new Map<unknown, number>();
        let firstAtJson: Map<string, number> | undefined;
        // A plain loop, and the member's pointer made only to report: Stripe's description has 14,000 members.
        for (let i = 0; i < members.length; i++) {
          const m: unknown = members[i];
          if (types && !isOfSomeType(m, types) && !holdsVariable(m)) {
            context.report({ messageId: 'wrongType', data: { value: shown(m), actual: article(jsonType(m)), types: types.map((t) => article(t)).join(' or ') }, ptr: info.ptr.child('enum').child(i) });
            continue;
          }
          const json = typeof m === 'object' && m !== null;
          const seen = json ? (firstAtJson ??= new Map<string, number>()) : firstAt;
          const key = json ? JSON.stringify(m) : m;
          const first = seen.get(key);
          if (first === undefined) seen.set(key, i);
          else context.report({ messageId: 'repeated', data: { value: shown(m), first }, ptr: info.ptr.child('enum').child(i) });
        }
      },
    };
  },
});
