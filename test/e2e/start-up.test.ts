/**
 * How the built CLI starts and ends: a code cache only through what Node supports, nothing written
 * into the install folder, no V8 flags, worker threads for many files, and output written straight to
 * the file descriptors.
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { BIN, CLEAN_JSON, Workspace, cdpLint } from './cli.js';
import { brief, lintText } from '../helpers/lint.js';
import { ASIDE_BYTES, ASIDE_YAML_BYTES } from '../../src/engine/parallel.js';
import type { Diagnostic } from '../../src/types.js';
import { chmodTree, snapshot } from '../helpers/tree.js';
import { NOBODY } from '../hostile/helpers.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BROKEN = readFileSync(join(REPO, 'fixtures', 'invalid', 'hub', 'broken-references.json'), 'utf8');
/** The build's code cache for this V8 (scripts/code-cache.cjs). */
const CACHE_NAME = `cli.${process.versions.v8}.v8cache`;

let w: Workspace;
beforeEach(() => {
  w = new Workspace();
});
afterEach(() => {
  // A test may leave the copy read-only.
  if (existsSync(w.path('pkg'))) chmodTree(w.path('pkg'), true);
  w.remove();
});

/** A copy of the installed package (bin/ and dist/, dependencies linked); `cache`: with the build's code cache. */
function installCopy(options: { cache: boolean }): string {
  w.write('pkg/package.json', readFileSync(join(REPO, 'package.json')));
  for (const f of readdirSync(join(REPO, 'bin'))) w.write(`pkg/bin/${f}`, readFileSync(join(REPO, 'bin', f)));
  w.write('pkg/dist/cli.cjs', readFileSync(join(REPO, 'dist', 'cli.cjs')));
  if (options.cache) w.write(`pkg/dist/${CACHE_NAME}`, readFileSync(join(REPO, 'dist', CACHE_NAME)));
  symlinkSync(join(REPO, 'node_modules'), w.path('pkg/node_modules'));
  return w.path('pkg/bin/cdp-lint.cjs');
}

/** Run `bin` in the workspace, with the user's code cache in <workspace>/xdg (XDG_CACHE_HOME) unless `env` says otherwise. */
function run(bin: string, args: string[], env: Record<string, string> = {}) {
  const out = spawnSync(process.execPath, [bin, ...args], { cwd: w.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: w.path('xdg'), ...env } });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

/**
 * Run `bin` as a user without privileges: as root, `nobody` through util-linux's setpriv (root may
 * write anywhere), the workspace opened to it; any other user runs it directly.
 */
