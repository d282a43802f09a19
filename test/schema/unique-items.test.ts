/** The linear uniqueItems check that replaces ajv's pairwise loop reports the pair ajv's loop reports. */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
// The equality ajv's generated code compares items with (its runtime's fast-deep-equal).
import ajvEqual from 'ajv/dist/runtime/equal.js';
import { duplicateItems } from '../../src/schema/unique-items.js';

const equal = ((ajvEqual as unknown as { default?: unknown }).default ?? ajvEqual) as (a: unknown, b: unknown) => boolean;

/** ajv's generated loop: i from the end, j from i - 1 down, the first equal pair. */
function pairwise(items: unknown[]): [number, number] | undefined {
  for (let i = items.length - 1; i > 0; i--) for (let j = i - 1; j >= 0; j--) if (equal(items[i], items[j])) return [i, j];
  return undefined;
}

describe('duplicateItems', () => {
  it('finds the pair ajv finds: the last item equal to an earlier one, and the last such earlier item', () => {
    expect(duplicateItems([1, 2, 3])).toBeUndefined();
    expect(duplicateItems(['a', 'b', 'a', 'b', 'a'])).toEqual([4, 2]);
    expect(duplicateItems([{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }])).toEqual([1, 0]);
  });

  it('tells apart what fast-deep-equal tells apart', () => {
    expect(duplicateItems([1, '1'])).toBeUndefined();
    expect(duplicateItems([[], {}])).toBeUndefined();
    expect(duplicateItems([null, 'null'])).toBeUndefined();
    expect(duplicateItems([{ a: 1 }, { a: 1, b: 2 }])).toBeUndefined();
    expect(duplicateItems([[1, 2], [2, 1]])).toBeUndefined();
    expect(duplicateItems([JSON.parse('{"__proto__": 1}'), {}])).toBeUndefined();
  });

  it('writes canonically only the items whose JSON text is as long as another item\'s', () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const items = [{ name: 'a', in: 'query' }, { name: 'bb', in: 'query' }, { in: 'path', name: 'c' }, { name: 'c', in: 'path' }, 'x', 'y'];
      expect(duplicateItems(items)).toEqual([3, 2]);
      const canonical = stringify.mock.calls.filter((call) => call[1] !== undefined).map((call) => call[0]);
      expect(canonical).toEqual([items[2], items[3], 'x', 'y']);
    } finally {
      stringify.mockRestore();
    }
  });

  it('agrees with the pairwise loop on many small random arrays', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const value = (depth: number): unknown => {
      switch (random(depth > 2 ? 4 : 6)) {
        case 0:
          return random(3);
        case 1:
          return String(random(3));
        case 2:
          return random(2) === 0 ? null : true;
        case 3:
          return 'x';
        case 4:
          return Array.from({ length: random(3) }, () => value(depth + 1));
        default:
          return Object.fromEntries(Array.from({ length: random(3) }, () => [['a', 'b', 'c'][random(3)]!, value(depth + 1)]));
      }
    };
    for (let n = 0; n < 2000; n++) {
      const items = Array.from({ length: random(8) }, () => value(0));
      expect(duplicateItems(items), JSON.stringify(items)).toEqual(pairwise(items));
    }
  });
});

describe('the validators the build generates', () => {
  it('compare no pair of items and copy no error list (both quadratic)', () => {
    const dir = new URL('../../src/generated/', import.meta.url);
    const files = readdirSync(dir).filter((f) => /\.c?js$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const code = readFileSync(new URL(f, dir), 'utf8');
      expect({ f, pairwise: /for\(\w+ = \w+; \w+--;\)\{if\(func0\(/.test(code), copied: code.includes('vErrors.concat(') }).toEqual({ f, pairwise: false, copied: false });
    }
  });
});
