/**
 * `scopes` on configSchema properties tells the platform where a setting is offered (application,
 * event, action, ...); a value outside the known set puts the setting nowhere. Real files spell the
 * key `scopes`, the platform's SDK `scope` (platform-model.md): both are read and checked alike.
 */
import { defineRule, type RuleContext } from './types.js';
import { own, jsonType, type JsonObject } from '../model/json.js';
import type { Ptr } from '../model/pointer.js';
import { forEachSchema } from '../model/json-schema-walk.js';
import { article, codeList, suggest } from '../util/text.js';

const SCOPES = ['application', 'event', 'action', 'audience-action', 'journey-action', 'enrichment'];
const KEYS = ['scopes', 'scope'];

/** Rule: `scopes` in configSchema must list known scopes. */
export const configSchemaScopes = defineRule({
  meta: {
    id: 'config-schema-scopes',
    description: '`scopes` in configSchema is a list of known scopes (application, event, action, audience-action, journey-action, enrichment).',
    messages: {
      unknown: '`{{value}}` is not a scope the platform knows, so it offers the setting nowhere for it; {{hint}}',
      notArray: '`{{key}}` must be a list such as `["application"]`, not {{actual}}',
      notString: 'each entry of `{{key}}` must be a scope name such as `"event"`, not {{actual}}',
    },
  },
  create(context) {
    return {
      ConfigSchema: (node, info) => forEachSchema(node, info.ptr, (schema, ptr) => check(context, schema, ptr)),
    };
  },
});

function check(context: RuleContext, schema: JsonObject, ptr: Ptr): void {
  for (const key of KEYS) checkKey(context, schema, ptr, key);
}

function checkKey(context: RuleContext, schema: JsonObject, ptr: Ptr, key: string): void {
  const scopes = own(schema, key);
  if (scopes === undefined) return;
  const at = ptr.child(key);
  if (!Array.isArray(scopes)) {
    context.report({ messageId: 'notArray', data: { key, actual: describe(scopes) }, ptr: at });
    return;
  }
  scopes.forEach((value, i) => {
    if (typeof value !== 'string') {
      context.report({ messageId: 'notString', data: { key, actual: describe(value) }, ptr: at.child(i) });
      return;
    }
    if (SCOPES.includes(value)) return;
    const suggestion = suggest(value, SCOPES);
    const hint = suggestion ? `did you mean \`${suggestion}\`?` : `use one of ${codeList(SCOPES, 'or')}`;
    context.report({ messageId: 'unknown', data: { value, hint }, ptr: at.child(i) });
  });
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `the string \`"${value}"\``;
  return article(jsonType(value));
}
