/**
 * SARIF reports validate against the SARIF 2.1.0 JSON Schema (../shared/external, from the OASIS
 * SARIF TC): the formatter's own output and the built CLI's. The shape of each field is asserted in
 * test/report/sarif.test.ts and test/e2e/formats.test.ts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { formatSarif } from '../../src/report/sarif.js';
import { summarize, type FileResult } from '../../src/types.js';
import { makeOptions, result } from '../report/fixture.js';
import { BROKEN_JSON, CLEAN_JSON, Workspace } from '../e2e/cli.js';
import { SARIF_SCHEMA } from '../helpers/shared.js';
import { Scratch } from '../hostile/helpers.js';

function validator() {
  // Both packages are CommonJS with `exports.default`; under NodeNext typing that is where the class lives.
  const ajv = new Ajv04.default({ allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
}

const validate = validator();

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('formatSarif output against the SARIF 2.1.0 schema', () => {
  it('a log with results validates', () => {
    expectValid(JSON.parse(formatSarif(result, makeOptions())));
  });

  it('a log with paths to percent-encode, a file outside cwd and broken ranges validates', () => {
    const files: FileResult[] = [
      {
        path: '/repo/my connectors/#1/openapi.yaml',
        layout: 'openapi',
        diagnostics: [{ ruleId: 'r', messageId: 'm', severity: 'error', message: 'm', pointer: '', range: { start: { line: 5, column: 0 }, end: { line: 4, column: 0 } } }],
      },
      {
        path: '/elsewhere/openapi.yaml',
        layout: 'openapi',
        diagnostics: [{ ruleId: 'r', messageId: 'm', severity: 'info', message: 'n', pointer: '/a', range: { start: { line: 2, column: 9 }, end: { line: 3, column: 1 } } }],
      },
    ];
    expectValid(JSON.parse(formatSarif({ files, summary: summarize(files) }, makeOptions())));
  });

  it('a clean run validates', () => {
    const clean: FileResult[] = [{ path: '/repo/a.yaml', layout: 'openapi', diagnostics: [] }];
    expectValid(JSON.parse(formatSarif({ files: clean, summary: summarize(clean) }, makeOptions())));
  });

  it('rejects what the schema forbids, so the validation above has teeth', () => {
    const broken = JSON.parse(formatSarif(result, makeOptions()));
    broken.runs[0].results[0].level = 'info';
    expect(validate(broken)).toBe(false);
  });
});

describe('the built CLI with --format sarif', () => {
  let w: Workspace;
  beforeAll(() => {
    w = new Workspace();
    w.write('broken.json', BROKEN_JSON);
    w.write('clean.json', CLEAN_JSON);
    w.write('references.json', readFileSync(new URL('../../fixtures/invalid/hub/broken-references.json', import.meta.url), 'utf8'));
    w.write('suppressed/c.yaml', readFileSync(new URL('../../fixtures/rules/suppression/valid/silenced.yaml', import.meta.url), 'utf8'));
    w.write('suppressed/broken.json', BROKEN_JSON);
    w.write('suppressed/.cdp-lint.yaml', 'suppressions:\n  - rule: misspelled-key\n    reason: renamed in the v2 API\n');
  });
  afterAll(() => w.remove());

  it('writes a log that validates, with problems and without', () => {
    const broken = w.run('-f', 'sarif', 'broken.json');
    expect(broken.code).toBe(1);
    expectValid(JSON.parse(broken.stdout));
    const clean = w.run('-f', 'sarif', 'clean.json');
    expect(clean.code).toBe(0);
    expectValid(JSON.parse(clean.stdout));
  });

  it('a log with rules from their docs pages, suppressions and fixes validates', () => {
    const r = w.run('-f', 'sarif', 'broken.json', 'references.json', 'suppressed');
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.runs[0].results.some((res: { suppressions?: unknown[] }) => res.suppressions?.length)).toBe(true);
    expect(log.runs[0].results.some((res: { fixes?: unknown[] }) => res.fixes?.length)).toBe(true);
    expectValid(log);
  });
});

describe('the built CLI with --format sarif, on a file and a folder it cannot read', () => {
  it('writes a log that validates, with a read-error result on each', () => {
    const s = new Scratch();
    try {
      const r = s.withUnreadable(CLEAN_JSON, BROKEN_JSON, () => s.runUnprivileged(['d', '--format', 'sarif']));
      expect(r.code).toBe(2);
      const log = JSON.parse(r.stdout);
      expect(log.runs[0].results.map((res: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => [res.ruleId, res.locations[0]!.physicalLocation.artifactLocation.uri])).toEqual([
        ['read-error', 'd/bad.json'],
        ['read-error', 'd/locked'],
      ]);
      expectValid(log);
    } finally {
      s.remove();
    }
  });
});
