/**
 * The OpenAPI validator compiled at build time (src/generated/oas30.js and oas31.cjs, export
 * `document`) is the one swagger-parser validates with (for 3.1, OAI's current schema replaces
 * swagger-parser's 2021 one, test/oas31-schema.test.ts; on the 3.1 fixture below both agree): on the same document it yields the same raw
 * ajv errors as `SwaggerParser.validate` (the `details` of the error it throws).
 *
 * What is comparable: SwaggerParser.validate dereferences the document before validating it
 * (circular $refs are left in place), so a problem inside a component comes back once per $ref that
 * reaches it. The oas-schema rule validates the document as written instead, so that each problem is
 * reported once, where it is written. The comparison is therefore made on the document swagger-parser
 * itself validates (SwaggerParser.dereference with the same options), and only its schema validator
 * is compared (`validate.spec: false`): the spec validator's checks are not ajv errors. Nothing is
 * fetched: external and http resolution are off, and `fetch` throws for the duration.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { FIXTURES, lintPath } from './helpers/lint.js';
import { OPTIONS, compiledErrors, dereferenced, keys, openApiPart, swaggerParserErrors } from './helpers/swagger-parser.js';

beforeAll(() => {
  vi.stubGlobal('fetch', () => {
    throw new Error('network access while linting');
  });
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('the compiled validator gives the raw errors of SwaggerParser.validate', () => {
  // The real connectors of ../shared/corpus: test/corpus/swagger-parser.test.ts.
  const fixtures: Array<[string, number]> = [
    // `webhooks` is not an OpenAPI 3.0 key: both validators say so; the rule treats it as the platform's dialect.
    ['valid/hub/helpdesk.json', 1],
    ['valid/hub/webshop.yaml', 0],
    ['valid/openapi/contacts-api.json', 0],
    ['valid/openapi/newsletter.yaml', 1],
    ['invalid/hub/broken-references.json', 4],
    ['invalid/openapi/event-webhooks.json', 8],
    ['rules/oas-schema/invalid/operations.json', 17],
    ['rules/oas-schema/invalid/schema-objects.yaml', 14],
    ['rules/oas-schema/invalid/security-schemes.yaml', 35],
    ['rules/oas-schema/invalid/openapi-3.1.json', 2],
  ];
  for (const [fixture, count] of fixtures) {
    it(`fixture ${fixture}: the same ${count} raw errors`, async () => {
      const doc = openApiPart(join(FIXTURES, fixture));
      const theirs = await swaggerParserErrors(doc);
      expect(theirs.length).toBe(count);
      expect(keys(compiledErrors(await dereferenced(doc)))).toEqual(keys(theirs));
    });
  }

  it('a $ref swagger-parser cannot resolve is the one unresolved-ref reports', async () => {
    const file = join(FIXTURES, 'invalid/hub/mailing-list.yaml');
    await expect(SwaggerParser.validate(structuredClone(openApiPart(file)) as never, OPTIONS as never)).rejects.toThrow(
      'Missing $ref pointer "#/components/schemas/Members"',
    );
    const ours = lintPath(file).diagnostics.filter((d) => d.ruleId === 'unresolved-ref');
    expect(ours.map((d) => d.pointer)).toEqual(['/resources/components/schemas/MemberPage/properties/members/items/$ref']);
  });

  it('without $refs, the document as written and the dereferenced one give the same errors', async () => {
    const doc = openApiPart(join(FIXTURES, 'rules/oas-schema/invalid/operations.json'));
    expect(JSON.stringify(doc)).not.toContain('"$ref"');
    expect(keys(compiledErrors(doc))).toEqual(keys(await swaggerParserErrors(doc)));
  });
});
