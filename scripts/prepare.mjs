#!/usr/bin/env node
// `prepare` (run by `npm ci`/`npm install` in a checkout, and by npm when it installs cdp-lint from a
// git URL): the build (scripts/build.mjs), which needs the devDependencies (esbuild, ajv's
// standalone code generator, the OpenAPI schemas).
//
// npm installs them before `prepare` in a git install, except in a global one (`npm install -g
// git+...`, which is how pre-commit installs a `language: node` hook): npm then installs them into
// the global folder, not beside the package, and the build cannot find them (npm/cli#8440). Here
// they are then installed from package-lock.json beside the package (`npm ci --global=false
// --ignore-scripts`), from npm's cache or the registry, and the build runs; they are not part of
// the packed package (`files` in package.json).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Whether every devDependency (the build's tools among them) is installed beside the package. */
function buildToolsInstalled() {
  const { devDependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return Object.keys(devDependencies).every((name) => existsSync(join(root, 'node_modules', name, 'package.json')));
}

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`cdp-lint prepare: ${[command, ...args].join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})\n`);
    process.exit(1);
  }
}

if (!buildToolsInstalled()) {
  if (process.env.npm_execpath === undefined) {
    process.stderr.write('cdp-lint prepare: the build tools are missing: run `npm ci` first\n');
    process.exit(1);
  }
  run(process.execPath, [process.env.npm_execpath, 'ci', '--global=false', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error']);
}
run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
