/**
 * End to end: the BUILT command (`node bin/cdp-lint.cjs`, which runs dist/cli.cjs; `npm test` builds
 * first) in a child process, as a connector author or a CI job runs it: exit codes, stdout, stderr.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RULES } from '../src/rules/index.js';
import { PRESETS } from '../src/config/presets.js';

const REPO = resolve(__dirname, '..');
const CLI = join(REPO, 'bin', 'cdp-lint.cjs');
const FIX = join(REPO, 'fixtures');
const ANSI = /\u001b\[/;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI; NO_COLOR is removed from the environment unless `env` sets it. */
function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, COLUMNS: undefined, ...options.env };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO, env: env as NodeJS.ProcessEnv, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(run: Run): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}

interface JsonReport {
  files: Array<{ path: string; layout: string; diagnostics: Array<{ ruleId: string; severity: string; message: string; pointer: string; range: Range; fixable: boolean }> }>;
  summary: { files: number; errors: number; warnings: number; infos: number };
}
type Range = { start: { line: number; column: number }; end: { line: number; column: number } };

/** A usage failure: exit 2, nothing on stdout, one line on stderr, no stack trace. */
function expectUsageFailure(run: Run, mentions: string): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^cdp-lint: /);
  expect(run.stderr).toContain(mentions);
  expect(run.stderr).not.toContain('    at ');
}

let tmp: string;

