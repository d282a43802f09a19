/**
 * The whole lint of files on disk, shared by the API's `lint` and the CLI: find the files and their
 * configurations, lint (on worker threads when many), fix, hide what the baseline records, count.
 * It never writes to stdout or stderr; what the CLI prints about fixes comes through `onFix`.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { readSmallFile, smallFileReason, statIfPresent } from '../util/fs.js';
import { collectTargets, UsageError, type Target } from '../cli/files.js';
import { unreadableResult, type LintOptions as EngineOptions } from '../engine/lint.js';
import { lintsAside, runAside, runParallel, threadsFor, MAX_THREADS, type Job, type JobOutcome, type ThreadSetting } from '../engine/parallel.js';
import { runJob, runJobWithSource, type JobRunOptions } from '../cli/lint-job.js';
import { fixSource, writeFixed, FixWriteError } from '../engine/fix.js';
import { applyBaseline, parseBaseline, BaselineError, type BaselineEntry } from '../engine/baseline.js';
import type { Limits, SourceFile } from '../load/source.js';
import { ConfigResolver } from '../config/config.js';
import { suppressByConfig } from '../engine/suppress-config.js';
import { relativePath } from '../report/common.js';
import { elided } from '../report/escape.js';
import { checkOptions, COMMON_OPTIONS, openSession, type CommonOptions } from './lint-text.js';
import { summarize, type Diagnostic, type FileResult, type LintResult, type Summary } from '../types.js';

/** Options of `lint`: those of `lintText` (without `filePath`) and the CLI's flags for a run. */
export interface LintOptions extends CommonOptions {
  /** Apply the safe fixes and write the files (as `--fix`); the result is what is left. */
  fix?: boolean;
  /** A baseline file (relative to `cwd`) whose recorded problems are hidden (as `--baseline`). */
  baseline?: string;
  /** Report errors only (as `--quiet`). */
  quiet?: boolean;
  /** Skip named files that are not connectors too; no error when nothing is left (as `--only-connectors`). */
  onlyConnectors?: boolean;
  /** Threads that lint: `off` (the main thread only), a number from 1 to 64, or `auto` (the default: from the number of files and cores), as `--threads`. */
  threads?: ThreadSetting;
  /**
   * Told what the CLI prints on stderr besides the report: a configuration file ignored because
   * anyone could have planted it, a file or folder found by walking that could not be read (the CLI
   * then exits 2). Default: nothing is told.
   */
  onWarning?: (message: string) => void;
}

/** A linted file: what the fix and baseline steps need besides the result. */
export interface Linted {
  /** Absolute path. */
  path: string;
  /** Kept when fixing needs it (files linted on the main thread). */
  source?: SourceFile;
  result: FileResult;
  options?: EngineOptions;
}

/** What the CLI hears during a run, to check its own writes and to say things on stderr. */
export interface RunHooks {
  /** Every file is linted, nothing is written yet (the CLI refuses report and baseline paths here). */
  linted?(linted: readonly Linted[]): void;
  /** --fix wrote `count` fixes into `path` (absolute). */
  fixed?(path: string, count: number): void;
  /** --fix could not write `path`; `reason` comes from the file system and may name it. */
  failed?(path: string, reason: string): void;
  /** Something the user should hear that is not a diagnostic: an untrusted configuration file ignored, a file walking could not read. */
  warn?(message: string): void;
}

/** The run, with what the CLI needs besides the report. */
export interface Run {
  result: LintResult;
  /** Every linted file, before the baseline and `quiet` (for `--generate-baseline`). */
  linted: Linted[];
  /** Diagnostics that count for the exit code: all but those the baseline hides. */
  counted: Diagnostic[];
  /** False when a fixed file could not be written. */
  fixesWritten: boolean;
  /** Files and folders found by walking that could not be read (each told to `warn`): the run failed for them. */
  unreadable: number;
}

interface Baseline {
  /** Absolute path of the baseline file. */
  path: string;
  entries: BaselineEntry[];
}

