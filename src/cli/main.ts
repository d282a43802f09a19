/**
 * Process entry, called by bin/cdp-lint.cjs once the bundle is loaded: wire the CLI to the real
 * process, and never let an error escape as a stack trace. Worker threads run the same entry and
 * take the worker branch.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runCli } from './run.js';
import { isLintWorker, setWorkerEntry, workerMain } from '../engine/parallel.js';
import { lintedFormats, runJob } from './lint-job.js';
import { shown } from '../report/escape.js';

const nodeRequire = createRequire(import.meta.url);
/** Waited on for a millisecond while a full non-blocking pipe drains. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** Start the CLI; `entry` is the script that started the process, which worker threads run too. */
export function main(entry: string): void {
  if (isLintWorker()) {
    workerMain(runJob);
    return;
  }
  setWorkerEntry(entry);
  process.on('unhandledRejection', (e) => {
    writeAll(2, `cdp-lint: internal error: ${shown((e as Error)?.message ?? String(e))}\n`);
    process.exit(2);
  });
  void runCli(process.argv.slice(2), {
    stdout: (s) => writeAll(1, s),
    stderr: (s) => writeAll(2, s),
    cwd: process.cwd(),
    env: process.env,
    isTTY: isTerminal(1),
    terminalColumns: () => process.stdout.columns,
  }).then((code) => {
    // Everything is written (synchronously) and the workers have ended: exit now. Left to end by
    // itself, the process first runs the event loop's last turn, where V8 does a young-generation
    // collection it scheduled during the lint (~3 ms of a one-file run, on memory about to be freed).
    process.exit(code);
  });
}

/**
 * What a code cache made now would hold the functions of (bin/cdp-lint.cjs asks at exit): the formats
 * the main thread has linted, LINTED_JSON (1) | LINTED_YAML (2); 0 when it has linted nothing, and
 * in a worker thread.
 */
export function codeCacheFormats(): number {
  return isLintWorker() ? 0 : lintedFormats();
}

/** File descriptors whose reader has gone (EPIPE): what is still written to them is dropped. */
const closed = new Set<number>();

/**
 * Write straight to the file descriptor: reports are written once, at the end, and going through
 * process.stdout would load Node's stream and socket machinery (milliseconds at every start) for it.
 * A pipe left non-blocking by the parent is retried until it drains. When the reader has gone
 * (`cdp-lint ... | head -1`), the rest of the output is dropped, silently, and the run goes on to
 * exit with its own code, so that `set -o pipefail` still sees a failed lint.
 */
function writeAll(fd: number, text: string): void {
  if (closed.has(fd)) return;
  let buffer = Buffer.from(text, 'utf8');
  while (buffer.length > 0) {
    try {
      buffer = buffer.subarray(writeSync(fd, buffer));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(PAUSE, 0, 0, 1);
        continue;
      }
      if (code === 'EPIPE') {
        closed.add(fd);
        return;
      }
      throw e;
    }
  }
}

/**
 * isatty(fd), without loading node:tty (and with it Node's socket modules) unless fd is a character
 * device other than /dev/null: files, pipes and /dev/null, where hooks and CI send output, are not terminals.
 */
function isTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice()) return false;
    const devNull = statSync('/dev/null', { throwIfNoEntry: false });
    if (devNull?.isCharacterDevice() && devNull.rdev === stat.rdev) return false;
  } catch {
    return false;
  }
  return (nodeRequire('node:tty') as typeof import('node:tty')).isatty(fd);
}
