/**
 * Authoring hygiene (strict preset): an operation says what it does, in `summary` or
 * `description`; the platform shows it to users choosing actions and events.
 */
import { defineRule } from './types.js';
import { own } from '../model/json.js';
import { operationName } from './operation-tags.js';

/** Every operation has a summary or a description. */
export const operationDescription = defineRule({
  meta: {
    id: 'operation-description',
    description: 'Every operation has a non-empty `summary` or `description`.',
    messages: {
      missing: '{{op}} has no `summary` or `description`: add a short `"summary"` saying what the call does',
    },
  },
  create(context) {
    return {
      Operation(node, info) {
        const text = [own(node, 'summary'), own(node, 'description')].some((v) => typeof v === 'string' && v.trim() !== '');
        if (!text) context.report({ messageId: 'missing', data: { op: operationName(info) }, ptr: info.ptr, target: 'key' });
      },
    };
  },
});
