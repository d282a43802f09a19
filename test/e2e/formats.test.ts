/** Each output format from the built CLI, and several formats in one run with --output files. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_JSON, CLEAN_JSON, MESSAGES, Workspace, brokenJsonDiagnostics } from './cli.js';

const DOCS = 'https://github.com/cdp-lint/cdp-lint/blob/main/docs/rules/';
const VERSION = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;

// The stylish table of broken.json: positions and severities aligned, nothing padded after a message.
const STYLISH = [
  'broken.json',
  `  15:57  warning  ${MESSAGES.vendor}  unknown-key`,
  `  22:23  error    ${MESSAGES.postCase}  resource-path`,
  `  23:23  error    ${MESSAGES.noPut}  resource-path`,
  `  25:3   error    ${MESSAGES.predefinedEvents}  misspelled-key`,
  '',
  '✖ 4 problems (3 errors, 1 warning, 0 infos)',
  '  3 problems can be fixed with --fix',
  '',
].join('\n');

let w: Workspace;
beforeAll(() => {
  w = new Workspace();
  w.write('broken.json', BROKEN_JSON);
  w.write('clean.json', CLEAN_JSON);
});
afterAll(() => w.remove());

describe('stylish (default)', () => {
  it('prints the aligned table and the summary, and exits 1 on errors', () => {
    const r = w.run('broken.json', 'clean.json');
    expect(r).toEqual({ code: 1, stdout: STYLISH, stderr: '' });
  });

  it('shows a Docs: link under each diagnostic with --verbose, and clean files', () => {
    const r = w.run('--verbose', 'broken.json', 'clean.json');
    const docs = (id: string) => `${' '.repeat(18)}Docs: ${DOCS}${id}.md`;
    const lines = STYLISH.split('\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        lines[0],
        lines[1],
        docs('unknown-key'),
        lines[2],
        docs('resource-path'),
        lines[3],
        docs('resource-path'),
        lines[4],
        docs('misspelled-key'),
        '',
        'clean.json: no problems',
        '',
        '✖ 4 problems (3 errors, 1 warning, 0 infos)',
        '  3 problems can be fixed with --fix',
        '',
      ].join('\n'),
    );
  });

  it('reports a clean file with exit code 0', () => {
    expect(w.run('clean.json')).toEqual({ code: 0, stdout: '✔ No problems found in 1 file\n', stderr: '' });
  });
});

describe('files a folder holds that are not connector definitions', () => {
  let f: Workspace;
  beforeAll(() => {
    f = new Workspace();
    f.write('repo/clean.json', CLEAN_JSON);
    f.write('repo/package.json', '{"name": "connectors", "version": "1.0.0"}');
    f.write('repo/docs/notes.yaml', 'title: notes\n');
    f.write('other/tsconfig.json', '{"compilerOptions": {}}');
    for (let i = 0; i < 7; i++) f.write(`many/f${i}.yaml`, `k: ${i}\n`);
  });
  afterAll(() => f.remove());

  it('are named with --verbose, after the files linted, and not otherwise', () => {
    expect(f.run('--verbose', 'repo')).toEqual({
      code: 0,
      stdout: ['repo/clean.json: no problems', 'repo/docs/notes.yaml: not linted, not a connector definition', 'repo/package.json: not linted, not a connector definition', '', '✔ No problems found in 1 file', ''].join('\n'),
      stderr: '',
    });
    expect(f.run('repo')).toEqual({ code: 0, stdout: '✔ No problems found in 1 file\n', stderr: '' });
  });

  it('are named when no file found is a connector definition (exit 2)', () => {
    const why = 'a connector definition (no `resources`, `preDefined...` list or `x-cdp-` extension); name a file to lint it anyway';
    expect(f.run('other')).toEqual({ code: 2, stdout: '', stderr: `cdp-lint: No connector definitions found in other: other/tsconfig.json was read, but it is not ${why}\n` });
    expect(f.run('many')).toEqual({
      code: 2,
      stdout: '',
      stderr: `cdp-lint: No connector definitions found in many: many/f0.yaml, many/f1.yaml, many/f2.yaml, many/f3.yaml, many/f4.yaml and 2 more were read, but none is ${why}\n`,
    });
    expect(f.run('other', 'repo/docs')).toEqual({
      code: 2,
      stdout: '',
      stderr: `cdp-lint: No connector definitions found in other, repo/docs: other/tsconfig.json and repo/docs/notes.yaml were read, but none is ${why}\n`,
    });
  });

  it('a file named on the command line is linted whatever it holds, also when a folder named before holds it', () => {
    expect(f.run('other/tsconfig.json').code).toBe(1);
    const both = f.run('other', 'other/tsconfig.json');
    expect(both.code).toBe(1);
    expect(both.stdout.split('\n')[0]).toBe('other/tsconfig.json');
  });
});

describe('json', () => {
  it('lists every diagnostic with pointer and range, and the summary', () => {
    const r = w.run('--format', 'json', 'broken.json', 'clean.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.summary).toEqual({ files: 2, errors: 3, warnings: 1, infos: 0 });
    expect(report.files.map((f: { path: string; layout: string }) => [f.path, f.layout])).toEqual([
      ['broken.json', 'openapi'],
      ['clean.json', 'openapi'],
    ]);
    expect(report.files[1].diagnostics).toEqual([]);
    const found = report.files[0].diagnostics.map((d: any) => ({
      ruleId: d.ruleId,
      severity: d.severity,
      pointer: d.pointer,
      message: d.message,
      line: d.range.start.line,
      column: d.range.start.column,
      fixable: d.fixable,
    }));
    // --fix fixes the unknown `vendor`, the method's case and `predefinedEvents`, not the missing put.
    expect(found).toEqual(brokenJsonDiagnostics().map((d, i) => ({ ...d, fixable: i !== 2 })));
    // The key's range spans the quoted key.
    expect(report.files[0].diagnostics[3].range).toEqual({ start: { line: 25, column: 3 }, end: { line: 25, column: 21 } });
  });
});

describe('sarif', () => {
  // Validated against the SARIF 2.1.0 schema in test/corpus/sarif-schema.test.ts.
  it('writes a SARIF 2.1.0 log with rules, docs links and relative locations', () => {
    const r = w.run('-f', 'sarif', 'broken.json');
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('cdp-lint');
    expect(run.tool.driver.version).toBe(VERSION);
    expect(run.tool.driver.rules.map((rule: any) => [rule.id, rule.helpUri, rule.defaultConfiguration.level])).toEqual([
      ['misspelled-key', `${DOCS}misspelled-key.md`, 'error'],
      ['resource-path', `${DOCS}resource-path.md`, 'error'],
      ['unknown-key', `${DOCS}unknown-key.md`, 'warning'],
    ]);
    for (const rule of run.tool.driver.rules) expect(rule.shortDescription.text.length).toBeGreaterThan(10);
    expect(run.results.map((res: any) => [res.ruleId, res.level, res.message.text])).toEqual([
      ['unknown-key', 'warning', MESSAGES.vendor],
      ['resource-path', 'error', MESSAGES.postCase],
      ['resource-path', 'error', MESSAGES.noPut],
      ['misspelled-key', 'error', MESSAGES.predefinedEvents],
    ]);
    expect(run.results[1].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'broken.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 22, startColumn: 23, endLine: 22, endColumn: 39 },
    });
  });
});

describe('junit', () => {
  it('writes one testsuite per file, one failing testcase per diagnostic, a passing one for a clean file', () => {
    const r = w.run('-f', 'junit', 'broken.json', 'clean.json');
    expect(r.code).toBe(1);
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
    const testcase = (rule: string, at: string, severity: string, message: string, pointer: string) =>
      [
        `    <testcase classname="broken.json" name="${rule} at ${at}">`,
        `      <failure type="${severity}" message="${esc(message)}">${esc(`${at} ${severity} ${message} ${rule} (${pointer})`)}</failure>`,
        '    </testcase>',
      ].join('\n');
    expect(r.stdout).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="cdp-lint" tests="5" failures="4">',
        '  <testsuite name="broken.json" tests="4" failures="4" errors="0">',
        testcase('unknown-key', '15:57', 'warning', MESSAGES.vendor, '/paths/~1contacts/post/x-cdp-operation-settings/customSteps/0/vendor'),
        testcase('resource-path', '22:23', 'error', MESSAGES.postCase, '/preDefinedActions/0/resourcePath'),
        testcase('resource-path', '23:23', 'error', MESSAGES.noPut, '/preDefinedActions/1/resourcePath'),
        testcase('misspelled-key', '25:3', 'error', MESSAGES.predefinedEvents, '/predefinedEvents'),
        '  </testsuite>',
        '  <testsuite name="clean.json" tests="1" failures="0" errors="0">',
        '    <testcase classname="clean.json" name="no problems"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });
});

describe('github', () => {
  it('prints one workflow command per diagnostic', () => {
    const r = w.run('-f', 'github', 'broken.json', 'clean.json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        `::warning file=broken.json,line=15,col=57,endLine=15,endColumn=65,title=unknown-key::${MESSAGES.vendor}`,
        `::error file=broken.json,line=22,col=23,endLine=22,endColumn=39,title=resource-path::${MESSAGES.postCase}`,
        `::error file=broken.json,line=23,col=23,endLine=23,endColumn=38,title=resource-path::${MESSAGES.noPut}`,
        `::error file=broken.json,line=25,col=3,endLine=25,endColumn=21,title=misspelled-key::${MESSAGES.predefinedEvents}`,
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for a clean run', () => {
    expect(w.run('-f', 'github', 'clean.json')).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('several formats in one run', () => {
  it('writes each --format to its own --output, and the format without one to stdout', () => {
    const r = w.run('broken.json', '-f', 'sarif', '-o', 'reports/cdp.sarif', '-f', 'junit', '--output', 'reports/junit.xml', '-f', 'stylish');
    expect(r).toEqual({ code: 1, stdout: STYLISH, stderr: '' });
    const sarif = JSON.parse(w.read('reports/cdp.sarif'));
    expect(sarif.runs[0].results).toHaveLength(4);
    const junit = w.read('reports/junit.xml');
    expect(junit.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cdp-lint" tests="4" failures="4">\n')).toBe(true);
    expect(junit.endsWith('</testsuites>\n')).toBe(true);
  });

  it('gives each --output to the --format just before it, in any order of formats', () => {
    const r = w.run('broken.json', '-f', 'stylish', '-f', 'sarif', '-o', 'x/x.sarif');
    expect(r).toEqual({ code: 1, stdout: STYLISH, stderr: '' });
    expect(JSON.parse(w.read('x/x.sarif')).runs[0].results).toHaveLength(4);
    const r2 = w.run('broken.json', '-f', 'stylish', '-f', 'json', '-o', 'y/a.json', '-f', 'sarif', '-o', 'y/b.sarif');
    expect(r2).toEqual({ code: 1, stdout: STYLISH, stderr: '' });
    expect(JSON.parse(w.read('y/a.json')).summary).toEqual({ files: 1, errors: 3, warnings: 1, infos: 0 });
    expect(JSON.parse(w.read('y/b.sarif')).version).toBe('2.1.0');
  });

  it('gives an --output written before every --format to the first one', () => {
    const r = w.run('broken.json', '-o', 'both/report.json', '-f', 'json', '-f', 'github', '-o', 'both/annotations.txt');
    expect(r).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(JSON.parse(w.read('both/report.json')).summary).toEqual({ files: 1, errors: 3, warnings: 1, infos: 0 });
    expect(w.read('both/annotations.txt').split('\n')[0]).toBe(`::warning file=broken.json,line=15,col=57,endLine=15,endColumn=65,title=unknown-key::${MESSAGES.vendor}`);
  });

  it('writes the default stylish report to a lone --output, without colours', () => {
    const r = w.run('broken.json', '-o', 'stylish.txt');
    expect(r).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(w.read('stylish.txt')).toBe(STYLISH);
  });

  it('refuses two reports on stdout, and two outputs for one format', () => {
    expect(w.run('broken.json', '-f', 'json', '-f', 'sarif')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'cdp-lint: Only one report can go to stdout, but json and sarif have no --output: give all but one an --output file\n',
    });
    expect(w.run('broken.json', '-f', 'json', '-f', 'github', '-o', 'a.json', '-o', 'b.json')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'cdp-lint: --format github has two outputs, a.json and b.json: give one --output after each --format\n',
    });
  });

  it('refuses the same output twice, and unknown formats', () => {
    expect(w.run('broken.json', '-f', 'json', '-o', 'same', '-f', 'sarif', '-o', './same')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'cdp-lint: --output ./same is given twice; each format needs its own file\n',
    });
    expect(w.run('broken.json', '-f', 'xml')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'cdp-lint: Unknown format "xml"; expected one of: stylish, json, sarif, junit, github\n',
    });
  });
});
