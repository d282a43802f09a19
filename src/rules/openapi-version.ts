/** The OpenAPI version is one the platform reads: 3.0 (3.1 accepted); Swagger 2.0 is one clear error. */
import { defineRule } from './types.js';
import { own } from '../model/json.js';

export const openapiVersion = defineRule({
  meta: {
    id: 'openapi-version',
    description: 'The OpenAPI document declares a supported version (3.0.x or 3.1.x); Swagger 2.0 is not supported.',
    messages: {
      swagger2: 'Swagger 2.0 is not supported: connector definitions are OpenAPI 3.0 documents (`"openapi": "3.0.3"`); convert the document first',
      unknown: 'OpenAPI version {{version}} is not supported: use 3.0.x (or 3.1.x)',
      notString: '`openapi` must be a version string such as "3.0.3", not {{version}}{{hint}}',
    },
  },
  create(context) {
    const { oas } = context.connector;
    if (!oas) return {};
    return {
      end() {
        if (own(oas.value, 'swagger') !== undefined) {
          context.report({ messageId: 'swagger2', ptr: oas.ptr.child('swagger') });
          return;
        }
        const v = own(oas.value, 'openapi');
        if (v === undefined) return; // oas-schema reports the missing key
        if (typeof v !== 'string') {
          // YAML reads an unquoted 3.0 as the number 3: say so, or "not 3" puzzles an author who wrote 3.0.
          const hint = typeof v === 'number' ? ' (an unquoted version is read as a number; write it in quotes, e.g. "3.0.3")' : '';
          context.report({ messageId: 'notString', data: { version: typeof v === 'number' ? `the number ${v}` : JSON.stringify(v), hint }, ptr: oas.ptr.child('openapi') });
          return;
        }
        if (!/^3\.[01]\.\d+(-.+)?$/.test(v)) context.report({ messageId: 'unknown', data: { version: `\`${v}\`` }, ptr: oas.ptr.child('openapi') });
      },
    };
  },
});
