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
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { ErrorObject } from 'ajv';
import * as oas30 from '../src/generated/oas30.js';
import { createRequire } from 'node:module';
import type * as Oas31 from '../src/generated/oas31.cjs';
import { CONNECTOR_ROOT_KEYS } from '../src/rules/oas-schema.js';
import { parseText, defaultLimits } from '../src/load/source.js';
import { detectLayout } from '../src/load/layout.js';
import { CORPUS, FIXTURES, lintPath } from './helpers/lint.js';

const oas31 = createRequire(import.meta.url)('../src/generated/oas31.cjs') as typeof Oas31;

type Doc = Record<string, unknown>;

const OPTIONS = {
  resolve: { external: false, file: false, http: false },
  dereference: { circular: 'ignore' as const },
  validate: { spec: false },
};

/** The raw errors SwaggerParser.validate reports for `doc` (none when it accepts it). */
async function swaggerParserErrors(doc: Doc): Promise<ErrorObject[]> {
  try {
    await SwaggerParser.validate(structuredClone(doc) as never, OPTIONS as never);
    return [];
  } catch (e) {
    const details = (e as { details?: ErrorObject[] }).details;
    if (!details) throw e;
    return details;
  }
}

/** The raw errors of our compiled validator on `doc`. */
function compiledErrors(doc: Doc): ErrorObject[] {
  const validate = /^3\.1\./.test(String(doc['openapi'])) ? oas31.document : oas30.document;
  validate(doc);
  return [...(validate.errors ?? [])];
}

/** The document swagger-parser validates: `doc` dereferenced with the same options. */
async function dereferenced(doc: Doc): Promise<Doc> {
  return (await new SwaggerParser().dereference(structuredClone(doc) as never, OPTIONS as never)) as unknown as Doc;
}

const keyOf = (e: ErrorObject) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`;
const keys = (errors: ErrorObject[]) => errors.map(keyOf).sort();

/** The OpenAPI part of a connector file: `resources` of a hub connector, the root minus the connector's keys otherwise. */
function openApiPart(path: string): Doc {
  const source = parseText(path, readFileSync(path, 'utf8'), defaultLimits);
  const root = source.value as Doc;
  if (detectLayout(root) === 'hub') return root['resources'] as Doc;
  return Object.fromEntries(Object.entries(root).filter(([k]) => !CONNECTOR_ROOT_KEYS.has(k)));
}

beforeAll(() => {
  vi.stubGlobal('fetch', () => {
    throw new Error('network access while linting');
  });
});
afterAll(() => {
  vi.unstubAllGlobals();
});

/** Raw error counts of SwaggerParser.validate per corpus file (the dereferenced document). */
const CORPUS_RAW: Record<string, number> = {
  'campaign-monitor.json': 0,
  'facebook-conversion-api.json': 13,
  'google-bigquery.json': 30,
  'hubspot.json': 0,
  'intercom.json': 23,
  'mailchimp.json': 12,
  'woocommerce.json': 78,
};

describe('the compiled validator gives the raw errors of SwaggerParser.validate', () => {
  it('covers every corpus connector that has an OpenAPI document (aws-s3 is a storage connector)', () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort();
    expect(files.filter((f) => !(f in CORPUS_RAW))).toEqual(['aws-s3.json']);
    expect(detectLayout(JSON.parse(readFileSync(join(CORPUS, 'aws-s3.json'), 'utf8')))).toBe('storage');
  });

  for (const [file, count] of Object.entries(CORPUS_RAW)) {
    it(`corpus ${file}: the same ${count} raw errors`, async () => {
      const doc = openApiPart(join(CORPUS, file));
      const theirs = await swaggerParserErrors(doc);
      expect(theirs.length).toBe(count);
      expect(keys(compiledErrors(await dereferenced(doc)))).toEqual(keys(theirs));
    });
  }

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

/** Per corpus file: raw errors (swagger-parser, dereferenced; ours, as written) -> oas-schema diagnostics. */
const CORPUS_COUNTS: Record<string, { asWritten: number; diagnostics: number }> = {
  'campaign-monitor.json': { asWritten: 0, diagnostics: 0 },
  'facebook-conversion-api.json': { asWritten: 13, diagnostics: 3 },
  'google-bigquery.json': { asWritten: 30, diagnostics: 2 },
  'hubspot.json': { asWritten: 0, diagnostics: 0 },
  'intercom.json': { asWritten: 23, diagnostics: 8 },
  'mailchimp.json': { asWritten: 5, diagnostics: 1 },
  'woocommerce.json': { asWritten: 57, diagnostics: 16 },
};

describe('how many raw errors became how many diagnostics', () => {
  it('prints and checks the numbers per corpus file', async () => {
    const rows: string[] = ['file                           swagger-parser  compiled-as-written  oas-schema'];
    const found: Record<string, { asWritten: number; diagnostics: number }> = {};
    for (const file of Object.keys(CORPUS_RAW)) {
      const doc = openApiPart(join(CORPUS, file));
      const raw = (await swaggerParserErrors(doc)).length;
      const asWritten = compiledErrors(doc).length;
      const diagnostics = lintPath(join(CORPUS, file)).diagnostics.filter((d) => d.ruleId === 'oas-schema').length;
      found[file] = { asWritten, diagnostics };
      rows.push(`${file.padEnd(31)}${String(raw).padStart(14)}${String(asWritten).padStart(21)}${String(diagnostics).padStart(12)}`);
    }
    console.log(rows.join('\n'));
    expect(found).toEqual(CORPUS_COUNTS);
    // Seven documents through swagger-parser and the CLI's lint: 5 s is not enough on a busy two-core machine.
  }, 60_000);
});
