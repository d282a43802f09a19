/**
 * skeleton(): the path-focused skeleton (built for plain locators such as `data.items`) answers a
 * locator exactly as the whole skeleton does: same JSONPath match, same place where it leaves.
 */
import fc from 'fast-check';
import { JSONPath } from 'jsonpath-plus';
import { describe, expect, it } from 'vitest';
import { isOpen, reachesPlainPath, skeleton } from '../../src/model/schema-shape.js';
import { RefResolver } from '../../src/model/refs.js';
import { parseText, defaultLimits } from '../../src/load/source.js';
import { Ptr } from '../../src/model/pointer.js';
import type { JsonObject } from '../../src/model/json.js';

const NAMES = ['data', 'items', 'records', 'id', 'next', 'length'];

/** Random schemas over a few names, with arrays, allOf/oneOf branches and $refs to two components. */
const schema: fc.Arbitrary<unknown> = fc.letrec<{ s: unknown }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom({ type: 'string' }, { type: 'integer' }, { type: 'object' }, {}, { $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/Missing' }),
    fc.record({ type: fc.constant('array'), items: tie('s') }),
    fc.record({ type: fc.constant('object'), properties: fc.dictionary(fc.constantFrom(...NAMES), tie('s'), { maxKeys: 4 }) }),
    fc.record({ allOf: fc.array(tie('s'), { maxLength: 3 }) }),
    fc.record({ oneOf: fc.array(tie('s'), { maxLength: 2 }), properties: fc.dictionary(fc.constantFrom(...NAMES), tie('s'), { maxKeys: 2 }) }),
  ),
})).s;

function resolverFor(components: JsonObject): RefResolver {
  const doc = { openapi: '3.0.3', components: { schemas: components } };
  const source = parseText('/virtual/c.json', JSON.stringify(doc), defaultLimits);
  return new RefResolver({ source, oas: { value: source.value as JsonObject, ptr: Ptr.root }, refRoot: '/virtual', maxHops: 100 });
}

/** What the records-locator rule looks at: whether JSONPath matches, and the keys met along the path (arrays entered at their first item). */
function answer(instance: unknown, parts: string[]): unknown {
  const found = ((JSONPath({ path: parts.join('.'), json: instance as object, wrap: true, eval: false }) as unknown[] | undefined) ?? []).length > 0;
  const trail: unknown[] = [];
  let cur = instance;
  for (const part of parts) {
    while (Array.isArray(cur)) cur = cur[0];
    if (isOpen(cur) || typeof cur !== 'object' || cur === null) {
      trail.push(isOpen(cur) ? 'open' : typeof cur);
      break;
    }
    trail.push(Object.keys(cur));
    if (!Object.hasOwn(cur, part)) break;
    cur = (cur as Record<string, unknown>)[part];
  }
  return { found, trail, open: isOpen(instance) };
}

describe('skeleton focused on a plain path', () => {
  it('answers every plain locator as the whole skeleton does', () => {
    fc.assert(
      fc.property(schema, schema, fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }), (root, a, parts) => {
        const refs = resolverFor({ A: a as JsonObject });
        const maxDepth = 2 * parts.length + 2;
        const whole = skeleton(root, refs, { maxDepth });
        const focused = skeleton(root, refs, { maxDepth, focus: parts });
        expect(answer(focused, parts)).toEqual(answer(whole, parts));
        // The rule answers plain paths without jsonpath-plus: the same answer on both skeletons.
        expect(reachesPlainPath(focused, parts)).toBe((answer(whole, parts) as { found: boolean }).found);
      }),
      { numRuns: 1500, seed: 20261128 },
    );
  }, 60_000);

  it('builds only the path: siblings are null, the end is 0', () => {
    const refs = resolverFor({});
    const s = { type: 'object', properties: { data: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } }, meta: { type: 'object', properties: { next: { type: 'string' } } } } };
    expect(skeleton(s, refs, { maxDepth: 6, focus: ['data', 'id'] })).toEqual({ data: [{ id: 0, name: null }], meta: null });
    expect(skeleton(s, refs, { maxDepth: 6 })).toEqual({ data: [{ id: '', name: '' }], meta: { next: '' } });
  });
});
