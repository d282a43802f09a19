/**
 * The compiled OpenAPI validator against SwaggerParser.validate on the real connectors of
 * ../shared/corpus (the fixtures: test/swagger-parser.test.ts), and how many of their raw errors
 * became how many oas-schema diagnostics.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { detectLayout } from '../../src/load/layout.js';
import { lintPath } from '../helpers/lint.js';
import { CORPUS } from '../helpers/shared.js';
import { compiledErrors, dereferenced, keys, openApiPart, swaggerParserErrors } from '../helpers/swagger-parser.js';

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

describe('the compiled validator gives the raw errors of SwaggerParser.validate on the corpus', () => {
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
  });
});
