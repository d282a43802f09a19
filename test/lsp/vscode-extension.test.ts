/**
 * The VS Code extension (editors/vscode): its build (type-check against @types/vscode, bundle) passes,
 * and the bundle, loaded with a stand-in for the `vscode` module the host provides, exports the
 * extension's entry points and starts `cdp-lint lsp` from the workspace's node_modules.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SLOW = 300_000;

interface Extension {
  activate: (context: unknown) => Promise<void>;
  deactivate: () => Promise<void>;
  serverCommand: (configured: string | undefined, folder: string | undefined) => string;
}

describe('editors/vscode', () => {
  it('builds, and its bundle exports activate, deactivate and the server command it runs', () => {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-vscode.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: SLOW });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    // A stand-in host: every member is itself (a class, a function, a namespace); `__esModule` keeps
    // TypeScript's import helpers from copying its (absent) own keys.
    const host = new Proxy(function vscode() {}, { get: (_, key) => (key === '__esModule' ? true : host), apply: () => host, construct: () => host }) as unknown as object;
    const req = createRequire(join(ROOT, 'editors', 'vscode', 'dist', 'extension.js'));
    const Module = req('node:module') as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
    const load = Module._load;
    Module._load = (request, parent, isMain) => (request === 'vscode' ? host : load(request, parent, isMain));
    try {
      const extension = req('./extension.js') as Extension;
      expect(typeof extension.activate).toBe('function');
      expect(typeof extension.deactivate).toBe('function');
      expect(extension.serverCommand(undefined, '/work/acme')).toBe(join('/work/acme', 'node_modules', '.bin', 'cdp-lint'));
      expect(extension.serverCommand('/opt/cdp-lint', '/work/acme')).toBe('/opt/cdp-lint');
      expect(extension.serverCommand('', undefined)).toBe('cdp-lint');
    } finally {
      Module._load = load;
    }
  }, SLOW);
});
