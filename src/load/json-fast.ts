/**
 * The fast path for JSON: V8's native JSON.parse (iterative, several times faster than any parser in
 * JavaScript), with positions recorded only if a diagnostic needs them. It is taken only when it
 * gives exactly what the position-recording parser would: the nesting is not too deep, and no object
 * has a duplicate key (JSON.parse keeps the last one silently). A duplicate is seen by counting: the
 * text has one `:` outside strings per key written, so a value with fewer keys lost some. Anything
 * else (a syntax error, a duplicate, too deep) takes the exact path.
 */
import type { ParseOutput } from './json.js';
import { LocationIndex, entryIndex, entrySpans, type ContainerLoc, type Span, type Target } from './locations.js';

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
  return { value, locations: new ScannedLocations(text), problems: [], ok: true };
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

/**
 * Positions computed on demand from the text, one container at a time: each lookup reads the
 * containers on its pointer's path (entries' offsets, nested values skipped by matching brackets),
 * and keeps what it read for the next lookups. A copy of the whole value with every offset (what
 * the position-recording parser builds) took 350 MB on a 47 MB description to place 8 diagnostics;
 * this keeps only the containers looked into. The spans are those parseJson records: a key from its
 * opening quote to past its closing one, a value from its first character to past its last.
 */
export class ScannedLocations extends LocationIndex {
  /** The containers read so far, by the offset of their `{` or `[`. */
  private readonly scanned = new Map<number, ContainerLoc>();
  private root: Span | undefined;

  constructor(private readonly text: string) {
    super();
  }

  override find(_root: unknown, segments: string[], target: Target): { span: Span; resolvedDepth: number } {
    this.root ??= this.rootValue();
    this.rootSpan = this.root;
    let span: Span = this.root;
    let keySpan: Span | null = null;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      const c = this.text.charCodeAt(span.start);
      if (c !== 123 && c !== 91) return { span: keySpan ?? span, resolvedDepth: i };
      const loc = this.container(span.start);
      const idx = entryIndex(loc, seg);
      if (idx < 0) return { span, resolvedDepth: i };
      ({ keySpan, span } = entrySpans(loc, idx));
    }
    return { span: target === 'key' && keySpan ? keySpan : span, resolvedDepth: segments.length };
  }

  private rootValue(): Span {
    const start = this.skipSpace(0);
    return { start, end: this.skipValue(start) };
  }

  /** The entries of the container whose `{` or `[` is at `start` (the text is valid JSON: JSON.parse took it). */
  private container(start: number): ContainerLoc {
    const known = this.scanned.get(start);
    if (known) return known;
    const text = this.text;
    const isArray = text.charCodeAt(start) === 91;
    const loc: ContainerLoc = { keys: isArray ? null : [], spans: [] };
    let p = this.skipSpace(start + 1);
    const close = isArray ? 93 : 125;
    while (text.charCodeAt(p) !== close) {
      if (!isArray) {
        const keyEnd = this.skipString(p);
        const raw = text.slice(p + 1, keyEnd - 1);
        loc.keys!.push(raw.includes('\\') ? (JSON.parse(text.slice(p, keyEnd)) as string) : raw);
        loc.spans.push(p, keyEnd);
        p = this.skipSpace(this.skipSpace(keyEnd) + 1);
      }
      const end = this.skipValue(p);
      loc.spans.push(p, end);
      p = this.skipSpace(end);
      if (text.charCodeAt(p) === 44) p = this.skipSpace(p + 1);
    }
    this.scanned.set(start, loc);
    return loc;
  }

  private skipSpace(p: number): number {
    const text = this.text;
    for (let c = text.charCodeAt(p); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++p));
    return p;
  }

  /** Past the closing quote of the string whose opening quote is at `p`. */
  private skipString(p: number): number {
    const text = this.text;
    let j = p;
    for (;;) {
      j = text.indexOf('"', j + 1);
      let k = j - 1;
      while (text.charCodeAt(k) === 92) k--;
      if ((j - 1 - k) % 2 === 0) return j + 1;
    }
  }

  /** Past the value that starts at `p`: a string, a container (brackets matched, strings skipped) or a literal. */
  private skipValue(p: number): number {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === 34) return this.skipString(p);
    if (c === 123 || c === 91) {
      let depth = 0;
      for (let i = p; ; i++) {
        const d = text.charCodeAt(i);
        if (d === 34) i = this.skipString(i) - 1;
        else if (d === 123 || d === 91) depth++;
        else if (d === 125 || d === 93) {
          if (--depth === 0) return i + 1;
        }
      }
    }
    let i = p + 1;
    for (let d = text.charCodeAt(i); i < text.length && d !== 44 && d !== 125 && d !== 93 && d !== 32 && d !== 10 && d !== 13 && d !== 9; d = text.charCodeAt(++i));
    return i;
  }
}