function asUnprivileged(bin: string, args: string[], env: Record<string, string>) {
  const root = process.getuid?.() === 0;
  if (root) chmodSync(w.dir, 0o755);
  else chmodTree(w.path('home'), false);
  const command = root ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath] : [process.execPath];
  const out = spawnSync(command[0]!, [...command.slice(1), bin, ...args], { cwd: w.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  if (out.error) throw out.error;
  if (/setpriv: /.test(out.stderr)) throw new Error(`setpriv could not drop privileges: ${out.stderr}`);
  if (!root) chmodTree(w.path('home'), true);
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** bin/user-cache.cjs, for what can be checked without running the CLI. */
const userCacheModule = () =>
  createRequire(import.meta.url)('../../bin/user-cache.cjs') as { cacheFolder: (env: Record<string, string>, home?: string, tmp?: string) => string; checksum: (data: Uint8Array) => number };

/** The user's code cache folder the copies below use (XDG_CACHE_HOME=<workspace>/xdg). */
const userCacheFolder = () => w.path('xdg/cdp-lint');
/** The files in the user's code cache folder. */
const userCaches = () => (existsSync(userCacheFolder()) ? readdirSync(userCacheFolder()).sort() : []);
const USER_CACHE = new RegExp(`^cli-${process.versions.v8.replace(/\./g, '\\.')}-[0-9a-f]{8}\\.v8cache$`);
/** What NODE_DEBUG=cdp-lint says about the user's code cache. */
const said = (what: string) => new RegExp(`^CDP-LINT \\d+: code cache: ${what} \\(${userCacheFolder().replace(/[.+]/g, '\\$&')}/cli-[^)]+\\.v8cache\\)$`, 'm');

describe('code cache', () => {
  const env = { NODE_DEBUG: 'cdp-lint' };

  it("the build's holds the functions a lint compiles on the main thread: linting a fixture alone adds next to none", () => {
    // V8's cache data of the bundle after a run with the build's cache, against that cache.
    w.write('grown.cjs', `
      const { readFileSync } = require('node:fs');
      const { join } = require('node:path');
      const { Script } = require('node:vm');
      const { createRequire } = require('node:module');
      const [dist, file] = process.argv.slice(2);
      const bundle = join(dist, 'cli.cjs');
      const cache = readFileSync(join(dist, ${JSON.stringify(CACHE_NAME)}));
      const script = new Script('(function (exports, require, module, __filename, __dirname) { ' + readFileSync(bundle, 'latin1') + '\\n})', { filename: bundle, cachedData: cache });
      const mod = { exports: {} };
      script.runInThisContext()(mod.exports, createRequire(bundle), mod, bundle, dist);
      process.once('exit', () => process.stderr.write(JSON.stringify({ rejected: script.cachedDataRejected, grown: script.createCachedData().length - cache.length })));
      process.argv = [process.argv[0], join(dist, '..', 'bin', 'cdp-lint.cjs'), file];
      mod.exports.main(process.argv[1]);
    `);
    for (const fixture of ['hub/mailing-list.yaml', 'hub/settings-in-wrong-places.yaml', 'openapi/orders-api.yaml', 'hub/broken-references.json']) {
      const out = spawnSync(process.execPath, [w.path('grown.cjs'), join(REPO, 'dist'), join(REPO, 'fixtures', 'invalid', fixture)], { encoding: 'utf8' });
      expect(out.status).toBe(1);
      const { rejected, grown } = JSON.parse(out.stderr) as { rejected: boolean; grown: number };
      expect(rejected).toBe(false);
      // A few bytes come and go between runs; one function of the YAML reader is hundreds.
      expect(grown, fixture).toBeLessThan(256);
    }
  });

  it("the build's, for this V8 (dist/cli.<V8 version>.v8cache), is accepted; nothing in the install folder changes, and no user cache is made", () => {
    const bin = installCopy({ cache: true });
    w.write('c.json', BROKEN);
    const expected = cdpLint(['c.json', '-f', 'json'], w.dir);
    const before = snapshot(w.path('pkg'));
    for (let i = 0; i < 2; i++) {
      const r = run(bin, ['c.json', '-f', 'json'], env);
      expect({ ...r, stderr: '' }).toEqual(expected);
      expect(r.stderr).toMatch(new RegExp(`^CDP-LINT \\d+: code cache: accepted \\(dist/${CACHE_NAME.replace(/\./g, '\\.')}\\)\n$`));
    }
    expect(snapshot(w.path('pkg'))).toEqual(before);
    expect(existsSync(w.path('xdg'))).toBe(false);
  });

  it("none for this V8: the user's code cache, made after the first lint run in XDG_CACHE_HOME/cdp-lint (private), read by the next runs; not in the install folder", () => {
    const bin = installCopy({ cache: false });
    w.write('pkg/dist/cli.0.0.0-other-v8.v8cache', Buffer.alloc(5000, 7));
    w.write('c.json', BROKEN);
    const expected = cdpLint(['c.json', '-f', 'json'], w.dir);
    const before = snapshot(w.path('pkg'));
    // --version lints nothing: a cache made then would hold few functions, so none is made.
    const version = run(bin, ['--version'], env);
    expect(version.stderr).toMatch(said('none'));
    expect(version.stderr).not.toMatch(/written/);
    expect(userCaches()).toEqual([]);
    const first = run(bin, ['c.json', '-f', 'json'], env);
    expect({ ...first, stderr: '' }).toEqual(expected);
    expect(first.stderr).toMatch(said('none'));
    expect(first.stderr).toMatch(said('written'));
    expect(userCaches()).toEqual([expect.stringMatching(USER_CACHE)]);
    const file = join(userCacheFolder(), userCaches()[0]!);
    expect(statSync(userCacheFolder()).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = snapshot(userCacheFolder());
    for (let i = 0; i < 2; i++) {
      const r = run(bin, ['c.json', '-f', 'json'], env);
      expect(r).toEqual({ ...expected, stderr: expect.stringMatching(said('accepted')) });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    // Read, never rewritten once accepted.
    expect(snapshot(userCacheFolder())).toEqual(written);
    expect(snapshot(w.path('pkg'))).toEqual(before);
  });

  it('a cache made after a lint of JSON is made again, once, after the first lint of YAML (and the reverse): then it holds both readers', () => {
    const bin = installCopy({ cache: false });
    w.write('c.json', BROKEN);
    w.write('c.yaml', stringify(JSON.parse(BROKEN)));
    const expected = { json: cdpLint(['c.json', '-f', 'json'], w.dir), yaml: cdpLint(['c.yaml', '-f', 'json'], w.dir) };
    /** The formats the cache file says its run linted (1 JSON, 2 YAML), and its size. */
    const held = () => {
      const data = readFileSync(join(userCacheFolder(), userCaches()[0]!));
      return { formats: data.readUInt32LE(8), size: data.length };
    };
    const lint = (file: 'c.json' | 'c.yaml', what: string[]) => {
      const r = run(bin, [file, '-f', 'json'], env);
      expect({ ...r, stderr: '' }).toEqual(expected[file === 'c.json' ? 'json' : 'yaml']);
      expect(r.stderr.trim().split('\n').map((line) => line.replace(/^CDP-LINT \d+: code cache: (\w+).*$/, '$1'))).toEqual(what);
    };
    lint('c.json', ['none', 'written']);
    const json = held();
    expect(json.formats).toBe(1);
    lint('c.json', ['accepted']);
    lint('c.yaml', ['accepted', 'written']);
    const both = held();
    // The YAML reader's functions (js-yaml, the fast path's event log) were compiled by that run: kept.
    expect(both).toEqual({ formats: 3, size: expect.any(Number) });
    expect(both.size).toBeGreaterThan(json.size + 10_000);
    const written = snapshot(userCacheFolder());
    lint('c.yaml', ['accepted']);
    lint('c.json', ['accepted']);
    expect(snapshot(userCacheFolder())).toEqual(written);
    expect(userCaches()).toHaveLength(1);
    // YAML first, then JSON.
    rmSync(userCacheFolder(), { recursive: true });
    lint('c.yaml', ['none', 'written']);
    expect(held().formats).toBe(2);
    lint('c.json', ['accepted', 'written']);
    expect(held().formats).toBe(3);
    lint('c.json', ['accepted']);
  });

  it('CDP_LINT_NO_CODE_CACHE=1, or NODE_DISABLE_COMPILE_CACHE=1, switch the user\'s code cache off: nothing read or written', () => {
    const bin = installCopy({ cache: false });
    w.write('c.json', BROKEN);
    const expected = cdpLint(['c.json'], w.dir);
    for (const off of [{ CDP_LINT_NO_CODE_CACHE: '1' }, { NODE_DISABLE_COMPILE_CACHE: '1' }] as Array<Record<string, string>>) {
      for (let i = 0; i < 2; i++) expect(run(bin, ['c.json'], { ...env, ...off })).toEqual({ ...expected, stderr: expect.stringMatching(/^CDP-LINT \d+: code cache: off\n$/) });
      expect(existsSync(w.path('xdg'))).toBe(false);
    }
    // Off is off: an existing cache is not read either.
    run(bin, ['c.json']);
    expect(run(bin, ['c.json'], { ...env, CDP_LINT_NO_CODE_CACHE: '1' }).stderr).toMatch(/code cache: off/);
    // 0 is not a switch.
    expect(run(bin, ['c.json'], { ...env, CDP_LINT_NO_CODE_CACHE: '0' }).stderr).toMatch(said('accepted'));
  });

  it('a damaged user cache is never given to V8 (its checksum), one V8 refuses is ignored; both are made again after the run', () => {
    const bin = installCopy({ cache: false });
    w.write('c.json', BROKEN);
    const expected = cdpLint(['c.json', '-f', 'json'], w.dir);
    run(bin, ['c.json']);
    const file = join(userCacheFolder(), userCaches()[0]!);
    const good = readFileSync(file);
    // Bytes changed inside V8's data (with its header intact, V8 would run it as it is, and crash);
    // the file cut short; V8 data of another bundle (header and checksum right, content refused by V8).
    const flipped = Buffer.from(good);
    for (let i = 200; i < flipped.length; i += 997) flipped[i]! ^= 0x5a;
    const refused = Buffer.alloc(5008, 7);
    refused.write('CDP3', 0, 'latin1');
    refused.writeUInt32LE(userCacheModule().checksum(refused.subarray(8)), 4);
    // A cache of a format before (tag CDP1: a 32-bit FNV-1a of 4-byte words; CDP2: no formats word), left by an older version.
    const older = Buffer.from(good);
    older.write('CDP2', 0, 'latin1');
    for (const [damaged, what] of [[flipped, 'none'], [good.subarray(0, good.length >> 1), 'none'], [older, 'none'], [refused, 'rejected']] as const) {
      writeFileSync(file, damaged);
      const r = run(bin, ['c.json', '-f', 'json'], env);
      expect({ ...r, stderr: '' }).toEqual(expected);
      expect(r.stderr).toMatch(said(what));
      expect(r.stderr).toMatch(said('written'));
      expect(userCaches()).toHaveLength(1);
      expect(run(bin, ['c.json', '-f', 'json'], env).stderr).toMatch(said('accepted'));
    }
  });

  it("under other V8 flags (NODE_OPTIONS) V8 refuses the build's cache: a user cache of their own, beside the others", () => {
    const bin = installCopy({ cache: true });
    w.write('c.json', BROKEN);
    const expected = cdpLint(['c.json'], w.dir);
    // A flag in V8's flag hash on every supported Node (Node 24's V8 leaves heap sizes out of it).
    const flags = (n: number) => ({ ...env, NODE_OPTIONS: `--stack-trace-limit=${n}` });
    const first = run(bin, ['c.json'], flags(300));
    expect({ ...first, stderr: '' }).toEqual(expected);
    expect(first.stderr).toMatch(/^CDP-LINT \d+: code cache: rejected \(dist\/cli\.[^)]+\.v8cache\)$/m);
    expect(first.stderr).toMatch(said('written'));
    expect(run(bin, ['c.json'], flags(300)).stderr).toMatch(said('accepted'));
    run(bin, ['c.json'], flags(400));
    expect(run(bin, ['c.json'], flags(400)).stderr).toMatch(said('accepted'));
    expect(run(bin, ['c.json'], flags(300)).stderr).toMatch(said('accepted'));
    expect(userCaches()).toEqual([expect.stringMatching(USER_CACHE), expect.stringMatching(USER_CACHE)]);
    // The build's own flags: its cache, and no user cache is looked at.
    expect(run(bin, ['c.json'], env).stderr).toMatch(/^CDP-LINT \d+: code cache: accepted \(dist\/[^)]+\)\n$/);
  });

  it("another build of the bundle (another version installed) gets a cache of its own", () => {
    const bin = installCopy({ cache: false });
    w.write('c.json', BROKEN);
    // npm gives every file of a package the same modification time, 1985-10-26.
    const npmTime = new Date('1985-10-26T08:15:00Z');
    utimesSync(w.path('pkg/dist/cli.cjs'), npmTime, npmTime);
    run(bin, ['c.json']);
    expect(run(bin, ['c.json'], env).stderr).toMatch(said('accepted'));
    // The same length (V8 checks only that of the source) and time, another build id.
    const bundle = readFileSync(w.path('pkg/dist/cli.cjs'), 'latin1');
    w.write('pkg/dist/cli.cjs', Buffer.from(bundle.replace(/cdp-lint-build=([0-9a-f])/, (_, d: string) => `cdp-lint-build=${d === 'a' ? 'b' : 'a'}`), 'latin1'));
    utimesSync(w.path('pkg/dist/cli.cjs'), npmTime, npmTime);
    expect(run(bin, ['c.json'], env).stderr).toMatch(said('none'));
    expect(userCaches()).toHaveLength(2);
  });

  it('a cache folder others may write to is neither read nor written (anyone could have put bytecode in it)', () => {
    const bin = installCopy({ cache: false });
    w.write('c.json', BROKEN);
    const expected = cdpLint(['c.json'], w.dir);
    run(bin, ['c.json']);
    chmodSync(userCacheFolder(), 0o777);
    const before = snapshot(userCacheFolder());
    const r = run(bin, ['c.json'], env);
    expect({ ...r, stderr: '' }).toEqual(expected);
    expect(r.stderr).toMatch(said('none'));
    expect(r.stderr).toMatch(said('not written'));
    expect(snapshot(userCacheFolder())).toEqual(before);
    // The same for a cache file others may write to.
    chmodSync(userCacheFolder(), 0o700);
    chmodSync(join(userCacheFolder(), userCaches()[0]!), 0o666);
    expect(run(bin, ['c.json'], env).stderr).toMatch(said('none'));
  });

  it('a home folder the user may not write to: the run is the same, silent, and writes nothing', () => {
    const bin = installCopy({ cache: false });
    w.write('c.json', BROKEN);
    const expected = cdpLint(['c.json'], w.dir);
    mkdirSync(w.path('home'));
    const r = asUnprivileged(bin, ['c.json'], { HOME: w.path('home'), XDG_CACHE_HOME: '' });
    expect(r).toEqual(expected);
    expect(readdirSync(w.path('home'))).toEqual([]);
  });

  it('concurrent first runs each lint as alone and leave one whole cache, without temporary files', async () => {
    const bin = installCopy({ cache: false });
    w.write('c.json', BROKEN);
    const expected = cdpLint(['c.json', '-f', 'json'], w.dir);
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        execFile(process.execPath, [bin, 'c.json', '-f', 'json'], { cwd: w.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: w.path('xdg') } }, (error, stdout, stderr) =>
          done({ code: error ? (error.code as number) : 0, stdout, stderr }),
        );
      })),
    );
    for (const r of runs) expect(r).toEqual(expected);
    expect(userCaches()).toEqual([expect.stringMatching(USER_CACHE)]);
    expect(run(bin, ['c.json'], env).stderr).toMatch(said('accepted'));
  });

  it('keeps the eight most recent caches, and removes temporary files a dead writer left an hour ago', () => {
    const bin = installCopy({ cache: false });
    w.write('c.json', BROKEN);
    const old = Date.now() / 1000 - 7200;
    for (let i = 0; i < 10; i++) {
      const f = w.write(`xdg/cdp-lint/cli-0.0.${i}-0000000${i}.v8cache`, 'x');
      utimesSync(f, old + i, old + i);
    }
    utimesSync(w.write('xdg/cdp-lint/cli-x.v8cache.1.2.tmp', 'x'), old, old);
    w.write('xdg/cdp-lint/cli-y.v8cache.3.4.tmp', 'x');
    chmodSync(userCacheFolder(), 0o700);
    run(bin, ['c.json']);
    const left = userCaches();
    expect(left.filter((n) => USER_CACHE.test(n))).toHaveLength(1);
    expect(left.filter((n) => n.startsWith('cli-0.0.'))).toEqual(['cli-0.0.3-00000003.v8cache', 'cli-0.0.4-00000004.v8cache', 'cli-0.0.5-00000005.v8cache', 'cli-0.0.6-00000006.v8cache', 'cli-0.0.7-00000007.v8cache', 'cli-0.0.8-00000008.v8cache', 'cli-0.0.9-00000009.v8cache']);
    expect(left.filter((n) => n.endsWith('.tmp'))).toEqual(['cli-y.v8cache.3.4.tmp']);
  });

  it('the folder: an absolute XDG_CACHE_HOME, else the home folder\'s .cache, else the temporary folder', () => {
    const { cacheFolder } = userCacheModule();
    expect(cacheFolder({ XDG_CACHE_HOME: '/x/cache' }, '/home/a', '/t')).toBe('/x/cache/cdp-lint');
    expect(cacheFolder({ XDG_CACHE_HOME: 'relative' }, '/home/a', '/t')).toBe('/home/a/.cache/cdp-lint');
    expect(cacheFolder({}, '/home/a', '/t')).toBe('/home/a/.cache/cdp-lint');
    expect(cacheFolder({}, '', '/t')).toBe(`/t/cdp-lint-${process.getuid?.() ?? 'user'}`);
  });

  it("the checksum is FNV-1a's 64-bit step over little-endian 64-bit words, the last four completed with zeros, folded to 32 bits", () => {
    const fnv = (data: Uint8Array) => {
      const words = new Uint8Array((data.length + 31) & ~31);
      words.set(data);
      const view = new DataView(words.buffer);
      let h = 0xcbf29ce484222325n;
      for (let i = 0; i < words.length; i += 8) h = BigInt.asUintN(64, (h ^ view.getBigUint64(i, true)) * 0x100000001b3n);
      return Number(BigInt.asUintN(32, h ^ (h >> 32n)));
    };
    const { checksum } = userCacheModule();
    for (const length of [0, 1, 7, 8, 31, 32, 33, 65_503, 65_504, 65_505, 65_536, 200_001]) {
      const data = randomBytes(length);
      expect(checksum(data), `${length} bytes`).toBe(fnv(data));
    }
    // The word 'abcd' and four zero bytes, then three words of zeros, from FNV-1a's 64-bit offset basis.
    expect(checksum(Buffer.from('abcd'))).toBe(0xab50e266);
  });

  it("a build's cache V8 refuses (a damaged file) is ignored, silently, and left as it is", () => {
    const bin = installCopy({ cache: false });
    w.write(`pkg/dist/${CACHE_NAME}`, Buffer.alloc(5000, 7));
    w.write('c.json', BROKEN);
    const expected = cdpLint(['c.json'], w.dir);
    const before = snapshot(w.path('pkg'));
    expect(run(bin, ['c.json'])).toEqual(expected);
    expect(run(bin, ['c.json'], { NODE_DEBUG: 'cdp-lint' }).stderr).toMatch(/^CDP-LINT \d+: code cache: rejected \(dist\//);
    expect(snapshot(w.path('pkg'))).toEqual(before);
    expect(readFileSync(w.path(`pkg/dist/${CACHE_NAME}`)).equals(Buffer.alloc(5000, 7))).toBe(true);
  });

  it('a read-only install runs, silently, and nothing in it changes, with one file or many', () => {
    const bin = installCopy({ cache: true });
    chmodTree(w.path('pkg'), false);
    w.write('c.json', BROKEN);
    for (let i = 0; i < 20; i++) w.write(`many/c${i}.json`, i % 2 === 0 ? CLEAN_JSON : BROKEN);
    const before = snapshot(w.path('pkg'));
    const r = run(bin, ['c.json']);
    expect(r).toEqual(cdpLint(['c.json'], w.dir));
    expect(r.stderr).toBe('');
    expect(run(bin, ['many'])).toEqual(cdpLint(['many'], w.dir));
    expect(snapshot(w.path('pkg'))).toEqual(before);
  });
});

