/** The walk: what string visitors are told about each string. */
import { describe, expect, it } from 'vitest';
import { emptyVisitors, walk } from '../../src/model/walk.js';

describe('walk: string visitors', () => {
  it('get each string its own key, container and pointer, the pointer built only when asked for', () => {
    const doc = { a: 'x', b: { c: 'y', d: ['z', 'w'] }, e: 'v' };
    const seen: string[] = [];
    const visitors = emptyVisitors();
    let n = 0;
    visitors.string.push((value, info) => {
      // The pointer is asked for on every other string only: one object serves every string, and a
      // pointer built for an earlier string must not leak into a later one.
      const ptr = n++ % 2 === 0 ? info.ptr.toString() : '-';
      seen.push(`${value} ${info.key} ${info.parentType} ${ptr}`);
    });
    walk({ value: doc, type: 'Data' }, visitors);
    expect(seen).toEqual(['x a Data /a', 'y c Data -', 'z 0 Data /b/d/0', 'w 1 Data -', 'v e Data /e']);
  });
});
