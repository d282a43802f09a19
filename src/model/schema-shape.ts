/**
 * Schemas as example data: a skeleton instance built from a Schema Object (following $refs, merging
 * allOf/oneOf/anyOf) that JSONPath locators can be evaluated against. Objects whose properties are
 * not declared are "open": a locator that enters them cannot be judged.
 */
import { isObject, own, setOwn, type JsonObject } from './json.js';
import type { RefResolver } from './refs.js';
import { shapeOf } from './schema-fields.js';
import { HTTP_METHODS } from './node-types.js';

export const OPEN = Symbol('open');
export type Skeleton = { [OPEN]?: true; [key: string]: unknown } | unknown[] | string | number | boolean | null;

const MAX_DEPTH = 12;

/**
 * Work limits of skeleton building, in nodes: every value put into a skeleton (an object, an array,
 * a leaf, an open object), every key of an object and every schema visited while merging
 * allOf/oneOf/anyOf branches counts one. `perSkeleton` bounds one locator's skeleton; `perDocument` all the skeletons of one linted
 * file (a file of 30,000 locators each over the same wide schema must end too).
 */
export interface SkeletonLimits {
  perSkeleton: number;
  perDocument: number;
}

export const defaultSkeletonLimits: SkeletonLimits = { perSkeleton: 20_000, perDocument: 500_000 };

/** What one skeleton build asks for. */
export interface SkeletonRequest {
  /** Levels to build (deeper parts are open); at most 12. */
  maxDepth?: number;
  /**
   * For a locator that is a plain path of names (`data.items`): only the properties on that path are
   * built, the others are null, and the value the path ends at is 0. Evaluating such a locator, or
   * finding where it leaves the skeleton, never looks at anything else; building whole response
   * schemas to answer `records` was a fifth of a folder's lint time.
   */
  focus?: readonly string[];
}

/** A skeleton, and whether a limit cut it short (then parts that would have been built are open). */
export interface SkeletonResult {
  instance: Skeleton;
  /**
   * Set when a node limit was reached (the skeleton is incomplete, so a miss cannot be told apart
   * from the cut): `skeleton` its own, `document` the one of all skeletons of the document.
   */
  limited?: 'skeleton' | 'document';
}

/**
 * Builds skeleton instances of the schemas of one document, with a node budget per skeleton and
 * per document, and each schema's allOf/oneOf/anyOf merge worked out once.
 */
export class SkeletonBuilder {
  private documentLeft: number;
  private left = 0;
  private limited: SkeletonResult['limited'];
  /** Whether this skeleton's budget is what is left of the document's. */
  private leftIsDocument = false;
  /** Merged view of each schema with branches (see merge). */
  private readonly merges = new Map<JsonObject, Merged>();

  constructor(
    private readonly refs: RefResolver,
    private readonly limits: SkeletonLimits = defaultSkeletonLimits,
  ) {
    this.documentLeft = limits.perDocument;
  }

  /** Build a skeleton instance of `schema` (see SkeletonRequest); never more than the budgets allow. */
  build(schema: unknown, request: SkeletonRequest = {}): SkeletonResult {
    this.left = Math.min(this.limits.perSkeleton, this.documentLeft);
    this.leftIsDocument = this.documentLeft < this.limits.perSkeleton;
    this.limited = undefined;
    const start = this.left;
    const instance = this.node(schema, 0, Math.min(request.maxDepth ?? MAX_DEPTH, MAX_DEPTH), request.focus, 0);
    this.documentLeft -= start - Math.max(this.left, 0);
    return { instance, limited: this.limited };
  }

  /** Take `n` nodes from the budget; false (and the skeleton marked limited) when they are not there. */
  private take(n: number): boolean {
    if (this.left < n) {
      this.left = 0;
      this.limited = this.leftIsDocument ? 'document' : 'skeleton';
      return false;
    }
    this.left -= n;
    return true;
  }

