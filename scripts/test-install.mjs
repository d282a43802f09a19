#!/usr/bin/env node
// `npm run test:install`: the tests of test/install/, which run the README's install commands and
// its pre-commit hook with the real tools: npm (with the registry, or packages in npm's cache) and
// pre-commit (`pip install pre-commit`). Says what is missing and exits 2 without them. Builds
// first, as `npm test` does (the tests compare the installed CLI with the checkout's).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const found = (command) => spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
const missing = ['git', 'npm', 'pre-commit'].filter((c) => !found(c));
if (missing.length > 0) {
  process.stderr.write(`test:install: needs ${missing.join(', ')} on PATH (pre-commit: pip install pre-commit)\n`);
  process.exit(2);
}
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
let status = run([join(root, 'scripts', 'build.mjs')]);
if (status === 0) status = run([join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'vitest.install.config.ts']);
process.exit(status);
