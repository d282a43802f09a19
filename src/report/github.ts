/** GitHub Actions workflow commands, which the runner turns into inline annotations. */
import type { Diagnostic, LintResult, Severity } from '../types.js';
import { relativePath, toRegion } from './common.js';
import type { FormatOptions } from './options.js';
import { shown } from './escape.js';

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escape command data (the message) as the Actions runner expects. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a command property value; `:` and `,` would otherwise end the value. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(d: Diagnostic, file: string): string {
  const r = toRegion(d.range);
  const properties = [
    `file=${escapeProperty(shown(file))}`,
    `line=${r.startLine}`,
    `col=${r.startColumn}`,
    `endLine=${r.endLine}`,
    `endColumn=${r.endColumn}`,
    `title=${escapeProperty(shown(d.ruleId))}`,
  ].join(',');
  return `::${COMMANDS[d.severity]} ${properties}::${escapeData(shown(d.message, { keepLineBreaks: true }))}`;
}

/** Format a lint result as one workflow command line per diagnostic. */
export function formatGithub(result: LintResult, options: FormatOptions): string {
  return result.files
    .flatMap((f) => {
      const file = relativePath(f.path, options.cwd);
      return f.diagnostics.map((d) => annotation(d, file));
    })
    .join('\n');
}