/** Lint `patterns` (default `.`); rejects with UsageError, ConfigError or BaselineError. */
export async function lintProject(patterns: readonly string[], options: LintOptions): Promise<LintResult> {
  if (!Array.isArray(patterns) || patterns.some((p) => typeof p !== 'string')) throw new UsageError('lint takes an array of paths, folders or globs (strings)');
  checkOptions(options, { ...COMMON_OPTIONS, fix: 'boolean', baseline: 'string', quiet: 'boolean', onlyConnectors: 'boolean', threads: 'threads', onWarning: 'function' });
  return (await runLint([...patterns], options, { warn: options.onWarning })).result;
}

/** The run behind `lint` and the CLI's lint command. */
export async function runLint(patterns: string[], options: LintOptions, hooks: RunHooks = {}): Promise<Run> {
  const session = openSession(options, hooks.warn);
  const threads = threadsOption(options.threads);
  const baseline = options.baseline === undefined ? undefined : readBaselineFile(resolve(session.cwd, options.baseline), options.baseline, session.limits.maxFileSize);
  const targets = await collectTargets(patterns, session.cwd);
  const unreadable: string[] = [];
  const ignoredNamed: string[] = [];
  const skipped: string[] = [];
  const linted = await lintTargets(targets, {
    configs: session.configs,
    limits: session.limits,
    refRoot: session.refRoot,
    onlyConnectors: options.onlyConnectors === true,
    keepSources: options.fix === true,
    threads,
    cwd: session.cwd,
    unreadable,
    ignoredNamed,
    skipped,
  });
  for (const line of unreadable) hooks.warn?.(line);
  for (const line of ignoredNamed) hooks.warn?.(line);
  if (linted.length === 0 && !options.onlyConnectors && ignoredNamed.length === 0) throw new UsageError(`No connector definitions found in ${patterns.length ? patterns.join(', ') : '.'}${skippedNote(skipped)}`);
  hooks.linted?.(linted);
  const fixesWritten = options.fix === true ? fixAll(linted, hooks) : true;
  // Configuration suppressions apply to what --fix left; comments were applied while linting.
  const unusedSuppressions = suppressByConfig(linted, (file) => session.configs.configFor(file), (abs) => relativePath(abs, session.cwd));
  const { files, summary } = hideBaselined(linted, baseline);
  const counted = files.flatMap((f) => f.diagnostics);
  const reported = options.quiet ? files.map((f) => ({ ...f, diagnostics: f.diagnostics.filter((d) => d.severity === 'error') })) : files;
  const suppressed = files.reduce((n, f) => n + (f.suppressed?.length ?? 0), 0);
  const result: LintResult = { files: reported, summary: { ...summarize(reported), ...summary, ...(suppressed > 0 ? { suppressed } : {}) } };
  if (unusedSuppressions.length > 0) result.unusedSuppressions = unusedSuppressions;
  if (skipped.length > 0) result.skipped = skipped;
  return { result, linted, counted, fixesWritten, unreadable: unreadable.length };
}

/** How many files shown to name when none of the files found is a connector definition. */
const SKIPPED_SHOWN = 5;

/** For "No connector definitions found": the JSON and YAML files that were read and left out, and how to lint one anyway. */
function skippedNote(skipped: string[]): string {
  if (skipped.length === 0) return '';
  const shown = skipped.slice(0, SKIPPED_SHOWN).map((p) => elided(p));
  const more = skipped.length > SKIPPED_SHOWN ? ` and ${(skipped.length - SKIPPED_SHOWN).toLocaleString('en-US')} more` : '';
  const list = more !== '' ? `${shown.join(', ')}${more}` : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  const files = skipped.length === 1 ? `${shown[0]} was read, but it is not` : `${list} were read, but none is`;
  return `: ${files} a connector definition (no \`resources\`, \`preDefined...\` list or \`x-cdp-\` extension); name a file to lint it anyway`;
}

/** The `threads` option, checked: `off`, `auto` (also when absent) or a whole number from 1 to MAX_THREADS. */
function threadsOption(raw: LintOptions['threads']): ThreadSetting {
  if (raw === undefined || raw === 'auto' || raw === 'off') return raw ?? 'auto';
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= MAX_THREADS) return raw;
  throw new UsageError(`threads must be off, auto or a number from 1 to ${MAX_THREADS}, got ${JSON.stringify(raw)}`);
}

