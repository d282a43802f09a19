/**
 * Field paths in schemas ("data.id", "Results"): what a Schema Object says about the value at a
 * dotted path, following $refs and merging allOf/oneOf/anyOf. Anything the schema leaves open
 * (no declared properties, explicit additionalProperties, an unresolved $ref) is "unknown", so
 * rules built on this report only what the schema clearly rules out.
 */
import { has, isObject, own, type JsonObject } from './json.js';
import type { RefResolver } from './refs.js';
import { notOneOf } from '../util/text.js';

/** The properties of an object shape, by name, in the order they are written. */
export interface SchemaProperties {
  readonly size: number;
  has(name: string): boolean;
  get(name: string): unknown;
  keys(): Iterable<string>;
  values(): Iterable<unknown>;
  entries(): Iterable<[string, unknown]>;
}

/**
 * A Schema Object's own `properties`, read where they are written: a schema with no allOf, oneOf
 * or anyOf to merge (most of them) needs no copy. A Map of each was 2.3 MB of the heap on a
 * 6.3 MB connector with 4,000 such schemas.
 */
class DeclaredProperties implements SchemaProperties {
  constructor(private readonly declared: JsonObject) {}
  get size(): number {
    return Object.keys(this.declared).length;
  }
  has(name: string): boolean {
    return has(this.declared, name);
  }
  get(name: string): unknown {
    return own(this.declared, name);
  }
  keys(): string[] {
    return Object.keys(this.declared);
  }
  values(): unknown[] {
    return Object.keys(this.declared).map((k) => this.declared[k]);
  }
  entries(): Array<[string, unknown]> {
    return Object.keys(this.declared).map((k) => [k, this.declared[k]]);
  }
}

export type Shape =
  | { kind: 'object'; props: SchemaProperties; /** Other keys allowed or not described. */ open: boolean }
  | { kind: 'array'; items: unknown }
  | { kind: 'scalar'; type: string }
  | { kind: 'unknown' };

const MAX_DEPTH = 16;
/**
 * How deep allOf/oneOf/anyOf branches are merged into one shape. Each schema is merged once per
 * shape (`seen`), so the depth only bounds the stack: a chain of 20 `allOf` levels is still closed.
 */
const MAX_BRANCH_DEPTH = 64;
const SCALARS = new Set(['string', 'number', 'integer', 'boolean', 'null']);

/** A branch schema already merged higher up or earlier: it adds nothing new. */
const ALREADY: Shape = { kind: 'unknown' };

/**
 * What `schema` says about the value it describes. Rules ask about the same schemas again and again
 * (every field path of every operation), so each schema's shape is worked out once per document.
 */
export function shapeOf(schema: unknown, refs: RefResolver): Shape {
  if (!isObject(schema)) return shapeWithin(schema, refs, 0, new Set());
  let shape = refs.shapes.get(schema) as Shape | undefined;
  if (shape === undefined) {
    shape = shapeWithin(schema, refs, 0, new Set());
    refs.shapes.set(schema, shape);
  }
  return shape;
}

