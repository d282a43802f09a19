/** The lint command: find files and their configs, lint, fix, apply the baseline, report, choose the exit code. */
import { existsSync } from 'node:fs';
import { readSmallFile, smallFileReason, statIfPresent } from '../util/fs.js';
import { resolve } from 'node:path';
import { collectTargets, UsageError, type Target } from './files.js';
import { planOutputs, writeReports, type FlagEvent } from './outputs.js';
import type { LintOptions } from '../engine/lint.js';
import { lintsAside, runAside, runParallel, threadsFor, MAX_THREADS, type Job, type ThreadSetting } from '../engine/parallel.js';
import { runJob, runJobWithSource, type JobRunOptions } from './lint-job.js';
import { fixSource, writeFixed, FixWriteError } from '../engine/fix.js';
import { applyBaseline, formatBaseline, parseBaseline, BaselineError, type BaselineEntry } from '../engine/baseline.js';
import { defaultLimits, type Limits, type SourceFile } from '../load/source.js';
import { RULES, docsUrl } from '../rules/index.js';
import { ConfigResolver } from '../config/config.js';
import type { PresetName } from '../config/presets.js';
import { relativePath, plural } from '../report/common.js';
import type { FormatOptions } from '../report/index.js';
import { shown } from '../report/escape.js';
import { WriteGuard, type WriteTarget } from '../util/safe-write.js';
import { summarize, type Diagnostic, type FileResult, type LintResult, type Severity, type Summary } from '../types.js';

/** The lint command's flags, as commander parses them. */
export interface LintFlags {
  preset?: string;
  config?: string;
  quiet?: boolean;
  failSeverity: string;
  maxWarnings?: string;
  refRoot?: string;
  maxFileSize?: string;
  maxDepth?: string;
  maxAliases?: string;
  maxRefHops?: string;
  verbose?: boolean;
  color?: boolean;
  fix?: boolean;
  baseline?: string;
  generateBaseline?: string;
  onlyConnectors?: boolean;
  threads?: string;
}

