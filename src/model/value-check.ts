/**
 * Whether a literal value (a `default`, an `example`, an enum member) fits a Schema Object: its
 * `type` (OpenAPI 3.0 `nullable`, 3.1 type lists), `enum` and string/integer `format`. Only what a
 * schema says plainly is judged: a schema built with allOf/oneOf/anyOf/not, or one that cannot be
 * resolved, fits anything. Work is bounded: at most MAX_DEPTH levels and MAX_ITEMS items a list.
 */
import { isObject, jsonType, own, type JsonObject } from './json.js';
import type { RefResolver } from './refs.js';
import { variablesIn } from './variables.js';

export interface Misfit {
  /** Pointer segments from the checked value down to the part that does not fit. */
  path: Array<string | number>;
  /** Why, as a phrase: "is a string, not an integer", "is not one of `a`, `b`". */
  why: string;
}

const MAX_DEPTH = 8;
const MAX_ITEMS = 100;
const COMBINERS = ['allOf', 'oneOf', 'anyOf', 'not'];

/** The types a schema allows (undefined: any), with `null` added when OpenAPI 3.0 `nullable` is true. */
export function allowedTypes(schema: JsonObject): string[] | undefined {
  const t = own(schema, 'type');
  const list = typeof t === 'string' ? [t] : Array.isArray(t) && t.every((x) => typeof x === 'string') ? (t as string[]) : undefined;
  if (!list) return undefined;
  return own(schema, 'nullable') === true ? [...list, 'null'] : list;
}

/** Whether `value` is of JSON Schema type `type` (`integer` counts as a `number`). */
export function isOfType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'string':
    case 'boolean':
      return typeof value === type;
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return true; // an unknown type name is oas-schema's to report
  }
}

/** Whether a string value is a configuration variable the platform fills in (then its text is not the value). */
export function holdsVariable(value: unknown): boolean {
  return typeof value === 'string' && variablesIn(value).length > 0;
}

const FORMATS: Record<string, (v: string) => boolean> = {
  'date-time': (v) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$/.test(v),
  date: (v) => /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(v),
  email: (v) => /^[^\s@]+@[^\s@]+$/.test(v),
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  ipv4: (v) => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(v),
};

const INT_RANGES: Record<string, [number, number]> = {
  int32: [-2147483648, 2147483647],
  int64: [Number.MIN_SAFE_INTEGER * 1024, Number.MAX_SAFE_INTEGER * 1024],
};

/** The first way `value` does not fit `schema`, or undefined when it fits (or cannot be judged). */
export function misfit(value: unknown, schema: unknown, refs: RefResolver, depth = 0): Misfit | undefined {
  if (depth > MAX_DEPTH || holdsVariable(value)) return undefined;
  const r = refs.deref(schema);
  if (!r.ok || !isObject(r.value)) return undefined;
  const s = r.value;
  if (COMBINERS.some((k) => own(s, k) !== undefined)) return undefined;
  const types = allowedTypes(s);
  if (types && !types.some((t) => isOfType(value, t))) {
    return { path: [], why: `is ${describeValue(value)}, not ${types.map((t) => withArticle(t)).join(' or ')}` };
  }
  const e = own(s, 'enum');
  if (Array.isArray(e) && e.length > 0 && !e.some((m) => sameValue(m, value))) {
    return { path: [], why: `is not one of the enum values ${e.slice(0, 8).map((m) => `\`${JSON.stringify(m)}\``).join(', ')}${e.length > 8 ? ', ...' : ''}` };
  }
  const format = own(s, 'format');
  if (typeof format === 'string') {
    const f = formatMisfit(value, format);
    if (f) return { path: [], why: f };
  }
  if (Array.isArray(value)) {
    const items = own(s, 'items');
    if (items === undefined || Array.isArray(items)) return undefined;
    for (let i = 0; i < value.length && i < MAX_ITEMS; i++) {
      const m = misfit(value[i], items, refs, depth + 1);
      if (m) return { path: [i, ...m.path], why: m.why };
    }
    return undefined;
  }
  if (isObject(value)) {
    const props = own(s, 'properties');
    if (!isObject(props)) return undefined;
    for (const k of Object.keys(value).slice(0, MAX_ITEMS)) {
      if (!Object.hasOwn(props, k)) continue;
      const m = misfit(value[k], props[k], refs, depth + 1);
      if (m) return { path: [k, ...m.path], why: m.why };
    }
  }
  return undefined;
}

function formatMisfit(value: unknown, format: string): string | undefined {
  if (typeof value === 'string') {
    const test = Object.hasOwn(FORMATS, format) ? FORMATS[format] : undefined;
    return test && !test(value) ? `is not a valid \`${format}\`` : undefined;
  }
  const range = typeof value === 'number' && Object.hasOwn(INT_RANGES, format) ? INT_RANGES[format] : undefined;
  if (range && typeof value === 'number' && (value < range[0] || value > range[1])) return `is out of the \`${format}\` range`;
  return undefined;
}

/** JSON equality (enum membership). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** "the string `\"ten\"`", "the number `100`", "an object". */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string \`${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '...' : value)}\``;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} \`${String(value)}\``;
  if (value === null) return '`null`';
  return withArticle(jsonType(value));
}

function withArticle(t: string): string {
  if (t === 'null') return '`null`';
  return `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`;
}
