/**
 * Dependencies most runs never use, loaded from the installed packages (their CommonJS builds) on
 * first use instead of being bundled: outside the start-up bundle and its code cache, they cost a
 * run nothing until a file needs them. yaml: YAML files and configs (110 KB); tinyglobby: glob
 * arguments the shell left unexpanded. (jsonpath-plus stays in
 * the bundle: real connectors' records locators use it, intercom's among them.) Node's own `util`
 * too, for NODE_DEBUG logging.
 */
import { createRequire } from 'node:module';

const nodeRequire = createRequire(import.meta.url);

function onFirstUse<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= nodeRequire(id) as T);
}

export const yamlLib = onFirstUse<typeof import('yaml')>('yaml');

/** What js-yaml's loader shows its listener (js-yaml 4's State; only the fields read here). */
export interface JsYamlState {
  /** The text being read: js-yaml's copy, with a line break added when the text ends without one, and a NUL. */
  input: string;
  /** Offset in the text: where composing a node starts (`open`), or where it stopped (`close`). */
  position: number;
  /** Nesting of the node being composed, the root at 1. */
  depth: number;
  kind: 'scalar' | 'sequence' | 'mapping' | null;
  tag: string | null;
  anchor: string | null;
  result: unknown;
}

/** The part of js-yaml 4 the YAML fast path uses (the package ships no types). */
export interface JsYaml {
  load(text: string, options: { schema: unknown; json: boolean; maxDepth: number; listener: (event: 'open' | 'close', state: JsYamlState) => void }): unknown;
  Type: new (tag: string, options: { kind: 'scalar'; resolve: (data: unknown) => boolean; construct: (data: string) => unknown }) => unknown;
  FAILSAFE_SCHEMA: { extend(types: { implicit: unknown[] }): unknown };
}

/**
 * js-yaml: inside the CLI's bundle (a CommonJS file, where esbuild inlines what `require` names as a
 * module evaluated on first use), so that a YAML file's run reads it with the bundle and compiles it
 * from the build's code cache; from node_modules, loading it took a third of a bare `node -e ''`.
 * Where `require` is not defined (the sources run as ES modules, in tests), from node_modules.
 */
export const jsYamlLib = (): JsYaml => (jsYaml ??= (typeof require === 'function' ? require('js-yaml') : nodeRequire('js-yaml')) as JsYaml);
let jsYaml: JsYaml | undefined;
export const globLib = onFirstUse<typeof import('tinyglobby')>('tinyglobby');
export const utilLib = onFirstUse<typeof import('node:util')>('node:util');
