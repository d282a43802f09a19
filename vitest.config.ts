// `npm test`: every test that needs nothing beside the checkout and no network. The tests of
// test/corpus/ read the folder shared/ beside it and run from `npm run test:corpus`
// (vitest.corpus.config.ts); those of test/install/ need npm's registry and pre-commit, and run from
// `npm run test:install` (vitest.install.config.ts); test/editor/ needs an editor installed
// (`npm run test:editor`, vitest.editor.config.ts).
// The timeouts only stop a hung test: on a loaded machine a test may take many times its usual time,
// and no test may fail for that (timing goals belong in `npm run bench`).
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['test/helpers/yield-between-tests.ts'],
    exclude: [...configDefaults.exclude, 'test/corpus/**', 'test/install/**', 'test/editor/**'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
