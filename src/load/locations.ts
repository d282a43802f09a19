/**
 * Source positions recorded at parse time, kept compact: one small record per container, holding
 * the offsets of each entry's key and value. Line and column are computed only when reported.
 */
import type { Position, Range } from '../types.js';

/** Per-container offsets: objects keep [keyStart, keyEnd, valueStart, valueEnd] per entry in source order. */
export interface ContainerLoc {
  keys: string[] | null;
  spans: number[];
  /** Key -> index of its last occurrence, built on the first lookup in a large object. */
  index?: Map<string, number>;
}

/** Objects with more keys than this get a lookup map, so that reporting on every key stays linear. */
const INDEXED_KEYS = 16;

export type Target = 'key' | 'value';

export interface Span {
  start: number;
  end: number;
}

export class LocationIndex {
  private readonly containers = new WeakMap<object, ContainerLoc>();
  rootSpan: Span = { start: 0, end: 0 };
  /**
   * YAML only: the JSON pointer of each alias (`*name`) that stands for a collection -> the pointer
   * of its anchor (`&name`). What is written once is reported once, at the anchor.
   */
  readonly aliases = new Map<string, string>();

  /**
   * The pointer where the value at `pointer` is written: inside an alias's copy, the same place
   * inside its anchor (repeatedly, for an alias inside an anchor). Unchanged without aliases.
   */
  writtenAt(pointer: string): string {
    if (this.aliases.size === 0) return pointer;
    let current = pointer;
    // Each step moves to an anchor written earlier in the file, so the chain ends; the bound is a guard.
    for (let step = 0; step <= this.aliases.size; step++) {
      let next: string | undefined;
      for (const [alias, anchor] of this.aliases) {
        if (current === alias || current.startsWith(alias + '/')) {
          next = anchor + current.slice(alias.length);
          break;
        }
      }
      if (next === undefined) return current;
      current = next;
    }
    return current;
  }

  set(container: object, loc: ContainerLoc): void {
    this.containers.set(container, loc);
  }

  /** The offsets recorded for a container, if it was parsed. */
  get(container: object): ContainerLoc | undefined {
    return this.containers.get(container);
  }

  /**
   * Find the span of the key or value addressed by `segments`, starting at `root`.
   * Returns undefined when the pointer does not resolve; `resolvedDepth` tells how far it got.
   */
  find(root: unknown, segments: string[], target: Target): { span: Span; resolvedDepth: number } {
    let current: unknown = root;
    let span: Span = this.rootSpan;
    let keySpan: Span | null = null;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      const loc = current !== null && typeof current === 'object' ? this.containers.get(current) : undefined;
      if (!loc) return { span: keySpan ?? span, resolvedDepth: i };
      const idx = entryIndex(loc, seg);
      if (idx < 0) return { span, resolvedDepth: i };
      ({ keySpan, span } = entrySpans(loc, idx));
      current = loc.keys ? (current as Record<string, unknown>)[seg] : (current as unknown[])[idx];
    }
    return { span: target === 'key' && keySpan ? keySpan : span, resolvedDepth: segments.length };
  }
}

/**
 * The entry of a container that a JSON Pointer segment names: in an object, the last occurrence of
 * the key (the one whose value is kept); in an array, an index written as RFC 6901 section 4 has it
 * (`0`, `12`, not `01`) and within bounds. -1 when there is none.
 */
export function entryIndex(loc: ContainerLoc, seg: string): number {
  if (loc.keys) return keyIndex(loc, loc.keys, seg);
  const idx = arrayIndex(seg);
  return idx >= 0 && idx * 2 < loc.spans.length ? idx : -1;
}

/** The array index a JSON Pointer segment names, written as RFC 6901 section 4 has it (`0`, `12`, not `01` or `-`); -1 otherwise. */
export function arrayIndex(seg: string): number {
  return /^(0|[1-9]\d*)$/.test(seg) ? Number(seg) : -1;
}

/** The spans of entry `idx`: its value's, and its key's in an object (null in an array). */
export function entrySpans(loc: ContainerLoc, idx: number): { keySpan: Span | null; span: Span } {
  const s = loc.spans;
  if (!loc.keys) return { keySpan: null, span: { start: s[idx * 2]!, end: s[idx * 2 + 1]! } };
  return { keySpan: { start: s[idx * 4]!, end: s[idx * 4 + 1]! }, span: { start: s[idx * 4 + 2]!, end: s[idx * 4 + 3]! } };
}

/** Index of the last occurrence of `key` in an object's entries (the one whose value is kept), or -1. */
export function keyIndex(loc: ContainerLoc, keys: string[], key: string): number {
  if (keys.length > INDEXED_KEYS) {
    if (!loc.index) {
      loc.index = new Map();
      for (let k = 0; k < keys.length; k++) loc.index.set(keys[k]!, k);
    }
    return loc.index.get(key) ?? -1;
  }
  for (let k = keys.length - 1; k >= 0; k--) if (keys[k] === key) return k;
  return -1;
}

/**
 * Maps UTF-16 offsets of a text to 1-based line/column. A line ends at LF, CR LF or a lone CR (old
 * Mac files), as in JSON's and YAML's own grammars (RFC 8259 section 2, YAML 1.2 section 5.4) and
 * in LSP positions.
 */
export class LineIndex {
  private starts: Int32Array | null = null;

  constructor(private readonly text: string) {}

  private lineStarts(): Int32Array {
    if (this.starts) return this.starts;
    const found: number[] = [0];
    const text = this.text;
    if (!text.includes('\r')) {
      let i = text.indexOf('\n');
      while (i !== -1) {
        found.push(i + 1);
        i = text.indexOf('\n', i + 1);
      }
    } else {
      const breaks = /\r\n?|\n/g;
      for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) found.push(m.index + m[0].length);
    }
    this.starts = Int32Array.from(found);
    return this.starts;
  }

  position(offset: number): Position {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /**
   * The lines and columns of a span. A span that runs through a line break (a YAML block
   * collection's, which ends with its last line, as the `yaml` package's ranges do; a block
   * scalar's) ends, as a range, where that line's text ends: `- $ref: x` is line 10, columns 11 to
   * 21, not line 10 column 11 to line 11 column 1.
   */
  range(span: Span): Range {
    const start = span.start;
    let end = Math.max(start, span.end);
    const text = this.text;
    if (end > start && text.charCodeAt(end - 1) === 10) end -= end - 1 > start && text.charCodeAt(end - 2) === 13 ? 2 : 1;
    else if (end > start && text.charCodeAt(end - 1) === 13) end -= 1;
    return { start: this.position(start), end: this.position(end) };
  }
}
