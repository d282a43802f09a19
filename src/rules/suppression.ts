/**
 * `suppression`: suppression comments (`# cdp-lint-disable-next-line rule-id -- reason`) that give
 * no reason, name no known rule, or silence nothing. The engine applies the comments and reports
 * through this rule (src/engine/suppress-comments.ts); it has no visitors of its own.
 */
import { defineRule } from './types.js';

export const suppression = defineRule({
  meta: {
    id: 'suppression',
    description: 'Suppression comments (`# cdp-lint-disable-next-line rule-id -- reason`) name a rule, give a reason, and silence a problem.',
    messages: {
      unused: '`cdp-lint-disable-{{kind}} {{rule}}` silences nothing: no `{{rule}}` problem is on line {{target}}; remove it',
      noReason: '`cdp-lint-disable-{{kind}}` gives no reason, so it silences nothing: write ` -- ` and why after the rule id',
      noRule: '`cdp-lint-disable-{{kind}}` names no rule, so it silences nothing: write the id of the rule to silence after it',
      unknownRule: '`cdp-lint-disable-{{kind}}` names `{{rule}}`, which is not a rule{{hint}}',
    },
  },
  create() {
    return {};
  },
});
