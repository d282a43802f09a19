/**
 * Spread many files over worker threads (the machine's cores), each worker running the same bundled
 * CLI module in worker mode. Results come back in input order, so output stays deterministic.
 */
import { createRequire } from 'node:module';
import type { FileResult, Severity } from '../types.js';
import type { Limits } from '../load/source.js';
import { utilLib } from '../util/deps.js';

/** One unit of work: a file and the severities its configuration gives. */
export interface Job {
  path: string;
  display: string;
  explicit: boolean;
  /** Matched by a glob: a file that cannot be read is reported as one found by walking, not a usage error. */
  globbed?: boolean;
  severities: Array<[string, Severity]>;
}

export interface JobOptions {
  limits: Limits;
  refRoot?: string;
  /** The run's working directory (for the default reference root). */
  cwd?: string;
}

/**
 * What a worker sends back per job: a result, a skip (not a connector), a usage failure (a named file
 * that cannot be read), or a file found by walking that cannot be read (reported, the run goes on).
 */
export type JobOutcome =
  | { kind: 'result'; result: FileResult }
  | { kind: 'skip' }
  | { kind: 'fatal'; message: string }
  | { kind: 'unreadable'; message: string };

export type RunJob = (job: Job, options: JobOptions) => JobOutcome;

interface WorkerInput {
  cdpLintWorker: true;
  jobs: Job[];
  options: JobOptions;
  /** One Int32 shared by every thread: the index of the next job nobody has claimed yet. */
  shared: SharedArrayBuffer;
}

const NEXT = 0;

type Done = Array<[index: number, outcome: JobOutcome]>;

/**
 * Claim jobs one at a time until none is left. Every thread, the main one included, takes the
 * next unclaimed job when it is free, so a worker that starts late or meets large files simply
 * does fewer: no thread waits while another still has a queue.
 */
function claimAll(jobs: Job[], options: JobOptions, shared: Int32Array, run: RunJob): Done {
  const done: Done = [];
  for (let i = Atomics.add(shared, NEXT, 1); i < jobs.length; i = Atomics.add(shared, NEXT, 1)) done.push([i, run(jobs[i]!, options)]);
  return done;
}

/**
 * A worker's young generation, in MB (V8 grows it to 48 MB by default, 16 MB per semi-space). A
 * file's objects die young whatever its size; a smaller young generation is fresh memory touched
 * once instead of three times: over a folder of 200 connectors, 13% fewer page faults and 5% less time.
 */
const WORKER_YOUNG_GENERATION_MB = 12;

/** Set in the environment of the worker threads, so a start-up can tell without loading node:worker_threads. */
const WORKER_ENV = 'CDP_LINT_WORKER_THREAD';

const nodeRequire = createRequire(import.meta.url);
const workerThreads = (): typeof import('node:worker_threads') => nodeRequire('node:worker_threads') as typeof import('node:worker_threads');

/** The script worker threads start (the CLI's own entry); unset, everything runs on the main thread. */
let workerEntry: string | undefined;

/** Set the script worker threads start (the CLI's entry, bin/cdp-lint.cjs); undefined runs everything on the main thread. */
export function setWorkerEntry(entry: string | undefined): void {
  workerEntry = entry;
}

/** True when this thread is one of the lint workers (runParallel, runAside). */
export function isLintWorker(): boolean {
  if (process.env[WORKER_ENV] !== '1') return false;
  const { isMainThread, workerData } = workerThreads();
  return !isMainThread && (workerData as WorkerInput | undefined)?.cdpLintWorker === true;
}

/** Worker side: run the jobs handed over and post the outcomes back. */
export function workerMain(run: RunJob): void {
  const { workerData, parentPort } = workerThreads();
  const input = workerData as WorkerInput;
  parentPort!.postMessage(claimAll(input.jobs, input.options, new Int32Array(input.shared), run));
}

/**
 * `--threads`: `off` (everything on the main thread, no worker at all), a fixed number of threads
 * linting (the main thread and n - 1 workers), or `auto` (from the number of files and cores).
 */
export type ThreadSetting = 'off' | 'auto' | number;

/** The most threads `--threads <n>` may ask for: each is an isolate with its own heap. */
export const MAX_THREADS = 64;

/**
 * How many threads to use for `count` files (1 means: do it on the main thread). `auto`: 16 files
 * or more, one thread per core, at most four, and at least 8 files each; a number is taken as
 * given, but never more threads than files.
 */
export function threadsFor(count: number, setting: ThreadSetting = 'auto'): number {
  if (workerEntry === undefined || setting === 'off') return 1;
  if (typeof setting === 'number') return Math.max(1, Math.min(setting, count));
  if (count < 16) return 1;
  const cores = (nodeRequire('node:os') as typeof import('node:os')).availableParallelism();
  return Math.max(1, Math.min(cores, 4, Math.floor(count / 8)));
}

