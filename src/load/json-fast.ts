/**
 * The fast path for JSON: V8's native JSON.parse (iterative, several times faster than any parser in
 * JavaScript), with positions recorded only if a diagnostic needs them. It is taken only when it
 * gives exactly what the position-recording parser would: the nesting is not too deep, and no object
 * has a duplicate key (JSON.parse keeps the last one silently). A duplicate is seen by counting: the
 * text has one `:` outside strings per key written, so a value with fewer keys lost some. Anything
 * else (a syntax error, a duplicate, too deep) takes the exact path.
 */
import type { ParseOutput } from './json.js';
import { arrayIndex, LocationIndex, type Span, type Target } from './locations.js';

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

/** A container read as far as lookups needed. */
interface Scan {
  /** The keys of the entries read, in an object; null in an array. */
  keys: string[] | null;
  /** Per entry read: [keyStart, keyEnd, valueStart, valueEnd] in an object, [valueStart, valueEnd] in an array; a value's end is -1 until needed. */
  spans: number[];
  /** Key -> its entry (JSON.parse kept every key: this path is taken only when none is repeated). */
  index: Map<string, number> | null;
  /** Where the next entry (or the closing bracket) starts; -1 while the last entry's value is not skipped. */
  next: number;
  /** The closing bracket's character code. */
  close: number;
  done: boolean;
}

/**
 * Positions computed on demand from the text, one container at a time: each lookup reads the
 * containers on its pointer's path, each only as far as the entry it names (entries before it are
 * skipped by matching brackets, the entry looked into is not), and keeps what it read for the next
 * lookups. A copy of the whole value with every offset (what the position-recording parser builds)
 * took 350 MB on a 47 MB description to place 8 diagnostics; this keeps only the entries read. The
 * spans are those parseJson records: a key from its opening quote to past its closing one, a value
 * from its first character to past its last.
 */
export class ScannedLocations extends LocationIndex {
  /** The containers read so far, by the offset of their `{` or `[`. */
  private readonly scanned = new Map<number, Scan>();
  private root: Span | undefined;

  constructor(private readonly text: string) {
    super();
  }

  override find(_root: unknown, segments: string[], target: Target): { span: Span; resolvedDepth: number } {
    const root = (this.root ??= this.rootValue());
    this.rootSpan = root;
    // The value reached so far: where it starts, and the entry of its container it is (none: the root).
    let start = root.start;
    let owner: Scan | null = null;
    let at = 0;
    let keySpan: Span | null = null;
    // Its end is read only when its span is returned: descending into it needs its start alone.
    const span = (): Span => (owner === null ? root : { start, end: this.valueEnd(owner, at) });
    for (let i = 0; i < segments.length; i++) {
      const c = this.text.charCodeAt(start);
      if (c !== 123 && c !== 91) return { span: keySpan ?? span(), resolvedDepth: i };
      const scan = this.container(start);
      const idx = this.entry(scan, segments[i]!);
      if (idx < 0) return { span: span(), resolvedDepth: i };
      keySpan = scan.keys ? { start: scan.spans[idx * 4]!, end: scan.spans[idx * 4 + 1]! } : null;
      start = scan.spans[scan.keys ? idx * 4 + 2 : idx * 2]!;
      owner = scan;
      at = idx;
    }
    return { span: target === 'key' && keySpan ? keySpan : span(), resolvedDepth: segments.length };
  }

  /** The text is one value between JSON whitespace (JSON.parse took it): it ends at the last other character, found without reading the value. */
  private rootValue(): Span {
    const text = this.text;
    let end = text.length;
    for (let c = text.charCodeAt(end - 1); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(--end - 1));
    return { start: this.skipSpace(0), end };
  }

  /** The container whose `{` or `[` is at `start`, as far as it was read (the text is valid JSON: JSON.parse took it). */
  private container(start: number): Scan {
    let scan = this.scanned.get(start);
    if (scan === undefined) {
      const isArray = this.text.charCodeAt(start) === 91;
      scan = { keys: isArray ? null : [], spans: [], index: isArray ? null : new Map(), next: this.skipSpace(start + 1), close: isArray ? 93 : 125, done: false };
      this.scanned.set(start, scan);
    }
    return scan;
  }

  /**
   * The entry a JSON Pointer segment names, reading on until it is found: in an object, the entry
   * of the key; in an array, an index written as RFC 6901 section 4 has it (`0`, `12`, not `01`)
   * and within bounds. -1 when there is none.
   */
  private entry(scan: Scan, seg: string): number {
    const { keys, index } = scan;
    if (keys !== null && index !== null) {
      let idx = index.get(seg);
      while (idx === undefined && !scan.done) {
        this.readEntry(scan);
        if (keys.length > 0 && keys[keys.length - 1] === seg) idx = keys.length - 1;
      }
      return idx ?? -1;
    }
    const idx = arrayIndex(seg);
    if (idx < 0) return -1;
    while (scan.spans.length <= idx * 2 && !scan.done) this.readEntry(scan);
    return idx * 2 < scan.spans.length ? idx : -1;
  }

  /** Read the next entry's key and where its value starts, after skipping the value of the one before. */
  private readEntry(scan: Scan): void {
    const text = this.text;
    let p = scan.next;
    if (p < 0) {
      p = this.skipSpace(this.valueEnd(scan, scan.keys ? scan.keys.length - 1 : scan.spans.length / 2 - 1));
      if (text.charCodeAt(p) === 44) p = this.skipSpace(p + 1);
    }
    if (text.charCodeAt(p) === scan.close) {
      scan.next = p;
      scan.done = true;
      return;
    }
    if (scan.keys !== null && scan.index !== null) {
      const keyEnd = this.skipString(p);
      const raw = text.slice(p + 1, keyEnd - 1);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(p, keyEnd)) as string) : raw;
      if (!scan.index.has(key)) scan.index.set(key, scan.keys.length);
      scan.keys.push(key);
      scan.spans.push(p, keyEnd);
      p = this.skipSpace(this.skipSpace(keyEnd) + 1);
    }
    scan.spans.push(p, -1);
    scan.next = -1;
  }

  /** Past the value of entry `idx` (read once, then kept). */
  private valueEnd(scan: Scan, idx: number): number {
    const at = scan.keys ? idx * 4 + 3 : idx * 2 + 1;
    let end = scan.spans[at]!;
    if (end < 0) {
      end = this.skipValue(scan.spans[at - 1]!);
      scan.spans[at] = end;
    }
    return end;
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
