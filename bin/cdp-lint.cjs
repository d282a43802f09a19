#!/usr/bin/env node
'use strict';
// Starts the bundled CLI (dist/cli.cjs). Most of a start is V8 compiling the bundle; a code cache
// skips that, only through what Node.js supports, and nothing is ever written into the install folder:
// - The code cache the build wrote for this V8 version, if there is one
//   (dist/cli.<V8 version>.v8cache, scripts/code-cache.cjs), read only: vm.Script with cachedData.
//   It was made after a lint run, so it holds the functions a run compiles. V8 refuses it when the
//   flags differ (NODE_OPTIONS=--max-old-space-size=...), and the bundle is then compiled as usual.
// - Otherwise, on Node.js 22.1 and later, module.enableCompileCache(): Node keeps that cache in its
//   own folder (NODE_COMPILE_CACHE, else <os.tmpdir()>/node-compile-cache), per Node version;
//   NODE_DISABLE_COMPILE_CACHE=1 turns it off. Node 20 has no such switch: no cache.
// NODE_DEBUG=cdp-lint says which cache a start used.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const nodeModule = require('node:module');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'cli.cjs');
const cacheName = `cli.${process.versions.v8}.v8cache`;
const debugging = /\bcdp-lint\b/i.test(process.env.NODE_DEBUG || '');
const debug = (message) => debugging && require('node:util').debuglog('cdp-lint')(message);

let cachedData;
try {
  cachedData = readFileSync(join(dist, cacheName));
} catch {
  cachedData = undefined;
}

let cli;
if (cachedData === undefined && typeof nodeModule.enableCompileCache === 'function') {
  const { status, message, directory } = nodeModule.enableCompileCache();
  const names = nodeModule.constants.compileCacheStatus;
  debug(`compile cache: ${Object.keys(names).find((k) => names[k] === status)} ${directory || message || ''}`);
  cli = require(bundle);
} else {
  const { Script } = require('node:vm');
  // The bundle is ASCII (esbuild's charset: 'ascii'), so latin1 is the cheapest exact decoding. Source
  // and wrapper must be exactly those scripts/code-cache.cjs compiled, or V8 refuses the cache.
  const source = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(bundle, 'latin1')}\n})`;
  const script = new Script(source, { filename: bundle, cachedData });
  debug(`code cache: ${cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted'} (dist/${cacheName})`);
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, nodeModule.createRequire(bundle), mod, bundle, dist);
  cli = mod.exports;
}
cli.main(__filename);
