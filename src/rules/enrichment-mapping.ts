/**
 * Enrichment mappings name real fields of the enrichment point's operation: each
 * `fromResponseMapping[].sourceField` is in its success response (from the body's root or from its
 * records), each `toRequestMapping[].targetField` is one of its parameters, its request body's
 * fields, or a value the call is configured with. Open or undeclared schemas are not judged.
 */
import { defineRule, type RuleContext } from './types.js';
import { isObject, own, type JsonObject } from '../model/json.js';
import { operationOf, type Connector, type OperationRef } from '../model/connector.js';
import { explainMiss, fieldSegments, lookupField, recordSchemas } from '../model/schema-fields.js';
import { requestSchema, responseSchema } from '../model/schema-shape.js';
import { operationLabel } from '../model/operation-usage.js';
import type { Ptr } from '../model/pointer.js';
import { didYouMean, nearestList, notOneOf, Suggester } from '../util/text.js';

/** Enrichment field mappings resolve in the enrichment point's request and response. */
export const enrichmentMapping = defineRule({
  meta: {
    id: 'enrichment-mapping',
    description: 'Enrichment `sourceField`s are fields of the enrichment call\'s response, and `targetField`s are parameters or request fields of it.',
    messages: {
      source:
        'sourceField `{{field}}` is not in the response of {{op}} (enrichment point `{{point}}`), so the mapping would copy nothing: {{why}}{{hint}}',
      target:
        'targetField `{{field}}` is not a parameter or request body field of {{op}} (enrichment point `{{point}}`), so the mapped value would not reach the request{{known}}{{hint}}',
    },
  },
  create(context) {
    const c = context.connector;
    const points = own(c.root, 'enrichmentPoints');
    return {
      Enrichment(node, info) {
        const name = own(node, 'enrichmentPoint');
        if (typeof name !== 'string' || !isObject(points)) return;
        const point = own(points, name);
        if (!isObject(point)) return; // enrichment-point reports an unknown name
        const op = pointOperation(c, point);
        if (!op) return; // resource-path reports a broken resourcePath
        const ctx = { context, op, point, name };
        // Real files name the lists `fromResponseMapping`/`toRequestMapping`; the platform's SDK `fromResponse`/`toRequest` (platform-model.md).
        for (const list of ['fromResponseMapping', 'fromResponse']) forEachMapping(node, info.ptr, list, 'sourceField', (field, ptr) => checkSource(ctx, field, ptr));
        for (const list of ['toRequestMapping', 'toRequest']) forEachMapping(node, info.ptr, list, 'targetField', (field, ptr) => checkTarget(ctx, field, ptr));
      },
    };
  },
});

interface Ctx {
  context: RuleContext;
  op: OperationRef;
  point: JsonObject;
  name: string;
}

function pointOperation(c: Connector, point: JsonObject): OperationRef | undefined {
  return operationOf(c, 'path', own(point, 'resourcePath'));
}

function forEachMapping(node: JsonObject, ptr: Ptr, list: string, key: string, f: (field: string, ptr: Ptr) => void): void {
  const mappings = own(node, list);
  if (!Array.isArray(mappings)) return;
  mappings.forEach((m, i) => {
    const field = isObject(m) ? own(m, key) : undefined;
    if (typeof field === 'string' && field.trim() !== '') f(field, ptr.concat([list, i, key]));
  });
}

function checkSource(ctx: Ctx, field: string, ptr: Ptr): void {
  const refs = ctx.context.connector.refs;
  const schema = responseSchema(ctx.op.value, refs);
  const segments = fieldSegments(field);
  if (schema === undefined || !segments || segments.length === 0) return;
  const candidates = [schema, ...(recordSchemas(schema, recordsLocatorOf(ctx), refs) ?? [])];
  const lookups = candidates.map((s) => lookupField(s, segments, refs));
  const miss = explainMiss(lookups, segments);
  if (!miss) return;
  ctx.context.report({ messageId: 'source', data: { field, op: operationLabel(ctx.op), point: ctx.name, why: miss.why, hint: didYouMean(miss.missing, miss.known) }, ptr });
}

function checkTarget(ctx: Ctx, field: string, ptr: Ptr): void {
  const c = ctx.context.connector;
  const segments = fieldSegments(field);
  if (!segments || segments.length === 0) return;
  const head = segments[0]!;
  const named = configuredNames(ctx);
  if (named === undefined || named.includes(head)) return;
  const body = requestSchema(ctx.op.value, c.refs);
  if (body === undefined && own(ctx.op.value, 'requestBody') !== undefined) return; // a body we cannot read
  let bodyFields: string[] = [];
  if (body !== undefined) {
    const lookup = lookupField(body, segments, c.refs);
    if (lookup.status === 'found' || lookup.status === 'unknown') return;
    if (lookup.status === 'missing' && lookup.index > 0) {
      const candidates = new Suggester(lookup.known);
      const hint = didYouMean(lookup.segment, candidates);
      const known = `: ${notOneOf(lookup.segment, lookup.known)}`;
      ctx.context.report({ messageId: 'target', data: { field, op: operationLabel(ctx.op), point: ctx.name, known, hint }, ptr });
      return;
    }
    if (lookup.status === 'scalar') {
      const known = `: \`${segments.slice(0, lookup.index).join('.')}\` is a ${lookup.type}, with no fields`;
      ctx.context.report({ messageId: 'target', data: { field, op: operationLabel(ctx.op), point: ctx.name, known, hint: '' }, ptr });
      return;
    }
    bodyFields = lookup.known;
  }
  const all = new Suggester([...named, ...bodyFields]);
  const known = all.size ? `: it has ${nearestList(head, all, 'and')}` : ': it takes no parameters and no request body';
  ctx.context.report({ messageId: 'target', data: { field, op: operationLabel(ctx.op), point: ctx.name, known, hint: didYouMean(head, all) }, ptr });
}

/** Parameter names of the operation and its Path Item, the point's configValues keys and configSchema properties; undefined when a parameter cannot be resolved. */
function configuredNames(ctx: Ctx): string[] | undefined {
  const c = ctx.context.connector;
  const out: string[] = [];
  const item = c.paths.get(ctx.op.key);
  for (const holder of [item?.value, ctx.op.value]) {
    const params = holder ? own(holder, 'parameters') : undefined;
    if (!Array.isArray(params)) continue;
    for (const p of params) {
      const r = c.refs.deref(p);
      const name = r.ok && isObject(r.value) ? own(r.value, 'name') : undefined;
      if (typeof name !== 'string') return undefined;
      out.push(name);
    }
  }
  const values = own(ctx.point, 'configValues');
  if (isObject(values)) out.push(...Object.keys(values));
  if (c.configProperties) out.push(...c.configProperties.keys());
  return [...new Set(out)];
}

function recordsLocatorOf(ctx: Ctx): string | undefined {
  const refs = ctx.context.connector.refs;
  const settings = own(ctx.op.value, 'x-cdp-operation-settings');
  const fromOp = isObject(settings) ? own(settings, 'recordsLocatorPath') : undefined;
  if (typeof fromOp === 'string' && fromOp !== '') return fromOp;
  const schema = refs.deref(responseSchema(ctx.op.value, refs));
  const schemaSettings = schema.ok && isObject(schema.value) ? own(schema.value, 'x-cdp-schema-settings') : undefined;
  const fromSchema = isObject(schemaSettings) ? own(schemaSettings, 'recordsLocatorPath') : undefined;
  return typeof fromSchema === 'string' && fromSchema !== '' ? fromSchema : undefined;
}
