/**
 * A pagingConfig carries the fields its `type` needs. The connector JSON Schema (cdp-schema)
 * already reports a missing or unknown `type`, wrong value types, and a `nextUrl` or
 * `fromResponseToRequestBody` object missing its own required keys; this rule adds what depends
 * on the type, which the schema cannot express.
 */
import { defineRule, type RuleContext } from './types.js';
import { isObject, own, type JsonObject } from '../model/json.js';
import type { Ptr } from '../model/pointer.js';
import { codeList } from '../util/text.js';

/** The fields each paging type needs, with an example value for the message. */
const NEEDS: Record<string, Record<string, string>> = {
  none: {},
  offset: { pageFieldName: '"offset"', pageSizeFieldName: '"limit"' },
  sequential: { pageFieldName: '"page"', pageSizeFieldName: '"per_page"' },
  // The platform SDK's page-number paging (platform-model.md): the page number only.
  number: { pageFieldName: '"page"' },
  nextUrl: { nextUrl: '{"fieldName": "next", "in": "body"}' },
  fromResponseToRequestBodyConfig: {
    fromResponseToRequestBody: '{"responseValueLocator": "pages.next.starting_after", "destinationLocator": "pagination.starting_after"}',
  },
};

/** Paging configurations have the fields their type needs. */
export const pagingConfig = defineRule({
  meta: {
    id: 'paging-config',
    description: 'Every pagingConfig has the fields its `type` needs (`pageFieldName`/`pageSizeFieldName`, `nextUrl`, `fromResponseToRequestBody`).',
    messages: {
      missing:
        'Paging type `{{type}}` needs {{fields}}, which this pagingConfig lacks: without {{them}} the platform cannot request the next page; add for example `{{example}}`',
      empty: 'Paging type `{{type}}` needs `{{field}}`, but it is empty: without it the platform cannot request the next page; write for example `"{{field}}": {{example}}`',
    },
  },
  create(context) {
    const check = (holder: JsonObject, ptr: Ptr) => checkHolder(context, holder, ptr);
    return {
      OperationSettings: (node, info) => check(node, info.ptr),
      SchemaSettings: (node, info) => check(node, info.ptr),
      PollingConfig: (node, info) => check(node, info.ptr),
    };
  },
});

function checkHolder(context: RuleContext, holder: JsonObject, holderPtr: Ptr): void {
  const config = own(holder, 'pagingConfig');
  if (!isObject(config)) return;
  const type = own(config, 'type');
  if (typeof type !== 'string') return;
  const needs = NEEDS[type];
  if (!needs) return; // an unknown type is cdp-schema's enum error
  const ptr = holderPtr.child('pagingConfig');
  const missing = Object.keys(needs).filter((f) => own(config, f) === undefined);
  if (missing.length > 0) {
    const example = missing.map((f) => `"${f}": ${needs[f]}`).join(', ');
    context.report({ messageId: 'missing', data: { type, fields: codeList(missing), them: missing.length > 1 ? 'them' : 'it', example }, ptr });
  }
  for (const field of Object.keys(needs)) {
    if (own(config, field) === '') context.report({ messageId: 'empty', data: { type, field, example: needs[field]! }, ptr: ptr.child(field) });
  }
}
