/**
 * Baselines: record today's diagnostics so that a repository can adopt cdp-lint and still fail on
 * every new problem. Entries match by file, rule and pointer, never by line, so editing elsewhere
 * in a file keeps its recorded problems hidden.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../types.js';
import { escapeJsonText } from '../report/escape.js';
import { jsonSyntaxError } from '../load/json.js';

export interface BaselineEntry {
  /** Path relative to the baseline file's folder, with forward slashes. */
  file: string;
  ruleId: string;
  pointer: string;
  /** For the reader of the baseline only; not used for matching. */
  message?: string;
}

/** One linted file as the baseline sees it. */
export interface BaselineFile {
  /** Absolute path. */
  path: string;
  diagnostics: Diagnostic[];
}

export const BASELINE_VERSION = 1;

/** A baseline file that cannot be used: the CLI prints it as one line and exits 2. */
export class BaselineError extends Error {}

/** The key of a baseline entry's file: its path relative to the baseline's folder, with forward slashes. */
export function baselinePath(file: string, baselineFile: string): string {
  return relative(dirname(baselineFile), file).split(sep).join('/');
}

function keyOf(file: string, ruleId: string, pointer: string): string {
  return `${file}\u0000${ruleId}\u0000${pointer}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The text of a baseline recording every diagnostic of `files`, sorted so that regenerating it gives small diffs. */
export function formatBaseline(files: BaselineFile[], baselineFile: string): string {
  const entries: BaselineEntry[] = [];
  for (const f of files) {
    const file = baselinePath(f.path, baselineFile);
    for (const d of f.diagnostics) entries.push({ file, ruleId: d.ruleId, pointer: d.pointer, message: d.message });
  }
  entries.sort(
    (a, b) => compare(a.file, b.file) || compare(a.ruleId, b.ruleId) || compare(a.pointer, b.pointer) || compare(a.message ?? '', b.message ?? ''),
  );
  // Names and messages as JSON escapes where a viewer of the file (a diff, a terminal) would act on them.
  return escapeJsonText(JSON.stringify({ version: BASELINE_VERSION, entries }, null, 2)) + '\n';
}

/** Parse and check a baseline file's text; `shownAs` names it in errors. */
export function parseBaseline(text: string, shownAs: string): BaselineEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new BaselineError(`${shownAs}: not valid JSON: ${jsonSyntaxError(text)}`);
  }
  const entries = (raw as { entries?: unknown } | null)?.entries;
  if (raw === null || typeof raw !== 'object' || !Array.isArray(entries)) {
    throw new BaselineError(`${shownAs}: not a cdp-lint baseline (expected {"version": ${BASELINE_VERSION}, "entries": [...]}; create one with --generate-baseline)`);
  }
  const version = (raw as { version?: unknown }).version;
  if (version !== BASELINE_VERSION) throw new BaselineError(`${shownAs}: unsupported baseline version ${JSON.stringify(version)} (expected ${BASELINE_VERSION})`);
  return entries.map((e, i) => {
    const ok = e !== null && typeof e === 'object' && ['file', 'ruleId', 'pointer'].every((k) => typeof (e as Record<string, unknown>)[k] === 'string');
    if (!ok) throw new BaselineError(`${shownAs}: entries[${i}] needs string "file", "ruleId" and "pointer"`);
    const { file, ruleId, pointer, message } = e as BaselineEntry;
    return typeof message === 'string' ? { file, ruleId, pointer, message } : { file, ruleId, pointer };
  });
}

export interface BaselineOutcome {
  /** The diagnostics still reported, per input file, in input order. */
  visible: Diagnostic[][];
  /** Diagnostics hidden because the baseline records them. */
  hidden: number;
  /** Entries of linted (or deleted) files that matched nothing: problems fixed since the baseline was made. */
  stale: number;
}

export interface ApplyOptions {
  entries: BaselineEntry[];
  /** Absolute path of the baseline file (entries are relative to its folder). */
  baselineFile: string;
  files: BaselineFile[];
  /** Whether a file (absolute path) still exists; entries of deleted files count as stale. */
  exists: (path: string) => boolean;
}

/**
 * Hide the diagnostics the baseline records. Entries are a multiset: an entry hides one diagnostic,
 * so a second identical problem stays visible. Entries of files not linted in this run (but still
 * present) are neither used nor counted, so linting a subset (a pre-commit hook) reports no stale ones.
 */
export function applyBaseline(options: ApplyOptions): BaselineOutcome {
  const remaining = new Map<string, number>();
  for (const e of options.entries) {
    const k = keyOf(e.file, e.ruleId, e.pointer);
    remaining.set(k, (remaining.get(k) ?? 0) + 1);
  }
  const linted = new Set<string>();
  let hidden = 0;
  const visible = options.files.map((f) => {
    const file = baselinePath(f.path, options.baselineFile);
    linted.add(file);
    return f.diagnostics.filter((d) => {
      const k = keyOf(file, d.ruleId, d.pointer);
      const left = remaining.get(k) ?? 0;
      if (left === 0) return true;
      remaining.set(k, left - 1);
      hidden++;
      return false;
    });
  });
  let stale = 0;
  const base = dirname(options.baselineFile);
  const existence = new Map<string, boolean>();
  for (const e of options.entries) {
    const k = keyOf(e.file, e.ruleId, e.pointer);
    const left = remaining.get(k) ?? 0;
    if (left === 0) continue;
    let counts = linted.has(e.file);
    if (!counts) {
      if (!existence.has(e.file)) existence.set(e.file, options.exists(resolve(base, e.file)));
      counts = !existence.get(e.file);
    }
    if (!counts) continue;
    remaining.set(k, left - 1);
    stale++;
  }
  return { visible, hidden, stale };
}
