/** The JSON.parse fast path gives the same value and positions as the position-recording parser, or steps aside. */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonFast } from '../../src/load/json-fast.js';
import { parseJson } from '../../src/load/json.js';
import { CORPUS } from '../helpers/lint.js';

const limits = { maxDepth: 512 };

describe('parseJsonFast', () => {
  for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.json'))) {
    it(`matches parseJson on ${file}`, () => {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      const fast = parseJsonFast(text, limits)!;
      const slow = parseJson(text, limits);
      expect(fast).toBeDefined();
      expect(fast.value).toEqual(slow.value);
      for (const segments of [['resources', 'paths'], ['name'], ['resources', 'openapi']]) {
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
});
