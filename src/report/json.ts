/** Machine-readable JSON output with a stable field order. */
import type { Diagnostic, LintResult, Range, Summary, Suppression, SuppressedDiagnostic } from '../types.js';
import type { FormatOptions } from './options.js';
import { escapeJsonText } from './escape.js';
import { fixWrites } from './options.js';

function copyRange(range: Range): Range {
  return {
    start: { line: range.start.line, column: range.start.column },
    end: { line: range.end.line, column: range.end.column },
  };
}

/** A diagnostic as the JSON report gives it. */
export type JsonDiagnostic = Omit<Diagnostic, 'fix'> & { fixable: boolean };

// The edits are for --fix, not for readers: the report says only whether --fix would make them
// (never in a file reached only through $refs: --fix writes the files it lints, see fixWrites).
function copyDiagnostic(d: Diagnostic, writable: boolean): JsonDiagnostic {
  return { ruleId: d.ruleId, messageId: d.messageId, severity: d.severity, message: d.message, pointer: d.pointer, range: copyRange(d.range), fixable: writable && d.fix !== undefined && d.fix.length > 0 };
}

function copySummary(summary: Summary): Summary {
  const out: Summary = { files: summary.files, errors: summary.errors, warnings: summary.warnings, infos: summary.infos };
  if (summary.baselined !== undefined) out.baselined = summary.baselined;
  if (summary.staleBaseline !== undefined) out.staleBaseline = summary.staleBaseline;
  if (summary.suppressed !== undefined) out.suppressed = summary.suppressed;
  return out;
}

/** A suppressed problem: the diagnostic, then what silenced it and why. */
function copySuppressed(d: SuppressedDiagnostic, writable: boolean): JsonDiagnostic & { suppression: Suppression } {
  return { ...copyDiagnostic(d, writable), suppression: { kind: d.suppression.kind, reason: d.suppression.reason, source: d.suppression.source } };
}

/**
 * Format a lint result as pretty-printed JSON: files with their diagnostics (and, when there are
 * some, the suppressed problems with the reason of each), then the summary, then configuration
 * suppressions that matched nothing (when there are some); bidirectional and C1 controls as `\\u` escapes.
 */
export function formatJson(result: LintResult, _options: FormatOptions): string {
  const files = result.files.map((f) => ({
    path: f.path,
    layout: f.layout,
    ...(f.fixed !== undefined ? { fixed: f.fixed } : {}),
    diagnostics: f.diagnostics.map((d) => copyDiagnostic(d, fixWrites(f))),
    ...(f.suppressed && f.suppressed.length > 0 ? { suppressed: f.suppressed.map((d) => copySuppressed(d, fixWrites(f))) } : {}),
  }));
  const unused = result.unusedSuppressions && result.unusedSuppressions.length > 0 ? { unusedSuppressions: result.unusedSuppressions.map((u) => ({ ...u })) } : {};
  return escapeJsonText(JSON.stringify({ files, summary: copySummary(result.summary), ...unused }, null, 2));
}
