/**
 * The `yaml` package, loaded on first use: most runs read only JSON, and keeping its 110 KB out of
 * the start-up bundle saves every run the time to compile it.
 */
import { createRequire } from 'node:module';

type YamlLib = typeof import('yaml');
let lib: YamlLib | undefined;

/** The yaml module (CommonJS build, from the installed package). */
export function yamlLib(): YamlLib {
  lib ??= createRequire(import.meta.url)('yaml') as YamlLib;
  return lib;
}
