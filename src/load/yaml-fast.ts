/**
 * The fast path for YAML: js-yaml's loader (a single pass over the text, building plain values,
 * about ten times faster than composing the `yaml` package's document tree, with a fraction of its
 * memory), with positions recorded only if a diagnostic needs them, as the JSON fast path does. It
 * is taken only when it gives exactly what the exact path (yaml.ts) would: the YAML 1.2 core schema
 * of the `yaml` package (below), no anchors (whose aliases the exact path expands within a budget),
 * no tagged collection, no merge key (`<<`), no duplicate key, no directive, nesting within --max-depth, one document.
 * Anything else (and every error, whose message comes from the exact path) takes the exact path.
 */
import { jsYamlLib, type JsYamlState } from '../util/deps.js';
import { LocationIndex, type ContainerLoc, type Span, type Target } from './locations.js';
import type { ParseOutput, ParseProblem } from './json.js';
import { parseYaml, yamlDepthProblem, type YamlLimits } from './yaml.js';

/** Thrown from js-yaml's listener: the document needs the exact path. */
const ABORT = new Error('cdp-lint: not for the fast path');

/** The exact path composes at most this deep (see READER_MAX_DEPTH in yaml.ts). */
const READER_MAX_DEPTH = 10_000;

let schema: unknown;

/**
 * The `yaml` package's YAML 1.2 core schema for js-yaml (whose own core schema also reads `1_000`
 * as a number): null `~`/`null`/empty, booleans `true`/`false` in three cases, decimal, `0o` and
 * `0x` integers, floats, `.inf` and `.nan`. `on`, `yes` and timestamps stay strings.
 */
