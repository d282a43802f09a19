/**
 * Problems written in files a connector's `$ref`s reach, through the CLI: each such file is a file
 * of the report (JSON, stylish, SARIF, JUnit, GitHub), of the baseline and of the exit code; a file
 * two connectors share is one entry, each problem once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Workspace } from './cli.js';

vi.setConfig({ testTimeout: 60_000 });

let w: Workspace;
beforeEach(() => {
  w = new Workspace();
  w.write('.git/HEAD', 'ref: refs/heads/main\n');
  w.write('common/contacts.yaml', 'description: Contacts\nx-cdp-vendor: acme\ncontent:\n  application/json:\n    schema: {type: object}\n');
  for (const name of ['a', 'b']) {
    w.write(
      `spec/${name}.yaml`,
      `openapi: 3.0.3
info: {title: ${name}, version: '1'}
paths:
  /contacts:
    get:
      tags: [Events]
      summary: List
      responses:
        '200': {$ref: '../common/contacts.yaml'}
preDefinedEvents:
  - {resourcePath: /contacts/get, name: Contacts}
`,
    );
  }
});
afterEach(() => w.remove());

const WARNING = {
  ruleId: 'unknown-extension',
  severity: 'warning',
  pointer: '/x-cdp-vendor',
  range: { start: { line: 2, column: 1 }, end: { line: 2, column: 13 } },
};

describe('JSON', () => {
  it('gives the referenced file an entry of its own (layout `referenced`), once for two connectors, right after the first', () => {
    const r = w.run('spec', '-f', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { files: Array<{ path: string; layout: string; diagnostics: Array<Record<string, unknown>> }>; summary: Record<string, number> };
    expect(report.files.map((f) => [f.path, f.layout, f.diagnostics.length])).toEqual([
      ['spec/a.yaml', 'openapi', 0],
      ['common/contacts.yaml', 'referenced', 1],
      ['spec/b.yaml', 'openapi', 0],
    ]);
    expect(report.files[1]!.diagnostics[0]).toMatchObject(WARNING);
    expect(report.summary).toEqual({ files: 3, errors: 0, warnings: 1, infos: 0 });
  });
});

describe('the other formats name the file where the problem is written', () => {
  it('stylish', () => {
    const out = w.run('spec/a.yaml').stdout;
    expect(out).toContain('common/contacts.yaml\n  2:1  warning');
    expect(out).not.toContain('spec/a.yaml');
  });

  it('SARIF', () => {
    const sarif = JSON.parse(w.run('spec/a.yaml', '-f', 'sarif').stdout) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    const loc = sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation;
    expect([sarif.runs[0]!.results.length, loc.artifactLocation.uri, loc.region.startLine]).toEqual([1, 'common/contacts.yaml', 2]);
  });

  it('GitHub annotations', () => {
    expect(w.run('spec/a.yaml', '-f', 'github').stdout).toMatch(/^::warning file=common\/contacts\.yaml,line=2,/m);
  });

  it('JUnit', () => {
    expect(w.run('spec/a.yaml', '-f', 'junit').stdout).toMatch(/<testsuite name="common\/contacts\.yaml"/);
  });
});

describe('the baseline', () => {
  it('records the problem under the referenced file, and hides it on the next run', () => {
    expect(w.run('spec', '--generate-baseline', 'baseline.json').code).toBe(0);
    const baseline = JSON.parse(w.read('baseline.json')) as { entries: Array<{ file: string; ruleId: string; pointer: string }> };
    expect(baseline.entries.map((e) => [e.file, e.ruleId, e.pointer])).toEqual([['common/contacts.yaml', 'unknown-extension', '/x-cdp-vendor']]);
    const report = JSON.parse(w.run('spec', '--baseline', 'baseline.json', '-f', 'json').stdout) as { summary: Record<string, number> };
    expect(report.summary).toMatchObject({ warnings: 0, baselined: 1, staleBaseline: 0 });
  });
});

describe('--fix', () => {
  it('fixes the connector, leaves the referenced file as it is, and still reports the problem written there', () => {
    w.write('spec/a.yaml', w.read('spec/a.yaml').replace('/contacts/get', '/contacts/GET'));
    const before = w.read('common/contacts.yaml');
    const r = w.run('spec/a.yaml', '--fix', '-f', 'json');
    expect(r.stderr).toBe('cdp-lint: fixed 1 problem in spec/a.yaml\n');
    expect(w.read('spec/a.yaml')).toContain('resourcePath: /contacts/get,');
    expect(w.read('common/contacts.yaml')).toBe(before);
    const report = JSON.parse(r.stdout) as { files: Array<{ path: string; fixed?: number; diagnostics: Array<{ ruleId: string }> }> };
    expect(report.files.map((f) => [f.path, f.fixed, f.diagnostics.map((d) => d.ruleId)])).toEqual([
      ['spec/a.yaml', 1, []],
      ['common/contacts.yaml', undefined, ['unknown-extension']],
    ]);
  });
});
