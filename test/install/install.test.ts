/**
 * The install paths and the pre-commit hook of the README, run with the real tools: `npm pack` and
 * npm installs of the tarball and of a git URL at a commit, local and global, and the `pre-commit`
 * framework installing the hook from a git repository at a commit. The commands and the
 * `.pre-commit-config.yaml` are read from the README (the blocks after `<!-- test/install: ... -->`),
 * with only the repository URL, commit and tarball path replaced: a throwaway git repository holding
 * the working copy stands in for the project's. Run by `npm run test:install` (scripts/test-install.mjs),
 * which needs the npm registry (or npm's cache) and `pre-commit` (pip install pre-commit).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_JSON, CLEAN_JSON, cdpLint } from '../e2e/cli.js';
import { TempDir } from '../helpers/tempdir.js';
import { chmodTree, snapshot } from '../helpers/tree.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
const TARBALL = `cdp-lint-${PKG.version}.tgz`;
/** The project's URL as the README writes it; a throwaway repository's file URL replaces it. */
const REPO_URL = 'https://github.com/cdp-lint/cdp-lint';
/** The packages an install of the tarball holds: cdp-lint and what its runtime dependencies pull in. */
const RUNTIME_PACKAGES = ['ajv', 'ajv-formats', 'cdp-lint', 'fast-deep-equal', 'fast-uri', 'fdir', 'json-schema-traverse', 'picomatch', 'require-from-string', 'tinyglobby', 'yaml'];

/** The first code block after `<!-- test/install: name -->` in the README. */
function readmeBlock(name: string): string {
  const at = README.indexOf(`<!-- test/install: ${name} -->`);
  if (at < 0) throw new Error(`README.md has no <!-- test/install: ${name} --> block`);
  const m = /```\w*\n([\s\S]*?)```/.exec(README.slice(at));
  return m![1]!;
}