interface LintContext {
  configs: ConfigResolver;
  limits: Limits;
  refRoot?: string;
  onlyConnectors: boolean;
  /** Fixing needs each file's parsed source on the main thread, so it lints there. */
  keepSources: boolean;
  threads: ThreadSetting;
  /** The run's working directory (for the default reference root). */
  cwd: string;
  /** Receives one line for each file or folder found by walking that could not be read. */
  unreadable: string[];
  /** Receives one line for each file named as such (not found in a folder or by a glob) that an `ignore` list matches. */
  ignoredNamed: string[];
  /** Receives the display path of each file found in a folder or by a glob that is not a connector definition. */
  skipped: string[];
}

/**
 * Lint each target with the severities of its own config, skipping ignored files and (when found in
 * folders) non-connectors. Many files are spread over worker threads when running from the bundle.
 */
async function lintTargets(targets: Target[], ctx: LintContext): Promise<Linted[]> {
  return withReferencedFiles(await lintEach(targets, ctx), ctx.cwd);
}

/**
 * Each file a connector's `$ref`s read becomes a file of the run, right after the first connector
 * that reads it: reports, the baseline and the exit code treat a problem written in it like any
 * other. A file several connectors read is one entry, each problem once.
 */
function withReferencedFiles(linted: Linted[], cwd: string): Linted[] {
  const out: Linted[] = [];
  const byPath = new Map<string, Linted>();
  const merge = (l: Linted) => {
    const known = byPath.get(l.path);
    if (known === undefined) {
      byPath.set(l.path, l);
      out.push(l);
      return;
    }
    const keys = new Set(known.result.diagnostics.map(diagnosticKey));
    const extra = l.result.diagnostics.filter((d) => !keys.has(diagnosticKey(d)));
    const layout = known.result.layout === 'referenced' ? l.result.layout : known.result.layout;
    if (extra.length > 0 || layout !== known.result.layout) {
      known.result = { ...known.result, layout, diagnostics: sortDiagnostics([...known.result.diagnostics, ...extra]) };
    }
  };
  for (const l of linted) {
    const { referenced, ...result } = l.result;
    merge({ ...l, result });
    for (const r of referenced ?? []) merge({ path: resolve(cwd, r.path), result: r });
  }
  return out;
}

function diagnosticKey(d: Diagnostic): string {
  return `${d.ruleId}\u0000${d.pointer}\u0000${d.range.start.line}:${d.range.start.column}\u0000${d.message}`;
}

function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

