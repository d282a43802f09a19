/** Pair each --format with the --output written after it, and write the reports. */
import { resolve } from 'node:path';
import { UsageError } from './files.js';
import { FORMAT_NAMES, getFormatter, isFormatName, type FormatName, type FormatOptions } from '../report/index.js';
import type { LintResult } from '../types.js';

/** One report to produce: a format, written to a file or (no file) to stdout. */
export interface OutputPlan {
  format: FormatName;
  /** As given on the command line; undefined means stdout. */
  file?: string;
}

/** --format and --output occurrences in command-line order: an --output belongs to the --format before it. */
export type FlagEvent = { flag: 'format' | 'output'; value: string };

/**
 * Each --output belongs to the nearest --format before it, as a reader takes `-f sarif -o x.sarif`;
 * an --output before every --format belongs to the first one (`-o a.json -f json`), or to the
 * default stylish report when there is no --format. A format without an --output prints to stdout.
 * Two --outputs for one format, one file for two formats, and two reports on stdout (they would be
 * interleaved into one unreadable stream) are usage errors.
 */
export function planOutputs(events: FlagEvent[], cwd: string): OutputPlan[] {
  const plans: OutputPlan[] = [];
  let leading: string | undefined;
  for (const e of events) {
    if (e.flag === 'format') {
      if (!isFormatName(e.value)) throw new UsageError(`Unknown format "${e.value}"; expected one of: ${FORMAT_NAMES.join(', ')}`);
      plans.push({ format: e.value, file: plans.length === 0 ? leading : undefined });
      continue;
    }
    if (plans.length === 0) {
      if (leading !== undefined) throw new UsageError(`--output ${leading} and --output ${e.value} both come before the first --format: give one --output after each --format`);
      leading = e.value;
      continue;
    }
    const owner = plans[plans.length - 1]!;
    if (owner.file !== undefined) throw new UsageError(`--format ${owner.format} has two outputs, ${owner.file} and ${e.value}: give one --output after each --format`);
    owner.file = e.value;
  }
  if (plans.length === 0) plans.push({ format: 'stylish', file: leading });
  const toStdout = plans.filter((p) => p.file === undefined).map((p) => p.format);
  if (toStdout.length > 1) throw new UsageError(`Only one report can go to stdout, but ${listed(toStdout)} have no --output: give all but one an --output file`);
  const seen = new Set<string>();
  for (const p of plans) {
    if (p.file === undefined) continue;
    const key = resolve(cwd, p.file);
    if (seen.has(key)) throw new UsageError(`--output ${p.file} is given twice; each format needs its own file`);
    seen.add(key);
  }
  return plans;
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export interface WriteContext {
  cwd: string;
  stdout: (text: string) => void;
  /** Options for reports on stdout; files never get colours, nor lines wrapped to the terminal. */
  formatOptions: FormatOptions;
  /** Writes a report file (never through a link or over a linted file, see util/safe-write.ts); throws WriteRefused. */
  writeFile: (path: string, shownAs: string, text: string) => void;
}

/** Render every planned report and write it; a file that must not or cannot be written is a usage error (WriteRefused). */
export async function writeReports(plans: OutputPlan[], result: LintResult, ctx: WriteContext): Promise<void> {
  for (const plan of plans) {
    const options = plan.file ? { ...ctx.formatOptions, color: false, width: undefined } : ctx.formatOptions;
    const formatter = await getFormatter(plan.format, options.color);
    const text = formatter(result, options);
    const withNewline = text === '' || text.endsWith('\n') ? text : text + '\n';
    if (!plan.file) {
      if (withNewline !== '') ctx.stdout(withNewline);
      continue;
    }
    ctx.writeFile(resolve(ctx.cwd, plan.file), plan.file, withNewline);
  }
}
