/** Shared result types: what the engine produces and formatters consume. */

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOrOff = Severity | 'off';
/** `referenced`: not a connector itself, but a file a connector's `$ref`s reach (its problems are reported in it). */
export type Layout = 'openapi' | 'hub' | 'storage' | 'unknown' | 'referenced';

export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A byte-exact text replacement, in UTF-16 offsets of the file's decoded text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Diagnostic {
  ruleId: string;
  /**
   * Which of the rule's message templates (its `meta.messages` key) produced `message`: stable across
   * wording changes, so tools can match on it. `internalError` when the rule itself failed.
   */
  messageId: string;
  severity: Severity;
  message: string;
  pointer: string;
  range: Range;
  fix?: TextEdit[];
}

/** Why a problem is not reported: a comment in the file, or an entry of a configuration file's `suppressions`. */
export interface Suppression {
  kind: 'comment' | 'config';
  /** The reason its author gave. */
  reason: string;
  /** Where it is written: `line 12` (of the linted file), or `.cdp-lint.yaml#/suppressions/0`. */
  source: string;
}

/** A problem found but suppressed, with the suppression that silenced it. */
export interface SuppressedDiagnostic extends Diagnostic {
  suppression: Suppression;
}

/** A configuration file's suppression that matched no problem in the files it applies to. */
export interface UnusedSuppression {
  /** The configuration file, as displayed. */
  config: string;
  /** Index in its `suppressions` list. */
  index: number;
  files: string;
  rule: string;
  pointer: string;
  reason: string;
}

export interface FileResult {
  path: string;
  layout: Layout;
  diagnostics: Diagnostic[];
  /** Problems silenced by a suppression (only when there are some). */
  suppressed?: SuppressedDiagnostic[];
  /** Present when --fix rewrote the file. */
  fixed?: number;
  /**
   * From the engine only: the files this connector's `$ref`s read, each with the problems written
   * in it. The command turns them into files of their own (see cli/lint-command.ts) before reporting.
   */
  referenced?: FileResult[];
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Baseline entries that matched nothing any more (only with --baseline). */
  staleBaseline?: number;
  /** Diagnostics hidden by the baseline (only with --baseline). */
  baselined?: number;
  /** Problems silenced by suppressions (only when there are some). */
  suppressed?: number;
}

export interface LintResult {
  files: FileResult[];
  summary: Summary;
  /** Configuration suppressions that matched nothing in the files they apply to (only when there are some). */
  unusedSuppressions?: UnusedSuppression[];
  /**
   * Files found in folders or by globs that were read and left out as not connector definitions
   * (as given, relative to the working directory), in the order found; only when there are some.
   */
  skipped?: string[];
}

/** Summarise diagnostics by severity. */
export function summarize(files: FileResult[]): Summary {
  const summary: Summary = { files: files.length, errors: 0, warnings: 0, infos: 0 };
  for (const file of files) {
    for (const d of file.diagnostics) {
      if (d.severity === 'error') summary.errors++;
      else if (d.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
  }
  return summary;
}
