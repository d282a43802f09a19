#!/usr/bin/env node
// Builds the VS Code extension (editors/vscode): type-check its source against @types/vscode, then
// bundle it with vscode-languageclient into editors/vscode/dist/extension.js (`vscode` is the host's).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ext = join(root, 'editors', 'vscode');

const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ext, 'tsconfig.json')], { encoding: 'utf8' });
if (tsc.status !== 0) {
  process.stderr.write(`build:vscode: type errors\n${tsc.stdout}${tsc.stderr}`);
  process.exit(1);
}
const esbuild = await import('esbuild');
await esbuild.build({
  entryPoints: [join(ext, 'src', 'extension.ts')],
  outfile: join(ext, 'dist', 'extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  legalComments: 'none',
  logLevel: 'warning',
});
