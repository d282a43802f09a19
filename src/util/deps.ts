/**
 * Dependencies most runs never use, loaded from the installed packages (their CommonJS builds) on
 * first use instead of being bundled: outside the start-up bundle and its code cache, they cost a
 * run nothing until a file needs them. yaml: YAML files and configs (110 KB); tinyglobby: glob
 * arguments the shell left unexpanded; picomatch: a config's `ignore` globs. (jsonpath-plus stays in
 * the bundle: real connectors' records locators use it, intercom's among them.) Node's own `v8`
 * and `util` too: loading `v8` takes ~3.5 ms, and only a short parallel run needs it (jit.ts).
 */
import { createRequire } from 'node:module';

const nodeRequire = createRequire(import.meta.url);

function onFirstUse<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= nodeRequire(id) as T);
}

export const yamlLib = onFirstUse<typeof import('yaml')>('yaml');
export const globLib = onFirstUse<typeof import('tinyglobby')>('tinyglobby');
export const picomatchLib = onFirstUse<typeof import('picomatch')>('picomatch');
export const v8Lib = onFirstUse<typeof import('node:v8')>('node:v8');
export const utilLib = onFirstUse<typeof import('node:util')>('node:util');
