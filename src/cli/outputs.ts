/** Pair each --format with its --output, and write the reports. */
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

/** --format and --output occurrences in command-line order, to catch an --output written after the wrong --format. */
export type FlagEvent = { flag: 'format' | 'output'; value: string };

/**
 * The i-th --output belongs to the i-th --format; formats without one write to stdout. An --output
 * written after a format that gets none would silently receive another format's report
 * (`-f stylish -f sarif -o x.sarif` puts stylish in x.sarif), so that order is a usage error.
 */
export function planOutputs(events: FlagEvent[], cwd: string): OutputPlan[] {
  const formats = events.filter((e) => e.flag === 'format').map((e) => e.value);
  const outputs = events.filter((e) => e.flag === 'output').map((e) => e.value);
  for (const f of formats) if (!isFormatName(f)) throw new UsageError(`Unknown format "${f}"; expected one of: ${FORMAT_NAMES.join(', ')}`);
  if (formats.length === 0) formats.push('stylish');
  if (outputs.length > formats.length) throw new UsageError('More --output than --format flags: the i-th --output writes the report of the i-th --format');
  checkOrder(events, formats, outputs);
  const seen = new Set<string>();
  for (const o of outputs) {
    const key = resolve(cwd, o);
    if (seen.has(key)) throw new UsageError(`--output ${o} is given twice; each format needs its own file`);
    seen.add(key);
  }
  return formats.map((format, i) => ({ format: format as FormatName, file: outputs[i] }));
}

function checkOrder(events: FlagEvent[], formats: string[], outputs: string[]): void {
  let formatsSeen = 0;
  let outputsSeen = 0;
  for (const e of events) {
    if (e.flag === 'format') {
      formatsSeen++;
      continue;
    }
    // This --output comes after the format at index formatsSeen-1; that format gets no file of its own.
    if (formatsSeen > outputs.length) {
      throw new UsageError(
        `--output ${e.value} follows --format ${formats[formatsSeen - 1]}, but the i-th --output belongs to the i-th --format, so ${e.value} would receive the ${formats[outputsSeen]} report: put each --output right after its --format, and the formats without --output last`,
      );
    }
    outputsSeen++;
  }
}

export interface WriteContext {
  cwd: string;
  stdout: (text: string) => void;
  /** Options for reports on stdout; files never get colours. */
  formatOptions: FormatOptions;
  /** Writes a report file (never through a link or over a linted file, see util/safe-write.ts); throws WriteRefused. */
  writeFile: (path: string, shownAs: string, text: string) => void;
}

/** Render every planned report and write it; a file that must not or cannot be written is a usage error (WriteRefused). */
export async function writeReports(plans: OutputPlan[], result: LintResult, ctx: WriteContext): Promise<void> {
  for (const plan of plans) {
    const options = plan.file ? { ...ctx.formatOptions, color: false } : ctx.formatOptions;
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
