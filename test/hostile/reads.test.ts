/**
 * Where cdp-lint reads (issue 13, parts 4 and 5): globs follow no symbolic link, a configuration
 * file anyone could have planted is ignored, --config and --baseline read only small regular files,
 * and a file or folder found by walking that cannot be read is reported, never passed over.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { untrustedConfig } from '../../src/config/config.js';
import { CLEAN, NOBODY, NO_PUT, Scratch, expectClean, expectUsageError, settle } from './helpers.js';

let s: Scratch;
beforeEach(() => {
  s = new Scratch();
});
afterEach(() => s.remove());

const BROKEN = CLEAN.replace('"/contacts/get"', '"/contacts/put"');

function paths(stdout: string): string[] {
  return (JSON.parse(stdout) as { files: Array<{ path: string }> }).files.map((f) => f.path);
}

interface JsonDiagnostic {
  ruleId: string;
  messageId: string;
  severity: string;
  message: string;
  pointer: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** Each file of a JSON report, with its diagnostics. */
function readErrors(stdout: string): Array<[string, string, JsonDiagnostic[]]> {
  return (JSON.parse(stdout) as { files: Array<{ path: string; layout: string; diagnostics: JsonDiagnostic[] }> }).files.map((f) => [
    f.path,
    f.layout,
    f.diagnostics.map(({ ruleId, messageId, severity, message, pointer, range }) => ({ ruleId, messageId, severity, message, pointer, range })),
  ]);
}

const FIRST = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
const NOT_READ = (message: string): JsonDiagnostic => ({ ruleId: 'read-error', messageId: 'unreadable', severity: 'error', message, pointer: '', range: FIRST });
/** The JSON report of `d` (good.json, bad.json mode 000, locked/ mode 000) as a user without privileges. */
const READ_ERRORS: Array<[string, string, JsonDiagnostic[]]> = [
  ['d/bad.json', 'unknown', [NOT_READ('Permission denied: d/bad.json; it was not linted')]],
  ['d/good.json', 'openapi', []],
  ['d/locked', 'unknown', [NOT_READ('Permission denied: d/locked; the files in this folder were not linted')]],
];

describe('a glob argument', () => {
  it('follows no symbolic link, out of the tree or round a loop, as walking does', () => {
    s.write('connectors/a.json', BROKEN);
    s.write('connectors/sub/b.json', BROKEN);
    s.write('outside/c.json', BROKEN);
    symlinkSync('../outside', s.path('connectors/evil'));
    symlinkSync('..', s.path('connectors/sub/loop'));
    symlinkSync('a.json', s.path('connectors/alias.json'));
    const globbed = s.run(['connectors/**/*.json', '--format', 'json']);
    expectClean(globbed);
    expect(paths(globbed.stdout)).toEqual(['connectors/a.json', 'connectors/sub/b.json']);
    expect(paths(s.run(['connectors', '--format', 'json']).stdout)).toEqual(['connectors/a.json', 'connectors/sub/b.json']);
  });
});

