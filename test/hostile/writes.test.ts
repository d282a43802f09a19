/**
 * Writes (issue 13, part 1): reports and baselines never go through a symbolic link or over a file
 * being linted; --fix writes only files the user may write, in place, keeping mode, owner and hard links.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, CLEAN, NOBODY, NO_PUT, Scratch, expectClean, expectUsageError } from './helpers.js';

let s: Scratch;
beforeEach(() => {
  s = new Scratch();
});
afterEach(() => s.remove());

const BROKEN = CLEAN.replace('"/contacts/get"', '"/contacts/put"');
/** BROKEN with a fixable misspelling (`predefinedEvents`), and what --fix makes of it. */
const FIXABLE = BROKEN.replace('"preDefinedEvents"', '"predefinedEvents"');
const LINK = 'a symbolic link; cdp-lint does not write through links: remove it or choose another path';

describe('--output and --generate-baseline', () => {
  it('never write through a symbolic link, as the file itself or as a folder on the way', () => {
    s.write('conn.json', BROKEN);
    s.write('victim', 'secret\n');
    mkdirSync(s.path('reports'));
    symlinkSync('../victim', s.path('reports/cdp-lint.sarif'));
    mkdirSync(s.path('elsewhere'));
    symlinkSync(s.path('elsewhere'), s.path('linked'));

    expectUsageError(s.run(['conn.json', '-f', 'sarif', '-o', 'reports/cdp-lint.sarif']), `cdp-lint: --output reports/cdp-lint.sarif is ${LINK}`);
    expectUsageError(s.run(['conn.json', '-f', 'sarif', '-o', 'linked/new/cdp-lint.sarif']), `cdp-lint: --output linked/new/cdp-lint.sarif: linked is ${LINK}`);
    expectUsageError(s.run(['conn.json', '--generate-baseline', 'reports/cdp-lint.sarif']), `cdp-lint: --generate-baseline reports/cdp-lint.sarif is ${LINK}`);
    expectUsageError(s.run(['conn.json', '--generate-baseline', 'linked/baseline.json']), `cdp-lint: --generate-baseline linked/baseline.json: linked is ${LINK}`);
    expect(readFileSync(s.path('victim'), 'utf8')).toBe('secret\n');
    expect(readdirSync(s.path('elsewhere'))).toEqual([]);
  });

  it('never write over a file being linted, named as it is or through a hard link', () => {
    s.write('conn.json', BROKEN);
    linkSync(s.path('conn.json'), s.path('copy.json'));
    const over = 'is a file being linted; cdp-lint does not write over it: choose another file';
    expectUsageError(s.run(['conn.json', '-o', 'conn.json']), `cdp-lint: --output conn.json ${over}`);
    expectUsageError(s.run(['conn.json', '-f', 'json', '-o', 'copy.json']), `cdp-lint: --output copy.json is a file being linted (the same file as conn.json); cdp-lint does not write over it: choose another file`);
    expectUsageError(s.run(['conn.json', '--generate-baseline', 'conn.json']), `cdp-lint: --generate-baseline conn.json ${over}`);
    expect(readFileSync(s.path('conn.json'), 'utf8')).toBe(BROKEN);
  });

  it('still write new files, in new folders, and replace a previous report', () => {
    s.write('conn.json', BROKEN);
    s.write('out/report.json', 'old report');
    const r = s.run(['conn.json', '-f', 'json', '-o', 'out/report.json', '-f', 'stylish', '-o', 'new/deeper/report.txt']);
    expectClean(r);
    expect(r.code).toBe(1);
    expect((JSON.parse(readFileSync(s.path('out/report.json'), 'utf8')) as { summary: { errors: number } }).summary.errors).toBe(1);
    expect(readFileSync(s.path('new/deeper/report.txt'), 'utf8')).toContain(NO_PUT);
  });

  it('still write through a link to a pipe, such as /dev/stdout', () => {
    s.write('conn.json', BROKEN);
    // Through the shell, stdout is a pipe (Node's own stdio pipes are sockets, which /dev/stdout cannot open).
    const r = spawnSync('sh', ['-c', '"$0" "$1" conn.json -f json -o /dev/stdout | cat', process.execPath, BIN], { cwd: s.dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { summary: { errors: number } }).summary.errors).toBe(1);
  });
});

describe('--fix', () => {
  it('refuses a read-only file instead of replacing it', () => {
    const path = s.write('conn.json', FIXABLE);
    chmodSync(path, 0o444);
    const r = s.run(['--fix', 'conn.json', '--format', 'json']);
    expectClean(r);
    expect(r.stderr).toBe('cdp-lint: could not fix conn.json: it is read-only (mode 0444): cdp-lint changes only files you may write\n');
    expect(r.code).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe(FIXABLE);
    expect(statSync(path).mode & 0o777).toBe(0o444);
  });

  it('writes in place: the file keeps its inode, owner, mode and hard links', () => {
    const path = s.write('conn.json', FIXABLE);
    linkSync(path, s.path('also.json'));
    chmodSync(path, 0o640);
    // As root, the file belongs to another user, whose file it must stay.
    const owner = process.getuid?.() === 0 ? NOBODY : statSync(path).uid;
    if (process.getuid?.() === 0) chownSync(path, NOBODY, NOBODY);
    const before = statSync(path);
    const r = s.run(['--fix', 'conn.json']);
    expectClean(r);
    expect(r.stderr).toBe('cdp-lint: fixed 1 problem in conn.json\n');
    const after = statSync(path);
    expect({ ino: after.ino, uid: after.uid, gid: after.gid, mode: after.mode & 0o7777, nlink: after.nlink }).toEqual({ ino: before.ino, uid: owner, gid: before.gid, mode: 0o640, nlink: 2 });
    expect(readFileSync(path, 'utf8')).toBe(BROKEN);
    expect(readFileSync(s.path('also.json'), 'utf8')).toBe(BROKEN);
    expect(readdirSync(s.dir).sort()).toEqual(['also.json', 'conn.json']);
  });

  it('does not let a user replace a file they may not write, in a folder they may write', () => {
    const path = s.write('conn.json', FIXABLE);
    // Not writable by the unprivileged user: root's file (as root), or the user's own read-only file.
    chmodSync(path, process.getuid?.() === 0 ? 0o644 : 0o444);
    const before = statSync(path);
    const r = s.runUnprivileged(['--fix', 'conn.json', '--format', 'json']);
    expectClean(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cdp-lint: could not fix conn\.json: (permission denied: cdp-lint changes only files you may write|it is read-only \(mode 0444\): cdp-lint changes only files you may write)\n$/);
    const after = statSync(path);
    expect({ ino: after.ino, uid: after.uid, text: readFileSync(path, 'utf8') }).toEqual({ ino: before.ino, uid: before.uid, text: FIXABLE });
    expect(existsSync(s.path('conn.json'))).toBe(true);
    expect(readdirSync(s.dir)).toEqual(['conn.json']);
  });
});
