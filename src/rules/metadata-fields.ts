/**
 * A metadataConfig names fields of the records it describes: `deduplicationField` and
 * `eventTimeField` must be properties of the record schema (what the records locator reaches in the
 * schema, or the schema itself), and `eventTimeFormat` one of the known formats. Null or absent
 * values mean "none" and are fine; schemas that leave their properties open are not judged.
 */
import { defineRule, type RuleContext } from './types.js';
import { isObject, own, type JsonObject } from '../model/json.js';
import { findOperation } from '../model/connector.js';
import { explainMiss, fieldSegments, lookupField, recordSchemas } from '../model/schema-fields.js';
import { requestSchema } from '../model/schema-shape.js';
import type { Ptr } from '../model/pointer.js';
import { codeList, didYouMean } from '../util/text.js';

/** Formats the platform reads event times in (the same names as `${lastRunTime:FORMAT}`). */
export const EVENT_TIME_FORMATS = ['ISO', 'UNIX', 'UNIXMS'];

const FIELDS = ['deduplicationField', 'eventTimeField'] as const;

/** metadataConfig fields name record properties; eventTimeFormat is known. */
export const metadataFields = defineRule({
  meta: {
    id: 'metadata-fields',
    description: 'metadataConfig `deduplicationField` and `eventTimeField` name fields of the record, and `eventTimeFormat` is a known format.',
    messages: {
      noField:
        '{{setting}} `{{field}}` is not a field of the records {{where}}, so the platform would find no value there: {{why}}{{hint}}',
      format: 'eventTimeFormat `{{value}}` is not a format the platform reads; use {{known}}{{hint}}',
    },
  },
  create(context) {
    const c = context.connector;
    return {
      SchemaSettings(node, info) {
        if (info.parentType !== 'Schema') return;
        check(context, { settings: node, ptr: info.ptr, schema: info.parent, locator: own(node, 'recordsLocatorPath'), where: 'of the schema it is set on' });
      },
      Listener(node, info) {
        const path = own(node, 'webhookPath');
        const i = typeof path === 'string' ? path.lastIndexOf('/') : -1;
        if (typeof path !== 'string' || i <= 0) return checkFormat(context, node, info.ptr);
        const op = findOperation(c, 'webhook', path.slice(0, i), path.slice(i + 1));
        const schema = op ? requestSchema(op.value, c.refs) : undefined;
        check(context, { settings: node, ptr: info.ptr, schema, locator: own(node, 'recordsLocator'), where: `that webhook \`${path.slice(0, i)}\` receives` });
      },
    };
  },
});

interface Holder {
  /** The object holding `metadataConfig`. */
  settings: JsonObject;
  ptr: Ptr;
  /** The schema the records are read from (undefined when unknown). */
  schema: unknown;
  locator: unknown;
  where: string;
}

function check(context: RuleContext, h: Holder): void {
  checkFormat(context, h.settings, h.ptr);
  const config = own(h.settings, 'metadataConfig');
  if (!isObject(config) || h.schema === undefined) return;
  const refs = context.connector.refs;
  const records = recordSchemas(h.schema, typeof h.locator === 'string' ? h.locator : undefined, refs);
  if (!records) return;
  for (const setting of FIELDS) {
    const field = own(config, setting);
    if (typeof field !== 'string' || field.trim() === '') continue;
    const segments = fieldSegments(field);
    if (!segments || segments.length === 0) continue;
    const lookups = records.map((r) => lookupField(r, segments, refs));
    const miss = explainMiss(lookups, segments);
    if (!miss) continue;
    context.report({
      messageId: 'noField',
      data: { setting, field, where: h.where, why: miss.why, hint: didYouMean(miss.missing, miss.known) },
      ptr: h.ptr.concat(['metadataConfig', setting]),
    });
  }
}

function checkFormat(context: RuleContext, settings: JsonObject, ptr: Ptr): void {
  const config = own(settings, 'metadataConfig');
  if (!isObject(config)) return;
  const value = own(config, 'eventTimeFormat');
  if (typeof value !== 'string' || value === '') return;
  // Case variants (`unix`, `Iso`) are accepted: the names are not case-sensitive for the platform's other enumerations (`REST`).
  if (EVENT_TIME_FORMATS.includes(value.toUpperCase())) return;
  context.report({
    messageId: 'format',
    data: { value, known: codeList(EVENT_TIME_FORMATS, 'or'), hint: didYouMean(value.toUpperCase(), EVENT_TIME_FORMATS) },
    ptr: ptr.concat(['metadataConfig', 'eventTimeFormat']),
  });
}
