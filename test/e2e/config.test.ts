/** Configuration files through the built CLI: discovery, --config, extends, rules, ignore, validation. */
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BROKEN_JSON, CLEAN_JSON, MESSAGES, WARNING_JSON, Workspace, at } from './cli.js';

let w: Workspace;
beforeEach(() => {
  w = new Workspace();
});
afterEach(() => w.remove());

interface Brief {
  ruleId: string;
  severity: string;
  line: number;
}

/** Run with --format json and keep, per file, [ruleId, severity, line] of each diagnostic. */
function lintJson(...args: string[]): { code: number | null; files: Record<string, Brief[]>; stderr: string } {
  const r = w.run('-f', 'json', ...args);
  const files: Record<string, Brief[]> = {};
  if (r.stdout) {
    for (const f of JSON.parse(r.stdout).files) {
      files[f.path] = f.diagnostics.map((d: any) => ({ ruleId: d.ruleId, severity: d.severity, line: d.range.start.line }));
    }
  }
  return { code: r.code, files, stderr: r.stderr };
}

const BROKEN = {
  vendor: { ruleId: 'unknown-key', severity: 'warning', line: at(BROKEN_JSON, '"vendor"').line },
  post: { ruleId: 'resource-path', severity: 'error', line: at(BROKEN_JSON, '"/contacts/POST"').line },
  put: { ruleId: 'resource-path', severity: 'error', line: at(BROKEN_JSON, '"/contacts/put"').line },
  events: { ruleId: 'misspelled-key', severity: 'error', line: at(BROKEN_JSON, '"predefinedEvents"').line },
};

describe('finding the configuration file', () => {
  it('walks up from the file to the first folder with a config', () => {
    w.write('.cdp-lint.yaml', 'rules:\n  resource-path: off\n');
    w.write('connectors/acme/broken.json', BROKEN_JSON);
    const r = lintJson('connectors/acme/broken.json');
    expect(r).toEqual({ code: 1, stderr: '', files: { 'connectors/acme/broken.json': [BROKEN.vendor, BROKEN.events] } });
  });

  it('uses the nearest config only (configs do not cascade), per file', () => {
    w.write('.cdp-lint.yaml', 'rules:\n  resource-path: off\n');
    w.write('connectors/.cdp-lint.json', '{"rules": {"unknown-key": "error"}}');
    w.write('connectors/broken.json', BROKEN_JSON);
    w.write('other/broken.json', BROKEN_JSON);
    const r = lintJson('connectors/broken.json', 'other/broken.json');
    expect(r.code).toBe(1);
    expect(r.files).toEqual({
      'connectors/broken.json': [{ ...BROKEN.vendor, severity: 'error' }, BROKEN.post, BROKEN.put, BROKEN.events],
      'other/broken.json': [BROKEN.vendor, BROKEN.events],
    });
  });

  it('prefers .cdp-lint.yaml over .cdp-lint.yml and .cdp-lint.json in the same folder', () => {
    w.write('.cdp-lint.yaml', 'rules:\n  misspelled-key: off\n');
    w.write('.cdp-lint.yml', 'rules:\n  resource-path: off\n');
    w.write('.cdp-lint.json', '{"rules": {"unknown-key": "off"}}');
    w.write('broken.json', BROKEN_JSON);
    expect(lintJson('broken.json').files).toEqual({ 'broken.json': [BROKEN.vendor, BROKEN.post, BROKEN.put] });
  });

  it('with --config, uses that file for every linted file and looks for no other', () => {
    w.write('.cdp-lint.yaml', 'rules:\n  resource-path: off\n');
    w.write('ci/strict-keys.yml', 'rules:\n  unknown-key: error\n  misspelled-key: warning\n');
    w.write('broken.json', BROKEN_JSON);
    const r = lintJson('--config', 'ci/strict-keys.yml', 'broken.json');
    expect(r.files).toEqual({ 'broken.json': [{ ...BROKEN.vendor, severity: 'error' }, BROKEN.post, BROKEN.put, { ...BROKEN.events, severity: 'warning' }] });
  });

  it('lints with the recommended preset when there is no config at all', () => {
    w.write('broken.json', BROKEN_JSON);
    expect(lintJson('broken.json').files).toEqual({ 'broken.json': [BROKEN.vendor, BROKEN.post, BROKEN.put, BROKEN.events] });
  });
});

