/**
 * How the built CLI starts and ends: a code cache only through what Node supports, nothing written
 * into the install folder, no V8 flags, worker threads for many files, and output written straight to
 * the file descriptors.
 */
import { spawnSync } from 'node:child_process';
import * as nodeModule from 'node:module';
import { existsSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { BIN, CLEAN_JSON, Workspace, cdpLint } from './cli.js';
import { brief, lintText } from '../helpers/lint.js';
import { ASIDE_BYTES, ASIDE_YAML_BYTES } from '../../src/engine/parallel.js';
import type { Diagnostic } from '../../src/types.js';
import { chmodTree, snapshot } from '../helpers/tree.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BROKEN = readFileSync(join(REPO, 'fixtures', 'invalid', 'hub', 'broken-references.json'), 'utf8');
/** Node 22.1 and later have module.enableCompileCache, which bin/cdp-lint.cjs uses when the build left no code cache for this V8. */
const COMPILE_CACHE = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';
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
  w.write('pkg/bin/cdp-lint.cjs', readFileSync(join(REPO, 'bin', 'cdp-lint.cjs')));
  w.write('pkg/dist/cli.cjs', readFileSync(join(REPO, 'dist', 'cli.cjs')));
  if (options.cache) w.write(`pkg/dist/${CACHE_NAME}`, readFileSync(join(REPO, 'dist', CACHE_NAME)));
  symlinkSync(join(REPO, 'node_modules'), w.path('pkg/node_modules'));
  return w.path('pkg/bin/cdp-lint.cjs');
}

function run(bin: string, args: string[], env: Record<string, string> = {}) {
  const out = spawnSync(process.execPath, [bin, ...args], { cwd: w.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

describe('code cache', () => {
  const env = (w: Workspace) => ({ NODE_DEBUG: 'cdp-lint', NODE_COMPILE_CACHE: w.path('compile-cache') });

  it("the build's, for this V8 (dist/cli.<V8 version>.v8cache), is accepted; nothing in the install folder changes", () => {
    const bin = installCopy({ cache: true });
    w.write('c.json', BROKEN);
    const expected = cdpLint(['c.json', '-f', 'json'], w.dir);
    const before = snapshot(w.path('pkg'));
    for (let i = 0; i < 2; i++) {
      const r = run(bin, ['c.json', '-f', 'json'], env(w));
      expect({ ...r, stderr: '' }).toEqual(expected);
      expect(r.stderr).toMatch(new RegExp(`^CDP-LINT \\d+: code cache: accepted \\(dist/${CACHE_NAME.replace(/\./g, '\\.')}\\)\n$`));
    }
    expect(snapshot(w.path('pkg'))).toEqual(before);
  });

  it(COMPILE_CACHE ? 'none for this V8: module.enableCompileCache, in NODE_COMPILE_CACHE, not in the install folder' : 'none for this V8: Node 20 compiles the bundle, and writes nothing', () => {
    const bin = installCopy({ cache: false });
    w.write('pkg/dist/cli.0.0.0-other-v8.v8cache', Buffer.alloc(5000, 7));
    w.write('c.json', BROKEN);
    const expected = cdpLint(['c.json', '-f', 'json'], w.dir);
    const before = snapshot(w.path('pkg'));
    const said = COMPILE_CACHE ? /^CDP-LINT \d+: compile cache: (ENABLED|ALREADY_ENABLED) \S*compile-cache\S*\n$/ : /^CDP-LINT \d+: code cache: none \(dist\/cli\.[^)]*\.v8cache\)\n$/;
    for (let i = 0; i < 2; i++) {
      const r = run(bin, ['c.json', '-f', 'json'], env(w));
      expect({ ...r, stderr: '' }).toEqual(expected);
      expect(r.stderr).toMatch(said);
    }
    // Node 22+ wrote its cache where it was told to, one folder per Node version.
    if (COMPILE_CACHE) expect(readdirSync(w.path('compile-cache')).length).toBe(1);
    expect(snapshot(w.path('pkg'))).toEqual(before);
  });

  it('a cache V8 refuses (a damaged file, other V8 flags) is ignored, silently, and left as it is', () => {
    const bin = installCopy({ cache: false });
    w.write(`pkg/dist/${CACHE_NAME}`, Buffer.alloc(5000, 7));
    w.write('c.json', BROKEN);
    const expected = cdpLint(['c.json'], w.dir);
    const before = snapshot(w.path('pkg'));
    expect(run(bin, ['c.json'])).toEqual(expected);
    expect(run(bin, ['c.json'], { NODE_DEBUG: 'cdp-lint' }).stderr).toMatch(/^CDP-LINT \d+: code cache: rejected /);
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
