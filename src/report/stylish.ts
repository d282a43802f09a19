/** Human-readable output in the manner of ESLint's stylish formatter. */
import type { ChalkInstance } from 'chalk';
import type { Diagnostic, FileResult, LintResult, Severity, Summary } from '../types.js';
import { plural, relativePath, toRegion } from './common.js';
import { shown } from './escape.js';
import { fixWrites, type FormatOptions } from './options.js';

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

/** A word to lay out: its text (perhaps coloured), its visible width, and the spaces before it on a shared line. */
interface Word {
  text: string;
  width: number;
  gap: number;
}

/** Visible width of plain text: code points, as a terminal counts most of them. */
function widthOf(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Plain text cut into words at spaces (runs of spaces count as one). */
function wordsOf(text: string): Word[] {
  return text
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => ({ text: w, width: widthOf(w), gap: 1 }));
}

/** Paint lines of plain text, leaving their indentation as it is. */
function paintLines(lines: string[], paint: Paint): string[] {
  return lines.map((l) => {
    const text = l.trimStart();
    return l.slice(0, l.length - text.length) + paint(text);
  });
}

/** Continuation lines start under the message unless that leaves fewer columns than this. */
const MIN_MESSAGE_COLUMNS = 20;
const NARROW_INDENT = 4;

/**
 * Lay out words after a first-line prefix of `prefixWidth` columns, in lines of at most `width`
 * columns (no limit when undefined), continuation lines indented by `indent` columns. A word that
 * does not fit even on a line of its own stays whole on that line. Returns the lines' texts
 * without the prefix and with the indent.
 */
function wrapWords(words: Word[], layout: { prefixWidth: number; indent: number; width: number | undefined }): string[] {
  const lines: string[] = [];
  let text = '';
  let used = layout.prefixWidth;
  let empty = true;
  for (const word of words) {
    if (!empty && layout.width !== undefined && used + word.gap + word.width > layout.width) {
      lines.push(text);
      text = ' '.repeat(layout.indent);
      used = layout.indent;
      empty = true;
    }
    text += (empty ? '' : ' '.repeat(word.gap)) + word.text;
    used += (empty ? 0 : word.gap) + word.width;
    empty = false;
  }
  lines.push(text);
  return lines;
}

