#!/usr/bin/env node
'use strict';
// Starts the bundled CLI (dist/cli.cjs). Most of a start is V8 compiling the bundle; a code cache
// skips that, only through what Node.js supports, and nothing is ever written into the install folder:
// - The code cache the build wrote for this V8 version, if there is one
//   (dist/cli.<V8 version>.v8cache, scripts/code-cache.cjs), read only: vm.Script with cachedData.
//   It was made after a lint run, so it holds the functions a run compiles.
// - Otherwise (another V8 version, such as Node 24 running a build made on Node 20, or other V8 flags,
//   which make V8 refuse the build's cache), the user's own code cache: the same kind of cache, made
//   by this script after the first lint run (and again after the first lint of a format, JSON or YAML,
//   it was not made with) and kept in the user's cache folder (bin/user-cache.cjs).
//   Node's own module.enableCompileCache() holds fewer functions, as Node writes it right after
//   compiling the bundle, before anything runs: on Node 24, a lint of intercom.json ran 330 M
//   instructions with it against 213 M with a cache made after a run (README, How it works).
// NODE_DEBUG=cdp-lint says which cache a start used, and whether it wrote one.
const { closeSync, fstatSync, openSync, readSync } = require('node:fs');
const { join } = require('node:path');
const nodeModule = require('node:module');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'cli.cjs');
const buildCacheName = `cli.${process.versions.v8}.v8cache`;
const debugging = /\bcdp-lint\b/i.test(process.env.NODE_DEBUG || '');
const debug = (message) => debugging && require('node:util').debuglog('cdp-lint')(message);

/** The whole file and its fs.Stats, or undefined when it cannot be read. */
function readWhole(path) {
  let fd;
  try {
    fd = openSync(path, 'r');
    const stats = fstatSync(fd);
    const data = Buffer.allocUnsafe(stats.size);
    let at = 0;
    while (at < data.length) {
      const n = readSync(fd, data, at, data.length - at, null);
      if (n === 0) return undefined;
      at += n;
    }
    return { data, stats };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The bundle compiled as CommonJS would (scripts/code-cache.cjs compiles exactly this source, or V8 refuses the cache). */
function compile(source, cachedData) {
  return new Script(source, { filename: bundle, cachedData });
}

/** The bundle's exports, once it has run. */
let cli;

/**
 * Compile and run the bundle; its text and the code cache's bytes are locals, so that they can go
 * before the lint: a worker thread lints inside cli.main(), still called from this script, and
 * kept at the top level they stayed in its heap through the lint (2.2 MB, measured on a heap
 * snapshot of the worker).
 */
function loadBundle() {
  const bundleFile = readWhole(bundle);
  if (bundleFile === undefined) {
    process.stderr.write(`cdp-lint: cannot read ${bundle}: the installation is incomplete (run npm run build in a checkout)\n`);
    process.exit(2);
  }
  // The bundle is ASCII (esbuild's charset: 'ascii'), so latin1 is the cheapest exact decoding.
  const text = bundleFile.data.toString('latin1');
  const source = `(function (exports, require, module, __filename, __dirname) { ${text}\n})`;

  let script;
  const built = readWhole(join(dist, buildCacheName));
  if (built !== undefined) {
    script = compile(source, built.data);
    debug(`code cache: ${script.cachedDataRejected ? 'rejected' : 'accepted'} (dist/${buildCacheName})`);
  }
  if (script === undefined || script.cachedDataRejected) {
    const userCache = require('./user-cache.cjs').userCache({ bundleText: text, bundleStats: bundleFile.stats, env: process.env });
    if (userCache === undefined) {
      debug('code cache: off');
      if (script === undefined) script = compile(source, undefined);
    } else {
      const cached = userCache.read();
      if (script === undefined || cached !== undefined) script = compile(source, cached?.data);
      const cachedScript = script;
      debug(`code cache: ${cached === undefined ? 'none' : cachedScript.cachedDataRejected ? 'rejected' : 'accepted'} (${userCache.file})`);
      // The formats the cache holds the functions of (none when there is no cache V8 took).
      const held = cached === undefined || cachedScript.cachedDataRejected ? 0 : cached.formats;
      // Made after the run, so that it holds the functions the run compiled; only after a lint, and
      // again after a lint of a format the cache was not made with (JSON, YAML): made from this
      // script, it holds what the cache held and what this run compiled.
      process.once('exit', () => {
        const linted = cli === undefined ? 0 : cli.codeCacheFormats();
        if ((linted | held) !== held) debug(`code cache: ${userCache.write(cachedScript.createCachedData(), linted | held) ? 'written' : 'not written'} (${userCache.file})`);
      });
    }
  }

  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, nodeModule.createRequire(bundle), mod, bundle, dist);
  return mod.exports;
}

cli = loadBundle();
cli.main(__filename);
