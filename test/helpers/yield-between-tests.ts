/**
 * Setup file of every vitest config: after each test, one turn of the event loop. Most tests run the
 * CLI with spawnSync, which blocks the test worker; vitest runs one test after the other without
 * reaching the event loop, so a file of such tests can block the worker for minutes on a busy
 * machine, and vitest's own messages to the worker (answered within 60 s, or an unhandled
 * "Timeout calling onTaskUpdate" error fails the run) go unread. Workaround from
 * https://github.com/vitest-dev/vitest/discussions/6511 (vitest-dev/vitest#8164).
 */
import { afterEach } from 'vitest';

afterEach(async () => {
  await new Promise((resolve) => setImmediate(resolve));
});
