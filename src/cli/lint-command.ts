/** The lint command: the API's run (src/api/lint.ts), then the reports, the baseline file, and the exit code. */
import { resolve } from 'node:path';
import { UsageError } from './files.js';
import { planOutputs, writeReports, type FlagEvent } from './outputs.js';
import { runLint, type Linted, type LintOptions } from '../api/lint.js';
import { MAX_THREADS, type ThreadSetting } from '../engine/parallel.js';
import { formatBaseline } from '../engine/baseline.js';
import { defaultLimits, type Limits } from '../load/source.js';
import { useColor } from './color.js';
import { reportRules } from '../api/format.js';
import type { PresetName } from '../config/presets.js';
import { relativePath, plural } from '../report/common.js';
import type { FormatOptions } from '../report/index.js';
import { shown } from '../report/escape.js';
import { WriteGuard, type WriteTarget } from '../util/safe-write.js';
import type { Diagnostic, Severity } from '../types.js';

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
  /** --color (true) or --no-color (false), whichever is given last; undefined when neither is. */
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
  /** Columns of the terminal stdout is (asked only when it is one); undefined when unknown. */
  terminalColumns?: () => number | undefined;
  version: string;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Run `cdp-lint [paths...]`; resolves to the exit code (usage errors are thrown). */
export async function lintCommand(paths: string[], flags: LintFlags, events: FlagEvent[], io: CommandIo): Promise<number> {
  const plans = planOutputs(events, io.cwd);
  const maxWarnings = nonNegativeInt('max-warnings', flags.maxWarnings);
  const shownPath = (path: string) => shown(relativePath(path, io.cwd));
  let guard: WriteGuard | undefined;
  const writeTargets: WriteTarget[] = [
    ...plans.flatMap((p) => (p.file === undefined ? [] : [{ flag: '--output', shownAs: p.file, path: resolve(io.cwd, p.file) }])),
    ...(flags.generateBaseline === undefined ? [] : [{ flag: '--generate-baseline', shownAs: flags.generateBaseline, path: resolve(io.cwd, flags.generateBaseline) }]),
  ];
  const run = await runLint(paths, optionsOf(flags, io), {
    // Reports and baselines never go through a link or over a linted file: refused before --fix writes anything.
    linted: (linted) => {
      guard = new WriteGuard(io.cwd, linted.map((l) => ({ path: l.path, shownAs: relativePath(l.path, io.cwd) })));
      for (const target of writeTargets) guard.check(target);
    },
    fixed: (path, count) => io.stderr(`cdp-lint: fixed ${plural(count, 'problem')} in ${shownPath(path)}\n`),
    failed: (path, reason) => io.stderr(`cdp-lint: could not fix ${shownPath(path)}: ${shown(reason)}\n`),
    warn: (message) => io.stderr(`cdp-lint: ${shown(message)}\n`),
  });
  // Files and folders found by walking that could not be read were reported, and fail the run (2).
  // A file --fix could not write fails it too, after everything else is reported.
  const failed = !run.fixesWritten || run.unreadable > 0;
  if (flags.generateBaseline !== undefined) {
    generateBaseline(run.linted, writeTargets.at(-1)!, guard!, io);
    return failed ? 2 : 0;
  }
  const writeFile = (path: string, shownAs: string, text: string) => guard!.write({ flag: '--output', shownAs, path }, text);
  await writeReports(plans, run.result, { cwd: io.cwd, stdout: io.stdout, formatOptions: formatOptions(flags, io), writeFile });
  const code = exitCode({ counted: run.counted, failSeverity: flags.failSeverity as Severity, maxWarnings, quiet: flags.quiet === true }, io);
  return failed ? 2 : code;
}

/** The API's options for these flags. */
function optionsOf(flags: LintFlags, io: CommandIo): LintOptions {
  return {
    cwd: io.cwd,
    config: flags.config,
    preset: flags.preset as PresetName | undefined,
    limits: limitsOf(flags),
    refRoot: flags.refRoot,
    fix: flags.fix === true,
    baseline: flags.baseline,
    quiet: flags.quiet === true,
    onlyConnectors: flags.onlyConnectors === true,
    threads: threadsOf(flags.threads),
  };
}

/** `--threads`: off, auto (the default) or a whole number from 1 to MAX_THREADS. */
function threadsOf(raw: string | undefined): ThreadSetting {
  if (raw === undefined || raw === 'auto') return 'auto';
  if (raw === 'off') return 'off';
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_THREADS) throw new UsageError(`--threads must be off, auto or a number from 1 to ${MAX_THREADS}, got "${raw}"`);
  return n;
}

function generateBaseline(linted: Linted[], target: WriteTarget, guard: WriteGuard, io: CommandIo): void {
  guard.write(target, formatBaseline(linted.map((l) => ({ path: l.path, diagnostics: l.result.diagnostics })), target.path));
  const count = linted.reduce((n, l) => n + l.result.diagnostics.length, 0);
  const withProblems = linted.filter((l) => l.result.diagnostics.length > 0).length;
  io.stdout(`Wrote a baseline of ${plural(count, 'problem')} in ${plural(withProblems, 'file')} to ${shown(target.shownAs)}\n`);
}

function positiveInt(name: string, raw: string | undefined, fallback: number, max?: { value: number; why: string }): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive integer, got "${raw}"`);
  if (max !== undefined && n > max.value) throw new UsageError(`--${name} must be at most ${max.value} (${max.why}), got "${raw}"`);
  return n;
}

/**
 * The most nodes `--max-aliases` may let YAML aliases expand to: each is built in memory and walked
 * by every rule (900,000 nodes: 4 s and 280 MB), so a higher limit would let a 1 KB alias bomb hang
 * the run. Raising the limit is the user's choice, within this hard bound.
 */
export const MAX_ALIASES_CEILING = 1_000_000;

function nonNegativeInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function limitsOf(flags: LintFlags): Limits {
  return {
    maxFileSize: positiveInt('max-file-size', flags.maxFileSize, defaultLimits.maxFileSize),
    maxDepth: positiveInt('max-depth', flags.maxDepth, defaultLimits.maxDepth),
    maxAliases: positiveInt('max-aliases', flags.maxAliases, defaultLimits.maxAliases, { value: MAX_ALIASES_CEILING, why: 'every node an alias expands to is built in memory' }),
    maxRefHops: positiveInt('max-ref-hops', flags.maxRefHops, defaultLimits.maxRefHops),
  };
}

function formatOptions(flags: LintFlags, io: CommandIo): FormatOptions {
  return {
    color: useColor({ flag: flags.color, env: io.env, isTTY: io.isTTY }),
    width: terminalWidth(io),
    verbose: flags.verbose === true,
    cwd: io.cwd,
    toolVersion: io.version,
    rules: reportRules(),
  };
}

/** Columns to wrap the report on stdout at: COLUMNS when it is a positive integer, else the terminal's; undefined (no wrapping) otherwise. */
function terminalWidth(io: CommandIo): number | undefined {
  const fromEnv = Number(io.env['COLUMNS']);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  if (!io.isTTY) return undefined;
  const columns = io.terminalColumns?.();
  return columns !== undefined && columns > 0 ? columns : undefined;
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
