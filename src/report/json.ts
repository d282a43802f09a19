/** Machine-readable JSON output with a stable field order. */
import type { Diagnostic, LintResult, Range, Summary } from '../types.js';
import type { FormatOptions } from './options.js';
import { escapeJsonText } from './escape.js';

function copyRange(range: Range): Range {
  return {
    start: { line: range.start.line, column: range.start.column },
    end: { line: range.end.line, column: range.end.column },
  };
}

/** A diagnostic as the JSON report gives it. */
export type JsonDiagnostic = Omit<Diagnostic, 'fix'> & { fixable: boolean };

// The edits are for --fix, not for readers: the report says only whether there are any.
function copyDiagnostic(d: Diagnostic): JsonDiagnostic {
  return { ruleId: d.ruleId, messageId: d.messageId, severity: d.severity, message: d.message, pointer: d.pointer, range: copyRange(d.range), fixable: d.fix !== undefined && d.fix.length > 0 };
}

function copySummary(summary: Summary): Summary {
  const out: Summary = { files: summary.files, errors: summary.errors, warnings: summary.warnings, infos: summary.infos };
  if (summary.baselined !== undefined) out.baselined = summary.baselined;
  if (summary.staleBaseline !== undefined) out.staleBaseline = summary.staleBaseline;
  return out;
}

/** Format a lint result as pretty-printed JSON: files with their diagnostics, then the summary (bidirectional and C1 controls as `\\u` escapes). */
export function formatJson(result: LintResult, _options: FormatOptions): string {
  const files = result.files.map((f) => ({
    path: f.path,
    layout: f.layout,
    ...(f.fixed !== undefined ? { fixed: f.fixed } : {}),
    diagnostics: f.diagnostics.map(copyDiagnostic),
  }));
  return escapeJsonText(JSON.stringify({ files, summary: copySummary(result.summary) }, null, 2));
}
