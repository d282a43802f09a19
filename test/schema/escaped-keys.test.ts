/**
 * The generated validators escape a key for its pointer only when it has `~` or `/`, and test
 * extension keys with startsWith instead of /^x-/u (scripts/build.mjs cheaperKeys): the pointers and
 * the keys found are those of ajv's own code.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers/lint.js';

const doc = (schema: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: { '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } } } },
    ...extra,
  });

describe('generated validators: keys', () => {
  it('point at a property whose name has ~ and / with both escaped, and at a plain one as written', () => {
    const result = lintText(doc({ type: 'object', properties: { 'a/b~c': { type: 5 }, plain: { type: 'string', minLength: 'x' } } }), 'c.json');
    expect(result.diagnostics.filter((d) => d.ruleId === 'oas-schema').map((d) => d.pointer)).toEqual([
      '/paths/~1a/get/responses/200/content/application~1json/schema/properties/a~1b~0c/type',
      '/paths/~1a/get/responses/200/content/application~1json/schema/properties/plain/minLength',
    ]);
  });

  it('take x- keys as extensions, case-sensitively: X- and -x- are not', () => {
    const result = lintText(doc({ type: 'string', 'x-ok': 1, 'X-no': 1, '-x-no': 1 }), 'c.json');
    expect(result.diagnostics.filter((d) => d.ruleId === 'oas-schema').map((d) => [d.messageId, d.pointer])).toEqual([
      ['unexpected', '/paths/~1a/get/responses/200/content/application~1json/schema/X-no'],
      ['unexpected', '/paths/~1a/get/responses/200/content/application~1json/schema/-x-no'],
    ]);
  });

  it('keep no regular-expression escape or /^x-/ test of their own', () => {
    const dir = new URL('../../src/generated/', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => /\.c?js$/.test(n))) {
      const code = readFileSync(new URL(f, dir), 'utf8');
      const escapes = code.split('.replace(/~/g, "~0")').length - 1;
      const x = /const (pattern\d+) = new RegExp\("\^x-", "u"\)/.exec(code)?.[1];
      const xTests = x === undefined ? 0 : code.split(`${x}.test(`).length - 1;
      // One escape is left: the one inside __escapeKey.
      expect({ f, escapes, xTests }).toEqual({ f, escapes: 1, xTests: 0 });
    }
  });
});
