/**
 * Hub and storage connectors carry their definition's version at the root (`"version": "1.0.0.0"`).
 * A connector that gives `connectorVersion` instead (facebook-conversion-api does) is versioned
 * and is accepted: only a connector with neither is reported.
 */
import { defineRule } from './types.js';
import { own } from '../model/json.js';
import { Ptr } from '../model/pointer.js';

/** A hub or storage connector states its version. */
export const connectorVersion = defineRule({
  meta: {
    id: 'connector-version',
    description: 'A hub or storage connector has a root `version` (or `connectorVersion`).',
    messages: {
      missing: 'The connector has no `version`: add `"version": "1.0.0.0"` at the root so the platform and its users can tell this definition\'s revisions apart',
    },
  },
  create(context) {
    return {
      end() {
        const c = context.connector;
        if (c.layout !== 'hub' && c.layout !== 'storage') return;
        if (own(c.root, 'version') !== undefined || own(c.root, 'connectorVersion') !== undefined) return;
        context.report({ messageId: 'missing', ptr: Ptr.root });
      },
    };
  },
});
