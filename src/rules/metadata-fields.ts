/**
 * A metadataConfig names fields of the records it describes: `deduplicationField` and
 * `eventTimeField` must be properties of the record schema (what the records locator reaches in the
 * schema, wherever the locator is written: beside the metadataConfig, in a polling config or in the
 * operation's settings; without any, any object in the schema), and `eventTimeFormat` one of the known formats. Null or absent
 * values mean "none" and are fine; schemas that leave their properties open are not judged.
 */
import { defineRule, type RuleContext } from './types.js';
import { isObject, own, type JsonObject } from '../model/json.js';
import { operationOf, type Connector } from '../model/connector.js';
import { explainMiss, fieldSegments, lookupField, recordSchemas } from '../model/schema-fields.js';
import { requestSchema, responseSchema } from '../model/schema-shape.js';
import type { Ptr } from '../model/pointer.js';
import { codeList, didYouMean, listing } from '../util/text.js';

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
        const locator = own(node, 'recordsLocatorPath');
        // Without a locator beside it, the records are what a polling config's or the operation's locator reaches in this schema.
        const elsewhere = locator === undefined ? locatorsElsewhere(c, info.parent) : [];
        if (elsewhere.length > 0) {
          check(context, { settings: node, ptr: info.ptr, schema: info.parent, locators: elsewhere.map((e) => e.locator), where: `that ${listing(elsewhere.map((e) => e.where))} ${elsewhere.length === 1 ? 'reaches' : 'reach'}` });
          return;
        }
        check(context, { settings: node, ptr: info.ptr, schema: info.parent, locators: [locator], where: 'of the schema it is set on' });
      },
      Listener(node, info) {
        const path = own(node, 'webhookPath');
        const i = typeof path === 'string' ? path.lastIndexOf('/') : -1;
        if (typeof path !== 'string' || i <= 0) return checkFormat(context, node, info.ptr);
        const op = operationOf(c, 'webhook', path);
        const schema = op ? requestSchema(op.value, c.refs) : undefined;
        check(context, { settings: node, ptr: info.ptr, schema, locators: [own(node, 'recordsLocator')], where: `that webhook \`${path.slice(0, i)}\` receives` });
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
  /** The records locators applied to it (a non-string: none, the records may be anywhere in it). */
  locators: unknown[];
  where: string;
}

/** A records locator written outside the schema it applies to, and how a message names it. */
interface OutsideLocator {
  locator: string;
  where: string;
}

/**
 * The records locators that apply to `schema` from elsewhere: the `recordsLocator` of each polling
 * config, and the `recordsLocatorPath` of each operation's x-cdp-operation-settings, whose
 * operation's response is this schema (through `$ref`s).
 */
function locatorsElsewhere(c: Connector, schema: unknown): OutsideLocator[] {
  const out: OutsideLocator[] = [];
  const isThisSchema = (op: JsonObject): boolean => {
    const r = c.refs.deref(responseSchema(op, c.refs));
    return r.ok && r.value === schema;
  };
  const polling = own(c.root, 'pollingConfigs');
  if (isObject(polling)) {
    for (const [resourcePath, config] of Object.entries(polling)) {
      const locator = isObject(config) ? own(config, 'recordsLocator') : undefined;
      const op = typeof locator === 'string' ? operationOf(c, 'path', resourcePath) : undefined;
      if (op && isThisSchema(op.value)) out.push({ locator: locator as string, where: `the recordsLocator \`${locator as string}\` of pollingConfigs \`${resourcePath}\`` });
    }
  }
  for (const op of c.operations) {
    const settings = own(op.value, 'x-cdp-operation-settings');
    const locator = isObject(settings) ? own(settings, 'recordsLocatorPath') : undefined;
    if (typeof locator === 'string' && isThisSchema(op.value)) out.push({ locator, where: `the recordsLocatorPath \`${locator}\` of ${op.method.toUpperCase()} ${op.key}` });
  }
  return out;
}

function check(context: RuleContext, h: Holder): void {
  checkFormat(context, h.settings, h.ptr);
  const config = own(h.settings, 'metadataConfig');
  if (!isObject(config) || h.schema === undefined) return;
  const refs = context.connector.refs;
  const records: unknown[] = [];
  for (const locator of h.locators) {
    const found = recordSchemas(h.schema, typeof locator === 'string' ? locator : undefined, refs);
    // A locator that cannot be followed leaves the records unknown: nothing to judge.
    if (!found) return;
    records.push(...found);
  }
  if (records.length === 0) return;
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
