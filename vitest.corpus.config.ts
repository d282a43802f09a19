// `npm run test:corpus` (scripts/test-corpus.mjs): the tests that read the folder shared/ beside the
// checkout (the real connectors, the SARIF schema). Timeouts as in vitest.config.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['test/helpers/yield-between-tests.ts'],
    include: ['test/corpus/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