function coreSchema(): unknown {
  if (schema) return schema;
  const { Type, FAILSAFE_SCHEMA } = jsYamlLib();
  // Every plain scalar (keys too) is tried against each type in turn: the first character rules
  // most out before a regular expression runs (a tenth of the cost of reading a large file).
  const scalar = (tag: string, first: (c: number) => boolean, test: RegExp, construct: (s: string) => unknown) =>
    new Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (s: unknown) => typeof s === 'string' && first(s.charCodeAt(0)) && test.test(s), construct });
  // NaN for the empty string.
  const numeric = (c: number) => (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
  schema = FAILSAFE_SCHEMA.extend({
    implicit: [
      scalar('null', (c) => Number.isNaN(c) || c === 126 || c === 110 || c === 78, /^(?:~|[Nn]ull|NULL)?$/, () => null),
      scalar('bool', (c) => c === 116 || c === 84 || c === 102 || c === 70, /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'),
      scalar('int', numeric, /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (s) => (s[1] === 'o' ? parseInt(s.slice(2), 8) : s[1] === 'x' ? parseInt(s.slice(2), 16) : parseInt(s, 10))),
      scalar('float', numeric, /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (s) =>
        /nan$/i.test(s) ? NaN : /inf$/i.test(s) ? (s[0] === '-' ? -Infinity : Infinity) : parseFloat(s),
      ),
    ],
  });
  return schema;
}

/** A directive (`%YAML 1.1` changes the schema) anywhere at a line start: the exact path. */
const DIRECTIVE = /(?:^|[\n\r])%/;

/** A line break that is a CR alone (old Mac files): the exact path decides how to read those. */
const CR_ONLY = /\r(?!\n)/;

/** Parse with js-yaml when that is exact; undefined means: use parseYaml. */
export function parseYamlFast(text: string, limits: YamlLimits): ParseOutput | undefined {
  const maxDepth = Math.min(limits.maxDepth, READER_MAX_DEPTH);
  // indexOf first: most texts have neither character, and it finds that several times faster.
  if ((text.includes('%') && DIRECTIVE.test(text)) || (text.includes('\r') && CR_ONLY.test(text))) return undefined;
  let value: unknown;
  let input = '';
  try {
    value = load(text, maxDepth, (event, state) => {
      if (event !== 'close') return;
      input = state.input;
      plainEnough(state, maxDepth);
      if (state.kind === 'mapping') compactIndexKeys(state);
    });
  } catch {
    return undefined;
  }
  // An empty document, one of comments only, or a null: the exact path words it.
  if (value === undefined || value === null) return undefined;
  // js-yaml reads a copy of the text (it appends a NUL), and the value's longer strings are slices
  // of that copy, which they keep in memory: the text is kept as a slice of it too, and the original
  // can go. Unless js-yaml dropped a byte order mark, where its offsets start one later.
  const own = text.charCodeAt(0) !== 0xfeff && input.startsWith(text) ? input.slice(0, text.length) : text;
  return { value, locations: new LazyYamlLocations(own, limits), problems: [], ok: true, text: own };
}

type Listener = (event: 'open' | 'close', state: JsYamlState) => void;

function load(text: string, maxDepth: number, listener: Listener): unknown {
  // json: false makes a duplicate key an error (the exact path reports it); maxDepth counts scalars
  // too, one level below the deepest collection allowed.
  try {
    return jsYamlLib().load(text, { schema: coreSchema(), json: false, maxDepth: maxDepth + 1, listener });
  } finally {
    compacted = undefined;
  }
}

/** What the fast path leaves to the exact one, seen as each node closes. */
function plainEnough(state: JsYamlState, maxDepth: number): void {
  if (state.anchor !== null) throw ABORT;
  // js-yaml reads a lone `-` (`a: -`) as a string; the exact path says a sequence cannot start there.
  if (state.result === '-' && state.kind === 'scalar') throw ABORT;
  if (state.kind === 'mapping' || state.kind === 'sequence') {
    if (state.tag !== null || state.depth > maxDepth) throw ABORT;
    // A merge key (`<<`), which the exact path expands; js-yaml's core schema would keep it as a key.
    if (state.kind === 'mapping' && Object.prototype.hasOwnProperty.call(state.result, '<<')) throw ABORT;
  }
}

/** The largest array index: an element there makes V8 keep an object's elements in a dictionary. */
const LAST_INDEX = 4_294_967_294;

/** A key that JavaScript stores as an element (an array index: `200`, not `007` or `-1`). */
function isIndex(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57 && /^(?:0|[1-9][0-9]{0,9})$/.test(key) && Number(key) <= LAST_INDEX;
}

/**
 * Replace a mapping with integer keys (a Responses Object's `200`, `404`) by an equal object that
 * keeps them in a dictionary. Set one by one, as js-yaml sets them, a key `404` makes V8 give the
 * object fast elements for indices 0..404 and more: about 5 KB for a Responses Object, where
 * JSON.parse's is 0.25 KB; on a 6.3 MB connector, 12 MB of the 31 MB its value took. An element set
 * at the last index and deleted first turns the elements into a dictionary, which stays one.
 * Enumeration order is the same (indices ascending, then the other keys as written).
 */
function compactIndexKeys(state: JsYamlState): void {
  const from = state.result as Record<string, unknown>;
  // A node js-yaml first read as a possible key and kept closes twice, with the same object.
  if (from === compacted) return;
  // Indices enumerate first: the first key tells whether there is any.
  let any = false;
  for (const key in from) {
    any = isIndex(key);
    break;
  }
  if (!any) return;
  const to: Record<string, unknown> = {};
  to[LAST_INDEX] = 0;
  delete to[LAST_INDEX];
  for (const key in from) {
    if (key === '__proto__') Object.defineProperty(to, key, { value: from[key], enumerable: true, writable: true, configurable: true });
    else to[key] = from[key];
  }
  state.result = compacted = to;
}

/** The last object compactIndexKeys made. */
let compacted: unknown;

/**
 * The largest text (UTF-16 code units) the exact path reads. It composes a tree of objects per
 * node, about 70 times the text for block YAML and 300 times for flow YAML: 4 MB of text stays
 * under 1.2 GB, where 42 MB exhausted a worker's heap.
 */
export const EXACT_YAML_MAX_CHARS = 4 * 1024 * 1024;

/**
 * Read YAML: the fast path when it is exact, else the exact path (yaml.ts) up to
 * EXACT_YAML_MAX_CHARS; a larger text the fast path declines gets one problem (its nesting, its
 * first syntax error as js-yaml words it, or the limit), never an exhausted heap.
 */
export function readYaml(text: string, limits: YamlLimits): ParseOutput {
  const fast = parseYamlFast(text, limits);
  if (fast) return fast;
  if (text.length <= EXACT_YAML_MAX_CHARS) return parseYaml(text, limits);
  return { value: undefined, locations: new LocationIndex(), problems: [tooLargeForExact(text, limits)], ok: false };
}

function tooLargeForExact(text: string, limits: YamlLimits): ParseProblem {
  const deep = yamlDepthProblem(text, limits.maxDepth);
  if (deep) return deep;
  try {
    jsYamlLib().load(text, { schema: coreSchema(), json: false, maxDepth: Math.min(limits.maxDepth, READER_MAX_DEPTH) + 1, listener: () => undefined });
  } catch (e) {
    const error = e as { reason?: unknown; mark?: { position?: unknown } };
    if (typeof error.reason === 'string' && typeof error.mark?.position === 'number') {
      const at = error.mark.position;
      return { kind: 'syntax', message: `${error.reason[0]!.toUpperCase()}${error.reason.slice(1)}`, offset: at, end: at };
    }
  }
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  return {
    kind: 'limit',
    message: `The YAML is ${mb(text.length)} and uses anchors, merge keys, tags or directives, which cdp-lint reads in files up to ${mb(EXACT_YAML_MAX_CHARS)}; remove them or split the file`,
    offset: 0,
    end: 0,
  };
}

/** Positions computed on first use, by a second pass of js-yaml with a listener, for its own copy of the value. */
class LazyYamlLocations extends LocationIndex {
  private real: { value: unknown; locations: LocationIndex } | undefined;

  constructor(
    private readonly text: string,
    private readonly limits: YamlLimits,
  ) {
    super();
  }

  /** Positions from the exact path, for a shape the second pass does not place; past its size, the root's only. */
  private exact(): { value: unknown; locations: LocationIndex } {
    if (this.text.length <= EXACT_YAML_MAX_CHARS) {
      const out = parseYaml(this.text, this.limits);
      if (out.ok) return { value: out.value, locations: out.locations };
    }
    return { value: undefined, locations: new LocationIndex() };
  }

  override find(_root: unknown, segments: string[], target: Target): { span: Span; resolvedDepth: number } {
    this.real ??= yamlPositions(this.text, this.limits.maxDepth) ?? this.exact();
    // The pointer's path is the same in both values; only object identities differ.
    return this.real.locations.find(this.real.value, segments, target);
  }
}

/** One node as js-yaml composed it: where composing started and ended, and its children in order. */
interface NodeRecord {
  open: number;
  close: number;
  kind: string | null;
  result: unknown;
  /** Children in order; once a collection is placed, only its last child (what its end needs). */
  children: NodeRecord[] | null;
  /** The end, once computed (endOf). */
  end?: number;
}

/**
 * Parse again, recording every node js-yaml composes, and turn the records into the same
 * LocationIndex the exact path fills (the same spans, to the offset). Undefined when the document
 * has a shape this does not place (an explicit `?` key, a key that is not a string or number, a
 * flow pair in a sequence, a tag): the exact path places those.
 */
export function yamlPositions(text: string, maxDepth: number): { value: unknown; locations: LocationIndex } | undefined {
  const locations = new LocationIndex();
  const stack: NodeRecord[] = [];
  let root: NodeRecord | undefined;
  const listener: Listener = (event, state) => {
    if (event === 'open') {
      stack.push({ open: state.position, close: 0, kind: null, result: undefined, children: null });
      return;
    }
    plainEnough(state, Math.min(maxDepth, READER_MAX_DEPTH));
    if (state.kind === 'mapping') compactIndexKeys(state);
    let rec = stack.pop()!;
    rec.close = state.position;
    rec.kind = state.kind;
    rec.result = state.result;
    // A node js-yaml first read as a possible mapping key and then kept as it was wraps that read.
    const only = rec.children?.length === 1 ? rec.children[0]! : undefined;
    if (only && only.result === rec.result) rec = only;
    else if (rec.kind === 'mapping' || rec.kind === 'sequence') {
      place(text, rec, locations);
      if (rec.children && rec.children.length > 1) rec.children = [rec.children[rec.children.length - 1]!];
    }
    const parent = stack[stack.length - 1];
    if (parent) (parent.children ??= []).push(rec);
    else root = rec;
  };
  let value: unknown;
  try {
    value = load(text, maxDepth, listener);
  } catch {
    return undefined;
  }
  if (!root) return undefined;
  const start = startOf(text, root.open);
  locations.rootSpan = { start, end: endOf(text, root, start) };
  return { value, locations };
}

/** Record the spans of a collection's entries; throws ABORT for a shape the exact path must place. */
function place(text: string, rec: NodeRecord, locations: LocationIndex): void {
  const children = rec.children ?? [];
  const spans: number[] = [];
  if (rec.kind === 'sequence') {
    const items = rec.result as unknown[];
    if (children.length !== items.length) throw ABORT;
    for (const child of children) {
      const start = startOf(text, child.open);
      if (isKey(text, child, start)) throw ABORT;
      spans.push(start, endOf(text, child, start));
    }
    locations.set(items, { keys: null, spans });
    return;
  }
  const obj = rec.result as Record<string, unknown>;
  const keys: string[] = [];
  const flow = text.charCodeAt(startOf(text, rec.open)) === 123;
  for (let i = 0; i < children.length; i++) {
    const key = children[i]!;
    // Where a block mapping ends (`...`, the end of the text), js-yaml tries one more key and finds nothing.
    if (key.kind === null && i === children.length - 1) break;
    const keyStart = startOf(text, key.open);
    if (!isKey(text, key, keyStart)) throw ABORT;
    const name = keyText(key.result);
    const keyEnd = endOf(text, key, keyStart);
    const next = children[i + 1];
    let valueStart: number;
    let valueEnd: number;
    const hasValue = next !== undefined && !isKey(text, next, startOf(text, next.open));
    if (hasValue) i++;
    if (hasValue && next.kind !== null) {
      valueStart = startOf(text, next.open);
      valueEnd = endOf(text, next, valueStart);
    } else {
      // No value written (`key:`): the exact path places the empty value past the colon and the
      // spaces after it (and, in a flow mapping, line breaks).
      valueStart = text.indexOf(':', keyEnd) + 1;
      for (let c = text.charCodeAt(valueStart); c === 32 || c === 9 || (flow && (c === 10 || c === 13)); c = text.charCodeAt(valueStart)) valueStart++;
      valueEnd = valueStart;
    }
    keys.push(name);
    spans.push(keyStart, keyEnd, valueStart, valueEnd);
  }
  // Every key placed, none twice (js-yaml refuses duplicates): the object's own keys, counted.
  let own = 0;
  for (const _ in obj) own++;
  if (own !== keys.length) throw ABORT;
  const loc: ContainerLoc = { keys, spans };
  locations.set(obj, loc);
}

/** A key as the exact path spells it: strings as they are, numbers and booleans as JavaScript prints them. */
function keyText(result: unknown): string {
  if (typeof result === 'string') return result;
  if (typeof result === 'number' || typeof result === 'boolean') return String(result);
  throw ABORT;
}

/** A node followed on its line by `:` is a mapping key; a collection or an empty node as a key is left to the exact path. */
function isKey(text: string, rec: NodeRecord, start: number): boolean {
  let i = rec.close;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  if (text.charCodeAt(i) !== 58 || i <= start) return false;
  if (rec.kind !== 'scalar') throw ABORT;
  return true;
}

/** Where a node's text starts: past spaces, line breaks and comments from where composing began. */
function startOf(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 35) {
      while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 0xfeff) i++;
    else break;
  }
  const c = text.charCodeAt(i);
  // A tag, an anchor or an alias (never met here: anchors take the exact path), or an explicit key.
  if (c === 33 || c === 38 || c === 42) throw ABORT;
  return i;
}

