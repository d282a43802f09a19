// Build step (scripts/build.mjs): V8's code cache of the bundle for the V8 of the Node.js running
// the build, written to dist/cli.<V8 version>.v8cache after linting the fixtures given as arguments,
// so that it holds the functions a lint run compiles. bin/cdp-lint.cjs reads it, and never writes
// it. Compiles the bundle exactly as bin/cdp-lint.cjs does (the build then checks, through the bin,
// that V8 accepts the cache).
'use strict';
const { readFileSync, writeFileSync, renameSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');
const { createRequire } = require('node:module');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const bundle = join(dist, 'cli.cjs');
const cacheFile = join(dist, `cli.${process.versions.v8}.v8cache`);

const source = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(bundle, 'latin1')}\n})`;
const script = new Script(source, { filename: bundle });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, createRequire(bundle), mod, bundle, dist);
process.once('exit', () => {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, script.createCachedData());
  renameSync(tmp, cacheFile);
});
// Worker threads (16 files or more) start the real entry; this process lints like the CLI.
mod.exports.main(join(root, 'bin', 'cdp-lint.cjs'));