describe('a configuration file found above a connector', () => {
  it('is ignored, with a warning, when another user owns it in a folder everyone may write', () => {
    mkdirSync(s.path('shared'));
    chmodSync(s.path('shared'), 0o1777);
    const config = s.write('shared/.cdp-lint.yaml', 'rules:\n  resource-path: off\n');
    s.write('shared/proj/conn.json', BROKEN);
    // Root can give the file away; another user is told apart by the euid it is compared with.
    if (process.getuid?.() === 0) chownSync(config, NOBODY, NOBODY);
    const owner = process.getuid?.() === 0 ? NOBODY : process.getuid!();
    expect(untrustedConfig(config, owner)).toBeUndefined();
    expect(untrustedConfig(config, owner + 1)).toBe(
      `it belongs to another user (uid ${owner}) and ${s.path('shared')} is writable by everyone, so anyone could have put it there (name it with --config to use it)`,
    );
    if (process.getuid?.() !== 0) return;
    const r = s.run(['shared/proj/conn.json', '--format', 'json']);
    expectClean(r);
    expect(r.stderr).toBe(
      `cdp-lint: ignoring shared/.cdp-lint.yaml: it belongs to another user (uid ${NOBODY}) and ${s.path('shared')} is writable by everyone, so anyone could have put it there (name it with --config to use it)\n`,
    );
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ message: string }> }> }).files[0]!.diagnostics.map((d) => d.message)).toEqual([NO_PUT]);
    // Named on the command line, it is the user's choice.
    expect(s.run(['shared/proj/conn.json', '--config', 'shared/.cdp-lint.yaml'])).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('--config and --baseline', () => {
  it('refuse a device, a FIFO and a file above the size limit, without opening or reading them', async () => {
    s.write('conn.json', BROKEN);
    s.watchedFifo(s.path('fifo.yaml'), s.path('opened'));
    s.write('big.yaml', `rules: {}\n${'#'.repeat(2000)}\n`);
    const notRegular = 'it is not a regular file';
    expectUsageError(s.run(['conn.json', '--config', '/dev/zero'], 20_000), `cdp-lint: Cannot read configuration file /dev/zero: ${notRegular}`);
    expectUsageError(s.run(['conn.json', '--baseline', '/dev/zero'], 20_000), `cdp-lint: Cannot read baseline /dev/zero: ${notRegular}`);
    expectUsageError(s.run(['conn.json', '--config', 'fifo.yaml'], 20_000), `cdp-lint: Cannot read configuration file fifo.yaml: ${notRegular}`);
    expectUsageError(s.run(['conn.json', '--baseline', 'fifo.yaml'], 20_000), `cdp-lint: Cannot read baseline fifo.yaml: ${notRegular}`);
    expectUsageError(
      s.run(['conn.json', '--config', 'big.yaml', '--max-file-size', '1000'], 20_000),
      'cdp-lint: Cannot read configuration file big.yaml: it is 2011 bytes, above the 1000-byte limit (--max-file-size)',
    );
    await settle();
    expect(existsSync(s.path('opened'))).toBe(false);
  });
});

describe('a file found by walking that cannot be read', () => {
  it('is reported, with the folders that cannot be read, and fails the run (as a user without privileges)', () => {
    const r = s.withUnreadable(CLEAN, BROKEN, () => s.runUnprivileged(['d', '--format', 'json']));
    expectClean(r);
    expect(r.stderr).toBe(['cdp-lint: Permission denied: d/locked; the files in this folder were not linted', 'cdp-lint: Permission denied: d/bad.json; it was not linted', ''].join('\n'));
    expect(r.code).toBe(2);
    expect(readErrors(r.stdout)).toEqual(READ_ERRORS);
  });

  it('named on the command line, is a usage error that names it as written, not by its absolute path (as a user without privileges)', () => {
    const r = s.withUnreadable(CLEAN, BROKEN, () => s.runUnprivileged(['d/bad.json']));
    expectUsageError(r, 'cdp-lint: Permission denied: d/bad.json');
  });

  it('is reported when a glob argument finds it, as walking reports it (as a user without privileges)', () => {
    const r = s.withUnreadable(CLEAN, BROKEN, () => s.runUnprivileged(['d/**/*.json', '--format', 'json']));
    const missing = s.runUnprivileged(['nowhere/**/*.json']);
    expectClean(r);
    expect(r.stderr).toBe(['cdp-lint: Permission denied: d/locked; the files in this folder were not linted', 'cdp-lint: Permission denied: d/bad.json; it was not linted', ''].join('\n'));
    expect(r.code).toBe(2);
    expect(readErrors(r.stdout)).toEqual(READ_ERRORS);
    // A glob whose folder is not there still matches nothing.
    expectUsageError(missing, 'cdp-lint: No files match nowhere/**/*.json');
  });

  it('is reported when its path is longer than the system allows', () => {
    s.write('d/good.json', CLEAN);
    s.write('broken.json', BROKEN);
    // 30 folders of 200 characters: well over PATH_MAX (4,096 on Linux), made one relative chdir at a time.
    const segment = 'a'.repeat(200);
    const made = spawnSync(process.execPath, [
      '-e',
      `const fs = require('node:fs'); process.chdir(process.argv[1]); for (let i = 0; i < 30; i++) { fs.mkdirSync('${segment}'); process.chdir('${segment}'); } fs.copyFileSync(process.argv[2], 'deep.json');`,
      s.path('d'),
      s.path('broken.json'),
    ]);
    expect(made.status, String(made.stderr)).toBe(0);
    // A broken connector at the bottom, where nothing can open it by its full path.
    try {
      const r = s.run(['d', '--format', 'json']);
      expectClean(r);
      expect(r.stderr).toMatch(/^cdp-lint: Path too long: d\/a{98}…\(\d+ characters\)…a{100}; the files in this folder were not linted\n$/);
      expect(r.code).toBe(2);
      // The folder that could not be listed is in the report too, under its whole name.
      const [deep, good] = readErrors(r.stdout);
      expect(good).toEqual(['d/good.json', 'openapi', []]);
      expect(deep![0]).toMatch(/^d\/(a{200}\/)+a{200}$/);
      expect(deep![2].map((d) => d.ruleId)).toEqual(['read-error']);
      expect(`cdp-lint: ${deep![2][0]!.message}\n`).toBe(r.stderr);
    } finally {
      // rm walks below PATH_MAX one folder at a time; Node's rmSync does not.
      spawnSync('rm', ['-rf', s.path('d')]);
    }
  });
});

