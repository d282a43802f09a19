/** Message hygiene shared by the fixture tests: what no diagnostic's text may look like. */
import type { Diagnostic } from '../../src/types.js';
import { RULES } from '../../src/rules/index.js';

/** Wording faults no message may have, whatever the rule: what each pattern catches, for the failure text. */
const WORDING_FAULTS: Array<[RegExp, string]> = [
  [/\{\{\s*\w+\s*\}\}/, 'an unfilled {{placeholder}}'],
  [/^\s*$/, 'no text'],
  [/: :/, 'an empty clause (": :")'],
  [/\b[Aa] (?:[AEIO][a-z]|Xml\b)/, 'a wrong article ("a Example", "A Any")'],
  [/\s$/, 'trailing white space (a part left empty)'],
];

/** The wording faults of a lint result's messages, as readable lines (empty when none). */
export function wordingFaults(diagnostics: Diagnostic[]): string[] {
  const out: string[] = [];
  for (const d of diagnostics) {
    for (const [pattern, what] of WORDING_FAULTS) if (pattern.test(d.message)) out.push(`${d.ruleId}/${d.messageId} at ${d.pointer}: ${what}: ${d.message}`);
    if (RULES.get(d.ruleId)?.meta.messages[d.messageId] === undefined) out.push(`${d.ruleId}: messageId ${d.messageId} is not in its meta.messages`);
  }
  return out;
}
