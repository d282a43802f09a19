/** File-system helpers shared by the CLI, the config lookup and the loader. */
import { statSync, type Stats } from 'node:fs';

/**
 * A path's metadata, or undefined when nothing is there or it cannot be looked at. A missing path
 * is the usual answer in some lookups (config names in every folder above a file), and it makes no
 * exception, with its stack trace, to be thrown and caught.
 */
export function statIfPresent(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
