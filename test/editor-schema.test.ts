/**
 * schemas/connector.schema.json is what editors load (README: json.schemas / yaml.schemas). It must be
 * self-contained, so that no editor tries to fetch a relative $ref from its $id, and its embedded
 * copies of the x-cdp-* extension schemas must stay equal to the extension files.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import AjvModule, { type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { FIXTURES } from './helpers/lint.js';

// CommonJS packages: their default export is the module object under NodeNext typing (as in schemas.test.ts).
const Ajv = AjvModule.default ?? AjvModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;

const dir = resolve(__dirname, '../schemas');
const read = (f: string) => JSON.parse(readFileSync(resolve(dir, f), 'utf8')) as Record<string, unknown>;
const EXTENSIONS: Record<string, string> = {
  'x-cdp-operation-settings.schema.json': 'xCdpOperationSettings',
  'x-cdp-schema-settings.schema.json': 'xCdpSchemaSettings',
  'x-cdp-path-settings.schema.json': 'xCdpPathSettings',
  'x-cdp-authorization-settings.schema.json': 'xCdpAuthorizationSettings',
};

function refs(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => refs(x, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === '$ref' && typeof x === 'string' ? out.push(x) : refs(x, out);
  return out;
}

/** An extension file as it appears embedded: no $schema/$id, refs local to connector.schema.json. */
function embedded(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(embedded);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '$schema' || k === '$id') continue;
      if (k === '$ref' && typeof x === 'string') o[k] = EXTENSIONS[x] ? `#/definitions/${EXTENSIONS[x]}` : x.replace(/^connector\.schema\.json#/, '#');
      else o[k] = embedded(x);
    }
    return o;
  }
  return v;
}

describe('editor schema', () => {
  const root = read('connector.schema.json');
  it('has $schema and $id and only local $refs', () => {
    expect(root['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(typeof root['$id']).toBe('string');
    expect(refs(root).filter((r) => !r.startsWith('#/'))).toEqual([]);
  });
  for (const [file, name] of Object.entries(EXTENSIONS)) {
    it(`embeds ${file} unchanged as definitions.${name}`, () => {
      expect((root['definitions'] as Record<string, unknown>)[name]).toEqual(embedded(read(file)));
    });
  }
});

/**
 * One editor schema per layout: connector.schema.json for the hub and storage layouts,
 * connector-openapi.schema.json for the OpenAPI-root layout (connector lists beside `openapi`).
 * Every valid fixture passes its layout's schema; in the invalid fixtures, the editor schema flags
 * every place where cdp-lint's own schema rules (cdp-schema, misspelled-key, unknown-key) report.
 */
describe('editor schema per layout', () => {
  const LAYOUT_SCHEMA: Record<string, string> = { hub: 'connector.schema.json', storage: 'connector.schema.json', openapi: 'connector-openapi.schema.json' };
  const SCHEMA_RULES = ['cdp-schema', 'misspelled-key', 'unknown-key'];
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validators = new Map([...new Set(Object.values(LAYOUT_SCHEMA))].map((f) => [f, ajv.compile(read(f))]));
  const load = (path: string): unknown => (path.endsWith('.json') ? JSON.parse(readFileSync(path, 'utf8')) : parseYaml(readFileSync(path, 'utf8'), { uniqueKeys: false }));
  const errorsOf = (layout: string, path: string) => {
    const validate = validators.get(LAYOUT_SCHEMA[layout]!)!;
    return validate(load(path)) ? [] : (validate.errors ?? []);
  };
  /** Where an ajv error says the problem is: the value's pointer, or an unexpected key's. */
  const places = (errors: ErrorObject[]) =>
    errors.map((e) => (e.keyword === 'additionalProperties' ? `${e.instancePath}/${String(e.params['additionalProperty']).replace(/~/g, '~0').replace(/\//g, '~1')}` : e.instancePath));

  const openapiRoot = read('connector-openapi.schema.json');
  it('the OpenAPI-root schema has $schema and $id, only local $refs, and the hub schema\'s definitions and connector fields', () => {
    expect(openapiRoot['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(openapiRoot['$id']).not.toBe(read('connector.schema.json')['$id']);
    expect(refs(openapiRoot).filter((r) => !r.startsWith('#/'))).toEqual([]);
    expect(openapiRoot['definitions']).toEqual(read('connector.schema.json')['definitions']);
    const hubProps = read('connector.schema.json')['properties'] as Record<string, unknown>;
    const props = openapiRoot['properties'] as Record<string, unknown>;
    for (const k of Object.keys(hubProps).filter((k) => k !== 'resources' && k !== 'externalDocs')) expect(props[k], k).toEqual(hubProps[k]);
  });

  for (const layout of Object.keys(LAYOUT_SCHEMA)) {
    const validDir = resolve(FIXTURES, 'valid', layout);
    for (const f of readdirSync(validDir).filter((x) => /\.(json|ya?ml)$/.test(x))) {
      it(`valid/${layout}/${f} passes ${LAYOUT_SCHEMA[layout]}`, () => {
        expect(errorsOf(layout, resolve(validDir, f))).toEqual([]);
      });
    }
  }

  it('the hub schema does not fit the OpenAPI-root layout, which is why it has its own', () => {
    const path = resolve(FIXTURES, 'valid/openapi/contacts-api.json');
    const validate = validators.get('connector.schema.json')!;
    expect(validate(load(path))).toBe(false);
  });

  const SAMPLE = ['hub/mailing-list.yaml', 'openapi/orders-api.yaml', 'openapi/event-webhooks.json', 'storage/s3-settings.yaml', 'storage/sftp-drop.json'];
  for (const sample of SAMPLE) {
    it(`invalid/${sample}: the editor flags every place cdp-lint's schema rules report`, () => {
      const [layout] = sample.split('/');
      const path = resolve(FIXTURES, 'invalid', sample);
      const expected = (JSON.parse(readFileSync(path.replace(/\.(json|ya?ml)$/, '.expected.json'), 'utf8')) as Array<{ ruleId: string; pointer: string }>)
        .filter((d) => SCHEMA_RULES.includes(d.ruleId))
        .map((d) => d.pointer);
      expect(expected.length).toBeGreaterThan(0);
      const flagged = places(errorsOf(layout!, path));
      for (const pointer of expected) expect(flagged, pointer).toContain(pointer);
    });
  }
});
