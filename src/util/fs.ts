/** File-system helpers shared by the CLI, the config lookup and the loader. */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

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

/** A small file that cannot be read; `code` is the errno code when the system refused it. */
class SmallFileError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * The UTF-8 text of a regular file of at most `maxBytes` (for --config and --baseline). A FIFO, a
 * device or a folder is refused on its metadata, before it is opened (reading /dev/zero or a FIFO
 * would never end); a file above `maxBytes` on its size. Throws an error with an errno `code`
 * (ENOENT: missing) or a reason for smallFileReason.
 */
export function readSmallFile(path: string, maxBytes: number): string {
  const kind = (stat: Stats) => {
    if (stat.isDirectory()) throw new SmallFileError('it is a folder');
    if (!stat.isFile()) throw new SmallFileError('it is not a regular file');
    if (stat.size > maxBytes) throw new SmallFileError(`it is ${stat.size} bytes, above the ${maxBytes}-byte limit (--max-file-size)`);
  };
  kind(statSync(path));
  // O_NONBLOCK: should the path become a FIFO after the stat, open does not wait for a writer.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    kind(stat);
    const buf = Buffer.alloc(stat.size);
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buf.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The reason readSmallFile gave, or the errno code of a refused read. */
export function smallFileReason(e: unknown): string {
  if (e instanceof SmallFileError) return e.message;
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}
