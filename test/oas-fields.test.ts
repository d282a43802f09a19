/**
 * The fields oas-schema suggests for a misspelt key (src/generated/oas-fields.ts, derived from the
 * schemas at build time by scripts/oas-fields.mjs) are exactly the keys the validators accept:
 * a suggestion never names a key that would be rejected in turn.
 */
import { describe, expect, it } from 'vitest';
import * as oas30 from '../src/generated/oas30.js';
import { OAS_FIELDS } from '../src/generated/oas-fields.js';
import type { NodeType } from '../src/model/node-types.js';

/** Object types with a compiled OpenAPI 3.0 validator of their own, and that validator. */
const VALIDATORS_30: Array<[NodeType, keyof typeof oas30]> = [
  ['PathItem', 'pathItem'],
  ['Operation', 'operation'],
  ['RequestBody', 'requestBody'],
  ['Response', 'response'],
  ['MediaType', 'mediaType'],
  ['Example', 'example'],
  ['Link', 'link'],
  ['Schema', 'schema'],
];

function unexpectedKeys(validator: keyof typeof oas30, value: Record<string, unknown>): string[] {
  const validate = oas30[validator];
  validate(value);
  return (validate.errors ?? []).filter((e) => e.keyword === 'additionalProperties' && e.instancePath === '').map((e) => (e.params as { additionalProperty: string }).additionalProperty);
}

describe('OpenAPI object fields, by version', () => {
  for (const [type, validator] of VALIDATORS_30) {
    it(`3.0 ${type}: every listed field is accepted, and the object takes no other key`, () => {
      const fields = OAS_FIELDS['3.0'][type] ?? [];
      expect(fields.length).toBeGreaterThan(0);
      expect(unexpectedKeys(validator, Object.fromEntries(fields.map((f) => [f, null])))).toEqual([]);
      expect(unexpectedKeys(validator, { zzz: 1 })).toEqual(['zzz']);
    });
  }

  it('lists the fields of 3.0 and 3.1 apart (Info has `summary`, Components `pathItems` only in 3.1)', () => {
    expect(OAS_FIELDS['3.0'].Info).not.toContain('summary');
    expect(OAS_FIELDS['3.1'].Info).toContain('summary');
    expect(OAS_FIELDS['3.0'].Components).not.toContain('pathItems');
    expect(OAS_FIELDS['3.1'].Components).toContain('pathItems');
  });

  it('includes fields declared in branches and patterns (3.0 Path Item methods, 3.1 security scheme branches)', () => {
    expect(OAS_FIELDS['3.0'].PathItem).toEqual(expect.arrayContaining(['summary', 'get', 'trace']));
    expect(OAS_FIELDS['3.1'].SecurityScheme).toEqual(expect.arrayContaining(['name', 'in', 'scheme', 'bearerFormat', 'flows', 'openIdConnectUrl']));
    expect(OAS_FIELDS['3.0'].OAuthFlow).toEqual(expect.arrayContaining(['authorizationUrl', 'tokenUrl', 'refreshUrl', 'scopes']));
  });

  it('has no extension keys: an `x-` key is never suggested', () => {
    for (const version of ['3.0', '3.1'] as const) for (const fields of Object.values(OAS_FIELDS[version])) expect(fields!.filter((f) => f.startsWith('x-'))).toEqual([]);
  });
});