describe('no V8 flags at run time', () => {
  it('nothing in bin/ or src/ sets V8 flags (Node documents that as undefined behaviour once the VM runs)', () => {
    const files = [join(REPO, 'bin', 'cdp-lint.cjs'), ...readdirSync(join(REPO, 'src'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name))];
    const setters = files.filter((f) => /setFlagsFromString|node:v8['"]|--interrupt-budget|--no-turbo/.test(readFileSync(f, 'utf8')));
    expect(setters.map((f) => relative(REPO, f))).toEqual([]);
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
    // No V8 flags: with NODE_DEBUG=cdp-lint, stderr has only what each thread's start-up says.
    const debug = run(BIN, ['many', '-f', 'json'], { NODE_DEBUG: 'cdp-lint' });
    expect(debug.stdout).toBe(all.stdout);
    expect(debug.stderr).toMatch(/^(CDP-LINT \d+: (compile|code) cache: [^\n]*\n)+$/);
  });
});

describe('a large file', () => {
  /** broken-references.json with `items` padding strings in `info`: its problems stay where they are. */
  const padded = (items: number) => {
    const doc = JSON.parse(BROKEN) as { resources: { info: Record<string, unknown> } };
    doc.resources.info['x-bulk'] = Array.from({ length: items }, (_, i) => `padding string number ${i} `.repeat(3));
    return doc;
  };
  /** Run the CLI on `name` (NODE_DEBUG=worker tells whether a worker started): exit code, that, and its problems in brief. */
  const lintFile = (name: string, ...args: string[]) => {
    const out = spawnSync(process.execPath, [BIN, name, '-f', 'json', ...args], { cwd: w.dir, encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'worker' } });
    const report = JSON.parse(out.stdout) as { files: Array<{ diagnostics: Diagnostic[] }> };
    return { status: out.status, worker: out.stderr.includes('create new worker'), problems: report.files[0]!.diagnostics.map(brief) };
  };

  it('is linted in a worker thread (with a small young generation), with the same report as in-process', () => {
    const text = JSON.stringify(padded(120_000), null, 2);
    expect(text.length).toBeGreaterThan(ASIDE_BYTES);
    w.write('large.json', text);
    const large = lintFile('large.json');
    expect(large).toEqual({ status: 1, worker: true, problems: lintText(text, 'large.json').diagnostics.map(brief) });
    expect(large.problems.length).toBeGreaterThan(0);
    // A small file stays on the main thread.
    w.write('c.json', BROKEN);
    expect(lintFile('c.json')).toMatchObject({ status: 1, worker: false });
  });

  it('as YAML, from a smaller size (it allocates more per byte read), with the same report as in-process', () => {
    // 3 MB as YAML: a worker; the same as JSON, or with --threads off, stays on the main thread.
    const doc = padded(40_000);
    const yaml = stringify(doc);
    expect(yaml.length).toBeGreaterThan(ASIDE_YAML_BYTES);
    expect(yaml.length).toBeLessThan(ASIDE_BYTES);
    w.write('large.yaml', yaml);
    w.write('large.json', JSON.stringify(doc));
    const large = lintFile('large.yaml');
    expect(large).toEqual({ status: 1, worker: true, problems: lintText(yaml, 'large.yaml').diagnostics.map(brief) });
    expect(large.problems.length).toBeGreaterThan(0);
    expect(lintFile('large.json')).toMatchObject({ status: 1, worker: false });
    expect(lintFile('large.yaml', '--threads', 'off')).toEqual({ ...large, worker: false });
  });
});

describe('output', () => {
  /** `cdp-lint <args> | <reader>` in bash: what bash printed, and the CLI's exit code from PIPESTATUS. */
  const pipe = (args: string, reader: string) => {
    const out = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ${args} | ${reader}; echo "exit \${PIPESTATUS[0]}"`], { cwd: w.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { stdout: out.stdout, stderr: out.stderr };
  };
  // Well over a pipe's 64 KB (stylish pads nothing, so 150 files), so the CLI is still writing when the reader has gone.
  const manyBroken = () => {
    for (let i = 0; i < 150; i++) w.write(`d/c${i}.json`, BROKEN);
  };

  it('a reader that stops early (`| head -1`) gets its line; the run exits 1 for its errors, saying nothing about the pipe', () => {
    manyBroken();
    expect(w.run('d').stdout.length).toBeGreaterThan(100_000);
    expect(pipe('d', 'head -1')).toEqual({ stdout: 'd/c0.json\nexit 1\n', stderr: '' });
  });

  it('the same with a JSON report read in part (`| head -c 10`)', () => {
    manyBroken();
    expect(pipe('d -f json', 'head -c 10 >/dev/null')).toEqual({ stdout: 'exit 1\n', stderr: '' });
  });

  it('a clean run read in part still exits 0, a usage error 2', () => {
    for (let i = 0; i < 100; i++) w.write(`clean/c${i}.json`, CLEAN_JSON);
    expect(pipe('clean --verbose -f json', 'head -c 10 >/dev/null')).toEqual({ stdout: 'exit 0\n', stderr: '' });
    expect(pipe('missing.json', 'head -1')).toMatchObject({ stdout: 'exit 2\n' });
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