function fileBlock(file: FileResult, options: FormatOptions, c: Palette): string[] {
  const rows: Row[] = file.diagnostics.map((d) => {
    const region = toRegion(d.range);
    return { line: String(region.startLine), column: String(region.startColumn), diagnostic: d, message: shown(oneLine(d.message)) };
  });
  const lineWidth = Math.max(...rows.map((r) => r.line.length));
  const columnWidth = Math.max(...rows.map((r) => r.column.length));
  const severityWidth = Math.max(...rows.map((r) => r.diagnostic.severity.length));
  // Messages start in one column; continuation lines and docs links start there too.
  const messageColumn = 2 + lineWidth + 1 + columnWidth + 2 + severityWidth + 2;
  const width = options.width;
  const indent = width !== undefined && width - messageColumn < MIN_MESSAGE_COLUMNS ? NARROW_INDENT : messageColumn;
  const lines = [c.underline(shown(relativePath(file.path, options.cwd)))];
  for (const row of rows) {
    const { severity, ruleId } = row.diagnostic;
    const position = `${row.line.padStart(lineWidth)}:${row.column.padEnd(columnWidth)}`;
    const severityCell = paint(c, severity, severity) + ' '.repeat(severityWidth - severity.length);
    // The rule id follows the message two spaces on; nothing is padded after it.
    const words = [...wordsOf(row.message), { text: c.dim(ruleId), width: widthOf(ruleId), gap: 2 }];
    const wrapped = wrapWords(words, { prefixWidth: messageColumn, indent, width });
    lines.push(`  ${position}  ${severityCell}  ${wrapped[0]}`, ...wrapped.slice(1));
    const meta = options.rules.get(ruleId);
    if (options.verbose && meta) {
      const docs = wrapWords(wordsOf(`Docs: ${meta.helpUri}`), { prefixWidth: indent, indent, width });
      lines.push(...paintLines(docs.map((l, i) => (i === 0 ? ' '.repeat(indent) + l : l)), c.dim));
    }
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

/** The summary's colour: that of the worst severity found, green when there is nothing. */
function summaryPaint(summary: Summary, c: Palette): Paint {
  if (summary.errors > 0) return c.redBold;
  if (summary.warnings > 0) return c.yellowBold;
  if (summary.infos > 0) return c.blueBold;
  return c.green;
}

function summaryText(summary: Summary): string {
  const total = summary.errors + summary.warnings + summary.infos;
  if (total === 0) return `✔ No problems found in ${plural(summary.files, 'file')}`;
  return `✖ ${plural(total, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')})`;
}

/** As ESLint says it: how many of the reported problems --fix would fix. */
function fixableLine(result: LintResult): string | undefined {
  const fixable = result.files.reduce((n, f) => (fixWrites(f) ? n + f.diagnostics.filter((d) => d.fix !== undefined && d.fix.length > 0).length : n), 0);
  if (fixable === 0) return undefined;
  return `${plural(fixable, 'problem')} can be fixed with --fix`;
}

/** With --baseline: how many problems it hid, and how many of its entries matched nothing (fixed since). */
function baselineLine(summary: Summary): string | undefined {
  if (summary.baselined === undefined && summary.staleBaseline === undefined) return undefined;
  const stale = summary.staleBaseline ?? 0;
  const entries = `${stale} stale ${stale === 1 ? 'entry' : 'entries'}`;
  const advice = stale > 0 ? ' (fixed since; regenerate the baseline to drop them)' : '';
  return `Baseline: ${plural(summary.baselined ?? 0, 'problem')} hidden, ${entries}${advice}`;
}

/**
 * Format a lint result for a terminal: one table per file with problems (positions and severities
 * aligned, nothing padded after the message), then the summary, how many problems --fix can fix,
 * and the baseline's counts. With `options.width`, lines are wrapped at spaces to that many columns;
 * a message goes on under its first column.
 */
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
  // Files a folder or a glob found that are not connector definitions: said only when asked for.
  if (options.verbose) for (const path of result.skipped ?? []) lines.push(`${shown(relativePath(path, options.cwd))}: not linted, not a connector definition`);
  separate();
  const layout = (first: number, indent: number) => ({ prefixWidth: first, indent, width: options.width });
  const summaryColour = summaryPaint(result.summary, c);
  lines.push(...paintLines(wrapWords(wordsOf(summaryText(result.summary)), layout(0, 2)), summaryColour));
  const fixable = fixableLine(result);
  if (fixable) lines.push(...paintLines(wrapWords(wordsOf(fixable), layout(2, 2)).map((l, i) => (i === 0 ? `  ${l}` : l)), summaryColour));
  if (result.summary.suppressed) {
    lines.push(...paintLines(wrapWords(wordsOf(`${plural(result.summary.suppressed, 'problem')} suppressed (each with its reason in --format json)`), layout(0, 2)), c.dim));
  }
  for (const u of result.unusedSuppressions ?? []) {
    // The configuration file controls these: escaped as every file-controlled text is.
    const at = u.pointer === '' ? '' : ` at ${shown(u.pointer)}`;
    const text = `Unused suppression ${shown(u.config)}#/suppressions/${u.index}: no ${shown(u.rule)} problem${at} in the files ${shown(u.files)} matches; remove it`;
    lines.push(...paintLines(wrapWords(wordsOf(text), layout(0, 2)), c.yellow));
  }
  const baseline = baselineLine(result.summary);
  if (baseline) lines.push(...paintLines(wrapWords(wordsOf(baseline), layout(0, 2)), c.dim));
  return lines.join('\n');
}
