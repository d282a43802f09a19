/**
 * `allowAdditionalProperties` in configSchema or a root credential form: not a JSON Schema keyword,
 * so it is ignored, and the `false` authors write there forbids nothing.
 */
import { defineRule, type RuleContext } from './types.js';
import { has, own, type JsonObject } from '../model/json.js';
import type { Ptr } from '../model/pointer.js';
import { forEachSchema } from '../model/json-schema-walk.js';

const MISSPELT = 'allowAdditionalProperties';

/** Rule: `allowAdditionalProperties`, the ignored misspelling of `additionalProperties`. */
export const configSchemaMisspelling = defineRule({
  meta: {
    id: 'config-schema-misspelling',
    description: '`allowAdditionalProperties` (in configSchema or a credential form) is a misspelling of `additionalProperties` that JSON Schema ignores.',
    messages: {
      forbidIgnored:
        '`allowAdditionalProperties` is not a JSON Schema keyword (the keyword is `additionalProperties`), so it is ignored and additional properties ARE allowed in {{where}}; write `"additionalProperties": false` to forbid them',
      redundant:
        '`allowAdditionalProperties` is not a JSON Schema keyword and is ignored; the `additionalProperties` beside it is what applies in {{where}}, so remove it',
      allowIgnored:
        '`allowAdditionalProperties` is not a JSON Schema keyword (the keyword is `additionalProperties`) and is ignored; additional properties are allowed in {{where}} anyway, so remove it or write `"additionalProperties": true`',
    },
  },
  create(context) {
    return {
      ConfigSchema: (node, info) => forEachSchema(node, info.ptr, (schema, ptr) => check(context, schema, ptr, whereOf(ptr, info.ptr, '`configSchema`'))),
      CredentialForm: (node, info) => forEachSchema(node, info.ptr, (schema, ptr) => check(context, schema, ptr, whereOf(ptr, info.ptr, `credential form \`${info.key}\``))),
    };
  },
});

/** "`configSchema`" at the top, "`format` (in `configSchema`)" below it. */
function whereOf(ptr: Ptr, base: Ptr, label: string): string {
  return ptr.depth === base.depth ? label : `\`${ptr.key}\` (in ${label})`;
}

function check(context: RuleContext, schema: JsonObject, ptr: Ptr, where: string): void {
  if (!has(schema, MISSPELT)) return;
  const value = own(schema, MISSPELT);
  const messageId = has(schema, 'additionalProperties') ? 'redundant' : value === true ? 'allowIgnored' : 'forbidIgnored';
  context.report({ messageId, data: { where }, ptr: ptr.child(MISSPELT), target: 'key' });
}
