/**
 * --fix: apply the safe fixes that diagnostics carry, editing only the characters concerned, and
 * write the file back in place with its encoding, byte order mark and line endings untouched.
 */
import { closeSync, constants, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync, type BigIntStats } from 'node:fs';
import type { Diagnostic, FileResult, TextEdit } from '../types.js';
import { parseText, type SourceFile } from '../load/source.js';
import { lintSource, type LintOptions } from './lint.js';

/** Most lint-and-fix rounds on one file: a fix may make another one possible (ESLint stops at 10 as well). */
const MAX_PASSES = 10;

/** The fixes of `diagnostics` (from rules marked fixable) applied to `text`; a fix overlapping an earlier one waits for the next pass. */
export function applyFixes(text: string, diagnostics: Diagnostic[], isFixable: (ruleId: string) => boolean = () => true): { text: string; applied: number } {
  const units = diagnostics
    .filter((d) => d.fix && d.fix.length > 0 && isFixable(d.ruleId))
    .map((d) => [...d.fix!].sort((a, b) => a.start - b.start || a.end - b.end))
    .filter((edits) => valid(text, edits) && edits.some((e) => text.slice(e.start, e.end) !== e.text))
    .sort((a, b) => a[0]!.start - b[0]!.start || a[a.length - 1]!.end - b[b.length - 1]!.end);
  const kept: TextEdit[] = [];
  let applied = 0;
  let lastEnd = -1;
  for (const edits of units) {
    const first = edits[0]!;
    // An insertion right where the previous fix ends could land on either side of it: wait a pass.
    if (first.start < lastEnd || (first.start === lastEnd && first.start === first.end)) continue;
    kept.push(...edits);
    lastEnd = edits[edits.length - 1]!.end;
    applied++;
  }
  let out = text;
  for (const e of kept.sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, applied };
}

/** Edits inside the text, each well-formed, not overlapping each other. */
function valid(text: string, sorted: TextEdit[]): boolean {
  let end = 0;
  for (const e of sorted) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < end || e.end < e.start || e.end > text.length) return false;
    end = e.end;
  }
  return true;
}

/** A parse problem that makes the text unsafe to edit: a syntax error or a depth limit. */
function unreadable(source: SourceFile): boolean {
  return !source.parsed || source.problems.some((p) => p.kind === 'syntax' || p.kind === 'depth');
}

function duplicates(source: SourceFile): number {
  return source.problems.filter((p) => p.kind === 'duplicate-key').length;
}

export interface FixOutcome {
  /** The fixed text (the original when nothing was fixed). */
  text: string;
  /** Problems fixed. */
  fixed: number;
  /** The lint result of the fixed text. */
  result: FileResult;
  source: SourceFile;
}

export interface FixInput {
  source: SourceFile;
  /** Its lint result, computed with `options`. */
  result: FileResult;
  displayPath: string;
  options: LintOptions;
}

/**
 * Fix a linted file in memory, re-linting after each round until no fix applies. A file with a
 * syntax error is never edited, and a round whose result would not parse as cleanly as before is
 * discarded, so a fix can never break a file.
 */
export function fixSource(input: FixInput): FixOutcome {
  let { source, result } = input;
  let fixed = 0;
  if (unreadable(source)) return { text: source.text, fixed, result, source };
  const isFixable = (id: string) => input.options.rules.get(id)?.meta.fixable === true;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const { text, applied } = applyFixes(source.text, result.diagnostics, isFixable);
    if (applied === 0) break;
    const next = parseText(source.path, text, input.options.limits, source.encodingNote);
    if (unreadable(next) || duplicates(next) > duplicates(source)) break;
    source = next;
    result = lintSource(next, input.displayPath, input.options);
    fixed += applied;
  }
  return { text: source.text, fixed, result, source };
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Split a file's bytes into its byte order mark and its encoding, as src/load/read.ts decodes them. */
function encodingOf(bytes: Buffer): { bom: Buffer; encoding: Encoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { bom: bytes.subarray(0, 2), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { bom: bytes.subarray(0, 2), encoding: 'utf-16be' };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { bom: bytes.subarray(0, 3), encoding: 'utf-8' };
  return { bom: bytes.subarray(0, 0), encoding: 'utf-8' };
}

function encode(text: string, encoding: Encoding): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  const le = Buffer.from(text, 'utf16le');
  return encoding === 'utf-16le' ? le : le.swap16();
}

