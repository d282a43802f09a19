/**
 * V8's optimising compiler, tuned for a short run on every core. By default V8 hands a function to
 * TurboFan after ~66 KB of its bytecode has run, and TurboFan inlines what it calls: right for a
 * server, costly for a lint of a few hundred files, where every thread is a fresh isolate that
 * compiles the same hot code again (900 ms of TurboFan time per thread over its first 100 generated
 * connectors, runRules alone 80 ms with everything inlined into it) on the core the other thread
 * lints on. So when every core lints and each thread's share is small, TurboFan starts later and does
 * not inline. Measured with the built CLI against the same build without it (medians of 7
 * alternating runs, two cores; 800 and 1,600 connectors with the flags forced on):
 *
 * | folder | per thread | wall | CPU | peak memory |
 * |---|---|---|---|---|
 * | 504 real connectors (the corpus, 63 times) | 4.5 MB | -23% | -25% | +4 MB |
 * | 200 generated connectors (the bench's many) | 14 MB | -18% | -20% | +13 MB |
 * | 400 generated connectors | 29 MB | -8% | -10% | +12 MB |
 * | 800 generated connectors | 57 MB | 0% | 0% | |
 * | 1,600 generated connectors | 115 MB | +4% | +4% | |
 *
 * Past ~50 MB a thread the optimised code pays back its compiling, hence the limit below. One large
 * file linted aside (the main thread idle) gains CPU but no wall time (9.5 MB: -1 to -3%; 28 MB:
 * +6%): left alone. Each setting alone gives less: no inlining -9% on the 200 connectors, a 4x
 * budget alone -10%.
 *
 * The flags are process-wide and V8's code cache records them (a cache made under other flags is
 * rejected), so they are set by the last worker to load the bundle, after every thread has read the
 * cache, and never in a run that writes the cache.
 */
import { statIfPresent } from '../util/fs.js';
import { utilLib, v8Lib } from '../util/deps.js';

/** No inlining, and 4 times Node 20's interrupt budget (67,584 bytes of bytecode): 2 times did less, 8 times no more. */
export const SHORT_RUN_V8_FLAGS = '--no-turbo-inlining --interrupt-budget=270336';

/** The most a thread may lint for the run to count as short. */
export const SHORT_RUN_BYTES_PER_THREAD = 48 * 1024 * 1024;

/** Whether `bytes` over `threads` threads is a short run. */
export function isShortRun(bytes: number, threads: number): boolean {
  return bytes <= SHORT_RUN_BYTES_PER_THREAD * threads;
}

/** Set the short-run flags when these files over `threads` threads make a short run; true when set. */
export function tuneForShortRun(paths: readonly string[], threads: number): boolean {
  let bytes = 0;
  for (const path of paths) bytes += statIfPresent(path)?.size ?? 0;
  if (!isShortRun(bytes, threads)) return false;
  v8Lib().setFlagsFromString(SHORT_RUN_V8_FLAGS);
  const debug = utilLib().debuglog('cdp-lint');
  debug('short run (%s MB per thread): V8 flags %s', (bytes / threads / 1048576).toFixed(1), SHORT_RUN_V8_FLAGS);
  return true;
}