describe('a file or folder that cannot be read', () => {
  const STDERR = ['cdp-lint: Permission denied: d/locked; the files in this folder were not linted', 'cdp-lint: Permission denied: d/bad.json; it was not linted', ''].join('\n');

  /** Run on `d` in each format as a user without privileges; the exit code and stderr are the same in all. */
  function runAll(): Record<string, string> {
    const out: Record<string, string> = {};
    s.withUnreadable(CLEAN, BROKEN, () => {
      for (const format of ['stylish', 'json', 'sarif', 'junit', 'github']) {
        const r = s.runUnprivileged(['d', '--format', format]);
        expectClean(r);
        expect({ format, code: r.code, stderr: r.stderr }).toEqual({ format, code: 2, stderr: STDERR });
        out[format] = r.stdout;
      }
    });
    return out;
  }

  it('is a read-error diagnostic on it in every report format', () => {
    const out = runAll();
    expect(out['stylish']).toBe(
      [
        'd/bad.json',
        '  1:1  error  Permission denied: d/bad.json; it was not linted  read-error',
        '',
        'd/locked',
        '  1:1  error  Permission denied: d/locked; the files in this folder were not linted  read-error',
        '',
        '✖ 2 problems (2 errors, 0 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
    expect(readErrors(out['json']!)).toEqual(READ_ERRORS);
    expect(out['junit']).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="cdp-lint" tests="3" failures="2">',
        '  <testsuite name="d/bad.json" tests="1" failures="1" errors="0">',
        '    <testcase classname="d/bad.json" name="read-error at 1:1">',
        '      <failure type="error" message="Permission denied: d/bad.json; it was not linted">1:1 error Permission denied: d/bad.json; it was not linted read-error ()</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="d/good.json" tests="1" failures="0" errors="0">',
        '    <testcase classname="d/good.json" name="no problems"/>',
        '  </testsuite>',
        '  <testsuite name="d/locked" tests="1" failures="1" errors="0">',
        '    <testcase classname="d/locked" name="read-error at 1:1">',
        '      <failure type="error" message="Permission denied: d/locked; the files in this folder were not linted">1:1 error Permission denied: d/locked; the files in this folder were not linted read-error ()</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    expect(out['github']).toBe(
      [
        '::error file=d/bad.json,line=1,col=1,endLine=1,endColumn=2,title=read-error::Permission denied: d/bad.json; it was not linted',
        '::error file=d/locked,line=1,col=1,endLine=1,endColumn=2,title=read-error::Permission denied: d/locked; the files in this folder were not linted',
        '',
      ].join('\n'),
    );
    const sarif = (JSON.parse(out['sarif']!) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; artifacts: Array<{ location: { uri: string } }>; results: unknown[] }> }).runs[0]!;
    expect(sarif.tool.driver.rules.map((r) => r.id)).toEqual(['read-error']);
    expect(sarif.artifacts.map((a) => a.location.uri)).toEqual(['d/bad.json', 'd/good.json', 'd/locked']);
    const result = (uri: string, text: string) => ({
      ruleId: 'read-error',
      ruleIndex: 0,
      level: 'error',
      message: { text },
      locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } } }],
      properties: { pointer: '' },
    });
    expect(sarif.results).toEqual([result('d/bad.json', 'Permission denied: d/bad.json; it was not linted'), result('d/locked', 'Permission denied: d/locked; the files in this folder were not linted')]);
  });

  it('still fails the run when the rule is off, without the diagnostic', () => {
    s.write('.cdp-lint.yaml', 'rules:\n  read-error: off\n');
    const out = runAll();
    expect(readErrors(out['json']!)).toEqual([
      ['d/bad.json', 'unknown', []],
      ['d/good.json', 'openapi', []],
      ['d/locked', 'unknown', []],
    ]);
  });
});
