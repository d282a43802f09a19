/** `--help`, the `help` command, and `cdp-lint rules` showing the severities of this folder's configuration. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { PRESETS } from '../../src/config/presets.js';
import { Workspace, cdpLint } from './cli.js';

vi.setConfig({ testTimeout: 60_000 });

let w: Workspace;
beforeAll(() => {
  w = new Workspace();
});
afterAll(() => w.remove());

describe('help', () => {
  it('--help shows no empty defaults', () => {
    const r = w.run('--help');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('(default: [])');
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('  -f, --format <name>'));
    expect(lines.slice(at, at + 4)).toEqual([
      '  -f, --format <name>         output format: stylish, json, sarif, junit,',
      '                              github; default stylish (repeatable)',
      '  -o, --output <file>         write the report of the --format written before it',
      '                              to this file (repeatable)',
    ]);
    expect(lines.slice(-2)).toEqual(['  help [command]              show help for a command', '']);
    const rules = lines.findIndex((l) => l.startsWith('  rules [options]'));
    expect(lines.slice(rules, rules + 3)).toEqual([
      '  rules [options]             list the rules with the severities in effect in',
      '                              this folder, and the configuration file they come',
      '                              from',
    ]);
  });

  it('`cdp-lint help` prints the help, and `cdp-lint help rules` the help of rules', () => {
    const help = w.run('--help');
    expect(w.run('help')).toEqual(help);
    const rulesHelp = w.run('rules', '--help');
    expect(rulesHelp.code).toBe(0);
    expect(rulesHelp.stdout.split('\n').slice(0, 2)).toEqual(['Usage: cdp-lint rules [options]', '']);
    expect(w.run('help', 'rules')).toEqual(rulesHelp);
  });
});

/** The rows `cdp-lint rules` prints for these severities. */
function rows(severity: (id: string) => string): string[] {
  const width = Math.max(...[...RULES.keys()].map((id) => id.length));
  return [
    `${'rule'.padEnd(width)}  severity  fixable  description`,
    ...[...RULES.values()].map((r) => `${r.meta.id.padEnd(width)}  ${severity(r.meta.id).padEnd(8)}  ${(r.meta.fixable ? 'yes' : '').padEnd(7)}  ${r.meta.description}`),
  ];
}

describe('rules', () => {
  it('without a configuration file: the recommended severities, and says no file was found', () => {
    const r = w.run('rules');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['Configuration: none (no .cdp-lint.yaml, .cdp-lint.yml or .cdp-lint.json in this folder or above)', 'Preset: recommended (the default)', '']);
    expect(lines.slice(3)).toEqual([...rows((id) => PRESETS.recommended[id] ?? 'off'), '']);
    expect(lines).toContain('resource-path              error     yes      Every resourcePath (actions, events, polling configs, enrichment points, testResourcePath) names an existing path and method.');
    expect(lines).toContain('operation-tags             off                Every operation has at least one tag (`Actions`, `Events` or another).');
  });

  it("with a configuration file above this folder: its preset and its rules, and the file's name", () => {
    w.write('.cdp-lint.yaml', 'extends: strict\nrules:\n  unknown-key: error\n  operation-tags: off\n');
    w.write('connectors/acme/placeholder.txt', '');
    const r = cdpLint(['rules'], w.path('connectors/acme'));
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['Configuration: ../../.cdp-lint.yaml', 'Preset: strict (extends), then the rules of ../../.cdp-lint.yaml', '']);
    const expected = (id: string) => (id === 'unknown-key' ? 'error' : id === 'operation-tags' ? 'off' : (PRESETS.strict[id] ?? 'off'));
    expect(lines.slice(3)).toEqual([...rows(expected), '']);
    expect(lines).toContain('unknown-key                error     yes      Keys the connector format does not define, where the format is closed: the platform ignores them.');
    expect(lines).toContain('operation-description      warning            Every operation has a non-empty `summary` or `description`.');
  });

  it('--preset overrides extends, --config names the file, --format json gives the same', () => {
    w.write('.cdp-lint.yaml', 'extends: strict\nrules:\n  unknown-key: error\n');
    w.write('ci/strict-off.json', '{"rules": {"resource-path": "warning"}}');
    const preset = w.run('rules', '--preset', 'recommended');
    expect(preset.stdout.split('\n').slice(0, 2)).toEqual(['Configuration: .cdp-lint.yaml', 'Preset: recommended (--preset), then the rules of .cdp-lint.yaml']);
    expect(preset.stdout).toContain('\noperation-tags             off  ');
    expect(preset.stdout).toContain('\nunknown-key                error  ');
    const json = w.run('rules', '--config', 'ci/strict-off.json', '--format', 'json');
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout);
    expect([out.configuration, out.preset]).toEqual(['ci/strict-off.json', 'recommended']);
    expect(out.rules.find((r: { id: string }) => r.id === 'resource-path')).toEqual({
      id: 'resource-path',
      severity: 'warning',
      fixable: true,
      description: 'Every resourcePath (actions, events, polling configs, enrichment points, testResourcePath) names an existing path and method.',
    });
  });

  it('a broken configuration file is a usage error', () => {
    w.write('.cdp-lint.yaml', 'rules:\n  resource-pth: error\n');
    expect(w.run('rules')).toEqual({ code: 2, stdout: '', stderr: 'cdp-lint: .cdp-lint.yaml: rules: unknown rule "resource-pth"; did you mean "resource-path"?\n' });
  });
});
