/** A parsed file: its text, value, positions and the problems met while reading it. */
import { extname } from 'node:path';
import { readSource, type ReadOptions } from './read.js';
import { parseJsonFast } from './json-fast.js';
import { parseJson, type ParseProblem } from './json.js';
import { readYaml } from './yaml-fast.js';
import { LineIndex, LocationIndex } from './locations.js';

export interface Limits {
  maxFileSize: number;
  maxDepth: number;
  maxAliases: number;
  maxRefHops: number;
}

export const defaultLimits: Limits = {
  maxFileSize: 50 * 1024 * 1024,
  maxDepth: 512,
  maxAliases: 10_000,
  maxRefHops: 100,
};

export type SourceFormat = 'json' | 'yaml';

export interface SourceFile {
  path: string;
  text: string;
  format: SourceFormat;
  /** The parsed value; undefined when `parsed` is false. */
  value: unknown;
  parsed: boolean;
  locations: LocationIndex;
  lines: LineIndex;
  problems: ParseProblem[];
  encodingNote?: string;
}

export type LoadResult = { ok: true; source: SourceFile } | { ok: false; message: string };

/** Decide JSON or YAML from the extension, falling back to the first character. */
export function formatOf(path: string, text: string): SourceFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

/** Read and parse one file. A fatal failure (missing, unreadable) is returned, never thrown. */
export function loadSource(path: string, limits: Limits, readOptions: ReadOptions = {}): LoadResult {
  const read = readSource(path, limits.maxFileSize, readOptions);
  if (!read.ok) {
    if (read.fatal) return { ok: false, message: read.message };
    const text = read.text ?? '';
    const offset = read.offset ?? 0;
    return {
      ok: true,
      source: {
        path,
        text,
        format: formatOf(path, text),
        value: undefined,
        parsed: false,
        locations: new LocationIndex(),
        lines: new LineIndex(text),
        problems: [{ kind: read.kind === 'limit' ? 'limit' : 'syntax', message: read.message, offset, end: offset }],
      },
    };
  }
  return { ok: true, source: parseText(path, read.text, limits, read.encodingNote) };
}

/** Parse text already in memory (also used by tests and by --fix re-checks). */
export function parseText(path: string, given: string, limits: Limits, encodingNote?: string): SourceFile {
  const format = formatOf(path, given);
  const out = format === 'json' ? (parseJsonFast(given, limits) ?? parseJson(given, limits)) : readYaml(given, limits);
  const text = out.text ?? given;
  return {
    path,
    text,
    format,
    value: out.value,
    parsed: out.ok,
    locations: out.locations,
    lines: new LineIndex(text),
    problems: out.problems,
    encodingNote,
  };
}
