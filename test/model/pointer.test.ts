/** Ptr.parse: RFC 6901 pointers and URI fragments into segments. */
import { describe, expect, it } from 'vitest';
import { Ptr, parsePointer } from '../../src/model/pointer.js';

describe('Ptr.parse', () => {
  it('unescapes ~1 and ~0 (in that order) in each segment, and leaves other segments as written', () => {
    expect(parsePointer('/paths/~1users~1{id}/get')).toEqual(['paths', '/users/{id}', 'get']);
    expect(parsePointer('/a~01/b~10/c')).toEqual(['a~1', 'b/0', 'c']);
    expect(parsePointer('/components/schemas/Item')).toEqual(['components', 'schemas', 'Item']);
  });

  it('percent-decodes a fragment, keeps one that does not decode as written, and never decodes a plain pointer', () => {
    expect(parsePointer('#/components/schemas/A%20B')).toEqual(['components', 'schemas', 'A B']);
    expect(parsePointer('#/components/schemas/100%')).toEqual(['components', 'schemas', '100%']);
    expect(parsePointer('/a%20b')).toEqual(['a%20b']);
    // Decoded first, then unescaped: `%7E1` is `~1`, a slash.
    expect(parsePointer('#/x~1y%7E1z')).toEqual(['x/y/z']);
  });

  it('reads the root from an empty pointer, `#`, or a fragment that is not a pointer', () => {
    expect(Ptr.parse('').isRoot).toBe(true);
    expect(Ptr.parse('#').isRoot).toBe(true);
    expect(Ptr.parse('#name').isRoot).toBe(true);
    expect(parsePointer('#/')).toEqual(['']);
  });
});
