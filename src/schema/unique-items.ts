/**
 * JSON Schema's `uniqueItems` in linear time, for the validators the build generates with ajv.
 * ajv's own check compares every pair of items with a deep equality (n² / 2 comparisons): 15,000
 * parameters of one operation (a 1 MB file) took 78 s. Here each item is written once as canonical
 * JSON (object keys sorted), and equal items are equal texts.
 */

/**
 * The pair ajv's check reports for `items`, or undefined when all items differ: `[i, j]` with `i`
 * the last item equal to an earlier one and `j` the last such earlier item (ajv scans `i` from the
 * end, then `j` from `i - 1` down). Equality is ajv's (fast-deep-equal): the same keys with equal
 * values in any order, arrays item by item, primitives by `===`.
 */
export function duplicateItems(items: readonly unknown[]): [number, number] | undefined {
  // Equal items have JSON texts of one length whatever their keys' order: only items that share
  // their length with another are written canonically. JSON.stringify's own text costs a third of
  // one with a replacer called at every value, or less on a first run, and most lists (an
  // operation's parameters) have no two items of one length.
  const lengths = items.map(plainLength);
  const seen = new Map<number, number>();
  for (const n of lengths) seen.set(n, (seen.get(n) ?? 0) + 1);
  const lastAt = new Map<string, number>();
  let found: [number, number] | undefined;
  for (let i = 0; i < items.length; i++) {
    if (seen.get(lengths[i]!) === 1) continue;
    const key = canonical(items[i]);
    const earlier = lastAt.get(key);
    if (earlier !== undefined) found = [i, earlier];
    lastAt.set(key, i);
  }
  return found;
}

/** The length of `value`'s JSON text (canonical or not), -1 for `undefined` (which has none). */
function plainLength(value: unknown): number {
  return JSON.stringify(value)?.length ?? -1;
}

/** JSON text of `value` with object keys sorted; `undefined` (no JSON text) as a word of its own. */
function canonical(value: unknown): string {
  return JSON.stringify(value, sortKeys) ?? 'undefined';
}

function sortKeys(this: unknown, _key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(value).sort()) sorted[k] = (value as Record<string, unknown>)[k];
  return sorted;
}
