/**
 * OpenAPI 3.1 documents are validated with OAI's current 3.1 schema plus the fixes of
 * scripts/oas31-fixes.mjs, not swagger-parser's 2021-04-15 schema, whose defects OAI has fixed since.
 */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lintText } from './helpers/lint.js';

function oasSchema(body: string): Array<[string, string]> {
  const text = `openapi: 3.1.0\ninfo:\n  title: Pets\n  version: "1"\n${body}`;
  return lintText(text, 'pets.yaml')
    .diagnostics.filter((d) => d.ruleId === 'oas-schema')
    .map((d) => [d.pointer, d.message]);
}

const op = (extra: string) => `paths:
  /pets:
    get:
      responses:
        "200":
          description: The pets
${extra}`;

describe('OpenAPI 3.1: what the 2021 schema got wrong', () => {
  it('accepts a Path Item `$ref` (3.1.0 Path Item Object: `$ref` is a fixed field)', () => {
    expect(oasSchema(`paths:\n  /pets:\n    $ref: "#/components/pathItems/Pets"\ncomponents:\n  pathItems:\n    Pets:\n      get:\n        responses:\n          "200": { description: OK }\n`)).toEqual([]);
  });

  it('accepts a Server Variable `description`', () => {
    expect(oasSchema(`servers:\n  - url: "https://{host}"\n    variables:\n      host: { default: api.example.com, description: The host }\npaths: {}\n`)).toEqual([]);
  });

  it('accepts a License with only `name`, and with `name` and either `identifier` or `url`', () => {
    for (const license of ['{ name: MIT }', '{ name: MIT, identifier: MIT }', '{ name: MIT, url: "https://opensource.org/licenses/MIT" }']) {
      expect(oasSchema(`  license: ${license}\npaths: {}\n`), license).toEqual([]);
    }
  });

  it('rejects a License with both `identifier` and `url`, which exclude each other', () => {
    expect(oasSchema(`  license: { name: MIT, identifier: MIT, url: "https://opensource.org/licenses/MIT" }\npaths: {}\n`)).toEqual([
      ['/info/license', 'A License may not have both `identifier` and `url`'],
    ]);
  });

  it('accepts a Link `server`, and rejects a Link `body` (not a Link field)', () => {
    const links = '          links:\n            owner: { operationId: getOwner, server: { url: "https://owners.example.com" } }\n            bad: { operationId: getOwner, body: { id: 1 } }\n';
    expect(oasSchema(op(links))).toEqual([
      ['/paths/~1pets/get/responses/200/links/bad/body', '`body` is not allowed in a Link; custom keys must start with `x-`'],
    ]);
  });

  it('accepts specification extensions of any type in a Callback (fix `callback-extensions`)', () => {
    const callbacks = `      callbacks:
        onPet:
          x-internal: true
          x-owner: pets-team
          "{$request.body#/callbackUrl}":
            post:
              responses:
                "200": { description: OK }
`;
    const text = op('').replace('    get:\n', `    get:\n${callbacks}`);
    expect(oasSchema(text)).toEqual([]);
  });

  it('still reports what 3.1 forbids: a Response without `description`', () => {
    expect(oasSchema('paths:\n  /pets:\n    get:\n      responses:\n        "200": {}\n').map(([p]) => p)).toEqual(['/paths/~1pets/get/responses/200']);
  });
});

describe('OpenAPI 3.1: keys declared only in a conditional branch', () => {
  it('oas-schema knows every key the 3.1 schema declares only inside `then`, `allOf`, `oneOf` or `dependentSchemas` of an object', async () => {
    const fixes = pathToFileURL(resolve(__dirname, '../scripts/oas31-fixes.mjs')).href;
    const { oas31Schema } = (await import(fixes)) as { oas31Schema: () => Record<string, unknown> };
    const { BRANCH_ONLY_KEYS_31 } = await import('../src/rules/oas-schema.js');
    type S = { [k: string]: unknown };
    const schema = oas31Schema() as S;
    const defs = schema['$defs'] as Record<string, S>;
    const at = (ref: string): S | undefined => ref.slice(2).split('/').reduce<unknown>((v, k) => (v as S | undefined)?.[k], schema) as S | undefined;
    // Keys a branch declares, following local $refs that are not other objects' definitions.
    const branchKeys = (s: S | undefined, out: Set<string>, inBranch: boolean, seen: Set<S>): void => {
      if (!s || typeof s !== 'object' || seen.has(s)) return;
      seen.add(s);
      if (inBranch && s['properties']) for (const k of Object.keys(s['properties'] as S)) out.add(k);
      const ref = s['$ref'];
      if (typeof ref === 'string' && ref.startsWith('#/') && !/specification-extensions$|-or-reference$|\/schema$/.test(ref)) {
        const target = at(ref);
        if (target && (inBranch || target['type'] === undefined)) branchKeys(target, out, inBranch, seen);
      }
      for (const k of ['then', 'else']) branchKeys(s[k] as S | undefined, out, true, seen);
      for (const k of ['allOf', 'oneOf', 'anyOf']) for (const b of (s[k] as S[] | undefined) ?? []) branchKeys(b, out, true, seen);
      for (const b of Object.values((s['dependentSchemas'] as Record<string, S> | undefined) ?? {})) branchKeys(b, out, true, seen);
    };
    const NAMES: Record<string, string> = { parameter: 'Parameter', header: 'Header', 'media-type': 'MediaType', encoding: 'Encoding', 'security-scheme': 'SecurityScheme' };
    const derived: Record<string, string[]> = {};
    for (const [name, def] of Object.entries(defs)) {
      if (name.endsWith('-or-reference') || def['unevaluatedProperties'] !== false) continue;
      const keys = new Set<string>();
      branchKeys(def, keys, false, new Set());
      const own = Object.keys((def['properties'] as S | undefined) ?? {});
      const only = [...keys].filter((k) => !own.includes(k)).sort();
      if (only.length > 0) derived[NAMES[name] ?? name] = only;
    }
    const known = Object.fromEntries(Object.entries(BRANCH_ONLY_KEYS_31).map(([k, v]) => [k, [...v!].sort()]));
    expect(known).toEqual(derived);
  });
});
