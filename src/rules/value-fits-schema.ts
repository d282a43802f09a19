/**
 * `default`, `example` and `examples` values that do not fit their schema (type, enum, format).
 * A default is what the platform sends when nothing else is set, so one of the wrong type or
 * outside the enum goes out as written; a wrong example misleads whoever builds a mapping from it.
 * Strings holding a configuration variable (`"$limit"`) are filled in by the platform and skipped.
 */
import { defineRule, type RuleContext } from './types.js';
import { isObject, own, type JsonObject } from '../model/json.js';
import type { Ptr } from '../model/pointer.js';
import { misfit } from '../model/value-check.js';

export const valueFitsSchema = defineRule({
  meta: {
    id: 'value-fits-schema',
    description: '`default`, `example` and `examples` values fit their schema (type, enum, format).',
    messages: {
      misfit: '{{what}}{{at}} {{why}}, as its schema says{{hint}}',
    },
  },
  create(context) {
    const refs = context.connector.refs;
    return {
      Schema(node, info) {
        // Called for every Schema Object, most of which have neither: nothing is made for those.
        if (Object.hasOwn(node, 'default')) check(context, { value: node['default'], has: true, schema: node, ptr: info.ptr.child('default'), what: '`default`' });
        if (Object.hasOwn(node, 'example')) check(context, { value: node['example'], has: true, schema: node, ptr: info.ptr.child('example'), what: '`example`' });
        const examples = own(node, 'examples'); // JSON Schema 2020-12 (OpenAPI 3.1): a list of values
        if (Array.isArray(examples)) {
          examples.forEach((v, i) => check(context, { value: v, has: true, schema: node, ptr: info.ptr.child('examples').child(i), what: '`examples` item' }));
        }
      },
      Parameter: (node, info) => checkHolder(context, node, info.ptr, refs),
      Header: (node, info) => checkHolder(context, node, info.ptr, refs),
      MediaType: (node, info) => checkHolder(context, node, info.ptr, refs),
    };
  },
});

/** A Parameter, Header or Media Type: its `example` and its `examples` map's values against its `schema`. */
function checkHolder(context: RuleContext, node: JsonObject, ptr: Ptr, refs: RuleContext['connector']['refs']): void {
  const schema = own(node, 'schema');
  if (schema === undefined) return;
  check(context, { value: own(node, 'example'), has: Object.hasOwn(node, 'example'), schema, ptr: ptr.child('example'), what: '`example`' });
  const examples = own(node, 'examples');
  if (!isObject(examples)) return;
  for (const name of Object.keys(examples)) {
    const ex = examples[name];
    // An Example that is a $ref is checked where it is written (components.examples), against no schema: skip.
    if (!isObject(ex) || own(ex, '$ref') !== undefined || !Object.hasOwn(ex, 'value')) continue;
    const resolved = refs.deref(ex);
    if (!resolved.ok) continue;
    check(context, { value: own(ex, 'value'), has: true, schema, ptr: ptr.concat(['examples', name, 'value']), what: `example \`${name}\`` });
  }
}

function check(context: RuleContext, a: { value: unknown; has: boolean; schema: unknown; ptr: Ptr; what: string }): void {
  if (!a.has) return;
  const m = misfit(a.value, a.schema, context.connector.refs);
  if (!m) return;
  const at = m.path.length ? ` (at \`${m.path.join('.')}\`)` : '';
  const hint = m.why.startsWith('is the string') && /not an? (integer|number|boolean)/.test(m.why) ? '; write it without quotes' : '';
  context.report({ messageId: 'misfit', data: { what: a.what, at, why: m.why, hint }, ptr: a.ptr.concat(m.path) });
}
