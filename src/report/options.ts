/** Options every formatter takes; the CLI builds them once from flags and the rule registry. */
import type { FileResult } from '../types.js';

export interface RuleMeta {
  description: string;
  helpUri: string;
  /** The rule's documentation page, read on first call (SARIF only); undefined when there is none. */
  docs?: () => { fullDescription: string; text: string; markdown: string } | undefined;
  /** Whether the rule can carry fixes. */
  fixable?: boolean;
}

export interface FormatOptions {
  /** Emit ANSI colour codes (stylish only). */
  color: boolean;
  /** Add documentation links and list clean files (stylish only). */
  verbose: boolean;
  /** Paths in SARIF, GitHub, JUnit and stylish output are shown relative to this directory. */
  cwd: string;
  toolVersion: string;
  /** Columns of the terminal, to wrap stylish lines at (no wrapping when undefined). */
  width?: number;
  /** Metadata of known rules, keyed by rule id; diagnostics of unknown ids are still printed. */
  rules: Map<string, RuleMeta>;
}

/**
 * Whether `--fix` writes this file: every file it lints, never one reached only through `$ref`s
 * (layout `referenced`), whose problems are reported but left as they are. Reports count and mark
 * as fixable only the problems of files it writes.
 */
export function fixWrites(file: FileResult): boolean {
  return file.layout !== 'referenced';
}
