/**
 * The API as a user's project imports it: `import ... from 'cdp-lint'` resolves to the built ES
 * module (dist/api.mjs) and its declarations (dist/types), through package.json's `exports`.
 * Build first (`npm test` does).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cdpLint, Workspace } from '../e2e/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** Processes (node, tsc) on a machine that may be busy: no timing is asserted, only a bound against a hang. */
const SLOW = 300_000;

const CONNECTOR = '{"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {}, "preDefinedActions": [{"name": "a", "resourcePath": "/contacts/post"}]}\n';

const ws = new Workspace();
mkdirSync(ws.path('node_modules'));
symlinkSync(ROOT, ws.path('node_modules/cdp-lint'), 'dir');
afterAll(() => ws.remove());

function node(file: string): { code: number | null; stdout: string; stderr: string } {
  const out = spawnSync(process.execPath, [file], { cwd: ws.dir, encoding: 'utf8', timeout: 120_000 });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

describe("import from 'cdp-lint'", () => {
  it('lints on worker threads from the bundle and gives what the CLI gives', () => {
    for (let i = 0; i < 20; i++) ws.write(`connectors/c${String(i).padStart(2, '0')}.json`, CONNECTOR);
    ws.write(
      'use.mjs',
      `import { lint, lintText, format, rules, version } from 'cdp-lint';
const threaded = await lint(['connectors'], { threads: 2 });
const single = await lint(['connectors'], { threads: 'off' });
const text = lintText(${JSON.stringify(CONNECTOR)}, { filePath: 'connectors/c00.json' });
process.stdout.write(JSON.stringify({ same: JSON.stringify(threaded) === JSON.stringify(single), json: await format(threaded, 'json'), text: text.summary, rules: rules().length, version }));
`,
    );
    const out = node('use.mjs');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const got = JSON.parse(out.stdout) as { same: boolean; json: string; text: unknown; rules: number; version: string };
    expect(got.same).toBe(true);
    expect(`${got.json}\n`).toBe(cdpLint(['--format', 'json', 'connectors'], ws.dir).stdout);
    expect(got.text).toEqual({ files: 1, errors: 1, warnings: 0, infos: 0 });
    expect(got.rules).toBe(JSON.parse(cdpLint(['rules', '--format', 'json'], ws.dir).stdout).rules.length);
    expect(got.version).toBe(cdpLint(['--version'], ws.dir).stdout.trim());
  }, SLOW);

  it('has declarations that type-check a strict TypeScript user and reject a wrong call', () => {
    ws.write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, types: [] } }));
    ws.write(
      'good.mts',
      `import { lint, lintText, format, type LintResult, type Diagnostic, type LintOptions } from 'cdp-lint';
const options: LintOptions = { config: { extends: 'strict', rules: { 'resource-path': 'warning' } }, threads: 'auto', fix: false };
const result: LintResult = await lint(['.'], options);
const first: Diagnostic | undefined = lintText('{}', { filePath: 'a.json' }).files[0]?.diagnostics[0];
const line: number | undefined = first?.range.start.line;
const text: string = await format(result, 'sarif', { cwd: '.' });
export { line, text };
`,
    );
    const good = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: ws.dir, encoding: 'utf8', timeout: 120_000 });
    expect(good.stdout + good.stderr).toBe('');
    expect(good.status).toBe(0);
    ws.write('bad.mts', `import { lint } from 'cdp-lint';\nawait lint('connectors', { threads: 'many' });\n`);
    const bad = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: ws.dir, encoding: 'utf8', timeout: 120_000 });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toContain("bad.mts(2,12): error TS2345: Argument of type 'string' is not assignable to parameter of type 'readonly string[]'.");
  }, SLOW);
});
