/** The JSON.parse fast path gives the same value and positions as the position-recording parser, or steps aside. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonFast } from '../../src/load/json-fast.js';
import { parseJson } from '../../src/load/json.js';
import type { LocationIndex } from '../../src/load/locations.js';
import { FIXTURES } from '../helpers/lint.js';

const limits = { maxDepth: 512 };

describe('parseJsonFast', () => {
  // The real connectors of ../shared/corpus get the same check in test/corpus/json-fast.test.ts.
  const fixtures = ['valid/hub', 'valid/openapi', 'valid/storage'].flatMap((d) =>
    readdirSync(join(FIXTURES, d)).filter((f) => f.endsWith('.json')).map((f) => `${d}/${f}`),
  );
  for (const file of fixtures) {
    it(`matches parseJson on fixture ${file}`, () => {
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      const fast = parseJsonFast(text, limits)!;
      const slow = parseJson(text, limits);
      expect(fast).toBeDefined();
      expect(fast.value).toEqual(slow.value);
      for (const segments of [['resources', 'paths'], ['name'], ['resources', 'openapi'], ['openapi']]) {
        for (const target of ['key', 'value'] as const) {
          expect(fast.locations.find(fast.value, segments, target)).toEqual(slow.locations.find(slow.value, segments, target));
        }
      }
    });
  }

  it('steps aside for a duplicate key, even one hidden by a colon inside a string', () => {
    expect(parseJsonFast('{"a": "x:y", "a": 2}', limits)).toBeUndefined();
    expect(parseJsonFast('{"a": "x:y", "b": 2}', limits)?.value).toEqual({ a: 'x:y', b: 2 });
  });

  it('steps aside for syntax errors and for nesting at the limit', () => {
    expect(parseJsonFast('{"a": 1,}', limits)).toBeUndefined();
    expect(parseJsonFast('"abc\\"', limits)).toBeUndefined();
    expect(parseJsonFast('['.repeat(512) + ']'.repeat(512), limits)).toBeUndefined();
    expect(parseJsonFast('['.repeat(511) + ']'.repeat(511), limits)).toBeDefined();
  });

  it('keeps __proto__ as an own key without touching the prototype', () => {
    const out = parseJsonFast('{"__proto__": {"polluted": 1}, "s": "a\\\\"}', limits)!;
    expect(Object.keys(out.value as object)).toEqual(['__proto__', 's']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('counts colons inside keys and strings, and is not fooled by a \\u escape hiding a duplicate', () => {
    expect(parseJsonFast('{"a:b": 1, "c": "x:y:z", "d": ["::"]}', limits)?.value).toEqual({ 'a:b': 1, c: 'x:y:z', d: ['::'] });
    expect(parseJsonFast('{"a": "x:y", "a": "z"}', limits)).toBeUndefined();
    // One escaped colon and one duplicate would cancel out if the escape were not noticed.
    expect(parseJsonFast('{"x": "\\u003a", "a": 1, "a": 2}', limits)).toBeUndefined();
    expect(parseJsonFast('{"x": "\\u003a", "a": 1}', limits)?.value).toEqual({ x: ':', a: 1 });
    expect(parseJsonFast('"a:b"', limits)?.value).toBe('a:b');
  });

  it('steps aside for objects nested to the limit', () => {
    expect(parseJsonFast('{"a":'.repeat(512) + '1' + '}'.repeat(512), limits)).toBeUndefined();
    expect(parseJsonFast('{"a":'.repeat(511) + '1' + '}'.repeat(511), limits)).toBeDefined();
  });

  it('agrees with the position-recording parser on random JSON with duplicates, colons and escapes', () => {
    const key = fc.constantFrom('a', 'b', 'a:b', ':', 'c\u003a', 'd"e');
    const text = fc.letrec<{ v: string }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom('1', 'null', 'true', '"x:y"', '"\u003a"', '"\\u"', '"q\"r:"'),
        fc.array(tie('v'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
        fc.array(fc.tuple(key, tie('v')), { maxLength: 4 }).map((pairs) => `{${pairs.map(([k, v]) => `"${k.replace(/"/g, '\\"')}" : ${v}`).join(', ')}}`),
      ),
    })).v;
    fc.assert(
      fc.property(text, (t) => {
        const slow = parseJson(t, limits);
        const fast = parseJsonFast(t, limits);
        const exact = slow.ok && slow.problems.length === 0;
        // Taken exactly when the exact parser finds nothing to say; then with the same value.
        expect(fast !== undefined).toBe(exact);
        if (fast) {
          expect(fast.value).toEqual(slow.value);
          expect(everySpan(fast)).toEqual(everySpan(slow));
        }
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});

/** Every key and value span, by pointer, and what a pointer that goes one step too far resolves to. */
function everySpan(out: { value: unknown; locations: { find: LocationIndex['find'] } }): unknown[] {
  const found: unknown[] = [out.locations.find(out.value, [], 'value'), out.locations.find(out.value, ['nope', '0'], 'key')];
  const walk = (v: unknown, segments: string[]) => {
    if (v === null || typeof v !== 'object') return;
    for (const k of Object.keys(v)) {
      const s = [...segments, k];
      found.push(s, out.locations.find(out.value, s, 'key'), out.locations.find(out.value, s, 'value'), out.locations.find(out.value, [...s, 'x', '1'], 'key'));
      walk((v as Record<string, unknown>)[k], s);
    }
    found.push(out.locations.find(out.value, [...segments, '01'], 'value'), out.locations.find(out.value, [...segments, '999'], 'value'));
  };
  walk(out.value, []);
  return found;
}

