import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigResolver, loadConfig } from '../../src/config/config.js';
import { RULES } from '../../src/rules/index.js';

const IDS = [...RULES.keys()];
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdp-lint-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const path = join(dir, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('loadConfig', () => {
  it('reads extends, rules and ignore from YAML and JSON', () => {
    const yaml = loadConfig(write('.cdp-lint.yaml', 'extends: strict\nrules:\n  resource-path: warning\nignore: [legacy]\n'), IDS, '.cdp-lint.yaml');
    expect([yaml.extends, yaml.rules, yaml.ignore]).toEqual(['strict', { 'resource-path': 'warning' }, ['legacy']]);
    const json = loadConfig(write('c.json', '\uFEFF{"rules": {"unknown-key": "off"}}'), IDS);
    expect([json.extends, json.rules, json.ignore]).toEqual([undefined, { 'unknown-key': 'off' }, []]);
    expect(loadConfig(write('empty.yaml', ''), IDS).rules).toEqual({});
  });

  it('names the key and suggests the nearest id', () => {
    const bad = (text: string) => () => loadConfig(write('x.yaml', text), IDS, 'x.yaml');
    expect(bad('rules:\n  misspeled-key: off\n')).toThrow('x.yaml: rules: unknown rule "misspeled-key"; did you mean "misspelled-key"?');
    expect(bad('rules:\n  zzzzzz: off\n')).toThrow(/^x\.yaml: rules: unknown rule "zzzzzz"$/);
    expect(bad('rules:\n  unknown-key: 1\n')).toThrow('x.yaml: rules.unknown-key: unknown severity 1 (expected off, info, warning or error)');
    expect(bad('ignores: [a]\n')).toThrow('x.yaml: unknown key "ignores"; did you mean "ignore"?');
    expect(bad('- a\n')).toThrow('x.yaml: expected a mapping with "extends", "rules", "ignore"');
    expect(bad('rules: {a: off, a: on}\n')).toThrow(/^x\.yaml: not valid YAML: /);
  });

  it('matches ignore globs relative to its folder, folders included', () => {
    const c = loadConfig(write('sub/.cdp-lint.yaml', 'ignore: [legacy, "**/*.draft.json", "./one.json"]\n'), IDS);
    expect(c.ignores(join(dir, 'sub/legacy/a/b.json'))).toBe(true);
    expect(c.ignores(join(dir, 'sub/x/y.draft.json'))).toBe(true);
    expect(c.ignores(join(dir, 'sub/one.json'))).toBe(true);
    expect(c.ignores(join(dir, 'sub/x/one.json'))).toBe(false);
    expect(c.ignores(join(dir, 'sub/legacy.json'))).toBe(false);
    expect(c.ignores(join(dir, 'legacy/a.json'))).toBe(false);
  });

  it('answers a backtracking glob against a file named with 40 `a`s (picomatch gave no answer in 20 s)', () => {
    const c = loadConfig(write('.cdp-lint.yaml', 'ignore: ["*a*a*a*a*a*a*a*a*a*a*a*a*b"]\n'), IDS);
    expect(c.ignores(join(dir, 'a'.repeat(40)))).toBe(false);
    expect(c.ignores(join(dir, `${'a'.repeat(11)}b`))).toBe(false);
    expect(c.ignores(join(dir, `${'a'.repeat(12)}b`))).toBe(true);
  });

  it('a glob the matcher does not take is a usage error that names it and says what to use', () => {
    const bad = (text: string) => () => loadConfig(write('x.yaml', text), IDS, 'x.yaml');
    expect(bad('ignore: [legacy, "@(a|b).json"]\n')).toThrow(
      'x.yaml: ignore: `@(a|b).json`: extglobs (`@(...)`, `!(...)`, `+(...)`, `*(...)`, `?(...)`) are not supported; use `*`, `**`, `?`, `[...]` and `{a,b}`',
    );
    expect(bad('suppressions:\n  - files: "+(a).json"\n    rule: resource-path\n    reason: r\n')).toThrow(/^x\.yaml: suppressions\[0\]: files: `\+\(a\)\.json`: extglobs/);
    expect(bad(`ignore: ["${'a'.repeat(1200)}"]\n`)).toThrow(`x.yaml: ignore: \`${'a'.repeat(57)}...\`: a glob of 1200 characters is longer than 1000`);
  });
});

describe('ConfigResolver', () => {
  it('finds the nearest config walking up, caches per folder, and applies --preset over extends', () => {
    write('.cdp-lint.yml', 'extends: strict\n');
    write('a/.cdp-lint.json', '{"rules": {"resource-path": "off"}}');
    const r = new ConfigResolver({ ruleIds: IDS });
    expect(r.configFor(join(dir, 'a/b/c/x.json'))?.path).toBe(join(dir, 'a/.cdp-lint.json'));
    expect(r.configFor(join(dir, 'b/x.json'))?.path).toBe(join(dir, '.cdp-lint.yml'));
    // Cached: a config written later in an already visited folder is not seen.
    write('a/b/.cdp-lint.yaml', 'rules: {unknown-key: off}\n');
    expect(r.configFor(join(dir, 'a/b/c/y.json'))?.path).toBe(join(dir, 'a/.cdp-lint.json'));
    expect(r.severitiesFor(join(dir, 'a/x.json')).has('resource-path')).toBe(false);
    expect(r.severitiesFor(join(dir, 'b/x.json')).get('operation-operationId')).toBe('warning');
    const overridden = new ConfigResolver({ ruleIds: IDS, preset: 'recommended' });
    expect(overridden.severitiesFor(join(dir, 'b/x.json')).has('operation-operationId')).toBe(false);
  });

  it('uses only the --config file when one is given', () => {
    write('.cdp-lint.yaml', 'rules: {unknown-key: off}\n');
    const explicit = write('ci/lint.yaml', 'rules: {resource-path: info}\n');
    const r = new ConfigResolver({ ruleIds: IDS, explicit });
    expect(r.configFor(join(dir, 'x.json'))?.path).toBe(explicit);
    expect(r.severitiesFor(join(dir, 'x.json')).get('unknown-key')).toBe('warning');
    expect(r.severitiesFor(join(dir, 'x.json')).get('resource-path')).toBe('info');
  });
});
