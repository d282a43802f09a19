/**
 * The schema objects inside a plain JSON Schema (configSchema, root credential forms). The typed
 * walker does not type their insides, so keyword-level rules use this to tell a keyword (`scopes`)
 * from a property that happens to carry the same name (`properties.scopes`).
 */
import { isObject, type JsonObject } from './json.js';
import type { Ptr } from './pointer.js';

/** Keywords whose value is one subschema. */
const ONE = ['additionalProperties', 'additionalItems', 'items', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems', 'contentSchema'];
/** Keywords whose value is a list of subschemas. */
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
/** Keywords whose value maps names to subschemas. */
const MAP = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'dependencies'];

/** Call `visit` on `schema` and on every subschema below it, with its pointer. */
export function forEachSchema(schema: unknown, ptr: Ptr, visit: (node: JsonObject, ptr: Ptr) => void, depth = 0): void {
  if (!isObject(schema) || depth > 200) return;
  visit(schema, ptr);
  for (const k of ONE) {
    const sub = schema[k];
    if (Object.prototype.hasOwnProperty.call(schema, k) && isObject(sub)) forEachSchema(sub, ptr.child(k), visit, depth + 1);
  }
  for (const k of LIST) {
    const list = Object.prototype.hasOwnProperty.call(schema, k) ? schema[k] : undefined;
    if (Array.isArray(list)) list.forEach((sub, i) => forEachSchema(sub, ptr.child(k).child(i), visit, depth + 1));
  }
  for (const k of MAP) {
    const map = Object.prototype.hasOwnProperty.call(schema, k) ? schema[k] : undefined;
    if (!isObject(map)) continue;
    // `dependencies` mixes subschemas with lists of names; lists are skipped by the isObject test.
    for (const name of Object.keys(map)) forEachSchema(map[name], ptr.child(k).child(name), visit, depth + 1);
  }
}
