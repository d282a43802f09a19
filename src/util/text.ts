/** Wording helpers shared by rule messages. */
import { distance } from 'fastest-levenshtein';
import { elided } from '../report/escape.js';

/**
 * Up to this many candidates, a suggestion compares the word with every one (and lists name them
 * all). Beyond it only the candidates nearest in sorted order are compared: a file of 6,000 paths
 * and 6,000 actions naming missing ones made 36 million comparisons (46 s).
 */
const FULL_SCAN = 256;
/** Candidates compared on each side of the word, in prefix order and in suffix order. */
const NEIGHBOURS = 24;
/**
 * Work one Suggester may do, in the units of fastest-levenshtein's bit-parallel distance (longer
 * string x 32-character blocks of the shorter): about a second at worst. Words asked about after it
 * is spent get no suggestion, and lists name the first candidates instead of the nearest.
 */
const MAX_WORK = 30_000_000;
/** Lists longer than this name only the nearest few (see nearestList). */
const MAX_LISTED = 10;
const NEAREST_LISTED = 3;

/**
 * Did-you-mean over one set of candidates, built once and asked many times. A word is compared with
 * at most 2 x 2 x 24 candidates: those next to it when the candidates are sorted by their start and
 * by their end (a typo leaves one half of a word intact), so a suggestion costs O(log n) lookups
 * and a bounded number of comparisons however many candidates there are. Answers are
 * deterministic: ties go to the candidate given first. The total work of one Suggester is bounded too.
 */
export class Suggester {
  private readonly list: string[];
  private readonly lower: string[];
  /** Lower-cased candidate -> indexes of the candidates that lower-case to it, in order. */
  private readonly byLower = new Map<string, number[]>();
  /** Candidate indexes sorted by lower-cased text, and by lower-cased text read backwards; only for large sets. */
  private prefixOrder?: { keys: string[]; index: number[] };
  private suffixOrder?: { keys: string[]; index: number[] };
  private workLeft = MAX_WORK;
  /** Edit distances computed so far (for tests and benchmarks: the work a set of suggestions took). */
  compared = 0;

  constructor(candidates: Iterable<string>) {
    this.list = [...candidates];
    this.lower = this.list.map((c) => c.toLowerCase());
    this.lower.forEach((l, i) => {
      const at = this.byLower.get(l);
      if (at) at.push(i);
      else this.byLower.set(l, [i]);
    });
  }

  /** The number of candidates. */
  get size(): number {
    return this.list.length;
  }

