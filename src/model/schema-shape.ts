/**
 * Schemas as example data: a skeleton instance built from a Schema Object (following $refs, merging
 * allOf/oneOf/anyOf) that JSONPath locators can be evaluated against. Objects whose properties are
 * not declared are "open": a locator that enters them cannot be judged.
 */
import { isObject, own, setOwn, type JsonObject } from './json.js';
import type { RefResolver } from './refs.js';
import { HTTP_METHODS } from './node-types.js';

export const OPEN = Symbol('open');
export type Skeleton = { [OPEN]?: true; [key: string]: unknown } | unknown[] | string | number | boolean | null;

const MAX_DEPTH = 12;
const MAX_NODES = 20_000;

/**
 * Build a skeleton instance of `schema`, `maxDepth` levels deep (deeper parts are open). Callers pass
 * the depth their locator needs: a full skeleton of a recursive or wide schema grows exponentially.
 *
 * `focus`, for a locator that is a plain path of names (`data.items`): only the properties on that
 * path are built, the others are null, and the value the path ends at is 0. Evaluating such a
 * locator, or finding where it leaves the skeleton, never looks at anything else; building whole
 * response schemas to answer `records` was a fifth of a folder's lint time.
 */
export function skeleton(schema: unknown, refs: RefResolver, depth = 0, maxDepth = MAX_DEPTH, budget = { nodes: MAX_NODES }, focus?: readonly string[], at = 0): Skeleton {
  const resolved = refs.deref(schema);
  const s = resolved.ok ? resolved.value : undefined;
  // The budget bounds width as the depth bounds height: ten properties that each refer back to
  // their schema make 10^depth nodes.
  if (!isObject(s) || depth > Math.min(maxDepth, MAX_DEPTH) || --budget.nodes < 0) return open();
  if (focus !== undefined && at >= focus.length) return 0;
  const merged = mergeBranches(s, refs);
  const type = own(merged, 'type');
  const items = own(merged, 'items');
  // An array does not use up a name of the path: the items are where the next name is looked for.
  if (type === 'array' || (type === undefined && items !== undefined)) return [skeleton(items, refs, depth + 1, maxDepth, budget, focus, at)];
  const props = own(merged, 'properties');
  if (isObject(props) && Object.keys(props).length > 0) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(props)) {
      const child = focus !== undefined && k !== focus[at] ? null : skeleton(props[k], refs, depth + 1, maxDepth, budget, focus, at + 1);
      // Plain assignment is ten times faster; only `__proto__` needs a defined property.
      if (k === '__proto__') setOwn(out, k, child);
      else out[k] = child;
    }
    return out;
  }
  if (type === 'string') return '';
  if (type === 'integer' || type === 'number') return 0;
  if (type === 'boolean') return false;
  return open();
}

function open(): Skeleton {
  const o: Record<string | symbol, unknown> = {};
  o[OPEN] = true;
  return o as Skeleton;
}

/** Merge allOf/oneOf/anyOf branches' properties into one schema view (`seen` stops a schema that is its own branch). */
function mergeBranches(s: JsonObject, refs: RefResolver, seen?: Set<JsonObject>): JsonObject {
  // Most schemas have no branches: answer before allocating anything.
  if (own(s, 'allOf') === undefined && own(s, 'oneOf') === undefined && own(s, 'anyOf') === undefined) return s;
  seen ??= new Set();
  seen.add(s);
  const branches = ['allOf', 'oneOf', 'anyOf'].flatMap((k) => {
    const v = own(s, k);
    return Array.isArray(v) ? v : [];
  });
  if (branches.length === 0) return s;
  const properties: JsonObject = { ...(isObject(own(s, 'properties')) ? (own(s, 'properties') as JsonObject) : {}) };
  let type = own(s, 'type');
  let items = own(s, 'items');
  let anyOpen = false;
  for (const b of branches) {
    const r = refs.deref(b);
    if (!r.ok || !isObject(r.value) || seen.has(r.value)) {
      anyOpen = true;
      continue;
    }
    const inner = mergeBranches(r.value, refs, seen);
    const p = own(inner, 'properties');
    if (isObject(p)) for (const k of Object.keys(p)) setOwn(properties, k, p[k]);
    else if (own(inner, 'items') === undefined) anyOpen = true;
    type ??= own(inner, 'type');
    items ??= own(inner, 'items');
  }
  if (anyOpen && Object.keys(properties).length === 0) return { type };
  return { type, items, properties };
}

/**
 * Whether a plain path of names reaches a value of the skeleton, as jsonpath-plus answers it for
 * such a path: at each name, the value so far is truthy and has that name as an own property (an
 * array has `length` and its indexes, a string skeleton is '' and has nothing).
 */
export function reachesPlainPath(instance: unknown, names: readonly string[]): boolean {
  let cur = instance;
  for (const name of names) {
    if (!cur || typeof cur !== 'object' || !Object.hasOwn(cur, name)) return false;
    cur = (cur as Record<string, unknown>)[name];
  }
  return true;
}

/** True for an object skeleton whose keys are unknown. */
export function isOpen(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[OPEN] === true;
}

/** The JSON request body schema of an operation. */
export function requestSchema(op: JsonObject, refs: RefResolver): unknown {
  const body = refs.deref(own(op, 'requestBody'));
  return body.ok && isObject(body.value) ? jsonSchemaOf(body.value, refs) : undefined;
}

/** The JSON schema of an operation's success response (200, then any 2xx, then default). */
export function responseSchema(op: JsonObject, refs: RefResolver): unknown {
  const responses = own(op, 'responses');
  if (!isObject(responses)) return undefined;
  const codes = Object.keys(responses);
  const code = codes.find((c) => c === '200') ?? codes.find((c) => /^2\d\d$|^2XX$/i.test(c)) ?? codes.find((c) => c === 'default');
  if (code === undefined) return undefined;
  const r = refs.deref(responses[code]);
  return r.ok && isObject(r.value) ? jsonSchemaOf(r.value, refs) : undefined;
}

function jsonSchemaOf(holder: JsonObject, _refs: RefResolver): unknown {
  const content = own(holder, 'content');
  if (!isObject(content)) return undefined;
  const types = Object.keys(content);
  const mt = types.find((t) => /json/i.test(t)) ?? types[0];
  if (mt === undefined) return undefined;
  const media = content[mt];
  return isObject(media) ? own(media, 'schema') : undefined;
}

/** Is `m` an HTTP method key? */
export function isMethod(m: string): boolean {
  return (HTTP_METHODS as readonly string[]).includes(m);
}
