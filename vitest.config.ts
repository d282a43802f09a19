// `npm test`: every test that needs nothing beside the checkout. test/editor/ needs an editor
// installed (`npm run test:editor`, vitest.editor.config.ts).
// The machine is shared (two cores, several test runs at once): a test that finishes in 1 s alone
// can take 20 s there, so no test fails for taking longer than vitest's default 5 s; tests that
// need more set their own, longer limit.
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, 'test/editor/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