/** The shape of `schema` met at `depth` while merging branches, `seen` holding the schemas merged so far. */
function shapeWithin(schema: unknown, refs: RefResolver, depth: number, seen: Set<unknown>): Shape {
  const r = refs.deref(schema);
  if (!r.ok || !isObject(r.value) || depth > MAX_BRANCH_DEPTH) return { kind: 'unknown' };
  const s = r.value;
  // Each schema is merged once per shape: branches that share schemas (ten `allOf` entries naming
  // the same schema, level after level) would otherwise cost 10^depth.
  if (seen.has(s)) return ALREADY;
  seen.add(s);
  const type = typeOf(s);
  let open = isOpenAdditional(own(s, 'additionalProperties'));
  let items = own(s, 'items');
  let branchType: string | undefined;
  const declared = own(s, 'properties');
  /** A copy of `declared`, made when a branch adds properties to it. */
  let merged: Map<string, unknown> | undefined;
  for (const branch of branches(s)) {
    const b = shapeWithin(branch, refs, depth + 1, seen);
    if (b === ALREADY) continue;
    if (b.kind === 'object') {
      merged ??= new Map(isObject(declared) ? Object.keys(declared).map((k) => [k, declared[k]]) : []);
      for (const [k, v] of b.props.entries()) if (!merged.has(k)) merged.set(k, v);
      open ||= b.open;
      branchType ??= 'object';
    } else if (b.kind === 'array') {
      items ??= b.items;
      branchType ??= 'array';
    } else if (b.kind === 'scalar') branchType ??= b.type;
    else open = true;
  }
  const effective = type ?? branchType;
  const props: SchemaProperties = merged ?? (isObject(declared) ? new DeclaredProperties(declared) : NO_PROPERTIES);
  if (effective === 'array' || (effective === undefined && items !== undefined)) return items === undefined ? { kind: 'unknown' } : { kind: 'array', items };
  if (effective !== undefined && SCALARS.has(effective) && props.size === 0) return { kind: 'scalar', type: effective };
  if (props.size === 0) return { kind: 'unknown' };
  return { kind: 'object', props, open };
}

const NO_PROPERTIES: SchemaProperties = new Map<string, unknown>();

function typeOf(s: JsonObject): string | undefined {
  const t = own(s, 'type');
  if (typeof t === 'string') return t;
  // OpenAPI 3.1 type lists: only a single non-null type is a clear answer.
  if (Array.isArray(t)) {
    const real = t.filter((x) => x !== 'null');
    return real.length === 1 && typeof real[0] === 'string' ? real[0] : undefined;
  }
  return undefined;
}

function isOpenAdditional(v: unknown): boolean {
  return v !== undefined && v !== false;
}

function branches(s: JsonObject): unknown[] {
  return ['allOf', 'oneOf', 'anyOf'].flatMap((k) => {
    const v = own(s, k);
    return Array.isArray(v) ? v : [];
  });
}

export type FieldLookup =
  | { status: 'found'; shape: Shape }
  | { status: 'unknown' }
  /** `segment` (at index `index`) is not a property; `known` are the properties there. */
  | { status: 'missing'; index: number; segment: string; known: string[] }
  /** The path continues below a scalar value at `index - 1`. */
  | { status: 'scalar'; index: number; segment: string; type: string };

/** Look up a field path in a schema; arrays on the way are entered (a field of an array means a field of its items). */
export function lookupField(schema: unknown, segments: string[], refs: RefResolver): FieldLookup {
  let shape = shapeOf(schema, refs);
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (shape.kind === 'array' && isIndex(seg)) {
      shape = shapeOf(shape.items, refs);
      continue;
    }
    shape = enterArrays(shape, refs);
    if (shape.kind === 'scalar') return { status: 'scalar', index: i, segment: seg, type: shape.type };
    if (shape.kind !== 'object') return { status: 'unknown' };
    if (!shape.props.has(seg)) return shape.open ? { status: 'unknown' } : { status: 'missing', index: i, segment: seg, known: [...shape.props.keys()] };
    shape = shapeOf(shape.props.get(seg), refs);
  }
  return { status: 'found', shape };
}

/** Split a dotted field path or a simple JSONPath (`$.a.b`, `a.b`); undefined when it uses JSONPath features that cannot be followed statically. */
export function fieldSegments(path: string): string[] | undefined {
  let p = path.trim();
  if (p === '$' || p === '') return [];
  if (p.startsWith('$.')) p = p.slice(2);
  else if (p.startsWith('$[')) p = p.slice(1);
  if (/\.\.|[?()@*]/.test(p)) return undefined;
  const out: string[] = [];
  for (const part of p.split('.')) {
    const m = /^([^[\]]*)((?:\[[^\]]*\])*)$/.exec(part);
    if (!m) return undefined;
    if (m[1]) out.push(m[1]);
    for (const b of m[2]!.match(/\[[^\]]*\]/g) ?? []) {
      const inner = b.slice(1, -1).replace(/^['"]|['"]$/g, '');
      if (inner === '') return undefined;
      out.push(inner);
    }
    if (!m[1] && !m[2]) return undefined;
  }
  return out;
}

