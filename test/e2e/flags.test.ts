/** --quiet, --max-warnings, --fail-severity and --only-connectors through the built CLI. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_JSON, CLEAN_JSON, MESSAGES, WARNING_JSON, Workspace } from './cli.js';

let w: Workspace;
beforeAll(() => {
  w = new Workspace();
  w.write('broken.json', BROKEN_JSON);
  w.write('warn.json', WARNING_JSON);
  w.write('more/warn.json', WARNING_JSON);
  w.write('clean.json', CLEAN_JSON);
  // A remote $ref is reported as info (remote-ref) and nothing else.
  w.write('info.json', CLEAN_JSON.replace('"responses": { "200": { "description": "Contacts" } }', '"responses": { "200": { "$ref": "https://example.com/responses.json#/ok" } }'));
  w.write('package.json', '{"name": "connectors", "private": true}\n');
});
afterAll(() => w.remove());

const WARN_STYLISH = ['warn.json', `  15:57  warning  ${MESSAGES.vendor}  unknown-key`, '', '✖ 1 problem (0 errors, 1 warning, 0 infos)', '  1 problem can be fixed with --fix', ''].join('\n');

describe('--quiet', () => {
  it('reports errors only', () => {
    // The hidden warning is fixable too, but only shown problems are counted as fixable.
    expect(w.run('--quiet', 'broken.json')).toEqual({
      code: 1,
      stdout: [
        'broken.json',
        `  22:23  error  ${MESSAGES.postCase}  resource-path`,
        `  23:23  error  ${MESSAGES.noPut}  resource-path`,
        `  25:3   error  ${MESSAGES.predefinedEvents}  misspelled-key`,
        '',
        '✖ 3 problems (3 errors, 0 warnings, 0 infos)',
        '  2 problems can be fixed with --fix',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('hides warnings, which then do not fail the run by default', () => {
    expect(w.run('--quiet', 'warn.json')).toEqual({ code: 0, stdout: '✔ No problems found in 1 file\n', stderr: '' });
  });

  it('still counts hidden warnings for --max-warnings and --fail-severity, and says so', () => {
    expect(w.run('--quiet', '--max-warnings', '0', 'warn.json')).toEqual({
      code: 1,
      stdout: '✔ No problems found in 1 file\n',
      stderr: 'cdp-lint: too many warnings: 1 (maximum 0)\n',
    });
    expect(w.run('--quiet', '--fail-severity', 'warning', 'warn.json')).toEqual({
      code: 1,
      stdout: '✔ No problems found in 1 file\n',
      stderr: 'cdp-lint: 1 problem hidden by --quiet reaches --fail-severity warning\n',
    });
  });
});

describe('--max-warnings', () => {
  it('exits 1 only when warnings exceed the maximum', () => {
    expect(w.run('--max-warnings', '1', 'warn.json')).toEqual({ code: 0, stdout: WARN_STYLISH, stderr: '' });
    expect(w.run('--max-warnings', '0', 'warn.json')).toEqual({ code: 1, stdout: WARN_STYLISH, stderr: 'cdp-lint: too many warnings: 1 (maximum 0)\n' });
    expect(w.run('--max-warnings', '2', 'warn.json', 'more/warn.json').code).toBe(0);
    const two = w.run('--max-warnings', '1', 'warn.json', 'more/warn.json');
    expect([two.code, two.stderr]).toEqual([1, 'cdp-lint: too many warnings: 2 (maximum 1)\n']);
  });

  it('rejects a value that is not a non-negative integer', () => {
    for (const bad of ['-1', '1.5', 'many', '']) {
      expect(w.run('--max-warnings', bad, 'warn.json')).toEqual({
        code: 2,
        stdout: '',
        stderr: `cdp-lint: --max-warnings must be a non-negative integer, got "${bad}"\n`,
      });
    }
  });
});

describe('--fail-severity', () => {
  it('sets the lowest severity that makes the exit code 1', () => {
    expect(w.run('warn.json').code).toBe(0);
    expect(w.run('--fail-severity', 'warning', 'warn.json').code).toBe(1);
    expect(w.run('--fail-severity', 'error', 'broken.json').code).toBe(1);
    const info = w.run('info.json', '-f', 'json');
    expect(JSON.parse(info.stdout).files[0].diagnostics.map((d: { ruleId: string; severity: string }) => [d.ruleId, d.severity])).toEqual([['remote-ref', 'info']]);
    expect(info.code).toBe(0);
    expect(w.run('--fail-severity', 'warning', 'info.json').code).toBe(0);
    expect(w.run('--fail-severity', 'info', 'info.json').code).toBe(1);
  });

  it('rejects an unknown severity', () => {
    const r = w.run('--fail-severity', 'warn', 'warn.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("cdp-lint: option '--fail-severity <severity>' argument 'warn' is invalid. Allowed choices are error, warning, info.\n");
  });
});

describe('--only-connectors', () => {
  it('lints a named package.json without it (and fails), skips it with it', () => {
    expect(w.run('package.json').code).toBe(1);
    expect(w.run('--only-connectors', 'package.json', 'warn.json')).toEqual({ code: 0, stdout: WARN_STYLISH, stderr: '' });
  });

  it('succeeds when nothing is left to lint', () => {
    expect(w.run('package.json', '--only-connectors')).toEqual({ code: 0, stdout: '✔ No problems found in 0 files\n', stderr: '' });
  });
});
