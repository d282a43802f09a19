// `npm run test:install` (scripts/test-install.mjs): the README's install paths and pre-commit hook,
// with npm and pre-commit. Minutes per test on a busy machine; the timeouts only stop a hung one.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['test/helpers/yield-between-tests.ts'],
    include: ['test/install/**/*.test.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
  },
});