describe('positions of the fast path, read from the text on demand', () => {
  // The project's fixtures (the real connectors of the corpus are not beside a fresh clone).
  const fixtures = ['valid/hub', 'valid/openapi', 'valid/storage'].flatMap((d) =>
    readdirSync(join(FIXTURES, d)).filter((f) => f.endsWith('.json')).map((f) => `${d}/${f}`),
  );
  for (const file of fixtures) {
    it(`are parseJson's for every key and value of fixture ${file}`, () => {
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      expect(everySpan(parseJsonFast(text, limits)!)).toEqual(everySpan(parseJson(text, limits)));
    });
  }

  it("are parseJson's whatever order the pointers are looked up in: each container read only as far as a lookup needs", () => {
    const text = '{"a": {"x": [1, {"y": "}"}], "z": 2}, "b\\"c": [[3], 4, {"w": {}}], "d": "e", "f": {"g": {"h": [5, 6]}}}\n';
    const slow = parseJson(text, limits);
    const lookups: Array<[string[], 'key' | 'value']> = [];
    const collect = (v: unknown, segments: string[]) => {
      if (v === null || typeof v !== 'object') return;
      for (const k of Object.keys(v)) {
        lookups.push([[...segments, k], 'key'], [[...segments, k], 'value'], [[...segments, k, 'nope'], 'value']);
        collect((v as Record<string, unknown>)[k], [...segments, k]);
      }
      lookups.push([[...segments, '9'], 'value']);
    };
    collect(slow.value, []);
    for (const order of [[...lookups].reverse(), lookups.filter((_, i) => i % 3 === 1).concat(lookups.filter((_, i) => i % 3 !== 1))]) {
      const fast = parseJsonFast(text, limits)!;
      for (const [segments, target] of order) {
        expect(fast.locations.find(fast.value, segments, target), `${segments.join('/')} ${target}`).toEqual(slow.locations.find(slow.value, segments, target));
      }
    }
    // The first key of the root is found without reading the rest of the root, nor the value looked into.
    const fast = parseJsonFast(text, limits)!;
    expect(fast.locations.find(fast.value, ['a', 'x', '0'], 'value')).toEqual(slow.locations.find(slow.value, ['a', 'x', '0'], 'value'));
    const scans = [...(fast.locations as unknown as { scanned: Map<number, { keys: string[] | null; spans: number[] }> }).scanned.values()];
    expect(scans.map((scan) => [scan.keys, scan.spans.length])).toEqual([[['a'], 4], [['x'], 4], [null, 2]]);
  });

  it("are parseJson's with escapes in keys and strings, spaces everywhere, and a scalar at the root", () => {
    for (const text of [
      ' \n{ "a\\"b" : [ 1 , -2.5e3 , "x\\\\" , { "k\\u0041" : null } ] ,\t"c" : { } , "d" : [ ] , "e":true }\r\n',
      '[[], [[1]], {"a": [{"b": "]}"}]}]',
      '"just a string"',
      '42',
    ]) {
      const fast = parseJsonFast(text, limits)!;
      expect(fast, text).toBeDefined();
      expect(everySpan(fast)).toEqual(everySpan(parseJson(text, limits)));
    }
  });
});