beforeAll(() => {
  if (!existsSync(join(REPO, 'dist', 'cli.cjs'))) throw new Error('dist/cli.cjs is missing: run `node scripts/build.mjs` (npm test does) first');
  tmp = mkdtempSync(join(tmpdir(), 'cdp-lint-cli-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** A fresh folder under the run's temp dir. */
function folder(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('exit codes', () => {
  it('0 on a valid connector, with the summary line', () => {
    const run = cli(['fixtures/valid/hub/helpdesk.json']);
    expect(run).toEqual({ status: 0, stdout: '✔ No problems found in 1 file\n', stderr: '' });
  });

  it('1 on an invalid connector', () => {
    const run = cli(['fixtures/invalid/hub/broken-references.json']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('✖ 6 problems (6 errors, 0 warnings, 0 infos)');
  });

  it('2 for an unknown option', () => {
    expectUsageFailure(cli(['--no-such-option', 'fixtures/valid/hub/helpdesk.json']), '--no-such-option');
  });

  it('2 for a missing file', () => {
    expectUsageFailure(cli(['does-not-exist.json']), 'does-not-exist.json');
  });

  it('2 for an empty directory', () => {
    const dir = folder('empty');
    expectUsageFailure(cli([dir]), dir);
  });
});

describe('--format json', () => {
  const run = () => cli(['fixtures/invalid/hub/broken-references.json', 'fixtures/valid/storage/s3-import.yaml', '--format', 'json']);

  it('has exactly the documented shape', () => {
    const r = run();
    expect(r.status).toBe(1);
    const out = json(r);
    expect(Object.keys(out)).toEqual(['files', 'summary']);
    expect(out.files.map((f) => Object.keys(f))).toEqual([
      ['path', 'layout', 'diagnostics'],
      ['path', 'layout', 'diagnostics'],
    ]);
    for (const d of out.files.flatMap((f) => f.diagnostics)) {
      expect(Object.keys(d)).toEqual(['ruleId', 'messageId', 'severity', 'message', 'pointer', 'range', 'fixable']);
      expect(typeof d.fixable).toBe('boolean');
      expect(Object.keys(d.range)).toEqual(['start', 'end']);
      expect(Object.keys(d.range.start)).toEqual(['line', 'column']);
      expect(Object.keys(d.range.end)).toEqual(['line', 'column']);
      expect(['error', 'warning', 'info']).toContain(d.severity);
    }
    expect(out.summary).toEqual({ files: 2, errors: 6, warnings: 0, infos: 0 });
  });

  it('gives paths as given, the layout, and each diagnostic with its pointer and range', () => {
    const out = json(run());
    expect(out.files.map((f) => [f.path, f.layout, f.diagnostics.length])).toEqual([
      ['fixtures/invalid/hub/broken-references.json', 'hub', 6],
      ['fixtures/valid/storage/s3-import.yaml', 'storage', 0],
    ]);
    expect(out.files[0]!.diagnostics[0]).toEqual({
      ruleId: 'resource-path',
      messageId: 'noMethod',
      severity: 'error',
      message: '`/contacts/put`: path `/contacts` has get and post; no put',
      pointer: '/preDefinedActions/1/resourcePath',
      range: { start: { line: 14, column: 23 }, end: { line: 14, column: 38 } },
      fixable: false,
    });
  });
});

describe('stylish output and colour', () => {
  it('has no ANSI escape codes when stdout is not a terminal', () => {
    const r = cli(['fixtures/invalid/hub/broken-references.json']);
    expect(r.stdout).toContain('14:23  error  `/contacts/put`: path `/contacts` has get and post; no put');
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('has no ANSI escape codes with NO_COLOR=1', () => {
    const r = cli(['fixtures/invalid/hub/broken-references.json'], { env: { NO_COLOR: '1' } });
    expect(r.stdout).toContain('resource-path');
    expect(r.stdout).not.toMatch(ANSI);
  });

  // util-linux `script` gives the command a real terminal, so that NO_COLOR is what removes the colour.
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout?.includes('util-linux') === true;
  it.skipIf(!hasScript)('colours a terminal, and NO_COLOR=1 turns that off', () => {
    const inTerminal = (env: Record<string, string | undefined>) =>
      spawnSync('script', ['-qec', `"${process.execPath}" "${CLI}" fixtures/invalid/hub/broken-references.json`, '/dev/null'], {
        cwd: REPO,
        env: { ...process.env, FORCE_COLOR: undefined, ...env } as NodeJS.ProcessEnv,
        encoding: 'utf8',
      }).stdout;
    const coloured = inTerminal({ NO_COLOR: undefined });
    expect(coloured).toContain('resource-path');
    expect(coloured).toMatch(ANSI);
    const plain = inTerminal({ NO_COLOR: '1' });
    expect(plain).toContain('resource-path');
    expect(plain).not.toMatch(ANSI);
  });
});

describe('inputs', () => {
  it('a directory walk lints the connectors and skips a package.json beside them', () => {
    const dir = folder('repo');
    copyFileSync(join(FIX, 'valid/hub/helpdesk.json'), join(dir, 'helpdesk.json'));
    mkdirSync(join(dir, 'connectors'));
    copyFileSync(join(FIX, 'valid/storage/s3-import.yaml'), join(dir, 'connectors', 's3-import.yaml'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'my-connectors', version: '1.0.0', scripts: { lint: 'cdp-lint .' } }, null, 2));
    const r = cli(['.', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(json(r).files.map((f) => [f.path, f.layout])).toEqual([
      [join('connectors', 's3-import.yaml'), 'storage'],
      ['helpdesk.json', 'hub'],
    ]);
  });

  it('a YAML file gets exact lines and columns', () => {
    const out = json(cli(['fixtures/invalid/hub/mailing-list.yaml', '--format', 'json']));
    const at = (pointer: string) => out.files[0]!.diagnostics.find((d) => d.pointer === pointer)?.range;
    expect(at('/predefinedEvents')).toEqual({ start: { line: 17, column: 1 }, end: { line: 17, column: 17 } });
    expect(at('/preDefinedEventListeners/0/recordsLocator')).toEqual({ start: { line: 22, column: 21 }, end: { line: 22, column: 32 } });
  });

  it('a UTF-8 file with a byte order mark gets the columns of its text, not of its bytes', () => {
    const dir = folder('bom');
    const text = '{"name": "Contacts", "type": "Rest", "version": "1.0.0.0", "predefinedEvents": [],\n "resources": {"openapi": "3.0.1", "info": {"title": "C", "version": "1"}, "paths": {}}}\n';
    writeFileSync(join(dir, 'bom.json'), '\uFEFF' + text, 'utf8');
    const r = cli(['bom.json', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(json(r).files[0]!.diagnostics.map((d) => [d.ruleId, d.pointer, d.range.start.line, d.range.start.column])).toEqual([
      ['misspelled-key', '/predefinedEvents', 1, 60],
    ]);
  });

  it('one broken file among good ones: every file is still reported', () => {
    const dir = folder('mixed');
    copyFileSync(join(FIX, 'valid/hub/helpdesk.json'), join(dir, 'a-good.json'));
    writeFileSync(join(dir, 'b-broken.json'), '{\n  "name": "Broken",\n  "type": "Rest",\n  "resources": {\n}\n');
    copyFileSync(join(FIX, 'valid/openapi/newsletter.yaml'), join(dir, 'c-good.yaml'));
    const r = cli(['a-good.json', 'b-broken.json', 'c-good.yaml', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const out = json(r);
    expect(out.files.map((f) => [f.path, f.layout, f.diagnostics.map((d) => [d.ruleId, d.range.start.line, d.range.start.column])])).toEqual([
      ['a-good.json', 'hub', []],
      ['b-broken.json', 'unknown', [['syntax-error', 6, 1]]],
      ['c-good.yaml', 'openapi', []],
    ]);
    expect(out.summary).toEqual({ files: 3, errors: 1, warnings: 0, infos: 0 });
  });
});

describe('cdp-lint rules', () => {
  it('--format json prints the configuration, the preset and every registered rule as {id, severity, fixable, description}', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdp-lint-rules-'));
    try {
      const r = cli(['rules', '--format', 'json'], { cwd: dir });
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      const out = JSON.parse(r.stdout) as { configuration: string | null; preset: string; rules: Array<Record<string, unknown>> };
      expect(Object.keys(out)).toEqual(['configuration', 'preset', 'rules']);
      expect(out.configuration).toBe(null);
      expect(out.preset).toBe('recommended');
      expect(out.rules.map((row) => Object.keys(row))).toEqual(out.rules.map(() => ['id', 'severity', 'fixable', 'description']));
      expect(out.rules).toEqual(
        [...RULES.values()].map((rule) => ({ id: rule.meta.id, severity: PRESETS.recommended[rule.meta.id] ?? 'off', fixable: rule.meta.fixable === true, description: rule.meta.description })),
      );
      expect(out.rules.find((row) => row.id === 'resource-path')).toEqual({
        id: 'resource-path',
        severity: 'error',
        fixable: true,
        description: 'Every resourcePath (actions, events, polling configs, enrichment points, testResourcePath) names an existing path and method.',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
