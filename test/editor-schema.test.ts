/**
 * schemas/connector.schema.json is what editors load (README: json.schemas / yaml.schemas). It must be
 * self-contained, so that no editor tries to fetch a relative $ref from its $id, and its embedded
 * copies of the x-cdp-* extension schemas must stay equal to the extension files.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

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
