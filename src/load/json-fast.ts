/**
 * The fast path for JSON: V8's native JSON.parse (iterative, several times faster than any parser in
 * JavaScript), with positions recorded only if a diagnostic needs them. It is taken only when it
 * gives exactly what the position-recording parser would: the nesting is not too deep, and no object
 * has a duplicate key (JSON.parse keeps the last one silently). A duplicate is seen by counting: the
 * text has one `:` outside strings per key written, so a value with fewer keys lost some. Anything
 * else (a syntax error, a duplicate, too deep) takes the exact path.
 */
import { parseJson, type ParseOutput } from './json.js';
import { LocationIndex, type Span, type Target } from './locations.js';

/** Parse with JSON.parse when that is exact; undefined means: use parseJson. */
export function parseJsonFast(text: string, options: { maxDepth: number }): ParseOutput | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const shape = measure(value, options.maxDepth);
  if (shape === undefined) return undefined;
  // The colons outside strings are all the colons of the text less those inside strings, which are
  // the colons of the parsed keys and strings, unless a \u escape wrote one (or wrote a quote): then
  // the text is scanned token by token.
  const written = text.indexOf('\\u') < 0 ? count(text, ':') - shape.colonsInStrings : colonsOutsideStrings(text);
  if (written !== shape.keys) return undefined;
  return { value, locations: new LazyLocations(text, options.maxDepth), problems: [], ok: true };
}

/** Keys kept and colons inside keys and strings, without recursion; undefined when the nesting reaches maxDepth. */
function measure(root: unknown, maxDepth: number): { keys: number; colonsInStrings: number } | undefined {
  let keys = 0;
  let colonsInStrings = 0;
  if (typeof root === 'string') return { keys, colonsInStrings: count(root, ':') };
  if (typeof root !== 'object' || root === null) return { keys, colonsInStrings };
  if (maxDepth <= 1) return undefined;
  // Containers still to read, each followed by its depth, in one array: it is the hottest loop of
  // loading a large file, and every container of the document passes through it.
  const stack: unknown[] = [root, 1];
  while (stack.length > 0) {
    const depth = stack.pop() as number;
    const v = stack.pop() as object;
    const inner = depth + 1;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const colons = member(v[i], inner, maxDepth, stack);
        if (colons < 0) return undefined;
        colonsInStrings += colons;
      }
      continue;
    }
    // for...in, not Object.keys: no array per object while the whole parsed document is still young.
    for (const name in v) {
      keys++;
      if (name.includes(':')) colonsInStrings += count(name, ':');
      const colons = member((v as Record<string, unknown>)[name], inner, maxDepth, stack);
      if (colons < 0) return undefined;
      colonsInStrings += colons;
    }
  }
  return { keys, colonsInStrings };
}

/** One member or item at `depth`: the colons of a string; a container is queued; -1 when it nests too deep. */
function member(item: unknown, depth: number, maxDepth: number, stack: unknown[]): number {
  if (typeof item === 'string') return item.includes(':') ? count(item, ':') : 0;
  if (typeof item === 'object' && item !== null) {
    if (depth >= maxDepth) return -1;
    stack.push(item, depth);
  }
  return 0;
}

function count(s: string, c: string): number {
  let n = 0;
  for (let i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) n++;
  return n;
}

/** Count `:` outside strings, token by token (the text is valid JSON: JSON.parse took it). */
function colonsOutsideStrings(text: string): number {
  let colons = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Jump to the closing quote: one not preceded by an odd run of backslashes.
      let j = i;
      for (;;) {
        j = text.indexOf('"', j + 1);
        let k = j - 1;
        while (text.charCodeAt(k) === 92) k--;
        if ((j - 1 - k) % 2 === 0) break;
      }
      i = j;
    } else if (c === 58) colons++;
  }
  return colons;
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