/** The README's command lines of a block: comments dropped. */
function readmeCommands(name: string): string[] {
  return readmeBlock(name)
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

let tmp: TempDir;
/** npm and pre-commit may take minutes each on a busy machine; an install that hangs is stopped after 15. */
const LONG = 15 * 60 * 1000;

/** What a command printed and its exit code (null when it was killed). */
interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run `command` in bash. Asynchronous, unlike the other end-to-end tests: an npm install takes
 * minutes on a busy machine, and a test worker blocked that long loses vitest's messages.
 */
function sh(command: string, options: { cwd: string; env?: Record<string, string | undefined> }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), LONG);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Run `command`; fail the test with its output unless it exits 0. */
async function ok(command: string, options: { cwd: string; env?: Record<string, string | undefined> }): Promise<string> {
  const r = await sh(command, options);
  if (r.status !== 0) throw new Error(`${command} (in ${options.cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * Connectors that make an installed CLI load each of its runtime dependencies: YAML (yaml), a glob
 * argument (tinyglobby, with its picomatch), a configuration's ignore (the bundled matcher), a configSchema with a reference
 * (ajv's compiler, ajv-formats) and an OpenAPI 3.1 document (the generated 3.1 validator).
 */
function writeConnectors(dir: string): string[] {
  const copy = (from: string, to: string) => cpSync(join(ROOT, 'fixtures', from), join(dir, 'connectors', to));
  mkdirSync(join(dir, 'connectors'), { recursive: true });
  writeFileSync(join(dir, 'connectors', 'broken.json'), BROKEN_JSON);
  writeFileSync(join(dir, 'connectors', 'clean.json'), CLEAN_JSON);
  copy('valid/hub/webshop.yaml', 'webshop.yaml');
  copy('rules/config-schema-valid/invalid/missing-ref.json', 'config-schema.json');
  copy('rules/oas-schema/invalid/openapi-3.1.json', 'openapi-3.1.json');
  writeFileSync(join(dir, 'connectors', 'skipped.json'), BROKEN_JSON);
  writeFileSync(join(dir, '.cdp-lint.yaml'), 'ignore:\n  - connectors/skipped.json\n');
  return ["'connectors/*.{json,yaml}'", '-f', 'json'];
}

/** What the checkout's CLI reports on `args` in `dir`: an installed one must say the same. */
function expectedRun(dir: string, args: string[]) {
  return cdpLint(args.map((a) => a.replace(/^'(.*)'$/, '$1')), dir);
}

/** A git repository holding the working copy (tracked and untracked, not ignored, files) in one commit. */
async function workingCopyRepo(dir: string): Promise<{ url: string; commit: string }> {
  const files = (await ok('git ls-files -z --cached --others --exclude-standard', { cwd: ROOT }))
    .split('\0')
    .filter((f) => f !== '' && existsSync(join(ROOT, f)));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(ROOT, f), join(dir, f));
  }
  const git = 'git -c user.name=cdp-lint-test -c user.email=test@cdp-lint.invalid -c commit.gpgsign=false';
  await ok(`git init -q && git add -A && ${git} commit -qm 'working copy'`, { cwd: dir });
  return { url: `file://${dir}`, commit: (await ok('git rev-parse HEAD', { cwd: dir })).trim() };
}

beforeAll(() => {
  tmp = new TempDir('cdp-lint-install-');
});
afterAll(() => {
  chmodTree(tmp.dir, true);
  tmp.remove();
});

describe('the README', () => {
  it('installs from the tarball, from a git URL and from the registry, locally and globally', async () => {
    expect(readmeCommands('tarball')).toEqual(['npm pack', `npm install --save-dev ./${TARBALL}`, `npm install --global ./${TARBALL}`]);
    expect(readmeCommands('git')).toEqual([`npm install --save-dev git+${REPO_URL}.git#COMMIT`, `npm install --global --install-links git+${REPO_URL}.git#COMMIT`]);
    expect(readmeCommands('registry')).toEqual(['npm install --save-dev cdp-lint', 'npm install --global cdp-lint']);
  });

  it('names a commit of this repository as the hook\'s rev (there are no tags), one whose hook installs', async () => {
    const rev = /^\s*rev: (\S+)/m.exec(readmeBlock('pre-commit'))![1]!;
    expect(rev).toMatch(/^[0-9a-f]{40}$/);
    // In a clone of the repository, the commit exists and has the prepare script that makes the
    // hook install (a shallow CI clone may not have it).
    const known = await sh(`git cat-file -e ${rev}:scripts/prepare.mjs`, { cwd: ROOT });
    if ((await ok('git rev-parse --is-shallow-repository', { cwd: ROOT })).trim() === 'false') expect(known.status).toBe(0);
  });
});

describe('npm pack, then the tarball installed', () => {
  let tarball: string;
  beforeAll(async () => {
    // `npm pack` in a copy of the working copy, as a user would in a checkout (it builds first).
    const checkout = join(tmp.dir, 'pack', 'cdp-lint');
    mkdirSync(checkout, { recursive: true });
    await workingCopyRepo(checkout);
    await ok('npm ci --no-audit --no-fund --loglevel=error', { cwd: checkout });
    const [pack] = readmeCommands('tarball');
    await ok(`${pack!} --loglevel=error`, { cwd: checkout });
    tarball = join(checkout, TARBALL);
    expect(existsSync(tarball)).toBe(true);
  });

  it('locally in an empty project: only the runtime dependencies, and it lints as the checkout does', async () => {
    const project = join(tmp.dir, 'local-tarball');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{ "name": "my-connectors", "private": true }\n');
    cpSync(tarball, join(project, TARBALL));
    await ok(`${readmeCommands('tarball')[1]!} --no-audit --no-fund --loglevel=error`, { cwd: project });
    const installed = (await ok('npm ls --all --parseable', { cwd: project }))
      .split('\n')
      .filter((p) => p.includes('node_modules'))
      .map((p) => basename(p))
      .sort();
    expect(installed).toEqual(RUNTIME_PACKAGES);
    expect(Object.keys(PKG.dependencies).every((d) => installed.includes(d))).toBe(true);
    const args = writeConnectors(project);
    const r = await sh(`npx cdp-lint ${args.join(' ')}`, { cwd: project });
    const expected = expectedRun(project, args);
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual(expected);
    expect(expected.code).toBe(1);
    const report = JSON.parse(expected.stdout) as { files: Array<{ path: string; diagnostics: Array<{ ruleId: string }> }> };
    expect(report.files.map((f) => f.path)).toEqual(['connectors/broken.json', 'connectors/clean.json', 'connectors/config-schema.json', 'connectors/openapi-3.1.json', 'connectors/webshop.yaml']);
    expect(report.files[2]!.diagnostics.map((d) => d.ruleId)).toContain('config-schema-valid');
    expect(report.files[3]!.diagnostics.map((d) => d.ruleId)).toContain('oas-schema');
  });

  it('globally, in an install folder made read-only: it runs and writes nothing there', async () => {
    const prefix = join(tmp.dir, 'global-tarball');
    const work = join(tmp.dir, 'global-tarball-work');
    mkdirSync(work);
    cpSync(tarball, join(work, TARBALL));
    // npm_config_prefix: the global folder, as `npm install --global` would use /usr/local.
    await ok(`${readmeCommands('tarball')[2]!} --no-audit --no-fund --loglevel=error`, { cwd: work, env: { npm_config_prefix: prefix } });
    const installed = join(prefix, 'lib', 'node_modules', 'cdp-lint');
    chmodTree(prefix, false);
    const before = snapshot(prefix);
    const args = writeConnectors(work);
    for (let i = 0; i < 20; i++) writeFileSync(join(work, 'connectors', `many-${i}.json`), i % 2 ? BROKEN_JSON : CLEAN_JSON);
    const r = await sh(`"${join(prefix, 'bin', 'cdp-lint')}" ${args.join(' ')}`, { cwd: work });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual(expectedRun(work, args));
    expect(snapshot(prefix)).toEqual(before);
    expect(existsSync(join(installed, 'dist', 'cli.cjs'))).toBe(true);
    chmodTree(prefix, true);
  });
});

describe('a git URL at a commit', () => {
  let repo: { url: string; commit: string };
  beforeAll(async () => {
    const dir = join(tmp.dir, 'git', 'cdp-lint');
    mkdirSync(dir, { recursive: true });
    repo = await workingCopyRepo(dir);
  });
  const command = (i: number) => readmeCommands('git')[i]!.replace(`git+${REPO_URL}.git`, `git+${repo.url}`).replace('#COMMIT', `#${repo.commit}`);

  it('installs locally and lints', async () => {
    const project = join(tmp.dir, 'local-git');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{ "name": "my-connectors", "private": true }\n');
    await ok(`${command(0)} --no-audit --no-fund --loglevel=error`, { cwd: project });
    const args = writeConnectors(project);
    const r = await sh(`npx cdp-lint ${args.join(' ')}`, { cwd: project });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual(expectedRun(project, args));
  });

  it('installs globally (npm gives the build no dependencies there, npm/cli#8440) and lints', async () => {
    const prefix = join(tmp.dir, 'global-git');
    const work = join(tmp.dir, 'global-git-work');
    mkdirSync(work);
    await ok(`${command(1)} --no-audit --no-fund --loglevel=error`, { cwd: work, env: { npm_config_prefix: prefix } });
    const args = writeConnectors(work);
    const r = await sh(`"${join(prefix, 'bin', 'cdp-lint')}" ${args.join(' ')}`, { cwd: work });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual(expectedRun(work, args));
  });
});

describe('the pre-commit hook, installed by pre-commit from a git repository at a commit', () => {
  let project: string;
  const env = () => ({ PRE_COMMIT_HOME: join(tmp.dir, 'pre-commit-home') });
  /** `git commit`, which runs the hook; git sends a hook's output to stderr. */
  const commit = async (files: string, message: string) => {
    await ok(`git add ${files}`, { cwd: project });
    const r = await sh(`git -c user.name=cdp-lint-test -c user.email=test@cdp-lint.invalid -c commit.gpgsign=false commit -m '${message}'`, { cwd: project, env: env() });
    return { code: r.status, output: r.stdout + r.stderr };
  };
  const lastCommit = async () => (await ok('git log --format=%s -1', { cwd: project })).trim();

  beforeAll(async () => {
    const hookRepo = join(tmp.dir, 'hook', 'cdp-lint');
    mkdirSync(hookRepo, { recursive: true });
    const { url, commit: rev } = await workingCopyRepo(hookRepo);
    project = join(tmp.dir, 'hook-project');
    mkdirSync(project);
    const config = readmeBlock('pre-commit').replace(`repo: ${REPO_URL}`, `repo: ${url}`).replace(/rev: \S+/, `rev: ${rev}`);
    expect(config).toContain(`repo: ${url}`);
    writeFileSync(join(project, '.pre-commit-config.yaml'), config);
    await ok('git init -q', { cwd: project });
    await ok('pre-commit install', { cwd: project, env: env() });
    // The hook's environment is installed at the first commit that runs it; here, once, up front.
    await ok('pre-commit install-hooks', { cwd: project, env: env() });
    expect((await commit('.pre-commit-config.yaml', 'pre-commit')).code).toBe(0);
  });

  it('blocks a commit with a broken connector, with the usual report', async () => {
    writeFileSync(join(project, 'broken.json'), BROKEN_JSON);
    const r = await commit('broken.json', 'broken');
    expect(r.code, r.output).toBe(1);
    expect(r.output).toMatch(/^cdp-lint\.+Failed$/m);
    // The stylish report of the checkout's CLI, in the hook's output.
    const report = cdpLint(['--only-connectors', 'broken.json'], project).stdout;
    expect(report).toContain('resource-path');
    expect(r.output).toContain(report.trim());
    expect(await lastCommit()).toBe('pre-commit');
    await ok('git rm -q --cached broken.json && rm broken.json', { cwd: project });
  });

  it('lets a clean connector through', async () => {
    writeFileSync(join(project, 'clean.json'), CLEAN_JSON);
    const r = await commit('clean.json', 'clean');
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/^cdp-lint\.+Passed$/m);
    expect(await lastCommit()).toBe('clean');
  });

  it('lets a commit with no connector through (package.json is JSON but not a connector; a README is not checked)', async () => {
    writeFileSync(join(project, 'package.json'), '{ "name": "my-connectors", "private": true }\n');
    const json = await commit('package.json', 'package.json');
    expect(json.code, json.output).toBe(0);
    expect(json.output).toMatch(/^cdp-lint\.+Passed$/m);
    writeFileSync(join(project, 'README.md'), '# connectors\n');
    const readme = await commit('README.md', 'readme');
    expect(readme.code, readme.output).toBe(0);
    expect(readme.output).toMatch(/^cdp-lint\.+\(no files to check\)Skipped$/m);
    expect(await lastCommit()).toBe('readme');
  });
});
