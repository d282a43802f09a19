/**
 * A `$ref` must point at the kind of object its place holds: a Schema where a Schema belongs, a
 * Parameter in a parameter list. One that points into another components section (a Parameter
 * where a Schema belongs) is read as that other kind, and what the platform builds from it is wrong.
 */
import { defineRule } from './types.js';
import { own } from '../model/json.js';
import { Ptr } from '../model/pointer.js';
import { typeName, type NodeType } from '../model/node-types.js';

/** What each components section holds. */
const SECTION_TYPES: Record<string, NodeType> = {
  schemas: 'Schema',
  responses: 'Response',
  parameters: 'Parameter',
  examples: 'Example',
  requestBodies: 'RequestBody',
  headers: 'Header',
  securitySchemes: 'SecurityScheme',
  links: 'Link',
  callbacks: 'Callback',
  pathItems: 'PathItem',
};
const SECTION_OF = new Map(Object.entries(SECTION_TYPES).map(([s, t]) => [t, s]));

export const refTargetType = defineRule({
  meta: {
    id: 'ref-target-type',
    description: 'Every `$ref` points at the kind of object its place holds (a Schema where a Schema belongs).',
    messages: {
      wrongKind: '`{{ref}}` points at {{actual}} where {{expected}} belongs: it is read as {{expected}}{{hint}}',
    },
  },
  create(context) {
    return {
      ref(node, info) {
        const ref = own(node, '$ref');
        if (typeof ref !== 'string' || !ref.startsWith('#/components/')) return;
        const segs = Ptr.parse(ref).segments();
        if (segs.length !== 3) return;
        const actual = Object.hasOwn(SECTION_TYPES, segs[1]!) ? SECTION_TYPES[segs[1]!] : undefined;
        const expected = info.type;
        if (!actual || !SECTION_OF.has(expected) || actual === expected) return;
        const section = SECTION_OF.get(expected)!;
        const hint = `; point at \`#/components/${section}/...\` instead`;
        context.report({ messageId: 'wrongKind', data: { ref, actual: typeName(actual), expected: typeName(expected), hint }, ptr: info.ptr.child('$ref') });
      },
    };
  },
});
