import { describe, it, expect } from 'vitest';
import { formatSarif } from '../../src/report/sarif.js';
import { summarize, type FileResult } from '../../src/types.js';
import { makeOptions, result, TRICKY_MESSAGE } from './fixture.js';

// Validation against the SARIF 2.1.0 schema (in ../shared/external): test/corpus/sarif-schema.test.ts.

// SARIF's JSON is untyped here; the assertions below pin the shape.
type Json = any;

describe('formatSarif', () => {
  const log: Json = JSON.parse(formatSarif(result, makeOptions()));
  const run: Json = log.runs[0];

  it('produces a SARIF 2.1.0 log with one run', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
  });

  it('describes the tool and every rule that fired, sorted by id', () => {
    expect(run.tool.driver.name).toBe('cdp-lint');
    expect(run.tool.driver.version).toBe('0.1.0');
    expect(run.tool.driver.informationUri).toBe('https://www.npmjs.com/package/cdp-lint');
    // Without a docs page, the descriptions and help repeat the one-line description and give the link.
    const described = (id: string, name: string, text: string, level: string) => ({
      id,
      name,
      shortDescription: { text },
      fullDescription: { text },
      help: { text: `${text}\n\nDocumentation: https://cdp-lint.dev/rules/${id}`, markdown: `${text}\n\n[Documentation](https://cdp-lint.dev/rules/${id})` },
      helpUri: `https://cdp-lint.dev/rules/${id}`,
      defaultConfiguration: { level },
    });
    expect(run.tool.driver.rules).toEqual([
      // Unknown to the registry: described by its id, no help link.
      { id: 'description-style', name: 'DescriptionStyle', shortDescription: { text: 'description-style' }, fullDescription: { text: 'description-style' }, help: { text: 'description-style', markdown: 'description-style' }, defaultConfiguration: { level: 'note' } },
      described('operation-response-schema', 'OperationResponseSchema', 'Every response declares a schema.', 'error'),
      described('path-methods-complete', 'PathMethodsComplete', 'Collection paths offer the full set of methods.', 'warning'),
    ]);
  });

  it('takes fullDescription and help from the docs page when there is one, and marks fixable rules', () => {
    const docs = { fullDescription: 'What it catches.', text: 'Page\n\nWhat it catches', markdown: 'Page\n\n## What it catches' };
    const options = makeOptions();
    options.rules.set('path-methods-complete', { ...options.rules.get('path-methods-complete')!, docs: () => docs, fixable: true });
    const rules: Json[] = JSON.parse(formatSarif(result, options)).runs[0].tool.driver.rules;
    expect(rules[2]).toEqual({
      id: 'path-methods-complete',
      name: 'PathMethodsComplete',
      shortDescription: { text: 'Collection paths offer the full set of methods.' },
      fullDescription: { text: 'What it catches.' },
      help: { text: 'Page\n\nWhat it catches', markdown: 'Page\n\n## What it catches' },
      helpUri: 'https://cdp-lint.dev/rules/path-methods-complete',
      defaultConfiguration: { level: 'warning' },
      properties: { fixable: true },
    });
  });

  it('maps each diagnostic to a result with level, location, region and pointer', () => {
    const location = { uri: 'connectors/acme/openapi.yaml', uriBaseId: '%SRCROOT%' };
    expect(run.results).toEqual([
      {
        ruleId: 'path-methods-complete',
        ruleIndex: 2,
        level: 'warning',
        message: { text: 'path /contacts has get, post; no put' },
        locations: [
          { physicalLocation: { artifactLocation: location, region: { startLine: 8, startColumn: 3, endLine: 8, endColumn: 14 } } },
        ],
        properties: { pointer: '/paths/~1contacts' },
      },
      {
        ruleId: 'operation-response-schema',
        ruleIndex: 1,
        level: 'error',
        message: { text: TRICKY_MESSAGE },
        locations: [
          { physicalLocation: { artifactLocation: location, region: { startLine: 12, startColumn: 7, endLine: 14, endColumn: 20 } } },
        ],
        // The diagnostic's fix, as replacements by UTF-16 offset.
        fixes: [
          {
            description: { text: 'cdp-lint --fix writes `x` here' },
            artifactChanges: [{ artifactLocation: location, replacements: [{ deletedRegion: { charOffset: 10, charLength: 2 }, insertedContent: { text: 'x' } }] }],
          },
        ],
        properties: { pointer: '/paths/~1contacts/get/responses' },
      },
      {
        ruleId: 'description-style',
        ruleIndex: 0,
        level: 'note',
        message: { text: 'description should end with a period' },
        // A zero-width range is widened to one character.
        locations: [
          { physicalLocation: { artifactLocation: location, region: { startLine: 103, startColumn: 16, endLine: 103, endColumn: 17 } } },
        ],
        properties: { pointer: '/info/description' },
      },
    ]);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('lists artifacts relative to %SRCROOT% and declares the base and column unit', () => {
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
    expect(run.artifacts).toEqual([
      { location: { uri: 'connectors/acme/openapi.yaml', uriBaseId: '%SRCROOT%' } },
      { location: { uri: 'connectors/clean/hub.json', uriBaseId: '%SRCROOT%' } },
    ]);
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('percent-encodes paths, falls back to file URIs outside cwd, and repairs broken ranges', () => {
    const files: FileResult[] = [
      {
        path: '/repo/my connectors/#1/openapi.yaml',
        layout: 'openapi',
        diagnostics: [
          // End before start and zero columns: still a valid, non-empty region.
          { ruleId: 'r', messageId: 'm', severity: 'error', message: 'm', pointer: '', range: { start: { line: 5, column: 0 }, end: { line: 4, column: 0 } } },
        ],
      },
      {
        path: '/elsewhere/openapi.yaml',
        layout: 'openapi',
        diagnostics: [
          { ruleId: 'r', messageId: 'm', severity: 'info', message: 'n', pointer: '/a', range: { start: { line: 2, column: 9 }, end: { line: 3, column: 1 } } },
        ],
      },
    ];
    const other: Json = JSON.parse(formatSarif({ files, summary: summarize(files) }, makeOptions()));
    const [first, second] = other.runs[0].results;
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'my%20connectors/%231/openapi.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5, startColumn: 1, endLine: 5, endColumn: 2 },
    });
    expect(second.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'file:///elsewhere/openapi.yaml' },
      region: { startLine: 2, startColumn: 9, endLine: 3, endColumn: 1 },
    });
    // One rule reported at two severities is described at the more severe one.
    expect(other.runs[0].tool.driver.rules).toEqual([
      { id: 'r', name: 'R', shortDescription: { text: 'r' }, fullDescription: { text: 'r' }, help: { text: 'r', markdown: 'r' }, defaultConfiguration: { level: 'error' } },
    ]);
  });

  it('produces a log with no rules and no results for a clean run', () => {
    const clean: FileResult[] = [{ path: '/repo/a.yaml', layout: 'openapi', diagnostics: [] }];
    const empty: Json = JSON.parse(formatSarif({ files: clean, summary: summarize(clean) }, makeOptions()));
    expect(empty.runs[0].tool.driver.rules).toEqual([]);
    expect(empty.runs[0].results).toEqual([]);
  });
});