async function lintEach(targets: Target[], ctx: LintContext): Promise<Linted[]> {
  const jobs: Job[] = [];
  /** What could not be read, by the index of the first job after it: reported in the order of the targets. */
  const unread: Array<{ before: number; linted: Linted }> = [];
  const notRead = (path: string, display: string, line: string, before: number) => {
    ctx.unreadable.push(line);
    unread.push({ before, linted: { path, result: unreadableResult(display, line, ctx.configs.severitiesFor(path)) } });
  };
  for (const t of targets) {
    const config = ctx.configs.configFor(t.path);
    if (config?.ignores(t.path)) {
      // As ESLint does: a file named on the command line and ignored is said so, not silently dropped.
      if (t.explicit && !t.globbed) ctx.ignoredNamed.push(`${t.display} was not linted: the \`ignore\` list of ${relative(ctx.cwd, config.path) || config.path} matches it`);
      continue;
    }
    if (t.unreadable !== undefined) {
      notRead(t.path, t.display, `${t.unreadable}; the files in this folder were not linted`, jobs.length);
      continue;
    }
    jobs.push({ path: t.path, display: t.display, explicit: t.explicit, ...(t.globbed ? { globbed: true } : {}), severities: [...ctx.configs.severitiesFor(t.path)] });
  }
  const runOptions: JobRunOptions = { limits: ctx.limits, refRoot: ctx.refRoot, cwd: ctx.cwd, onlyConnectors: ctx.onlyConnectors };
  const threads = ctx.keepSources ? 1 : threadsFor(jobs.length, ctx.threads);
  const out: Linted[] = [];
  /** Each folder that could not be read goes before the job that followed it in the targets. */
  const foldersBefore = (i: number) => {
    while (unread.length > 0 && unread[0]!.before <= i) out.push(unread.shift()!.linted);
  };
  const take = (job: Job, i: number, outcome: JobOutcome, kept?: Pick<Linted, 'source' | 'options'>) => {
    foldersBefore(i);
    if (outcome.kind === 'fatal') throw new UsageError(outcome.message);
    if (outcome.kind === 'unreadable') {
      const line = notLinted(outcome.message);
      ctx.unreadable.push(line);
      out.push({ path: job.path, result: unreadableResult(job.display, line, new Map(job.severities)) });
    }
    if (outcome.kind === 'result') out.push({ path: job.path, result: outcome.result, ...kept });
    if (outcome.kind === 'skip') ctx.skipped.push(job.display);
  };
  if (threads > 1) {
    const outcomes = await runParallel(jobs, runOptions, threads, runJob);
    outcomes.forEach((o, i) => take(jobs[i]!, i, o));
  } else {
    for (const [i, job] of jobs.entries()) {
      if (!ctx.keepSources && lintsAside(statIfPresent(job.path)?.size ?? 0, ctx.threads, job.path)) {
        take(job, i, await runAside(job, runOptions, runJob));
        continue;
      }
      const { outcome, source, lintOptions } = runJobWithSource(job, runOptions);
      // Parsed sources are large: keep them only when fixing will need them.
      take(job, i, outcome, ctx.keepSources ? { source, options: lintOptions } : undefined);
    }
  }
  foldersBefore(Infinity);
  return out;
}

function notLinted(message: string): string {
  return `${message}; it was not linted`;
}

/** Apply fixes to every file and write the fixed ones; false when a file could not be written. */
function fixAll(linted: Linted[], hooks: RunHooks): boolean {
  let ok = true;
  for (const l of linted) {
    if (!l.source || !l.options) continue;
    const outcome = fixSource({ source: l.source, result: l.result, displayPath: l.result.path, options: l.options });
    if (outcome.fixed === 0) continue;
    try {
      writeFixed(l.source, outcome.text);
    } catch (e) {
      const reason = e instanceof FixWriteError ? e.message : ((e as NodeJS.ErrnoException).code ?? (e as Error).message);
      hooks.failed?.(l.path, reason);
      ok = false;
      continue;
    }
    l.source = outcome.source;
    // The files its references read were reported from the first lint; fixes change only this file.
    const { referenced: _referenced, ...result } = outcome.result;
    l.result = { ...result, fixed: outcome.fixed };
    hooks.fixed?.(l.path, outcome.fixed);
  }
  return ok;
}

/** The results with the baselined diagnostics removed, and the baseline's counts for the summary. */
function hideBaselined(linted: Linted[], baseline: Baseline | undefined): { files: FileResult[]; summary: Partial<Summary> } {
  const files = linted.map((l) => l.result);
  if (!baseline) return { files, summary: {} };
  const outcome = applyBaseline({ entries: baseline.entries, baselineFile: baseline.path, files: linted.map((l) => ({ path: l.path, diagnostics: l.result.diagnostics })), exists: existsSync });
  return {
    files: files.map((f, i) => ({ ...f, diagnostics: outcome.visible[i]! })),
    summary: { baselined: outcome.hidden, staleBaseline: outcome.stale },
  };
}

/** Read a baseline file: a regular file of at most `maxBytes` (a FIFO or /dev/zero would never end). */
function readBaselineFile(path: string, shownAs: string, maxBytes: number): Baseline {
  let text: string;
  try {
    text = readSmallFile(path, maxBytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BaselineError(code === 'ENOENT' ? `Baseline file not found: ${shownAs} (create it with --generate-baseline)` : `Cannot read baseline ${shownAs}: ${smallFileReason(e)}`);
  }
  return { path, entries: parseBaseline(text, shownAs) };
}
