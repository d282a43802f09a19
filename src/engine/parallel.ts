/**
 * Spread many files over worker threads (the machine's cores), each worker running the same bundled
 * CLI module in worker mode. Results come back in input order, so output stays deterministic.
 */
import { createRequire } from 'node:module';
import type { FileResult, Severity } from '../types.js';
import type { Limits } from '../load/source.js';

/** One unit of work: a file and the severities its configuration gives. */
export interface Job {
  path: string;
  display: string;
  explicit: boolean;
  severities: Array<[string, Severity]>;
}

export interface JobOptions {
  limits: Limits;
  refRoot?: string;
}

/** What a worker sends back per job: a result, a skip (not a connector), or a usage failure. */
export type JobOutcome = { kind: 'result'; result: FileResult } | { kind: 'skip' } | { kind: 'fatal'; message: string };

export type RunJob = (job: Job, options: JobOptions) => JobOutcome;

interface WorkerInput {
  cdpLintWorker: true;
  jobs: Job[];
  options: JobOptions;
}

/** Set in the environment of the worker threads, so a start-up can tell without loading node:worker_threads. */
const WORKER_ENV = 'CDP_LINT_WORKER_THREAD';

const nodeRequire = createRequire(import.meta.url);
const workerThreads = (): typeof import('node:worker_threads') => nodeRequire('node:worker_threads') as typeof import('node:worker_threads');

/** The script worker threads start (the CLI's own entry); unset, everything runs on the main thread. */
let workerEntry: string | undefined;

export function setWorkerEntry(entry: string | undefined): void {
  workerEntry = entry;
}

/** True when this thread was started by runParallel. */
export function isLintWorker(): boolean {
  if (process.env[WORKER_ENV] !== '1') return false;
  const { isMainThread, workerData } = workerThreads();
  return !isMainThread && (workerData as WorkerInput | undefined)?.cdpLintWorker === true;
}

/** Worker side: run the jobs handed over and post the outcomes back. */
export function workerMain(run: RunJob): void {
  const { workerData, parentPort } = workerThreads();
  const input = workerData as WorkerInput;
  const outcomes = input.jobs.map((job) => run(job, input.options));
  parentPort!.postMessage(outcomes);
}

/** How many threads to use for `count` files (1 means: do it on the main thread). */
export function threadsFor(count: number): number {
  if (count < 16 || workerEntry === undefined) return 1;
  const cores = (nodeRequire('node:os') as typeof import('node:os')).availableParallelism();
  return Math.max(1, Math.min(cores, 4, Math.floor(count / 8)));
}

/**
 * Run jobs across `threads` threads (the main thread takes one share); each worker runs the CLI's
 * entry (see setWorkerEntry), which starts in worker mode.
 */
export async function runParallel(jobs: Job[], options: JobOptions, threads: number, run: RunJob): Promise<JobOutcome[]> {
  const { Worker } = workerThreads();
  const env = { ...process.env, [WORKER_ENV]: '1' };
  const shares: number[][] = Array.from({ length: threads }, () => []);
  jobs.forEach((_, i) => shares[i % threads]!.push(i));
  const outcomes: JobOutcome[] = new Array(jobs.length);
  const workers = shares.slice(1).map(
    (indices) =>
      new Promise<void>((resolve, reject) => {
        const data: WorkerInput = { cdpLintWorker: true, jobs: indices.map((i) => jobs[i]!), options };
        const worker = new Worker(workerEntry!, { workerData: data, env });
        worker.once('message', (results: JobOutcome[]) => {
          results.forEach((r, k) => (outcomes[indices[k]!] = r));
          resolve();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lint worker exited with code ${code}`))));
      }),
  );
  for (const i of shares[0]!) outcomes[i] = run(jobs[i]!, options);
  await Promise.all(workers);
  return outcomes;
}
