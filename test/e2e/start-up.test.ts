/**
 * How the built CLI starts and ends: the V8 code cache beside the bundle (bin/cdp-lint.cjs), worker
 * threads for many files, and output written straight to the file descriptors.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync, symlinkSync, truncateSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BIN, CLEAN_JSON, Workspace, cdpLint } from './cli.js';
import { brief, lintText } from '../helpers/lint.js';
import { ASIDE_BYTES } from '../../src/engine/parallel.js';
import type { Diagnostic } from '../../src/types.js';

// Each test starts the CLI several times: on a shared two-core machine that takes more than vitest's default 5 s.
vi.setConfig({ testTimeout: 60_000 });

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** What NODE_DEBUG=cdp-lint shows when a parallel run sets the short-run V8 flags (src/engine/jit.ts). */
const SHORT_RUN_LINE = /^CDP-LINT \d+: short run \(0\.\d MB per thread\): V8 flags --no-turbo-inlining --interrupt-budget=270336\n$/;
const BROKEN = readFileSync(join(REPO, 'fixtures', 'invalid', 'hub', 'broken-references.json'), 'utf8');

let w: Workspace;
beforeEach(() => {
  w = new Workspace();
});
afterEach(() => {
  // A test may leave dist/ read-only.
  if (existsSync(w.path('pkg/dist'))) chmodSync(w.path('pkg/dist'), 0o755);
  w.remove();
});

/** A copy of the installed package (bin/ and dist/, dependencies linked) whose code cache a test may change. */
function installCopy(): { bin: string; cache: string } {
  w.write('pkg/package.json', readFileSync(join(REPO, 'package.json')));
  w.write('pkg/bin/cdp-lint.cjs', readFileSync(join(REPO, 'bin', 'cdp-lint.cjs')));
  w.write('pkg/dist/cli.cjs', readFileSync(join(REPO, 'dist', 'cli.cjs')));
  symlinkSync(join(REPO, 'node_modules'), w.path('pkg/node_modules'));
  return { bin: w.path('pkg/bin/cdp-lint.cjs'), cache: w.path('pkg/dist/cli.v8cache') };
}

