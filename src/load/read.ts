/** Read a file's bytes into text: size limit, BOMs, UTF-16, and invalid UTF-8 become problems, not crashes. */
import { openSync, fstatSync, readSync, closeSync, statSync, constants } from 'node:fs';

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
  /** For content problems: a limit was exceeded (input-limit), or the bytes are not text (syntax-error). */
  kind?: 'limit' | 'syntax';
  message: string;
  /** For content problems: where in the decoded text, when known. */
  offset?: number;
  /** For content problems: the text as far as it could be decoded, so that `offset` maps to a line and column. */
  text?: string;
}

export type ReadResult = ReadOk | ReadFailure;

export interface ReadOptions {
  /** Refuse a symbolic link as the last path component (for $ref targets already checked by realpath). */
  noFollow?: boolean;
}

/** Read and decode a file, refusing special files and files above `maxBytes`. */
export function readSource(path: string, maxBytes: number, options: ReadOptions = {}): ReadResult {
  // A FIFO or a device is refused on its metadata: stat does not open it (open could wake a writer, or never end).
  try {
    const before = statSync(path);
    if (before.isDirectory()) return { ok: false, fatal: true, message: `${path} is a directory` };
    if (!before.isFile()) return { ok: false, fatal: true, message: `${path} is not a regular file` };
  } catch (e) {
    return { ok: false, fatal: true, message: describeFsError(e, path) };
  }
  let fd: number;
  try {
    // Should the path be swapped for a FIFO after the stat, O_NONBLOCK keeps open from blocking and fstat refuses it.
    const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0);
    fd = openSync(path, flags);
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
        kind: 'limit',
        // Only the start, so that a too-large file found in a folder can still be recognised as a connector and reported.
        text: head(fd, Math.min(HEAD_BYTES, maxBytes)),
        message: `The file is ${sizes(stat.size, maxBytes)} limit; cdp-lint does not read it (raise --max-file-size if this is intended)`,
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

const HEAD_BYTES = 64 * 1024;

function head(fd: number, bytes: number): string {
  const buf = Buffer.alloc(bytes);
  const n = readSync(fd, buf, 0, bytes, 0);
  const decoded = decode(buf.subarray(0, n));
  return decoded.ok ? decoded.text : (decoded.text ?? '');
}

/** Decode bytes: UTF-8 (BOM stripped) or UTF-16 with a BOM; anything else is reported. */
export function decode(buf: Uint8Array): ReadResult {
  if (buf[0] === 0xff && buf[1] === 0xfe) return utf16(buf.subarray(2), 'utf-16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return utf16(buf.subarray(2), 'utf-16be');
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const body = buf.subarray(bom);
  let text: string;
  try {
    // toString replaces invalid bytes with U+FFFD: only a text with one (an invalid byte, or a real
    // U+FFFD) is checked again, strictly. One pass over the bytes instead of two; and a pure
    // Latin-1 string (most files) is known not to hold U+FFFD without a scan.
    text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
    if (text.includes('\uFFFD')) text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const bad = firstInvalidUtf8(body);
    const prefix = new TextDecoder('utf-8').decode(body.subarray(0, bad));
    const lossy = new TextDecoder('utf-8').decode(body);
    return {
      ok: false,
      fatal: false,
      kind: 'syntax',
      message: `The file is not valid UTF-8: byte 0x${(body[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0')} at byte ${bom + bad} (save it as UTF-8)`,
      offset: prefix.length,
      text: lossy,
    };
  }
  // Neither JSON nor YAML allows a raw NUL; one means a binary file or UTF-16 saved without its byte order mark.
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return {
      ok: false,
      fatal: false,
      kind: 'syntax',
      message: `The file contains a NUL byte at byte ${bom + Buffer.byteLength(text.slice(0, nul))}: it is binary, or UTF-16 without a byte order mark (save it as UTF-8)`,
      offset: nul,
      text,
    };
  }
  return { ok: true, text };
}

function utf16(body: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): ReadResult {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(body);
    return { ok: true, text, encodingNote: `The file is ${encoding.toUpperCase()}; it was decoded, but connector definitions should be saved as UTF-8` };
  } catch {
    return { ok: false, fatal: false, kind: 'syntax', message: `The file starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()} (save it as UTF-8)` };
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

/** "60 MB, above the 50 MB", in exact bytes when rounding would make both look the same. */
function sizes(size: number, max: number): string {
  const [a, b] = [formatBytes(size), formatBytes(max)];
  return a === b ? `${size} bytes, above the ${max} bytes` : `${a}, above the ${b}`;
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
    case 'ENAMETOOLONG':
      return `Path too long: ${path}`;
    default:
      return `Cannot read ${path}: ${(e as Error)?.message ?? String(e)}`;
  }
}
