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

  it('give refString visitors each string under a `$ref` key in an untyped place or data, after the string visitors and with the same info', () => {
    const doc = {
      openapi: '3.0.3',
      paths: { '/a': { get: { responses: { '200': { $ref: '#/components/responses/R' } } } } },
      components: { schemas: { S: { example: { $ref: 'in data' }, unknownKey: { $ref: 'untyped' }, properties: { $ref: { $ref: '#/components/schemas/T' } } }, T: { $ref: 5 } } },
    };
    const seen: string[] = [];
    const visitors = emptyVisitors();
    visitors.refString.push((value, info) => seen.push(`ref ${value} ${info.type} ${info.ptr.toString()}`));
    walk({ value: doc, type: 'OpenAPI' }, visitors);
    // A Reference Object in a typed place is the `ref` visitors' (its `$ref` is not walked as a string), as is a `$ref` that is no string.
    expect(seen).toEqual(['ref in data Data /components/schemas/S/example/$ref', 'ref untyped Any /components/schemas/S/unknownKey/$ref']);
    const both = emptyVisitors();
    const order: string[] = [];
    both.string.push((value, info) => order.push(`string ${value} ${info.key}`));
    both.refString.push((value, info) => order.push(`refString ${value} ${info.key}`));
    walk({ value: { a: 'x', $ref: 'y' }, type: 'Data' }, both);
    expect(order).toEqual(['string x a', 'string y $ref', 'refString y $ref']);
  });
});
