/**
 * A `$ref` must point at the kind of object its place holds: a Schema where a Schema belongs, a
 * Parameter in a parameter list. One that points into another components section (a Parameter
 * where a Schema belongs) is read as that other kind, and what the platform builds from it is wrong.
 * The same holds for a component of another file (`lib.yaml#/components/parameters/Limit`), and for
 * a `$ref` to the whole document (`#`, or an empty one): the document is no Parameter or Schema.
 * Where the fragment names no components section (`params.yaml#/Limit`), a value that is plainly a
 * Parameter (a `name` and an `in`) where a Response or Schema belongs is reported too.
 */
import { defineRule } from './types.js';
import { own } from '../model/json.js';
import { COMPONENT_SECTION_OF, refKindMismatch, typeName, valueKindMismatch } from '../model/node-types.js';

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
        const expected = typeName(info.type);
        let actual = refKindMismatch(ref, info.type);
        let hint: string;
        if (actual !== undefined) {
          const file = ref.slice(0, Math.max(0, ref.indexOf('#')));
          hint = `; point at \`${file}#/components/${COMPONENT_SECTION_OF.get(info.type)!}/...\` instead`;
        } else {
          // A fragment that names no components section: what the value it reaches plainly is.
          const target = context.connector.refs.resolve(ref, node);
          actual = target.ok ? valueKindMismatch(target.value, info.type) : undefined;
          if (actual === undefined) return;
          hint = `; point at ${expected} instead`;
        }
        const what = actual === 'document' ? 'the whole document' : typeName(actual);
        const messageId = ref === '' ? 'emptyRef' : 'wrongKind';
        context.report({ messageId, data: { ref, actual: what, expected, hint }, ptr: info.ptr.child('$ref') });
      },
    };
  },
});