  /** The candidate nearest to `word` when it is near enough to be a plausible typo, else undefined. */
  suggest(word: string): string | undefined {
    const lower = word.toLowerCase();
    const caseOnly = this.byLower.get(lower)?.find((i) => this.list[i] !== word);
    if (caseOnly !== undefined) return this.list[caseOnly];
    if (this.workLeft <= 0) return undefined;
    const pool = this.pool(word).filter((i) => this.list[i] !== word);
    if (pool.length === 0) return undefined;
    // The first candidate at the least distance, as fastest-levenshtein's `closest` picks it.
    let best = pool[0]!;
    let bestD = Infinity;
    for (const i of pool) {
      const d = this.distance(word, this.list[i]!);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    const d = this.distance(lower, this.lower[best]!);
    const limit = Math.max(1, Math.floor(Math.max(word.length, this.list[best]!.length) / 3));
    return d <= limit ? this.list[best] : undefined;
  }

  /**
   * The candidates to name in a message about `word`: all of them, in order, when there are at most
   * 10; else the 3 nearest (by edit distance among the compared ones, ties in given order), and how
   * many more there are.
   */
  nearest(word: string): { names: string[]; more: number } {
    if (this.list.length <= MAX_LISTED) return { names: [...this.list], more: 0 };
    const lower = word.toLowerCase();
    const pool = this.workLeft > 0 ? this.pool(word) : [0, 1, 2];
    const scored = pool.map((i) => ({ i, d: this.workLeft > 0 ? this.distance(lower, this.lower[i]!) : 0 }));
    scored.sort((a, b) => a.d - b.d || a.i - b.i);
    const names = scored.slice(0, NEAREST_LISTED).map((x) => this.list[x.i]!);
    return { names, more: this.list.length - names.length };
  }

  /** Edit distance, its cost taken from the work budget. */
  private distance(a: string, b: string): number {
    const [short, long] = a.length < b.length ? [a, b] : [b, a];
    this.workLeft -= Math.max(1, long.length * Math.ceil(short.length / 32));
    this.compared++;
    return distance(a, b);
  }

  /** Indexes of the candidates to compare with `word`, in given order. */
  private pool(word: string): number[] {
    if (this.list.length <= FULL_SCAN) return this.list.map((_, i) => i);
    const lower = word.toLowerCase();
    this.prefixOrder ??= sortedBy(this.lower, (l) => l);
    this.suffixOrder ??= sortedBy(this.lower, reverse);
    const picked = new Set<number>();
    for (const [order, key] of [
      [this.prefixOrder, lower],
      [this.suffixOrder, reverse(lower)],
    ] as const) {
      const at = lowerBound(order.keys, key);
      for (let j = Math.max(0, at - NEIGHBOURS); j < Math.min(order.keys.length, at + NEIGHBOURS); j++) picked.add(order.index[j]!);
    }
    return [...picked].sort((a, b) => a - b);
  }
}

function reverse(s: string): string {
  return [...s].reverse().join('');
}

function sortedBy(lower: string[], key: (l: string) => string): { keys: string[]; index: number[] } {
  const keyed = lower.map((l, i) => ({ k: key(l), i }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
  return { keys: keyed.map((x) => x.k), index: keyed.map((x) => x.i) };
}

/** First position in sorted `keys` whose key is not below `key`. */
function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Suggesters of candidate sets that stay the same for a whole lint (the keys of a Map or object), built on first use. */
const suggesters = new WeakMap<object, Suggester>();

/** The Suggester of the candidates `keys()` gives for `owner` (a Map, a parsed object): built once per owner. */
export function suggesterFor(owner: object, keys: () => Iterable<string>): Suggester {
  let s = suggesters.get(owner);
  if (s === undefined) {
    s = new Suggester(keys());
    suggesters.set(owner, s);
  }
  return s;
}

/** The candidate nearest to `word` when it is near enough to be a plausible typo, else undefined. */
export function suggest(word: string, candidates: Iterable<string> | Suggester): string | undefined {
  return (candidates instanceof Suggester ? candidates : new Suggester(candidates)).suggest(word);
}

/** "; did you mean `x`?" or "". */
export function didYouMean(word: string, candidates: Iterable<string> | Suggester): string {
  const s = suggest(word, candidates);
  return s === undefined ? '' : `; did you mean \`${s}\`?`;
}

/**
 * "`a`, `b` and `c`" for at most 10 candidates; beyond, the 3 nearest to `word` and a count:
 * "`a`, `b`, `c` and 997 more". A message never grows with the number of candidates.
 */
export function nearestList(word: string, candidates: Iterable<string> | Suggester, conj = 'and'): string {
  const { names, more } = (candidates instanceof Suggester ? candidates : new Suggester(candidates)).nearest(word);
  if (more === 0) return codeList(names, conj);
  return `${names.map((n) => `\`${n}\``).join(', ')} ${conj} ${more.toLocaleString('en-US')} more`;
}

/**
 * Why `word` is not a field: "`mail` is not one of `email` or `name`" (nearest first, as
 * nearestList), or with a single field "`mail` is not `email`, the only field there".
 */
export function notOneOf(word: string, fields: string[]): string {
  if (fields.length === 1) return `\`${word}\` is not \`${fields[0]!}\`, the only field there`;
  return `\`${word}\` is not one of ${nearestList(word, fields, 'or')}`;
}

/** "a, b and c". */
export function listing(items: string[], conj = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conj} ${items[items.length - 1]}`;
}

/** `a`, `b` and `c`. */
export function codeList(items: string[], conj = 'and'): string {
  return listing(
    items.map((i) => `\`${i}\``),
    conj,
  );
}

/**
 * Longest text one `{{placeholder}}` puts into a message, in UTF-16 code units: a longer value (a
 * 600 KB key quoted by a thousand problems) keeps its first and last 250 characters and says how
 * many were left out between them, so that a message never grows with the file.
 */
export const MAX_FILLED = 500;

/** Fill `{{name}}` placeholders; each value is shortened to MAX_FILLED code units (see there). */
export function fill(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => (k in data ? elided(String(data[k]), MAX_FILLED) : m));
}

/** "a string", "an object", "`null`"; a comma list of types ("string,null") becomes "a string or `null`". */
export function article(type: string): string {
  if (type.includes(',')) return listing(type.split(',').map(article), 'or');
  if (type === 'null') return '`null`';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * For a value that must be a string but is a YAML flow collection written on its key's line
 * (`summary: {id}`, `tags: [beta]`): how to write it as text, "; in YAML, `{id}` after a key starts
 * a mapping: to write it as text, quote it: `summary: '{id}'`". "" for any other value (JSON, a
 * block collection, a list item, a value on several lines). `written` is RuleContext.written's
 * answer; `expected` the type the schema wants ("string", "string,null").
 */
export function quoteFlowHint(written: { format: string; text: string; whole: boolean; keyOnLine?: string } | undefined, expected: string): string {
  if (written === undefined || written.format !== 'yaml' || written.keyOnLine === undefined || !written.whole) return '';
  if (!expected.split(',').includes('string')) return '';
  const { text } = written;
  if (!/^[{[]/.test(text) || /[\r\n]/.test(text)) return '';
  const kind = text.startsWith('{') ? 'a mapping' : 'a list';
  return `; in YAML, \`${text}\` after a key starts ${kind}: to write it as text, quote it: \`${written.keyOnLine}: '${text.replace(/'/g, "''")}'\``;
}
