#!/usr/bin/env node
'use strict';
// Starts the bundled CLI (dist/cli.cjs). Most of a start is V8 compiling the bundle; a code cache
// skips that, through what Node.js supports, and nothing is ever written into the install folder:
// - Node.js 22.1 and later: module.enableCompileCache(). Node keeps the cache in its own folder
//   (NODE_COMPILE_CACHE, else <os.tmpdir()>/node-compile-cache), one entry per Node version and
//   file; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
// - Node.js 20, which has no such switch: the code cache the build wrote beside the bundle
//   (dist/cli.v8cache, scripts/code-cache.cjs), read only. V8 refuses one made by another V8 or
//   under other V8 flags; the bundle is then compiled as usual.
// NODE_DEBUG=cdp-lint says which cache a start used.
const { join } = require('node:path');
const nodeModule = require('node:module');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'cli.cjs');
const debugging = /\bcdp-lint\b/i.test(process.env.NODE_DEBUG || '');
const debug = (message) => debugging && require('node:util').debuglog('cdp-lint')(message);

let cli;
if (typeof nodeModule.enableCompileCache === 'function') {
  const { status, message, directory } = nodeModule.enableCompileCache();
  debug(`compile cache: ${Object.keys(nodeModule.constants.compileCacheStatus).find((k) => nodeModule.constants.compileCacheStatus[k] === status)} ${directory || message || ''}`);
  cli = require(bundle);
} else {
  const { readFileSync } = require('node:fs');
  const { Script } = require('node:vm');
  let cachedData;
  try {
    cachedData = readFileSync(join(dist, 'cli.v8cache'));
  } catch {
    cachedData = undefined;
  }
  // The bundle is ASCII (esbuild's charset: 'ascii'), so latin1 is the cheapest exact decoding. Source
  // and wrapper must be exactly those scripts/code-cache.cjs compiled, or V8 refuses the cache.
  const source = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(bundle, 'latin1')}\n})`;
  const script = new Script(source, { filename: bundle, cachedData });
  debug(`code cache: ${cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted'} (dist/cli.v8cache)`);
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, nodeModule.createRequire(bundle), mod, bundle, dist);
  cli = mod.exports;
}
cli.main(__filename);