describe('extends and --preset', () => {
  const OPERATION_IDS = [
    { ruleId: 'operation-operationId', severity: 'warning', line: at(CLEAN_JSON, '"get"').line },
    { ruleId: 'operation-operationId', severity: 'warning', line: at(CLEAN_JSON, '"post"').line },
  ];

  it('extends: strict turns on the strict rules', () => {
    w.write('clean.json', CLEAN_JSON);
    expect(lintJson('clean.json')).toEqual({ code: 0, stderr: '', files: { 'clean.json': [] } });
    w.write('.cdp-lint.yaml', 'extends: strict\n');
    expect(lintJson('clean.json')).toEqual({ code: 0, stderr: '', files: { 'clean.json': OPERATION_IDS } });
  });

  it('--preset on the command line overrides extends, and the config rules still apply on top', () => {
    w.write('clean.json', CLEAN_JSON);
    w.write('.cdp-lint.yaml', 'extends: strict\n');
    expect(lintJson('--preset', 'recommended', 'clean.json').files).toEqual({ 'clean.json': [] });
    w.write('.cdp-lint.yaml', 'extends: recommended\nrules:\n  operation-operationId: error\n');
    expect(lintJson('clean.json')).toEqual({ code: 1, stderr: '', files: { 'clean.json': OPERATION_IDS.map((d) => ({ ...d, severity: 'error' })) } });
    w.write('.cdp-lint.yaml', 'rules:\n  operation-operationId: off\n');
    expect(lintJson('--preset', 'strict', 'clean.json').files).toEqual({ 'clean.json': [] });
  });
});

describe('rules', () => {
  it('turns rules off and changes their severity, which changes the exit code', () => {
    w.write('broken.json', BROKEN_JSON);
    w.write('.cdp-lint.yaml', 'rules:\n  resource-path: warning\n  misspelled-key: info\n');
    expect(lintJson('broken.json')).toEqual({
      code: 0,
      stderr: '',
      files: { 'broken.json': [BROKEN.vendor, { ...BROKEN.post, severity: 'warning' }, { ...BROKEN.put, severity: 'warning' }, { ...BROKEN.events, severity: 'info' }] },
    });
    w.write('.cdp-lint.yaml', 'rules:\n  resource-path: off\n  misspelled-key: off\n  unknown-key: off\n');
    expect(w.run('broken.json')).toEqual({ code: 0, stdout: '✔ No problems found in 1 file\n', stderr: '' });
  });
});

describe('ignore', () => {
  it('skips files matching the globs, relative to the config folder, even when named', () => {
    w.write('repo/.cdp-lint.yaml', 'ignore:\n  - legacy\n  - "**/*.draft.json"\n');
    w.write('repo/legacy/old.json', BROKEN_JSON);
    w.write('repo/connectors/new.draft.json', BROKEN_JSON);
    w.write('repo/connectors/warn.json', WARNING_JSON);
    // Run from the parent folder: globs are relative to the config file, not to the working directory.
    const r = w.run('repo/legacy/old.json', 'repo');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('cdp-lint: repo/legacy/old.json was not linted: the `ignore` list of repo/.cdp-lint.yaml matches it\n');
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['repo/connectors/warn.json', `  15:57  warning  ${MESSAGES.vendor}  unknown-key`]);
    expect(r.stdout).not.toContain('old.json');
    expect(r.stdout).not.toContain('draft');
  });

  it('says so on stderr when a named file is ignored (as ESLint does), and is no error when every named file is', () => {
    w.write('.cdp-lint.json', '{"ignore": ["*.json"]}');
    w.write('broken.json', BROKEN_JSON);
    expect(w.run('broken.json')).toEqual({ code: 0, stdout: '✔ No problems found in 0 files\n', stderr: 'cdp-lint: broken.json was not linted: the `ignore` list of .cdp-lint.json matches it\n' });
    // Found in a folder or by a glob, an ignored file is skipped without a word.
    expect(w.run('.')).toEqual({ code: 2, stdout: '', stderr: 'cdp-lint: No connector definitions found in .\n' });
    expect(w.run('*.json')).toEqual({ code: 2, stdout: '', stderr: 'cdp-lint: No connector definitions found in *.json\n' });
    // Named as well as found, in either order: said, as when it is named alone.
    const said = { code: 0, stdout: '✔ No problems found in 0 files\n', stderr: 'cdp-lint: broken.json was not linted: the `ignore` list of .cdp-lint.json matches it\n' };
    expect(w.run('.', 'broken.json')).toEqual(said);
    expect(w.run('*.json', 'broken.json')).toEqual(said);
    expect(w.run('broken.json', '.')).toEqual(said);
  });
});