/** A file --fix must leave alone; the message says why. */
export class FixWriteError extends Error {}

/** Read what `fd` holds from its start to its end, whatever size it had when it was looked at. */
function readAll(fd: number): Buffer {
  const chunks: Buffer[] = [];
  let position = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const n = readSync(fd, chunk, 0, chunk.length, position);
    if (n === 0) return Buffer.concat(chunks);
    chunks.push(chunk.subarray(0, n));
    position += n;
  }
}

/** The same file, unchanged since `before`: same size, same modification and change times. */
function unchanged(before: BigIntStats, now: BigIntStats): boolean {
  return now.size === before.size && now.mtimeNs === before.mtimeNs && now.ctimeNs === before.ctimeNs && now.ino === before.ino;
}

/**
 * Write `text`, the fixed version of `original`, back to its file, in place: the file keeps its
 * inode, so its owner, mode, hard links and symbolic links stay as they are. It is refused (with a
 * FixWriteError saying why, the file left untouched) when the user may not write it (open fails, or
 * it is read-only: no write bit, which root would otherwise override), when its bytes no longer
 * decode to exactly the linted text or would not re-encode to the same bytes, and when it changed
 * after it was read: its size and times are compared once more right before it is overwritten.
 */
export function writeFixed(original: SourceFile, text: string): void {
  let fd: number;
  try {
    fd = openSync(original.path, constants.O_RDWR | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new FixWriteError('permission denied: cdp-lint changes only files you may write');
    if (code === 'EROFS') throw new FixWriteError('it is on a read-only file system');
    throw e;
  }
  try {
    const before = fstatSync(fd, { bigint: true });
    if (!before.isFile()) throw new FixWriteError('it is no longer a regular file');
    const mode = Number(before.mode & 0o7777n);
    if ((mode & 0o222) === 0) throw new FixWriteError(`it is read-only (mode ${mode.toString(8).padStart(4, '0')}): cdp-lint changes only files you may write`);
    const bytes = readAll(fd);
    const { bom, encoding } = encodingOf(bytes);
    const body = bytes.subarray(bom.length);
    let decoded: string;
    try {
      decoded = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      throw new FixWriteError('its bytes are not valid ' + encoding.toUpperCase());
    }
    if (decoded !== original.text) throw new FixWriteError('it changed on disk while it was being linted; it was left as it is');
    if (!encode(decoded, encoding).equals(body)) throw new FixWriteError('it cannot be re-encoded byte for byte');
    const data = Buffer.concat([bom, encode(text, encoding)]);
    // Another program may have written to it since it was read (an editor saving, a generator appending).
    if (!unchanged(before, fstatSync(fd, { bigint: true })) || BigInt(bytes.length) !== before.size) {
      throw new FixWriteError('it changed on disk while it was being fixed; it was left as it is');
    }
    overwrite(fd, data, bytes);
  } finally {
    closeSync(fd);
  }
}

/** Replace the whole content of `fd` with `data`; on a failed write, put `previous` back as well as possible. */
function overwrite(fd: number, data: Buffer, previous: Buffer): void {
  try {
    writeFully(fd, data);
    ftruncateSync(fd, data.length);
    fsyncSync(fd);
  } catch (e) {
    try {
      writeFully(fd, previous);
      ftruncateSync(fd, previous.length);
    } catch {
      // The first error says what went wrong; this one would only repeat it (a full disk).
    }
    throw e;
  }
}

function writeFully(fd: number, data: Buffer): void {
  let written = 0;
  while (written < data.length) written += writeSync(fd, data, written, data.length - written, written);
}
