/** The rule list with its metadata (the API's `rules`, and `cdp-lint rules`). */
import { RULES, docsUrl } from '../rules/index.js';
import { PRESETS, type PresetName } from '../config/presets.js';
import type { SeverityOrOff } from '../types.js';

/** One rule as the API describes it. */
export interface RuleInfo {
  id: string;
  /** One line. */
  description: string;
  /** Severity in the `recommended` preset. */
  recommended: SeverityOrOff;
  /** Severity in the `strict` preset. */
  strict: SeverityOrOff;
  /** Whether `--fix` can fix some of its problems. */
  fixable: boolean;
  /** The rule's documentation page. */
  docs: string;
  /** Message templates keyed by message id (`{{name}}` placeholders). */
  messages: Record<string, string>;
}

/** Every registered rule, in registry order. */
export function listRules(): RuleInfo[] {
  const severity = (preset: PresetName, id: string): SeverityOrOff => PRESETS[preset][id] ?? 'off';
  return [...RULES.values()].map((r) => ({
    id: r.meta.id,
    description: r.meta.description,
    recommended: severity('recommended', r.meta.id),
    strict: severity('strict', r.meta.id),
    fixable: r.meta.fixable === true,
    docs: docsUrl(r.meta.id),
    messages: { ...r.meta.messages },
  }));
}