function run(bin: string, args: string[], env: Record<string, string> = {}) {
  const out = spawnSync(process.execPath, [bin, ...args], { cwd: w.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 30_000 });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

describe('V8 code cache', () => {
  it('the build writes one, and V8 accepts it: a run leaves it untouched', () => {
    const cache = join(REPO, 'dist', 'cli.v8cache');
    expect(statSync(cache).size).toBeGreaterThan(100_000);
    const before = statSync(cache);
    w.write('c.json', BROKEN);
    expect(cdpLint(['c.json'], w.dir).code).toBe(1);
    const after = statSync(cache);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('without a cache the CLI works the same and writes one after the run', () => {
    const { bin, cache } = installCopy();
    w.write('c.json', BROKEN);
    const expected = cdpLint(['c.json', '-f', 'json'], w.dir);
    expect(existsSync(cache)).toBe(false);
    const first = run(bin, ['c.json', '-f', 'json']);
    expect(first).toEqual(expected);
    expect(statSync(cache).size).toBeGreaterThan(100_000);
    const written = statSync(cache);
    // Accepted the next time: not written again.
    expect(run(bin, ['c.json', '-f', 'json'])).toEqual(expected);
    expect(statSync(cache).mtimeMs).toBe(written.mtimeMs);
  });

  it('a cache V8 rejects (another Node, a damaged file) is ignored and replaced', () => {
    const { bin, cache } = installCopy();
    w.write('pkg/dist/cli.v8cache', Buffer.alloc(5000, 7));
    w.write('c.json', BROKEN);
    const expected = cdpLint(['c.json'], w.dir);
    expect(run(bin, ['c.json'])).toEqual(expected);
    expect(readFileSync(cache).equals(Buffer.alloc(5000, 7))).toBe(false);
    expect(statSync(cache).size).toBeGreaterThan(100_000);
  });

  it('a read-only install runs without one, silently', () => {
    const { bin, cache } = installCopy();
    chmodSync(w.path('pkg/dist'), 0o555);
    w.write('c.json', BROKEN);
    const expected = cdpLint(['c.json'], w.dir);
    const r = run(bin, ['c.json']);
    expect(r).toEqual(expected);
    // root ignores directory permissions; either way nothing was said about the cache.
    if (process.getuid?.() !== 0) expect(existsSync(cache)).toBe(false);
    expect(r.stderr).toBe('');
  });
});

describe('many files', () => {
  it('spreads 40 files over worker threads and reports them in path order, as one by one', () => {
    const names = Array.from({ length: 40 }, (_, i) => `c${String(i).padStart(2, '0')}.json`);
    names.forEach((n, i) => w.write(`many/${n}`, i % 3 === 0 ? CLEAN_JSON : BROKEN));
    const all = w.run('many', '-f', 'json');
    expect(all.code).toBe(1);
    expect(all.stderr).toBe('');
    type Report = { files: Array<{ path: string; diagnostics: unknown[] }> };
    const results = (JSON.parse(all.stdout) as Report).files;
    expect(results.map((r) => r.path)).toEqual(names.map((n) => `many/${n}`));
    const alone = (n: string) => (JSON.parse(w.run(`many/${n}`, '-f', 'json').stdout) as Report).files[0]!.diagnostics;
    for (const i of [0, 1, 20, 39]) expect(results[i]!.diagnostics).toEqual(alone(names[i]!));
    expect(results.filter((r) => r.diagnostics.length === 0)).toHaveLength(14);
    expect(results[1]!.diagnostics.length).toBeGreaterThan(3);
    // A short run on two or more cores: the last worker to load sets the short-run V8 flags; same report.
    const debug = run(BIN, ['many', '-f', 'json'], { NODE_DEBUG: 'cdp-lint' });
    expect(debug.stdout).toBe(all.stdout);
    if (availableParallelism() > 1) expect(debug.stderr).toMatch(SHORT_RUN_LINE);
    else expect(debug.stderr).toBe('');
  });

  it('leaves V8 flags alone when each thread has more than 48 MB to read', () => {
    // 16 sparse files of 60 MB: over the file-size limit, so they are not read, but they count.
    for (let i = 0; i < 16; i++) truncateSync(w.write(`huge/h${i}.json`, ''), 60 * 1024 * 1024);
    w.write('huge/c.json', CLEAN_JSON);
    const out = run(BIN, ['huge'], { NODE_DEBUG: 'cdp-lint' });
    expect(out.stdout).toBe('✔ No problems found in 1 file\n');
    expect(out.stderr).toBe('');
  });

  it('a run that writes the code cache keeps the default flags, so the next run accepts the cache', () => {
    const { bin, cache } = installCopy();
    for (let i = 0; i < 20; i++) w.write(`many/c${i}.json`, i % 2 === 0 ? CLEAN_JSON : BROKEN);
    const expected = cdpLint(['many'], w.dir);
    expect(existsSync(cache)).toBe(false);
    const writing = run(bin, ['many'], { NODE_DEBUG: 'cdp-lint' });
    expect(writing).toEqual({ ...expected, stderr: '' });
    const written = statSync(cache);
    // A process with V8's default flags accepts it: it is neither written again by a single-file run...
    expect(run(bin, ['many/c0.json'])).toEqual(cdpLint(['many/c0.json'], w.dir));
    expect(statSync(cache).mtimeMs).toBe(written.mtimeMs);
    // ...nor by a short run that sets the flags after loading it.
    const tuned = run(bin, ['many'], { NODE_DEBUG: 'cdp-lint' });
    expect(tuned.stdout).toBe(expected.stdout);
    if (availableParallelism() > 1) expect(tuned.stderr).toMatch(SHORT_RUN_LINE);
    expect(statSync(cache).mtimeMs).toBe(written.mtimeMs);
  });
});

describe('a large file', () => {
  it('is linted in a worker thread (with a small young generation), with the same report as in-process', () => {
    // broken-references.json with 9 MB of extension data in `info`: its problems stay where they are.
    const doc = JSON.parse(BROKEN) as { resources: { info: Record<string, unknown> } };
    doc.resources.info['x-bulk'] = Array.from({ length: 120_000 }, (_, i) => `padding string number ${i} `.repeat(3));
    const text = JSON.stringify(doc, null, 2);
    expect(text.length).toBeGreaterThan(ASIDE_BYTES);
    w.write('large.json', text);
    const out = spawnSync(process.execPath, [BIN, 'large.json', '-f', 'json'], { cwd: w.dir, encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'worker' } });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('create new worker');
    type Report = { files: Array<{ diagnostics: Diagnostic[] }> };
    const viaWorker = (JSON.parse(out.stdout) as Report).files[0]!.diagnostics.map(brief);
    expect(viaWorker).toEqual(lintText(text, 'large.json').diagnostics.map(brief));
    expect(viaWorker.length).toBeGreaterThan(0);
    // A small file stays on the main thread.
    w.write('c.json', BROKEN);
    const small = spawnSync(process.execPath, [BIN, 'c.json'], { cwd: w.dir, encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'worker' } });
    expect(small.status).toBe(1);
    expect(small.stderr).not.toContain('create new worker');
  });
});

describe('output', () => {
  it('a reader that stops early (`| head -c 10`) ends the run quietly, not with a stack trace', () => {
    // Well over a pipe's 64 KB (stylish pads nothing, so 150 files), so the CLI is still writing when head has gone.
    for (let i = 0; i < 150; i++) w.write(`d/c${i}.json`, BROKEN);
    const out = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" d | head -c 10 >/dev/null; echo "exit \${PIPESTATUS[0]}"`], { cwd: w.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(w.run('d').stdout.length).toBeGreaterThan(100_000);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe('exit 0\n');
  });

  it('writes the whole report into a file, and to /dev/null without failing', () => {
    w.write('c.json', BROKEN);
    const toFile = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" c.json -f json > out.json; echo $?`], { cwd: w.dir, encoding: 'utf8' });
    expect(toFile.stdout).toBe('1\n');
    expect(readFileSync(w.path('out.json'), 'utf8')).toBe(w.run('c.json', '-f', 'json').stdout);
    const toNull = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" c.json > /dev/null; echo $?`], { cwd: w.dir, encoding: 'utf8' });
    expect(toNull.stdout).toBe('1\n');
    expect(toNull.stderr).toBe('');
  });
});

describe('dependencies outside the bundle', () => {
  it('tinyglobby loads on first use from the installed packages', () => {
    // The quoted glob needs tinyglobby; the config's ignore, the bundled glob matcher; the bracket locator, the bundled jsonpath-plus.
    const locators = readFileSync(join(REPO, 'fixtures', 'rules', 'records-locator', 'invalid', 'locators.json'), 'utf8');
    w.write('conn/a.json', locators.replace('"recordsLocator": "result"', `"recordsLocator": "$['result']"`));
    w.write('conn/skip.json', BROKEN);
    w.write('.cdp-lint.json', '{"ignore": ["conn/skip.json"]}');
    const out = cdpLint(['conn/*.json', '-f', 'json'], w.dir);
    type Report = { files: Array<{ path: string; diagnostics: Array<{ ruleId: string; message: string; range: { start: { line: number; column: number } } }> }> };
    const files = (JSON.parse(out.stdout) as Report).files;
    expect(out.stderr).toBe('');
    expect(files.map((f) => f.path)).toEqual(['conn/a.json']);
    const first = files[0]!.diagnostics[0]!;
    expect([first.ruleId, first.range.start.line, first.range.start.column]).toEqual(['records-locator', 7, 42]);
    expect(first.message).toBe(
      "recordsLocator `$['result']` reaches nothing in the response of GET /contacts: `result` is not one of its properties (`total` and `results`); did you mean `results`?",
    );
  });
});
