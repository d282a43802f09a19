/**
 * Authoring hygiene (strict preset): an operation has an `operationId`, the stable name tools,
 * logs and generated clients use for it.
 */
import { defineRule } from './types.js';
import { own } from '../model/json.js';
import { operationName } from './operation-tags.js';

/** Every operation has an operationId. */
export const operationOperationId = defineRule({
  meta: {
    id: 'operation-operationId',
    description: 'Every operation has a non-empty `operationId`.',
    messages: {
      missing: '{{op}} has no `operationId`: add one such as `"operationId": "{{example}}"` so tools can name the call',
    },
  },
  create(context) {
    return {
      Operation(node, info) {
        const id = own(node, 'operationId');
        if (typeof id === 'string' && id.trim() !== '') return;
        context.report({ messageId: 'missing', data: { op: operationName(info), example: exampleId(info.key, info.ptr.segments()) }, ptr: info.ptr, target: 'key' });
      },
    };
  },
});

function exampleId(method: string, segments: string[]): string {
  const key = segments[segments.length - 2] ?? '';
  const words = key.split(/[^A-Za-z0-9]+/).filter((w) => w !== '' && !/^v\d+$/.test(w));
  return method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
