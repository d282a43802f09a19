/**
 * A `$ref` must point at the kind of object its place holds: a Schema where a Schema belongs, a
 * Parameter in a parameter list. One that points into another components section (a Parameter
 * where a Schema belongs) is read as that other kind, and what the platform builds from it is wrong.
 * The same holds for a component of another file (`lib.yaml#/components/parameters/Limit`), and for
 * a `$ref` to the whole document (`#`, or an empty one): the document is no Parameter or Schema.
 */
import { defineRule } from './types.js';
import { own } from '../model/json.js';
import { COMPONENT_SECTION_OF, refKindMismatch, typeName } from '../model/node-types.js';

export const refTargetType = defineRule({
  meta: {
    id: 'ref-target-type',
    description: 'Every `$ref` points at the kind of object its place holds (a Schema where a Schema belongs).',
    messages: {
      wrongKind: '`{{ref}}` points at {{actual}} where {{expected}} belongs: it is read as {{expected}}{{hint}}',
      emptyRef: 'An empty `$ref` points at the whole document where {{expected}} belongs: it is read as {{expected}}{{hint}}',
    },
  },
  create(context) {
    return {
      ref(node, info) {
        const ref = own(node, '$ref');
        if (typeof ref !== 'string') return;
        const actual = refKindMismatch(ref, info.type);
        if (actual === undefined) return;
        const expected = typeName(info.type);
        const file = ref.slice(0, Math.max(0, ref.indexOf('#')));
        const hint = `; point at \`${file}#/components/${COMPONENT_SECTION_OF.get(info.type)!}/...\` instead`;
        const what = actual === 'document' ? 'the whole document' : typeName(actual);
        const messageId = ref === '' ? 'emptyRef' : 'wrongKind';
        context.report({ messageId, data: { ref, actual: what, expected, hint }, ptr: info.ptr.child('$ref') });
      },
    };
  },
});
