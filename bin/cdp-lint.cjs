#!/usr/bin/env node
'use strict';
// Starts the bundled CLI (dist/cli.cjs) from V8's code cache (dist/cli.v8cache) when there is one
// that this Node.js accepts: V8 then skips parsing and compiling the functions a lint run needs,
// which is most of the start-up time. The cache is written by the build (scripts/build.mjs) after
// a representative run; when it is missing or was made by another V8 version it is rewritten here
// after the run, best effort (an atomic rename; a read-only install just runs without it).
// Node 22's module.enableCompileCache does the same; Node 20 has no such switch.
const { readFileSync, writeFileSync, renameSync, unlinkSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');
const { createRequire } = require('node:module');

const bundle = join(__dirname, '..', 'dist', 'cli.cjs');
const cacheFile = join(__dirname, '..', 'dist', 'cli.v8cache');

let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// The bundle is ASCII, already wrapped in its module function (scripts/bundle.mjs).
const script = new Script(readFileSync(bundle, 'latin1'), { filename: bundle, cachedData });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, createRequire(bundle), mod, bundle, join(__dirname, '..', 'dist'));

// Worker threads (which run this file too) leave the cache to the main thread.
const inWorker = process.env.CDP_LINT_WORKER_THREAD === '1';
const writesCodeCache = !inWorker && (cachedData === undefined || script.cachedDataRejected || process.env.CDP_LINT_WRITE_CODE_CACHE === '1');
if (writesCodeCache) {
  process.once('exit', () => {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      try {
        unlinkSync(tmp);
      } catch {
        // nothing was written
      }
    }
  });
}

// A run that writes the cache keeps V8's flags as they are: the cache records them.
mod.exports.main(__filename, { writesCodeCache });
