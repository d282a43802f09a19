/**
 * cdp-lint's programmatic API (`import { lint, lintText, format, rules } from 'cdp-lint'`), semver-stable:
 * the CLI is a thin layer over it, and the language server lints through it. Every call builds
 * what it needs and keeps nothing afterwards, so calls in one process never see each other's state.
 */
import { lintProject, type LintOptions } from './lint.js';
import { lintText, type CommonOptions, type ConfigObject, type LintTextOptions } from './lint-text.js';
import { formatResult, type FormatApiOptions } from './format.js';
import { listRules, type RuleInfo } from './rules.js';
import { FORMAT_NAMES, type FormatName } from '../report/index.js';
import { ConfigError } from '../config/config.js';
import { UsageError } from '../cli/files.js';
import { BaselineError } from '../engine/baseline.js';
import { setWorkerEntry } from '../engine/parallel.js';
import type { LintResult } from '../types.js';
import { fileURLToPath } from 'node:url';

declare const __CDP_LINT_VERSION__: string | undefined;
declare const __CDP_LINT_WORKER_ENTRY__: string | undefined;

// In the published bundle (dist/api.mjs), worker threads run the CLI's own entry, as the CLI's do.
if (typeof __CDP_LINT_WORKER_ENTRY__ === 'string') setWorkerEntry(fileURLToPath(new URL(__CDP_LINT_WORKER_ENTRY__, import.meta.url)));

/** This package's version. */
export const version: string = typeof __CDP_LINT_VERSION__ === 'string' ? __CDP_LINT_VERSION__ : '0.0.0-dev';

/**
 * Lint files, folders and globs as `cdp-lint [patterns...]` does (an empty list means `.`), with
 * configuration files or an in-memory configuration, presets, `fix`, a baseline, limits and threads.
 * Resolves to the object `--format json` prints (with `fix`, each fixed file's `fixed` count). Rejects
 * with UsageError (a missing path, nothing to lint, a bad option), ConfigError (an invalid
 * configuration) or BaselineError (an unreadable baseline).
 */
export function lint(patterns: readonly string[], options: LintOptions = {}): Promise<LintResult> {
  return lintProject(patterns, options);
}

/**
 * Lint `text` as the content of `options.filePath` (an unsaved editor buffer): the same result object,
 * with one file. Throws ConfigError or UsageError (bad options), never for the text.
 */
export { lintText };

/**
 * The report of `result` in format `name` (`stylish`, `json`, `sarif`, `junit` or `github`), exactly as
 * the CLI prints it, without the final newline. Rejects with UsageError for an unknown format.
 */
export function format(result: LintResult, name: FormatName, options: FormatApiOptions = {}): Promise<string> {
  return formatResult(result, name, options, version);
}

/** Every rule with its description, preset severities, fixability, docs page and message templates. */
export function rules(): RuleInfo[] {
  return listRules();
}

/** The names `format` accepts. */
export const formats: readonly FormatName[] = FORMAT_NAMES;

export { UsageError, ConfigError, BaselineError };
export type { LintOptions, LintTextOptions, CommonOptions, ConfigObject, FormatApiOptions as FormatOptions, RuleInfo, FormatName };
export type { LintResult, FileResult, Diagnostic, Summary, Range, Position, Severity, Layout } from '../types.js';
