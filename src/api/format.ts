/** Render a lint result in any of the CLI's formats, as a string (the API's `format`). */
import { FORMAT_NAMES, getFormatter, isFormatName, type FormatName, type FormatOptions, type RuleMeta } from '../report/index.js';
import { ruleDocs } from '../rules/docs.js';
import { RULES, docsUrl } from '../rules/index.js';
import type { LintResult } from '../types.js';
import { UsageError } from '../cli/files.js';
import { checkOptions } from './lint-text.js';

/** Options of `format`; every one has the CLI's default. */
export interface FormatApiOptions {
  /** ANSI colours (stylish only); default false. */
  color?: boolean;
  /** Documentation links and clean files (stylish only); default false. */
  verbose?: boolean;
  /** Folder that paths in SARIF, GitHub, JUnit and stylish output are relative to; default `process.cwd()`. */
  cwd?: string;
}

/** The formatter options the CLI would build for these API options. */
export function formatOptionsFor(options: FormatApiOptions, toolVersion: string): FormatOptions {
  return {
    color: options.color === true,
    verbose: options.verbose === true,
    cwd: options.cwd ?? process.cwd(),
    toolVersion,
    rules: reportRules(),
  };
}

/** What the formatters know of each rule: description, docs link, docs page (read on demand, SARIF only), fixability. */
export function reportRules(): Map<string, RuleMeta> {
  return new Map([...RULES.values()].map((r) => [r.meta.id, { description: r.meta.description, helpUri: docsUrl(r.meta.id), docs: () => ruleDocs(r.meta.id), fixable: r.meta.fixable === true }]));
}

/**
 * The report of `result` in format `name` (`stylish`, `json`, `sarif`, `junit`, `github`), exactly as
 * the CLI prints it but without the final newline. Throws UsageError for an unknown format.
 */
export async function formatResult(result: LintResult, name: FormatName, options: FormatApiOptions, toolVersion: string): Promise<string> {
  if (result === null || typeof result !== 'object' || !Array.isArray((result as Partial<LintResult>).files)) throw new UsageError('format takes the result of lint or lintText');
  checkOptions(options, { color: 'boolean', verbose: 'boolean', cwd: 'string' });
  if (!isFormatName(name)) throw new UsageError(`Unknown format "${String(name)}"; expected one of: ${FORMAT_NAMES.join(', ')}`);
  const formatter = await getFormatter(name, options.color === true);
  return formatter(result, formatOptionsFor(options, toolVersion));
}
