/** Small helpers over parsed JSON values. */
export type JsonObject = Record<string, unknown>;

/** A plain object (not an array, not null). */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own-property lookup that never reaches the prototype (keys such as `constructor`). */
export function own(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** Set an own data property; for the key `__proto__`, plain assignment would replace the prototype instead. */
export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Own-property test. */
export function has(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Describe a value's JSON type for messages. */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** The value at a pointer's segments, or undefined where the path leaves the document. */
export function valueAt(root: unknown, segments: string[]): unknown {
  let cur = root;
  for (const s of segments) cur = isObject(cur) ? own(cur, s) : Array.isArray(cur) ? cur[Number(s)] : undefined;
  return cur;
}
