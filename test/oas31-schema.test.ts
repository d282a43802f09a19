/**
 * OpenAPI 3.1 documents are validated with OAI's current 3.1 schema plus the fixes of
 * scripts/oas31-fixes.mjs, not swagger-parser's 2021-04-15 schema, whose defects OAI has fixed since.
 */
import { describe, expect, it } from 'vitest';
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
