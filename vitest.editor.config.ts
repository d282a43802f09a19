// `npm run test:editor`: tests that drive a real editor installed on the machine (Neovim: `nvim` on
// PATH), after a build. CI installs Neovim and runs them; `npm test` does not need an editor.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/editor/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
