/** Shared result types: what the engine produces and formatters consume. */

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOrOff = Severity | 'off';
export type Layout = 'openapi' | 'hub' | 'storage' | 'unknown';

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

export interface FileResult {
  path: string;
  layout: Layout;
  diagnostics: Diagnostic[];
  /** Present when --fix rewrote the file. */
  fixed?: number;
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
}

export interface LintResult {
  files: FileResult[];
  summary: Summary;
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
