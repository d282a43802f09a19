/**
 * The root `type` tells the platform how to run the connector: `Rest` (an OpenAPI document in
 * `resources`) or `CloudStorage` (a file store). An unknown value, or one that contradicts what
 * `resources` describes, is an error; a case variant such as `REST` is connector-type-case's warning.
 */
import { defineRule } from './types.js';
import { isObject, own } from '../model/json.js';
import { Ptr } from '../model/pointer.js';
import { codeList, didYouMean } from '../util/text.js';

/** The connector types the platform knows. */
export const CONNECTOR_TYPES = ['Rest', 'CloudStorage'];

/** The known type a value means, ignoring case. */
export function knownConnectorType(value: string): string | undefined {
  return CONNECTOR_TYPES.find((t) => t.toLowerCase() === value.trim().toLowerCase());
}

/** The root `type` is a known connector type that matches `resources`. */
export const connectorType = defineRule({
  meta: {
    id: 'connector-type',
    description: 'The connector\'s root `type` is `Rest` or `CloudStorage`, and matches what `resources` describes.',
    messages: {
      unknown: 'Connector type `{{value}}` is not one the platform knows; use {{known}}{{hint}}',
      restStorage: 'Connector type `{{value}}` says REST API, but `resources` describes a file store ({{why}}); use `"type": "CloudStorage"` or describe the API as an OpenAPI document',
      storageRest: 'Connector type `{{value}}` says file store, but `resources` is an OpenAPI document; use `"type": "Rest"` or describe the store as `{"type": "amazon.s3", "read": {...}, "write": {...}}`',
    },
  },
  create(context) {
    return {
      end() {
        const c = context.connector;
        const value = own(c.root, 'type');
        if (typeof value !== 'string') return; // missing or not a string: cdp-schema
        const ptr = Ptr.of('type');
        const known = knownConnectorType(value);
        if (!known) {
          context.report({ messageId: 'unknown', data: { value, known: codeList(CONNECTOR_TYPES, 'or'), hint: didYouMean(value, CONNECTOR_TYPES) }, ptr });
          return;
        }
        const resources = own(c.root, 'resources');
        if (!isObject(resources)) return;
        const isOpenApi = own(resources, 'openapi') !== undefined || own(resources, 'paths') !== undefined;
        const storageWhy = ['type', 'read', 'write'].filter((k) => own(resources, k) !== undefined);
        if (known === 'Rest' && !isOpenApi && storageWhy.length > 0) {
          context.report({ messageId: 'restStorage', data: { value, why: `it has ${codeList(storageWhy)}` }, ptr });
        } else if (known === 'CloudStorage' && isOpenApi) {
          context.report({ messageId: 'storageRest', data: { value }, ptr });
        }
      },
    };
  },
});
