#!/usr/bin/env node
// `npm run test:corpus`: the tests of test/corpus/, which read files that are not in this
// repository: the folder shared/ beside the checkout (or $CDP_SHARED), with the real connectors
// (corpus/hub/*.json) and the SARIF 2.1.0 schema (external/sarif-schema-2.1.0.json). Without it,
// says what is missing and exits 2. Builds first, as `npm test` does (the SARIF test runs the CLI).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.CDP_SHARED ? resolve(process.env.CDP_SHARED) : resolve(root, '..', 'shared');
const needed = [join(shared, 'corpus', 'hub'), join(shared, 'external', 'sarif-schema-2.1.0.json')];
const missing = needed.filter((p) => !existsSync(p));
if (missing.length > 0) {
  process.stderr.write(
    `test:corpus: needs the folder shared/ beside the checkout (or CDP_SHARED=<folder>), with the real connectors in corpus/hub/ ` +
      `and the SARIF schema in external/sarif-schema-2.1.0.json; missing: ${missing.join(', ')}\n`,
  );
  process.exit(2);
}
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, CDP_SHARED: shared } }).status ?? 1;
let status = run([join(root, 'scripts', 'build.mjs')]);
if (status === 0) status = run([join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'vitest.corpus.config.ts']);
process.exit(status);
