/** Human-readable output in the manner of ESLint's stylish formatter. */
import type { ChalkInstance } from 'chalk';
import type { Diagnostic, FileResult, LintResult, Severity, Summary } from '../types.js';
import { plural, relativePath, toRegion } from './common.js';
import { shown } from './escape.js';
import type { FormatOptions } from './options.js';

interface Row {
  line: string;
  column: string;
  diagnostic: Diagnostic;
  message: string;
}

type Paint = (text: string) => string;

/** The styles this format uses. */
interface Palette {
  red: Paint;
  yellow: Paint;
  blue: Paint;
  green: Paint;
  dim: Paint;
  underline: Paint;
  redBold: Paint;
  yellowBold: Paint;
  blueBold: Paint;
}

const asIs: Paint = (text) => text;
const PLAIN: Palette = { red: asIs, yellow: asIs, blue: asIs, green: asIs, dim: asIs, underline: asIs, redBold: asIs, yellowBold: asIs, blueBold: asIs };

/**
 * chalk, loaded by loadColors() only for coloured output: its set-up takes ~4 ms, a tenth of a
 * whole lint's own time, and hooks and CI (no terminal) never use it.
 */
let chalk: typeof import('chalk') | undefined;

/** Load what coloured output needs; call it before formatStylish with `color: true`. */
export async function loadColors(): Promise<void> {
  chalk ??= await import('chalk');
}

function paletteFor(color: boolean): Palette {
  if (!color) return PLAIN;
  if (!chalk) throw new Error('stylish: colours requested before loadColors()');
  const c: ChalkInstance = new chalk.Chalk({ level: 1 });
  return { red: c.red, yellow: c.yellow, blue: c.blue, green: c.green, dim: c.dim, underline: c.underline, redBold: c.red.bold, yellowBold: c.yellow.bold, blueBold: c.blue.bold };
}

function paint(c: Palette, severity: Severity, text: string): string {
  if (severity === 'error') return c.red(text);
  if (severity === 'warning') return c.yellow(text);
  return c.blue(text);
}

/** A table row must stay on one line, so line breaks inside a message become spaces. */
function oneLine(message: string): string {
  if (!message.includes('\n') && !message.includes('\r')) return message;
  return message.replace(/[ \t]*(?:\r\n|\r|\n)[ \t]*/g, ' ');
}

function fileBlock(file: FileResult, options: FormatOptions, c: Palette): string[] {
  const rows: Row[] = file.diagnostics.map((d) => {
    const region = toRegion(d.range);
    return { line: String(region.startLine), column: String(region.startColumn), diagnostic: d, message: shown(oneLine(d.message)) };
  });
  const lineWidth = Math.max(...rows.map((r) => r.line.length));
  const columnWidth = Math.max(...rows.map((r) => r.column.length));
  const severityWidth = Math.max(...rows.map((r) => r.diagnostic.severity.length));
  const messageWidth = Math.max(...rows.map((r) => r.message.length));
  // Docs links start under the message column.
  const docsIndent = ' '.repeat(2 + lineWidth + 1 + columnWidth + 2 + severityWidth + 2);
  const lines = [c.underline(shown(relativePath(file.path, options.cwd)))];
  for (const row of rows) {
    const { severity, ruleId } = row.diagnostic;
    const position = `${row.line.padStart(lineWidth)}:${row.column.padEnd(columnWidth)}`;
    const severityCell = paint(c, severity, severity) + ' '.repeat(severityWidth - severity.length);
    lines.push(`  ${position}  ${severityCell}  ${row.message.padEnd(messageWidth)}  ${c.dim(ruleId)}`);
    const meta = options.rules.get(ruleId);
    if (options.verbose && meta) lines.push(`${docsIndent}${c.dim(`Docs: ${meta.helpUri}`)}`);
  }
  return lines;
}

/** A file's table; should it fail to build, one line that says so, so that the other files are still reported. */
function blockOrNote(file: FileResult, options: FormatOptions, c: Palette): string[] {
  try {
    return fileBlock(file, options, c);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return [c.underline(shown(relativePath(file.path, options.cwd))), `  its ${plural(file.diagnostics.length, 'problem')} could not be shown here (${shown(reason)}); use --format json`];
  }
}

function summaryLine(summary: Summary, c: Palette): string {
  const total = summary.errors + summary.warnings + summary.infos;
  if (total === 0) return c.green(`✔ No problems found in ${plural(summary.files, 'file')}`);
  const text =
    `✖ ${plural(total, 'problem')} ` +
    `(${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')})`;
  if (summary.errors > 0) return c.redBold(text);
  if (summary.warnings > 0) return c.yellowBold(text);
  return c.blueBold(text);
}

/** With --baseline: how many problems it hid, and how many of its entries matched nothing (fixed since). */
function baselineLine(summary: Summary): string | undefined {
  if (summary.baselined === undefined && summary.staleBaseline === undefined) return undefined;
  const stale = summary.staleBaseline ?? 0;
  const entries = `${stale} stale ${stale === 1 ? 'entry' : 'entries'}`;
  const advice = stale > 0 ? ' (fixed since; regenerate the baseline to drop them)' : '';
  return `Baseline: ${plural(summary.baselined ?? 0, 'problem')} hidden, ${entries}${advice}`;
}

/** Format a lint result for a terminal: one aligned table per file with problems, then a summary line. */
export function formatStylish(result: LintResult, options: FormatOptions): string {
  const c = paletteFor(options.color);
  const lines: string[] = [];
  const separate = (): void => {
    if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
  };
  for (const file of result.files) {
    if (file.diagnostics.length > 0) {
      separate();
      lines.push(...blockOrNote(file, options, c), '');
    } else if (options.verbose) {
      lines.push(`${shown(relativePath(file.path, options.cwd))}: no problems`);
    }
  }
  separate();
  lines.push(summaryLine(result.summary, c));
  const baseline = baselineLine(result.summary);
  if (baseline) lines.push(c.dim(baseline));
  return lines.join('\n');
}
