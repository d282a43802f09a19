/**
 * Rules whose findings come from reading the file rather than from the walk: the engine reports
 * them (syntax, duplicate keys, limits, encoding, layout); they are registered here for their
 * meta, docs and severity like any other rule.
 */
import { defineRule } from './types.js';

const none = () => ({});

export const syntaxError = defineRule({
  meta: {
    id: 'syntax-error',
    description: 'The file is valid JSON or YAML, in UTF-8.',
    // The reader's own sentence (where it stopped reading and why).
    messages: { syntax: '{{message}}' },
  },
  create: none,
});

export const readError = defineRule({
  meta: {
    id: 'read-error',
    description: 'A file to lint (found in a folder or by a glob) can be read.',
    // The reason from the file system, the file or folder, and what was not linted.
    messages: { unreadable: '{{message}}' },
  },
  create: none,
});

export const duplicateKey = defineRule({
  meta: {
    id: 'duplicate-key',
    description: 'No key appears twice in the same object (only the last one would count).',
    messages: { duplicate: 'Duplicate key `{{key}}`: only the last value is used, the earlier one is silently dropped' },
  },
  create: none,
});

export const inputLimit = defineRule({
  meta: {
    id: 'input-limit',
    description: 'The file stays within the size, nesting, alias and reference limits.',
    messages: {
      // The reader's (or the walk's) sentence: which limit, where, and the flag that raises it.
      exceeded: '{{message}}',
    },
  },
  create: none,
});

export const encoding = defineRule({
  meta: { id: 'encoding', description: 'The file is saved as UTF-8.', messages: { utf16: '{{note}}' } },
  create: none,
});

export const connectorLayout = defineRule({
  meta: {
    id: 'connector-layout',
    description: 'The file is a connector definition: an OpenAPI 3 document, a hub connector or a storage connector.',
    messages: {
      notObject: 'This is not a connector definition: the top level is {{type}}, expected an object',
      unknown:
        'This is not a connector definition: expected an OpenAPI document (`openapi`), a hub connector (`resources`, `preDefinedActions`, ...) or a storage connector',
    },
  },
  create: none,
});