/** Where a node's text ends, as the `yaml` package's range counts it. */
function endOf(text: string, rec: NodeRecord, start: number): number {
  return (rec.end ??= computeEnd(text, rec, start));
}

function computeEnd(text: string, rec: NodeRecord, start: number): number {
  const c = text.charCodeAt(start);
  if (rec.kind === 'scalar' || rec.kind === null) {
    if (c === 34 || c === 39 || c === 91 || c === 123) return rec.close;
    if (c === 124 || c === 62) return blockScalarEnd(text, start, rec.close);
    return trimEnd(text, start, rec.close);
  }
  if (c === 91 || c === 123) return rec.close;
  // A block collection ends with its last entry's line, line break included.
  const children = rec.children ?? [];
  const last = children[children.length - 1];
  const end = last ? endOf(text, last, startOf(text, last.open)) : trimEnd(text, start, rec.close);
  return lineEnd(text, end);
}

/** From `end` on a line: past the rest of the line (spaces, a comment) and its line break; `end` itself after a line break. */
function lineEnd(text: string, end: number): number {
  const before = text.charCodeAt(end - 1);
  if (before === 10 || before === 13) return end;
  let i = end;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  if (text.charCodeAt(i) === 35) {
    while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  }
  if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) return i + 2;
  if (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13) return i + 1;
  return i < text.length ? end : i;
}

/** A plain scalar ends at its last character that is not a space or a line break. */
function trimEnd(text: string, start: number, end: number): number {
  let i = end;
  while (i > start) {
    const c = text.charCodeAt(i - 1);
    if (c === 32 || c === 9 || c === 10 || c === 13) i--;
    else break;
  }
  return i;
}

/**
 * A block scalar (`|`, `>`) ends after the line break of its last line that is not blank; one that
 * keeps its final line breaks (`|+`, `>+`) ends after the last of them.
 */
function blockScalarEnd(text: string, start: number, close: number): number {
  let header = start + 1;
  while (header < close && text.charCodeAt(header) !== 10 && text.charCodeAt(header) !== 13 && text.charCodeAt(header) !== 35) header++;
  if (text.slice(start, header).includes('+')) {
    let i = close;
    while (i > start && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
    return i;
  }
  let i = close;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 32 || c === 9 || c === 10 || c === 13) i--;
    else break;
  }
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) return i + 2;
  if (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13) return i + 1;
  return i;
}