describe('invalid configuration', () => {
  const cases: Array<[string, string, string]> = [
    ['.cdp-lint.yaml', 'rules:\n  resource-pth: off\n', '.cdp-lint.yaml: rules: unknown rule "resource-pth"; did you mean "resource-path"?'],
    ['.cdp-lint.yaml', 'rules:\n  resource-path: warn\n', '.cdp-lint.yaml: rules.resource-path: unknown severity "warn"; did you mean "warning"? (expected off, info, warning or error)'],
    ['.cdp-lint.yml', 'rule:\n  resource-path: off\n', '.cdp-lint.yml: unknown key "rule"; did you mean "rules"? (expected "extends", "rules", "ignore", "suppressions")'],
    ['.cdp-lint.json', '{"extends": "strcit"}', '.cdp-lint.json: extends: unknown preset "strcit"; did you mean "strict"? (expected "recommended" or "strict")'],
    ['.cdp-lint.json', '{"ignore": "legacy"}', '.cdp-lint.json: ignore: expected a list of globs'],
    ['.cdp-lint.yaml', 'rules: [resource-path]\n', '.cdp-lint.yaml: rules: expected a mapping of rule id to off, info, warning or error'],
  ];
  for (const [name, text, message] of cases) {
    it(`${name}: ${JSON.stringify(text)} is a usage error`, () => {
      w.write(name, text);
      w.write('broken.json', BROKEN_JSON);
      expect(w.run('broken.json')).toEqual({ code: 2, stdout: '', stderr: `cdp-lint: ${message}\n` });
    });
  }

  it('reports a config that does not parse, and a missing --config', () => {
    w.write('broken.json', BROKEN_JSON);
    w.write('.cdp-lint.json', '{"rules": }');
    const r = w.run('broken.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cdp-lint: .cdp-lint.json: not valid JSON: Unexpected `}`; expected a value (line 1, column 11)\n');
    // Where, in lines and columns, and why, as for a connector; not JSON.parse's "at position 42" nor the yaml package's trailing ":".
    w.write('.cdp-lint.json', '{\n  "rules": {\n    "oas-schema": "off",\n  }\n}\n');
    expect(w.run('broken.json').stderr).toBe(
      'cdp-lint: .cdp-lint.json: not valid JSON: Unexpected `}`; expected a key after `,` (trailing commas are not allowed in JSON) (line 4, column 3)\n',
    );
    rmSync(w.path('.cdp-lint.json'));
    w.write('.cdp-lint.yaml', 'rules:\n  oas-schema: off\n  bad: [\n');
    expect(w.run('broken.json')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'cdp-lint: .cdp-lint.yaml: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] (line 4, column 1)\n',
    });
    rmSync(w.path('.cdp-lint.yaml'));
    expect(w.run('--config', 'nope.yaml', 'broken.json')).toEqual({ code: 2, stdout: '', stderr: 'cdp-lint: Configuration file not found: nope.yaml\n' });
  });
});
