/** Helpers shared by the formatters: display paths and valid regions. */
import path from 'node:path';
import type { Range } from '../types.js';

/** 1-based region whose end never precedes its start and which is never empty. */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/**
 * Path of `file` relative to `cwd` with forward slashes (`../` when outside `cwd`, absolute on another
 * drive). Only Windows separates with backslashes: elsewhere a backslash is part of a name
 * (`dir\evil.json` is one file, not `dir/evil.json`).
 */
export function relativePath(file: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  const out = rel === '' ? file : rel;
  return path.sep === '\\' ? out.replace(/\\/g, '/') : out;
}

/** True when a path from `relativePath` does not lie under `cwd`. */
export function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || path.isAbsolute(rel) || /^[A-Za-z]:\//.test(rel);
}

function atLeast(n: number, min: number): number {
  return Number.isFinite(n) ? Math.max(min, Math.floor(n)) : min;
}

/**
 * Clamp a diagnostic range to a region consumers accept: lines and columns >= 1, end not before
 * start, and a zero-width range widened to one character so viewers have something to highlight.
 */
export function toRegion(range: Range): Region {
  const startLine = atLeast(range.start.line, 1);
  const startColumn = atLeast(range.start.column, 1);
  const endLine = atLeast(range.end.line, startLine);
  let endColumn = atLeast(range.end.column, 1);
  if (endLine === startLine && endColumn <= startColumn) endColumn = startColumn + 1;
  return { startLine, startColumn, endLine, endColumn };
}

/** `n thing` or `n things`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
