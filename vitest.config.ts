// `npm test`: every test that needs nothing beside the checkout. test/editor/ needs an editor
// installed (`npm run test:editor`, vitest.editor.config.ts).
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, 'test/editor/**'],
  },
});
