/**
 * `REST` for `Rest` (6 of 33 hub connectors): the platform reads it, but the spelling differs from
 * the documented value, so tools that compare exactly (and future platform versions) may not.
 */
import { defineRule } from './types.js';
import { own } from '../model/json.js';
import { Ptr } from '../model/pointer.js';
import { knownConnectorType } from './connector-type.js';

/** The root `type` is spelt exactly as documented. */
export const connectorTypeCase = defineRule({
  meta: {
    id: 'connector-type-case',
    description: 'The connector\'s root `type` is spelt exactly `Rest` or `CloudStorage` (not `REST`).',
    fixable: true,
    messages: {
      case: 'Connector type `{{value}}` differs from the documented `{{known}}` only in case; write `"type": "{{known}}"`',
    },
  },
  create(context) {
    return {
      end() {
        const value = own(context.connector.root, 'type');
        if (typeof value !== 'string') return;
        const known = knownConnectorType(value);
        if (!known || known === value) return;
        const ptr = Ptr.of('type');
        context.report({ messageId: 'case', data: { value, known }, ptr, fix: context.fix.replaceInString(ptr, value, known) });
      },
    };
  },
});
