/** Read a file's bytes into text: size limit, BOMs, UTF-16, and invalid UTF-8 become problems, not crashes. */
import { openSync, fstatSync, readSync, closeSync, constants } from 'node:fs';

export interface ReadOk {
  ok: true;
  text: string;
  /** Set when the bytes were not plain UTF-8 (a UTF-16 file that was decoded). */
  encodingNote?: string;
}

export interface ReadFailure {
  ok: false;
  /** Usage-level failure (missing, unreadable, not a regular file): the run cannot lint this path. */
  fatal: boolean;
  message: string;
  /** For content problems: where in the decoded text, when known. */
  offset?: number;
}

export type ReadResult = ReadOk | ReadFailure;

/** Read and decode a file, refusing special files and files above `maxBytes`. */
export function readSource(path: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK so that opening a FIFO never blocks; fstat then tells it is not a regular file.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { ok: false, fatal: true, message: describeFsError(e, path) };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, fatal: true, message: `${path} is a directory` };
    if (!stat.isFile()) return { ok: false, fatal: true, message: `${path} is not a regular file` };
    if (stat.size > maxBytes) {
      return {
        ok: false,
        fatal: false,
        message: `The file is ${formatBytes(stat.size)}, above the ${formatBytes(maxBytes)} limit (raise --max-file-size if this is intended)`,
      };
    }
    const buf = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, buf, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return decode(buf.subarray(0, read));
  } catch (e) {
    return { ok: false, fatal: true, message: describeFsError(e, path) };
  } finally {
    closeSync(fd);
  }
}

/** Decode bytes: UTF-8 (BOM stripped) or UTF-16 with a BOM; anything else is reported. */
export function decode(buf: Uint8Array): ReadResult {
  if (buf[0] === 0xff && buf[1] === 0xfe) return utf16(buf.subarray(2), 'utf-16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return utf16(buf.subarray(2), 'utf-16be');
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    const bad = firstInvalidUtf8(body);
    const prefix = new TextDecoder('utf-8').decode(body.subarray(0, bad));
    return {
      ok: false,
      fatal: false,
      message: `The file is not valid UTF-8: byte 0x${(body[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0')} at byte ${bad} (save it as UTF-8)`,
      offset: prefix.length,
    };
  }
}

function utf16(body: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): ReadResult {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(body);
    return { ok: true, text, encodingNote: `The file is ${encoding.toUpperCase()}; it was decoded, but connector definitions should be saved as UTF-8` };
  } catch {
    return { ok: false, fatal: false, message: `The file starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()}` };
  }
}

/** Byte index of the first invalid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
    }
    if (n === 2) {
      const c1 = b[i + 1]!;
      if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f)) return i;
    } else if (n === 3) {
      const c1 = b[i + 1]!;
      if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return i;
    }
    i += n + 1;
  }
  return i;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${n} bytes`;
}

/** One line, no stack: what a user needs to know about a filesystem error. */
export function describeFsError(e: unknown, path: string): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return `No such file or directory: ${path}`;
    case 'EACCES':
    case 'EPERM':
      return `Permission denied: ${path}`;
    case 'EISDIR':
      return `${path} is a directory`;
    case 'ELOOP':
      return `Too many symbolic links: ${path}`;
    default:
      return `Cannot read ${path}: ${(e as Error)?.message ?? String(e)}`;
  }
}
