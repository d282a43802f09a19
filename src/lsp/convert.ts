/** Conversions between cdp-lint's results and the Language Server Protocol's types (LSP 3.17). */
import type { Diagnostic as LspDiagnostic, Range as LspRange } from 'vscode-languageserver';
import type { Diagnostic, Range, Severity, TextEdit } from '../types.js';
import { docsUrl } from '../rules/index.js';

/** LSP's DiagnosticSeverity: Error 1, Warning 2, Information 3. */
const SEVERITY: Record<Severity, 1 | 2 | 3> = { error: 1, warning: 2, info: 3 };

/** cdp-lint's 1-based line and column (UTF-16 code units) to LSP's 0-based position (UTF-16, LSP's default encoding). */
export function toLspRange(range: Range): LspRange {
  return {
    start: { line: Math.max(0, range.start.line - 1), character: Math.max(0, range.start.column - 1) },
    end: { line: Math.max(0, range.end.line - 1), character: Math.max(0, range.end.column - 1) },
  };
}

/** What a published diagnostic carries back to the server in a code action request. */
export interface DiagnosticData {
  /** The safe fix, as edits in UTF-16 offsets of the linted text. */
  fix?: TextEdit[];
}

/** One cdp-lint diagnostic as an LSP diagnostic: rule id as `code`, its docs page as `codeDescription`. */
export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toLspRange(d.range),
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    codeDescription: { href: docsUrl(d.ruleId) },
    source: 'cdp-lint',
    message: d.message,
  };
  if (d.fix) out.data = { fix: d.fix } satisfies DiagnosticData;
  return out;
}

/** A stable key for a diagnostic as the client echoes it back (range, rule, message). */
export function diagnosticKey(d: { range: LspRange; code?: number | string; message: string | { value: string } }): string {
  const r = d.range;
  const message = typeof d.message === 'string' ? d.message : d.message.value;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}\u0000${String(d.code)}\u0000${message}`;
}
