/** Process entry: wire the CLI to the real process, and never let an error escape as a stack trace. */
import { runCli } from './run.js';
import { isLintWorker, workerMain } from '../engine/parallel.js';
import { runJob } from './lint-job.js';

if (isLintWorker()) {
  workerMain(runJob);
} else {
  process.on('unhandledRejection', (e) => {
    process.stderr.write(`cdp-lint: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    process.exit(2);
  });
  // `cdp-lint ... | head` closes the pipe early: stop quietly, as other command-line tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const code = await runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
  });
  process.exitCode = code;
}
