/**
 * The fast path for JSON: V8's native JSON.parse (iterative, several times faster than any parser in
 * JavaScript), with positions recorded only if a diagnostic needs them. It is taken only when it
 * gives exactly what the position-recording parser would: one scan of the text checks the nesting
 * depth and that no object has a duplicate key (the number of `:` outside strings equals the number
 * of keys JSON.parse kept). Anything else (a syntax error, a duplicate, too deep) takes the exact path.
 */
import { parseJson, type ParseOutput } from './json.js';
import { LocationIndex, type Span, type Target } from './locations.js';

/** Parse with JSON.parse when that is exact; undefined means: use parseJson. */
export function parseJsonFast(text: string, options: { maxDepth: number }): ParseOutput | undefined {
  const shape = scan(text);
  if (!shape || shape.depth >= options.maxDepth) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (countKeys(value) !== shape.colons) return undefined;
  return { value, locations: new LazyLocations(text, options.maxDepth), problems: [], ok: true };
}

/** Count `:` outside strings and the deepest nesting; undefined for an unterminated string. */
function scan(text: string): { colons: number; depth: number } | undefined {
  let colons = 0;
  let depth = 0;
  let max = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Jump to the closing quote: one not preceded by an odd run of backslashes.
      let j = i;
      for (;;) {
        j = text.indexOf('"', j + 1);
        if (j < 0) return undefined;
        let k = j - 1;
        while (text.charCodeAt(k) === 92) k--;
        if ((j - 1 - k) % 2 === 0) break;
      }
      i = j;
    } else if (c === 58) colons++;
    else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return { colons, depth: max };
}

/** Own keys of every object in the value, counted without recursion. */
function countKeys(root: unknown): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) if (typeof item === 'object' && item !== null) stack.push(item);
    } else {
      const keys = Object.keys(v);
      count += keys.length;
      for (const k of keys) {
        const item = (v as Record<string, unknown>)[k];
        if (typeof item === 'object' && item !== null) stack.push(item);
      }
    }
  }
  return count;
}

/** Positions computed on first use, by the position-recording parser, for its own copy of the value. */
class LazyLocations extends LocationIndex {
  private real: { value: unknown; locations: LocationIndex } | undefined;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    super();
  }

  override find(_root: unknown, segments: string[], target: Target): { span: Span; resolvedDepth: number } {
    if (!this.real) {
      const out = parseJson(this.text, { maxDepth: this.maxDepth });
      this.real = { value: out.value, locations: out.locations };
    }
    // The pointer's path is the same in both values; only object identities differ.
    return this.real.locations.find(this.real.value, segments, target);
  }
}
