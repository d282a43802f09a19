/**
 * Suppression comments in YAML files, as ESLint's disable comments:
 * `# cdp-lint-disable-next-line rule-id -- reason` silences that rule's problems on the next line,
 * `# cdp-lint-disable-line rule-id -- reason` (at the end of a line) on its own line. Several rule
 * ids may be given, separated by commas or spaces. A comment without a reason, naming an unknown
 * rule or silencing nothing is itself reported (rule `suppression`).
 */
import type { Span } from '../load/locations.js';

/** One suppression comment found in a file's text. */
export interface Directive {
  /** 1-based line of the comment. */
  line: number;
  /** 1-based line whose problems it silences. */
  target: number;
  /** The comment's span in the text (UTF-16 offsets), from `#` to the end of its line. */
  span: Span;
  ruleIds: string[];
  /** Empty when the comment gives none. */
  reason: string;
}

const MARK = 'cdp-lint-disable-';
// A `#` that starts a YAML comment follows whitespace or starts the line.
const DIRECTIVE = /(^|\s)#\s*cdp-lint-disable-(next-line|line)(?=\s|$)(.*)$/;

/** The suppression comments of a YAML text, in order; none when the text has no `cdp-lint-disable-`. */
export function parseDirectives(text: string): Directive[] {
  if (!text.includes(MARK)) return [];
  const out: Directive[] = [];
  let offset = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineText = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const m = lineText.includes(MARK) ? DIRECTIVE.exec(lineText) : null;
    if (m) {
      const hash = m.index + m[1]!.length;
      const rest = m[3]!;
      const sep = /(^|\s)--(\s|$)/.exec(rest);
      const ids = sep ? rest.slice(0, sep.index) : rest;
      const reason = sep ? rest.slice(sep.index + sep[0].length).trim() : '';
      out.push({
        line: i + 1,
        target: m[2] === 'next-line' ? i + 2 : i + 1,
        span: { start: offset + hash, end: offset + lineText.length },
        ruleIds: ids.split(/[\s,]+/).filter((s) => s !== ''),
        reason,
      });
    }
    offset += raw.length + 1;
  }
  return out;
}