/**
 * Run jobs across `threads` threads: the main thread and threads - 1 workers, each running the
 * CLI's entry (see setWorkerEntry) in worker mode, all claiming jobs from one shared counter.
 * Outcomes come back in job order.
 */
export async function runParallel(jobs: Job[], options: JobOptions, threads: number, run: RunJob): Promise<JobOutcome[]> {
  return runOn(jobs, options, { workers: threads - 1, youngGenerationMb: WORKER_YOUNG_GENERATION_MB, run });
}

/**
 * A file from this size up is linted in a worker thread with a small young generation (runAside).
 * While a large document is parsed, V8 grows the main thread's young generation step by step, the
 * last step to 48 MB; each step is fresh, page-faulted memory that the whole document is copied
 * through. A 3 MB young generation copies it once, into the old generation. The last step is where
 * the worker pays for its ~70 ms start, and it comes between 7 and 8 MB of JSON. Measured on
 * generated connectors (9 alternating runs each, wall time in a worker against the main thread):
 * 6.0 MB +34..+85 ms, 7.1 MB +54 ms (no fewer page faults); 7.9 MB -63 ms, 9.5 MB -33 ms,
 * 12.4 MB -17 ms, each with ~4,500 fewer page faults and 14-15 MB less peak memory.
 */
export const ASIDE_BYTES = 8 * 1024 * 1024;
/**
 * The same for a YAML file (by its extension). Reading YAML allocates several times what JSON.parse
 * does per byte, so the young generation grows on smaller files. Measured on generated connectors
 * written as YAML (5 runs each, median, Node 20 / Node 24; aside against the main thread): 1.5 MB
 * no less memory (82 / 93 MB either way); 3.1 MB 104 -> 86 MB and 115 -> 104 MB, CPU time alike;
 * 6.3 MB 123 -> 107 MB and 165 -> 118 MB, CPU time alike.
 */
export const ASIDE_YAML_BYTES = 2 * 1024 * 1024;
const ASIDE_YOUNG_GENERATION_MB = 3;

/**
 * Whether a file of `bytes` is linted aside (in a worker), when running from the bundle and worker
 * threads are not `off`; `path` tells a YAML file (.yaml, .yml) by its extension.
 */
export function lintsAside(bytes: number, setting: ThreadSetting = 'auto', path = ''): boolean {
  const from = /\.ya?ml$/i.test(path) ? ASIDE_YAML_BYTES : ASIDE_BYTES;
  return workerEntry !== undefined && setting !== 'off' && bytes >= from;
}

/** Lint one (large) job in a worker with a small young generation; the main thread waits. */
export async function runAside(job: Job, options: JobOptions, run: RunJob): Promise<JobOutcome> {
  return (await runOn([job], options, { workers: 1, youngGenerationMb: ASIDE_YOUNG_GENERATION_MB, mainToo: false, run }))[0]!;
}

/** Run jobs on `workers` worker threads, and on the main thread too unless `mainToo` is false. */
async function runOn(
  jobs: Job[],
  options: JobOptions,
  how: { workers: number; youngGenerationMb: number; mainToo?: boolean; run: RunJob },
): Promise<JobOutcome[]> {
  const { Worker } = workerThreads();
  const env = { ...process.env, [WORKER_ENV]: '1' };
  const shared = new SharedArrayBuffer(4);
  const threads = how.workers + (how.mainToo === false ? 0 : 1);
  const outcomes: JobOutcome[] = new Array(jobs.length);
  const collect = (done: Done) => {
    for (const [i, outcome] of done) outcomes[i] = outcome;
  };
  const workers = Array.from(
    { length: how.workers },
    () =>
      new Promise<void>((resolve, reject) => {
        const data: WorkerInput = { cdpLintWorker: true, jobs, options, shared };
        const worker = new Worker(workerEntry!, { workerData: data, env, resourceLimits: { maxYoungGenerationSizeMb: how.youngGenerationMb } });
        worker.once('message', (done: Done) => {
          collect(done);
          resolve();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lint worker exited with code ${code}`))));
      }),
  );
  // NODE_DEBUG=cdp-lint-threads shows how the work was spread (checked first: node:util costs a start-up nothing then).
  if (process.env['NODE_DEBUG']) utilLib().debuglog('cdp-lint-threads')('%d files on %d threads (%d workers)', jobs.length, threads, how.workers);
  if (how.mainToo !== false) collect(claimAll(jobs, options, new Int32Array(shared), how.run));
  await Promise.all(workers);
  return outcomes;
}