/** Where the command writes, where it runs, and what it reports as its version. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  isTTY: boolean;
  version: string;
}

/** A linted file: what the fix and baseline steps need besides the result. */
interface Linted {
  /** Absolute path. */
  path: string;
  /** Kept when --fix needs it (files linted on the main thread). */
  source?: SourceFile;
  result: FileResult;
  options?: LintOptions;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Run `cdp-lint [paths...]`; resolves to the exit code (usage errors are thrown). */
export async function lintCommand(paths: string[], flags: LintFlags, events: FlagEvent[], io: CommandIo): Promise<number> {
  const plans = planOutputs(events, io.cwd);
  const limits = limitsOf(flags);
  const threads = threadsOf(flags.threads);
  const maxWarnings = nonNegativeInt('max-warnings', flags.maxWarnings);
  const explicitConfig = flags.config === undefined ? undefined : resolve(io.cwd, flags.config);
  const configs = new ConfigResolver({
    explicit: explicitConfig,
    ruleIds: [...RULES.keys()],
    preset: flags.preset as PresetName | undefined,
    // --config as the user wrote it; found ones relative to the working folder.
    display: (abs) => (abs === explicitConfig ? flags.config! : relativePath(abs, io.cwd)),
    maxBytes: limits.maxFileSize,
    warn: (message) => io.stderr(`cdp-lint: ${shown(message)}\n`),
  });
  const baseline = flags.baseline === undefined ? undefined : readBaselineFile(resolve(io.cwd, flags.baseline), flags.baseline, limits.maxFileSize);

  const targets = await collectTargets(paths, io.cwd);
  const refRoot = flags.refRoot ? resolve(io.cwd, flags.refRoot) : undefined;
  const unreadable: string[] = [];
  const linted = await lintTargets(targets, { configs, limits, refRoot, cwd: io.cwd, onlyConnectors: flags.onlyConnectors === true, keepSources: flags.fix === true, threads, unreadable });
  // Files and folders found by walking that could not be read are reported, and fail the run (2), never passed over.
  for (const line of unreadable) io.stderr(`cdp-lint: ${shown(line)}\n`);
  const readFailed = unreadable.length > 0;
  if (linted.length === 0 && !flags.onlyConnectors) throw new UsageError(`No connector definitions found in ${paths.length ? paths.join(', ') : '.'}`);
  // Reports and baselines never go through a link or over a linted file: refused before --fix writes anything.
  const guard = new WriteGuard(io.cwd, linted.map((l) => ({ path: l.path, shownAs: relativePath(l.path, io.cwd) })));
  const writeTargets = [
    ...plans.flatMap((p) => (p.file === undefined ? [] : [{ flag: '--output', shownAs: p.file, path: resolve(io.cwd, p.file) }])),
    ...(flags.generateBaseline === undefined ? [] : [{ flag: '--generate-baseline', shownAs: flags.generateBaseline, path: resolve(io.cwd, flags.generateBaseline) }]),
  ];
  for (const target of writeTargets) guard.check(target);
  // A file --fix could not write fails the run (2), after everything else is reported.
  const fixFailed = flags.fix === true && !fixAll(linted, io);

  if (flags.generateBaseline !== undefined) {
    generateBaseline(linted, writeTargets.at(-1)!, guard, io);
    return fixFailed || readFailed ? 2 : 0;
  }
  const { files, summary } = hideBaselined(linted, baseline);
  const counted = files.flatMap((f) => f.diagnostics);
  const reported = flags.quiet ? files.map((f) => ({ ...f, diagnostics: f.diagnostics.filter((d) => d.severity === 'error') })) : files;
  const result: LintResult = { files: reported, summary: { ...summarize(reported), ...summary } };
  const writeFile = (path: string, shownAs: string, text: string) => guard.write({ flag: '--output', shownAs, path }, text);
  await writeReports(plans, result, { cwd: io.cwd, stdout: io.stdout, formatOptions: formatOptions(flags, io), writeFile });
  const code = exitCode({ counted, failSeverity: flags.failSeverity as Severity, maxWarnings, quiet: flags.quiet === true }, io);
  return fixFailed || readFailed ? 2 : code;
}

function generateBaseline(linted: Linted[], target: WriteTarget, guard: WriteGuard, io: CommandIo): void {
  const shownAs = target.shownAs;
  guard.write(target, formatBaseline(linted.map((l) => ({ path: l.path, diagnostics: l.result.diagnostics })), target.path));
  const count = linted.reduce((n, l) => n + l.result.diagnostics.length, 0);
  const withProblems = linted.filter((l) => l.result.diagnostics.length > 0).length;
  io.stdout(`Wrote a baseline of ${plural(count, 'problem')} in ${plural(withProblems, 'file')} to ${shown(shownAs)}\n`);
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

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive integer, got "${raw}"`);
  return n;
}

function nonNegativeInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/** `--threads`: off, auto (the default) or a whole number from 1 to MAX_THREADS. */
function threadsOf(raw: string | undefined): ThreadSetting {
  if (raw === undefined || raw === 'auto') return 'auto';
  if (raw === 'off') return 'off';
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_THREADS) throw new UsageError(`--threads must be off, auto or a number from 1 to ${MAX_THREADS}, got "${raw}"`);
  return n;
}

function limitsOf(flags: LintFlags): Limits {
  return {
    maxFileSize: positiveInt('max-file-size', flags.maxFileSize, defaultLimits.maxFileSize),
    maxDepth: positiveInt('max-depth', flags.maxDepth, defaultLimits.maxDepth),
    maxAliases: positiveInt('max-aliases', flags.maxAliases, defaultLimits.maxAliases),
    maxRefHops: positiveInt('max-ref-hops', flags.maxRefHops, defaultLimits.maxRefHops),
  };
}

interface LintContext {
  configs: ConfigResolver;
  limits: Limits;
  refRoot?: string;
  cwd: string;
  onlyConnectors: boolean;
  /** --fix needs each file's parsed source on the main thread, so it lints there. */
  keepSources: boolean;
  threads: ThreadSetting;
  /** Receives one line for each file or folder found by walking that could not be read. */
  unreadable: string[];
}

/**
 * Lint each target with the severities of its own config, skipping ignored files and (when found in
 * folders) non-connectors. Many files are spread over worker threads when running from the bundle.
 */
async function lintTargets(targets: Target[], ctx: LintContext): Promise<Linted[]> {
  const jobs: Job[] = [];
  for (const t of targets) {
    if (ctx.configs.configFor(t.path)?.ignores(t.path)) continue;
    if (t.unreadable !== undefined) {
      ctx.unreadable.push(`${t.unreadable}; the files in this folder were not linted`);
      continue;
    }
    jobs.push({ path: t.path, display: t.display, explicit: t.explicit, severities: [...ctx.configs.severitiesFor(t.path)] });
  }
  const runOptions: JobRunOptions = { limits: ctx.limits, refRoot: ctx.refRoot, cwd: ctx.cwd, onlyConnectors: ctx.onlyConnectors };
  const threads = ctx.keepSources ? 1 : threadsFor(jobs.length, ctx.threads);
  const out: Linted[] = [];
  if (threads > 1) {
    const outcomes = await runParallel(jobs, runOptions, threads, runJob);
    outcomes.forEach((o, i) => {
      if (o.kind === 'fatal') throw new UsageError(o.message);
      if (o.kind === 'unreadable') ctx.unreadable.push(notLinted(o.message));
      if (o.kind === 'result') out.push({ path: jobs[i]!.path, result: o.result });
    });
    return out;
  }
  for (const job of jobs) {
    if (!ctx.keepSources && lintsAside(statIfPresent(job.path)?.size ?? 0, ctx.threads)) {
      const outcome = await runAside(job, runOptions, runJob);
      if (outcome.kind === 'fatal') throw new UsageError(outcome.message);
      if (outcome.kind === 'unreadable') ctx.unreadable.push(notLinted(outcome.message));
      if (outcome.kind === 'result') out.push({ path: job.path, result: outcome.result });
      continue;
    }
    const { outcome, source, lintOptions } = runJobWithSource(job, runOptions);
    if (outcome.kind === 'fatal') throw new UsageError(outcome.message);
    if (outcome.kind === 'unreadable') ctx.unreadable.push(notLinted(outcome.message));
    // Parsed sources are large: keep them only when --fix will need them.
    if (outcome.kind === 'result') out.push(ctx.keepSources ? { path: job.path, result: outcome.result, source, options: lintOptions } : { path: job.path, result: outcome.result });
  }
  return out;
}

function notLinted(message: string): string {
  return `${message}; it was not linted`;
}

/** Apply fixes to every file and write the fixed ones; false when a file could not be written. */
function fixAll(linted: Linted[], io: CommandIo): boolean {
  let ok = true;
  for (const l of linted) {
    if (!l.source || !l.options) continue;
    const outcome = fixSource({ source: l.source, result: l.result, displayPath: l.result.path, options: l.options });
    if (outcome.fixed === 0) continue;
    const shownAs = shown(relativePath(l.result.path, io.cwd));
    try {
      writeFixed(l.source, outcome.text);
    } catch (e) {
      const reason = e instanceof FixWriteError ? e.message : ((e as NodeJS.ErrnoException).code ?? (e as Error).message);
      io.stderr(`cdp-lint: could not fix ${shownAs}: ${shown(reason)}\n`);
      ok = false;
      continue;
    }
    l.source = outcome.source;
    l.result = { ...outcome.result, fixed: outcome.fixed };
    io.stderr(`cdp-lint: fixed ${plural(outcome.fixed, 'problem')} in ${shownAs}\n`);
  }
  return ok;
}

interface Baseline {
  /** Absolute path of the baseline file. */
  path: string;
  entries: BaselineEntry[];
}

/** Read a --baseline file: a regular file of at most `maxBytes` (a FIFO or /dev/zero would never end). */
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

function formatOptions(flags: LintFlags, io: CommandIo): FormatOptions {
  return {
    color: flags.color !== false && io.isTTY && !io.env['NO_COLOR'],
    verbose: flags.verbose === true,
    cwd: io.cwd,
    toolVersion: io.version,
    rules: new Map([...RULES.values()].map((r) => [r.meta.id, { description: r.meta.description, helpUri: docsUrl(r.meta.id) }])),
  };
}

interface ExitInput {
  /** Diagnostics that count for the exit code: all but those the baseline hides (--quiet only hides them from the report). */
  counted: Diagnostic[];
  failSeverity: Severity;
  maxWarnings: number | undefined;
  quiet: boolean;
}

/** 1 when a counted diagnostic reaches --fail-severity or warnings exceed --max-warnings; says why on stderr when the report alone would not show it. */
function exitCode(input: ExitInput, io: CommandIo): number {
  const threshold = SEVERITY_RANK[input.failSeverity];
  const failing = input.counted.filter((d) => SEVERITY_RANK[d.severity] >= threshold);
  const warnings = input.counted.filter((d) => d.severity === 'warning').length;
  const tooManyWarnings = input.maxWarnings !== undefined && warnings > input.maxWarnings;
  if (tooManyWarnings) io.stderr(`cdp-lint: too many warnings: ${warnings} (maximum ${input.maxWarnings})\n`);
  if (input.quiet && failing.length > 0 && failing.every((d) => d.severity !== 'error') && !tooManyWarnings) {
    io.stderr(`cdp-lint: ${plural(failing.length, 'problem')} hidden by --quiet ${failing.length === 1 ? 'reaches' : 'reach'} --fail-severity ${input.failSeverity}\n`);
  }
  return failing.length > 0 || tooManyWarnings ? 1 : 0;
}