/**
 * The schemas a record may have in data of `schema`: with a records locator, what it locates (the
 * items when it is an array). Without one the records may sit anywhere (a polling config or the
 * operation may locate them), so every object reachable through declared properties and array
 * items is a candidate, the data itself first. Undefined when the locator cannot be followed.
 */
export function recordSchemas(schema: unknown, locator: unknown, refs: RefResolver): unknown[] | undefined {
  if (typeof locator === 'string') {
    const segments = fieldSegments(locator);
    if (!segments) return undefined;
    const found = segments.length === 0 ? schema : locate(schema, segments, refs);
    if (found === undefined) return undefined;
    const shape = shapeOf(found, refs);
    return [shape.kind === 'array' ? shape.items : found];
  }
  const out: unknown[] = [];
  collectObjects(schema, refs, out, 0);
  return out.length > 0 ? out : undefined;
}

const MAX_CANDIDATES = 200;

function collectObjects(schema: unknown, refs: RefResolver, out: unknown[], depth: number): void {
  if (depth > 6 || out.length >= MAX_CANDIDATES) return;
  const shape = shapeOf(schema, refs);
  if (shape.kind === 'array') return collectObjects(shape.items, refs, out, depth + 1);
  if (shape.kind !== 'object') return;
  out.push(schema);
  for (const prop of shape.props.values()) collectObjects(prop, refs, out, depth + 1);
}

/** The sub-schema at a field path (entering arrays), or undefined when it cannot be followed. */
export function locate(schema: unknown, segments: string[], refs: RefResolver): unknown {
  let cur = schema;
  for (const seg of segments) {
    let shape = shapeOf(cur, refs);
    if (shape.kind === 'array' && isIndex(seg)) {
      cur = shape.items;
      continue;
    }
    for (let guard = 0; shape.kind === 'array' && guard < MAX_DEPTH; guard++) {
      cur = shape.items;
      shape = shapeOf(cur, refs);
    }
    if (shape.kind !== 'object' || !shape.props.has(seg)) return undefined;
    cur = shape.props.get(seg);
  }
  return cur;
}

function isIndex(seg: string): boolean {
  return /^\d+$/.test(seg) || seg === '*';
}

function enterArrays(shape: Shape, refs: RefResolver): Shape {
  let cur = shape;
  for (let guard = 0; cur.kind === 'array' && guard < MAX_DEPTH; guard++) cur = shapeOf(cur.items, refs);
  return cur;
}

/**
 * Why a field path is in none of the candidate schemas ("`x` is not one of `a` or `b`", "`x` is a
 * string, with no field `y`"), preferring the first candidate; undefined when any candidate has it
 * or cannot be judged. `missing` and `known` feed a did-you-mean.
 */
export function explainMiss(lookups: FieldLookup[], segments: string[]): { why: string; missing: string; known: string[] } | undefined {
  if (lookups.some((l) => l.status === 'found' || l.status === 'unknown')) return undefined;
  const first = lookups[0];
  const pick = first && (first.status === 'missing' || first.status === 'scalar') ? first : lookups.find((l) => l.status === 'missing' || l.status === 'scalar');
  if (!pick) return undefined;
  if (pick.status === 'scalar') {
    const at = segments.slice(0, pick.index).join('.');
    return { why: `\`${at}\` is ${/^[aeiou]/.test(pick.type) ? 'an' : 'a'} ${pick.type}, with no field \`${pick.segment}\``, missing: pick.segment, known: [] };
  }
  if (pick.status !== 'missing') return undefined;
  return { why: notOneOf(pick.segment, pick.known), missing: pick.segment, known: pick.known };
}
