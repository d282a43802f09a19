// Bundles src/cli/main.ts into one CommonJS file, for scripts/build.mjs (dist/cli.cjs, minified) and
// for the bench's profiles (unminified, with a source map). bin/cdp-lint.cjs loads it (with a code
// cache) and runs its `main`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// commander requires node:child_process at load, for git-style subcommands this CLI does not have;
// loading it costs milliseconds at every start. Give commander a stand-in that loads it on first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(join('node_modules', 'commander')) ? { path: 'lazy-child-process', namespace: 'cdp-lint' } : undefined,
    );
    build.onLoad({ filter: /^lazy-child-process$/, namespace: 'cdp-lint' }, () => ({
      contents: "let cp; const load = () => (cp ??= require('node:child_process')); module.exports = new Proxy({}, { get: (_, key) => load()[key] });",
      loader: 'js',
    }));
  },
};

// chalk detects the terminal's colours at load (node:tty, node:os, and with them Node's stream and
// socket modules); cdp-lint decides colours itself (--no-color, NO_COLOR, a terminal on stdout) and
// always passes chalk a level, so chalk's own detection is replaced by "no colours".
const noColorDetection = {
  name: 'no-color-detection',
  setup(build) {
    build.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'cdp-lint' }));
    build.onLoad({ filter: /^supports-color$/, namespace: 'cdp-lint' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
  },
};

/** Bundle the CLI to `outfile`; `readable` keeps names and writes an external source map (for profiles). */
export async function bundleCli({ outfile, readable = false }) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    splitting: false,
    minify: !readable,
    // External: the map is beside the bundle, but the bundle does not name it, so Node does not load it.
    sourcemap: readable ? 'external' : false,
    legalComments: 'none',
    // ASCII only (non-ASCII characters are escaped), so that on Node 20 bin/cdp-lint.cjs may read
    // the file as latin1, the cheapest decoding.
    charset: 'ascii',
    plugins: [lazyChildProcess, noColorDetection],
    define: {
      // createRequire takes a path as well as a URL; inside the bundle, the bundle's own path.
      'import.meta.url': '__filename',
      __CDP_LINT_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version),
      __CDP_LINT_LSP_BUNDLE__: JSON.stringify('./lsp.cjs'),
    },
    logLevel: 'warning',
  });
}

const version = () => JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);

/**
 * The language server (`cdp-lint lsp`) as a CommonJS file of its own, dist/lsp.cjs, which the CLI
 * requires only for that command: vscode-languageserver and the server stay out of every lint's start-up.
 */
export async function bundleLsp({ outfile }) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(root, 'src', 'lsp', 'server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    plugins: [noColorDetection],
    define: { 'import.meta.url': '__filename', __CDP_LINT_VERSION__: version() },
    logLevel: 'warning',
  });
}

/**
 * The API (`import ... from 'cdp-lint'`) as one ES module, dist/api.mjs. CommonJS dependencies inside
 * it `require` Node's modules, so the module gets a `require` of its own.
 */
export async function bundleApi({ outfile }) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(root, 'src', 'api', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: false,
    legalComments: 'none',
    banner: { js: "import { createRequire as __cdpLintCreateRequire } from 'node:module';\nconst require = __cdpLintCreateRequire(import.meta.url);" },
    plugins: [noColorDetection],
    define: { __CDP_LINT_VERSION__: version(), __CDP_LINT_WORKER_ENTRY__: JSON.stringify('../bin/cdp-lint.cjs') },
    logLevel: 'warning',
  });
}
