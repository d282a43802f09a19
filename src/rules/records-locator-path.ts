/**
 * `recordsLocatorPath` locates records, so what it names must be able to hold them: a list, or one
 * record (an object, as `$` at an object root is). A path that names nothing is records-locator's
 * finding; this rule reports a path that lands on a single string, number or boolean.
 */
import { defineRule, type RuleContext } from './types.js';
import { isObject, own, type JsonObject } from '../model/json.js';
import { fieldSegments, locate, shapeOf } from '../model/schema-fields.js';
import { responseSchema } from '../model/schema-shape.js';
import type { Ptr } from '../model/pointer.js';

/** recordsLocatorPath names an array (or object) in the schema it applies to. */
export const recordsLocatorPath = defineRule({
  meta: {
    id: 'records-locator-path',
    description: 'Every `recordsLocatorPath` names a list of records (or a record object) in its schema, not a single value.',
    messages: {
      scalar:
        'recordsLocatorPath `{{locator}}` names {{type}} in {{where}}: records are read from an array (or an object for a single record); name the array property that holds the records{{hint}}',
      rootScalar:
        'recordsLocatorPath `{{locator}}` takes the whole data as the records, but {{where}} describes {{type}}: records are read from an array or an object; fix the schema or the locator',
    },
  },
  create(context) {
    const c = context.connector;
    return {
      SchemaSettings(node, info) {
        if (info.parentType !== 'Schema') return;
        check(context, node, info.ptr, info.parent, 'the schema it is set on');
      },
      OperationSettings(node, info) {
        if (info.parentType !== 'Operation' || !isObject(info.parent)) return;
        // Most operations have no locator: their response schema is not looked up.
        if (typeof own(node, 'recordsLocatorPath') !== 'string') return;
        const schema = responseSchema(info.parent, c.refs);
        if (schema !== undefined) check(context, node, info.ptr, schema, 'the operation\'s success response');
      },
    };
  },
});

function check(context: RuleContext, settings: JsonObject, settingsPtr: Ptr, schema: unknown, where: string): void {
  const locator = own(settings, 'recordsLocatorPath');
  if (typeof locator !== 'string') return;
  const segments = fieldSegments(locator);
  if (!segments) return;
  const refs = context.connector.refs;
  const target = segments.length === 0 ? schema : locate(schema, segments, refs);
  if (target === undefined) return;
  const shape = shapeOf(target, refs);
  if (shape.kind !== 'scalar') return;
  const arrays = arrayProperties(schema, context);
  const hint = arrays.length > 0 ? `, such as \`${arrays[0]}\`` : '';
  const messageId = segments.length === 0 ? 'rootScalar' : 'scalar';
  context.report({ messageId, data: { locator, where, type: `${/^[aeiou]/.test(shape.type) ? 'an' : 'a'} ${shape.type}`, hint }, ptr: settingsPtr.child('recordsLocatorPath') });
}

function arrayProperties(schema: unknown, context: RuleContext): string[] {
  const refs = context.connector.refs;
  const shape = shapeOf(schema, refs);
  if (shape.kind !== 'object') return [];
  return [...shape.props.entries()].filter(([, v]) => shapeOf(v, refs).kind === 'array').map(([k]) => k);
}
