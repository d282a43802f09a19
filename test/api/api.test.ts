/**
 * The programmatic API, called in-process: the same results as the CLI's JSON report, in-memory
 * configurations, unsaved buffers, every format, the rule list, and no state kept between calls.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BaselineError, ConfigError, UsageError, format, formats, lint, lintText, rules, version } from '../../src/api/index.js';
import { cdpLint, Workspace } from '../e2e/cli.js';
import { ACME_CONNECTOR } from '../helpers/connectors.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const CONNECTOR = ACME_CONNECTOR;

const ws = new Workspace();
afterAll(() => ws.remove());

describe('lint', () => {
  it('resolves to exactly the object the CLI prints with --format json', async () => {
    ws.write('a/acme.json', CONNECTOR);
    ws.write('a/nested/broken.yaml', 'openapi: 3.0.3\ninfo: {title: x, version: "1"}\npaths: {}\npreDefinedActions:\n  - name: a\n    resourcePath: /nope/get\n');
    const cli = cdpLint(['--format', 'json', 'a'], ws.dir);
    expect(cli.code).toBe(1);
    const result = await lint(['a'], { cwd: ws.dir });
    expect(JSON.parse(await format(result, 'json'))).toEqual(JSON.parse(cli.stdout));
    expect(result.files.map((f) => f.path)).toEqual(['a/acme.json', 'a/nested/broken.yaml']);
    expect(result.summary).toEqual({ files: 2, errors: 3, warnings: 0, infos: 0 });
  });

  it('takes an in-memory configuration, and a second call keeps nothing of the first', async () => {
    ws.write('b/acme.json', CONNECTOR);
    const off = await lint(['b/acme.json'], { cwd: ws.dir, config: { rules: { 'resource-path': 'off', 'misspelled-key': 'warning' } } });
    expect(off.files[0]!.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([['misspelled-key', 'warning']]);
    const again = await lint(['b/acme.json'], { cwd: ws.dir });
    expect(again.files[0]!.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([
      ['misspelled-key', 'error'],
      ['resource-path', 'error'],
    ]);
    const strict = await lint(['b/acme.json'], { cwd: ws.dir, preset: 'strict' });
    expect(strict.files[0]!.diagnostics.map((d) => d.ruleId)).toContain('operation-tags');
    const afterStrict = await lint(['b/acme.json'], { cwd: ws.dir });
    expect(afterStrict).toEqual(again);
  });

  it('finds configuration files as the CLI does, and ignores what they ignore', async () => {
    ws.write('c/.cdp-lint.yaml', 'rules:\n  resource-path: warning\nignore:\n  - skipped\n');
    ws.write('c/acme.json', CONNECTOR);
    ws.write('c/skipped/acme.json', CONNECTOR);
    const result = await lint(['c'], { cwd: ws.dir });
    expect(result.files.map((f) => f.path)).toEqual(['c/acme.json']);
    expect(result.files[0]!.diagnostics.find((d) => d.ruleId === 'resource-path')?.severity).toBe('warning');
  });

  it('fixes files, reports what is left, and honours a baseline and quiet', async () => {
    const file = ws.write('d/acme.json', CONNECTOR);
    const fixed = await lint(['d/acme.json'], { cwd: ws.dir, fix: true });
    expect(fixed.files[0]!.fixed).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(CONNECTOR.replace('"predefinedEvents"', '"preDefinedEvents"'));
    expect(fixed.files[0]!.diagnostics.map((d) => d.ruleId)).toEqual(['resource-path']);
    expect(cdpLint(['d/acme.json', '--generate-baseline', 'd/baseline.json'], ws.dir).code).toBe(0);
    const baselined = await lint(['d/acme.json'], { cwd: ws.dir, baseline: 'd/baseline.json' });
    expect(baselined.files[0]!.diagnostics).toEqual([]);
    expect(baselined.summary).toMatchObject({ errors: 0, baselined: 1, staleBaseline: 0 });
    ws.write('d/warn.json', CONNECTOR.replace('"predefinedEvents": [],', '').replace('/contacts/put', '/contacts/post').replace('"operationId": "createContact", ', ''));
    const quiet = await lint(['d/warn.json'], { cwd: ws.dir, preset: 'strict', quiet: true });
    expect(quiet.files[0]!.diagnostics).toEqual([]);
    expect(quiet.summary.warnings).toBe(0);
  });

  it('rejects a missing path, a bad option, an invalid configuration and a missing baseline with the errors it exports', async () => {
    await expect(lint(['nowhere.json'], { cwd: ws.dir })).rejects.toThrow(new UsageError('No such file or directory: nowhere.json'));
    await expect(lint(['a'], { cwd: ws.dir, threads: 0 })).rejects.toBeInstanceOf(UsageError);
    await expect(lint(['a'], { cwd: ws.dir, limits: { maxDepth: -1 } })).rejects.toThrow('limits.maxDepth must be a positive integer, got -1');
    await expect(lint(['a'], { cwd: ws.dir, config: { rules: { 'resource-pth': 'off' } } })).rejects.toThrow(
      new ConfigError('options.config: rules: unknown rule "resource-pth"; did you mean "resource-path"?'),
    );
    await expect(lint(['a'], { cwd: ws.dir, baseline: 'none.json' })).rejects.toThrow(new BaselineError('Baseline file not found: none.json (create it with --generate-baseline)'));
  });

  it('checks its arguments as the CLI checks its flags: a UsageError naming the option, never a TypeError', async () => {
    await expect(lint('a' as never, { cwd: ws.dir })).rejects.toThrow(new UsageError('lint takes an array of paths, folders or globs (strings)'));
    await expect(lint(['a'], null as never)).rejects.toThrow(new UsageError('options must be an object, got null'));
    await expect(lint(['a'], { cwd: ws.dir, prest: 'strict' } as never)).rejects.toThrow(new UsageError('Unknown option "prest"; did you mean "preset"?'));
    await expect(lint(['a'], { cwd: ws.dir, quiet: 'yes' } as never)).rejects.toThrow(new UsageError('Option "quiet" must be true or false, got "yes"'));
    await expect(lint(['a'], { cwd: ws.dir, refRoot: 'nowhere' })).rejects.toThrow(new UsageError('The reference root nowhere is not a folder'));
    expect(() => lintText(42 as never, { filePath: 'a.json' })).toThrow(new UsageError("lintText's text must be a string, got number"));
    expect(() => lintText('{}', { filePath: 'a.json', explicit: 'no' } as never)).toThrow(new UsageError('Option "explicit" must be true or false, got "no"'));
    await expect(format(null as never, 'json')).rejects.toThrow(new UsageError('format takes the result of lint or lintText'));
  });

  it('gives the same result with threads off, a number and auto', async () => {
    for (let i = 0; i < 20; i++) ws.write(`e/c${String(i).padStart(2, '0')}.json`, CONNECTOR.replace('Acme', `Acme ${i}`));
    const auto = await lint(['e'], { cwd: ws.dir });
    expect(auto.files).toHaveLength(20);
    expect(await lint(['e'], { cwd: ws.dir, threads: 'off' })).toEqual(auto);
    expect(await lint(['e'], { cwd: ws.dir, threads: 2 })).toEqual(auto);
  });
});

describe('lintText', () => {
  it('lints an unsaved buffer as the file it stands for: the CLI finds the same in that file on disk', () => {
    ws.write('f/acme.json', CONNECTOR);
    const cli = JSON.parse(cdpLint(['--format', 'json', 'f/acme.json'], ws.dir).stdout);
    const result = lintText(CONNECTOR, { filePath: 'f/acme.json', cwd: ws.dir });
    // The API's diagnostics also carry their safe fix (`fix`), of which the JSON report says only whether there is one (`fixable`).
    expect(result.files[0]!.diagnostics[0]!.fix).toEqual([{ start: 208, end: 226, text: '"preDefinedEvents"' }]);
    expect(cli.files[0].diagnostics.map((d: { fixable: boolean }) => d.fixable)).toEqual(result.files[0]!.diagnostics.map((d) => d.fix !== undefined));
    expect(JSON.parse(JSON.stringify(result, (key, value) => (key === 'fix' ? undefined : value)))).toEqual(JSON.parse(JSON.stringify(cli, (key, value) => (key === 'fixable' ? undefined : value))));
  });

  it('uses the buffer, not the file on disk, and resolves references against the file\'s folder', () => {
    ws.write('g/acme.yaml', 'this file on disk is not read');
    ws.write('g/paths/contacts.yaml', 'post:\n  responses:\n    "200": {description: ok}\n');
    const text = 'openapi: 3.0.3\ninfo: {title: x, version: "1"}\npaths:\n  /contacts:\n    $ref: ./paths/missing.yaml\npreDefinedActions: []\n';
    const result = lintText(text, { filePath: 'g/acme.yaml', cwd: ws.dir });
    expect(result.files[0]!.path).toBe('g/acme.yaml');
    expect(result.files[0]!.layout).toBe('openapi');
    expect(result.files[0]!.diagnostics.map((d) => [d.ruleId, d.pointer, d.range.start])).toEqual([['unresolved-ref', '/paths/~1contacts/$ref', { line: 5, column: 11 }]]);
    const fine = lintText(text.replace('missing', 'contacts'), { filePath: 'g/acme.yaml', cwd: ws.dir });
    expect(fine.files[0]!.diagnostics).toEqual([]);
  });

  it('honours the configuration of the folder, an in-memory one, and a preset (which overrides only `extends`)', () => {
    ws.write('h/.cdp-lint.json', '{"rules": {"misspelled-key": "off"}}');
    const near = lintText(CONNECTOR, { filePath: 'h/acme.json', cwd: ws.dir });
    expect(near.files[0]!.diagnostics.map((d) => d.ruleId)).toEqual(['resource-path']);
    const given = lintText(CONNECTOR, { filePath: 'h/acme.json', cwd: ws.dir, config: { extends: 'strict', rules: { 'resource-path': 'off' } } });
    expect(given.files[0]!.diagnostics.map((d) => d.ruleId)).toEqual(['operation-description', 'operation-tags', 'misspelled-key']);
    const preset = lintText(CONNECTOR, { filePath: 'h/acme.json', cwd: ws.dir, preset: 'strict' });
    expect(preset.files[0]!.diagnostics.map((d) => d.ruleId)).toEqual(['operation-description', 'operation-tags', 'resource-path']);
  });

  it('skips text that is not a connector only when asked to (explicit: false)', () => {
    const text = '{"name": "my-package", "version": "1.0.0"}';
    expect(lintText(text, { filePath: 'package.json', cwd: ws.dir, explicit: false }).files).toEqual([]);
    expect(lintText(text, { filePath: 'package.json', cwd: ws.dir }).files[0]!.diagnostics.map((d) => d.ruleId)).toEqual(['connector-layout']);
  });

  it('reports a syntax error in the buffer at its line and column, and needs a filePath', () => {
    const result = lintText('{\n  "openapi": "3.0.3",\n  "paths": {\n}', { filePath: 'x.json', cwd: ws.dir });
    expect(result.files[0]!.diagnostics.map((d) => [d.ruleId, d.range.start])).toEqual([['syntax-error', { line: 4, column: 2 }]]);
    expect(() => lintText('{}', {} as never)).toThrow(new UsageError('lintText needs options.filePath'));
  });
});

describe('format and rules', () => {
  it('renders every format exactly as the CLI prints it', async () => {
    ws.write('i/acme.json', CONNECTOR);
    const result = await lint(['i/acme.json'], { cwd: ws.dir });
    for (const name of formats) {
      const cli = cdpLint(['--format', name, 'i/acme.json'], ws.dir);
      let text = await format(result, name, { cwd: ws.dir });
      // Run from the sources, the API does not know the package's version; the built CLI does.
      if (name === 'sarif') text = text.replace(`"version": "${version}"`, `"version": "${PACKAGE_VERSION}"`);
      expect(`${text}\n`, name).toBe(cli.stdout);
    }
    await expect(format(result, 'xml' as never)).rejects.toThrow(new UsageError('Unknown format "xml"; expected one of: stylish, json, sarif, junit, github'));
  });

  it('lists every rule with its metadata, as `cdp-lint rules --format json` does', () => {
    const list = rules();
    const cli = (JSON.parse(cdpLint(['rules', '--format', 'json'], ROOT).stdout) as { rules: Array<{ id: string; severity: string; fixable: boolean; description: string }> }).rules;
    expect(list.map((r) => [r.id, r.recommended, r.fixable, r.description])).toEqual(cli.map((r) => [r.id, r.severity, r.fixable, r.description]));
    const misspelled = list.find((r) => r.id === 'misspelled-key')!;
    expect(misspelled).toMatchObject({ fixable: true, recommended: 'error', strict: 'error' });
    expect(misspelled.docs).toMatch(/\/docs\/rules\/misspelled-key\.md$/);
    expect(Object.keys(misspelled.messages).length).toBeGreaterThan(0);
    expect(list.find((r) => r.id === 'operation-tags')).toMatchObject({ recommended: 'off', strict: 'warning', fixable: false });
  });
});