  private node(schema: unknown, depth: number, maxDepth: number, focus: readonly string[] | undefined, at: number): Skeleton {
    if (!this.take(1)) return OPEN_NODE;
    const resolved = this.refs.deref(schema);
    const s = resolved.ok ? resolved.value : undefined;
    if (!isObject(s) || depth > maxDepth) return OPEN_NODE;
    if (focus !== undefined && at >= focus.length) return 0;
    const merged = this.merge(s);
    if (merged === undefined) return OPEN_NODE;
    const { type, items, properties } = merged;
    // An array does not use up a name of the path: the items are where the next name is looked for.
    if (type === 'array' || (type === undefined && items !== undefined)) return [this.node(items, depth + 1, maxDepth, focus, at)];
    // The keys are all there or the object is open: a skeleton with some keys left out would call a
    // locator naming another one wrong.
    const keys = properties instanceof Map ? [...properties.keys()] : Object.keys(properties);
    if (keys.length > 0) {
      if (!this.take(keys.length)) return OPEN_NODE;
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const v = properties instanceof Map ? properties.get(k) : properties[k];
        const child = focus !== undefined && k !== focus[at] ? null : this.node(v, depth + 1, maxDepth, focus, at + 1);
        // Plain assignment is ten times faster; only `__proto__` needs a defined property.
        if (k === '__proto__') setOwn(out, k, child);
        else out[k] = child;
      }
      // Which keys the object may have is schema-fields.ts's answer, for every rule: other keys
      // allowed by additionalProperties make it open beside its properties. Branches are the merge's
      // business (iterative, within the budget): shapeOf recurses, and 20,000 nested allOf must not
      // exhaust the call stack.
      if (own(s, 'additionalProperties') !== undefined && !hasBranches(s)) {
        const shape = shapeOf(s, this.refs);
        if (shape.kind !== 'object' || shape.open) (out as Record<symbol, unknown>)[OPEN] = true;
      }
      return out;
    }
    if (type === 'string') return '';
    if (type === 'integer' || type === 'number') return 0;
    if (type === 'boolean') return false;
    return OPEN_NODE;
  }

  /**
   * One schema view of `s` with its allOf/oneOf/anyOf branches merged in, depth first, later
   * properties replacing earlier ones; a branch met twice (a schema that is its own branch), one that
   * does not resolve, or a leaf branch that declares no properties and no items leaves the result
   * open when nothing else declares properties. Worked out once per schema (a schema of 200 branches
   * met at every level was merged again at each), each visited schema taken from the budget;
   * undefined when the budget runs out.
   */
  private merge(s: JsonObject): Merged | undefined {
    if (!hasBranches(s)) {
      const p = own(s, 'properties');
      return { type: own(s, 'type'), items: own(s, 'items'), properties: isObject(p) ? p : NO_PROPERTIES };
    }
    const known = this.merges.get(s);
    if (known !== undefined) return known;
    // A Map: defining 2,000 properties one by one on an object costs V8 a copy of its descriptors each time.
    const properties = new Map<string, unknown>();
    let type: unknown;
    let items: unknown;
    let anyOpen = false;
    const seen = new Set<JsonObject>([s]);
    // Iterative, pre-order: a chain of 10,000 nested allOf must not exhaust the call stack.
    const stack: JsonObject[] = [s];
    while (stack.length > 0) {
      const cur = stack.pop()!;
      if (!this.take(1)) return undefined;
      const p = own(cur, 'properties');
      if (isObject(p)) for (const k of Object.keys(p)) properties.set(k, p[k]);
      type ??= own(cur, 'type');
      items ??= own(cur, 'items');
      const branches = branchesOf(cur);
      if (cur !== s && branches.length === 0 && !isObject(p) && own(cur, 'items') === undefined) anyOpen = true;
      for (let i = branches.length - 1; i >= 0; i--) {
        const r = this.refs.deref(branches[i]);
        if (!r.ok || !isObject(r.value) || seen.has(r.value)) {
          anyOpen = true;
          continue;
        }
        seen.add(r.value);
        stack.push(r.value);
      }
    }
    const merged: Merged = anyOpen && properties.size === 0 ? { type, items: undefined, properties } : { type, items, properties };
    this.merges.set(s, merged);
    return merged;
  }
}

/**
 * A skeleton instance of `schema` on its own budget (see SkeletonBuilder, which a rule uses to share
 * merges and a budget across a document).
 */
export function skeleton(schema: unknown, refs: RefResolver, request: SkeletonRequest = {}, limits?: SkeletonLimits): Skeleton {
  return new SkeletonBuilder(refs, limits).build(schema, request).instance;
}

/** A schema's type, items and properties once its branches are merged in (a schema without branches: its own properties object). */
interface Merged {
  type: unknown;
  items: unknown;
  properties: Map<string, unknown> | JsonObject;
}

const NO_PROPERTIES: JsonObject = Object.freeze({}) as JsonObject;

/** The one open object: its keys are unknown. Frozen, so that nothing a locator does can change it. */
const OPEN_NODE: Skeleton = Object.freeze({ [OPEN]: true }) as Skeleton;

function hasBranches(s: JsonObject): boolean {
  return own(s, 'allOf') !== undefined || own(s, 'oneOf') !== undefined || own(s, 'anyOf') !== undefined;
}

function branchesOf(s: JsonObject): unknown[] {
  if (!hasBranches(s)) return [];
  return ['allOf', 'oneOf', 'anyOf'].flatMap((k) => {
    const v = own(s, k);
    return Array.isArray(v) ? v : [];
  });
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
  const code = Object.hasOwn(responses, '200') ? '200' : successCode(responses);
  if (code === undefined) return undefined;
  const r = refs.deref(responses[code]);
  return r.ok && isObject(r.value) ? jsonSchemaOf(r.value, refs) : undefined;
}

const SUCCESS = /^2\d\d$|^2XX$/i;
const JSON_MEDIA = /json/i;

/** The first 2xx code of `responses` in key order, else `default` (without `200`: every operation is asked, so no key list is made). */
function successCode(responses: JsonObject): string | undefined {
  let fallback: string | undefined;
  for (const c in responses) {
    if (SUCCESS.test(c)) return c;
    if (c === 'default') fallback = c;
  }
  return fallback;
}

function jsonSchemaOf(holder: JsonObject, _refs: RefResolver): unknown {
  const content = own(holder, 'content');
  if (!isObject(content)) return undefined;
  let mt: string | undefined;
  for (const t in content) {
    mt ??= t;
    if (JSON_MEDIA.test(t)) {
      mt = t;
      break;
    }
  }
  if (mt === undefined) return undefined;
  const media = content[mt];
  return isObject(media) ? own(media, 'schema') : undefined;
}

/** Is `m` an HTTP method key? */
export function isMethod(m: string): boolean {
  return (HTTP_METHODS as readonly string[]).includes(m);
}
