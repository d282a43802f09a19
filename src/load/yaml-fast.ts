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
import { entryIndex, entrySpans, LocationIndex, type ContainerLoc, type Span, type Target } from './locations.js';
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
  // Every plain scalar (keys too) is tried against the implicit types in turn: one type for the
  // four, whose first character rules most scalars out before a regular expression runs, is one
  // call per scalar instead of four (the tag it gives scalars is never read).
  let construct: (s: string) => unknown = String;
  const resolve = (s: unknown): boolean => {
    if (typeof s !== 'string') return false;
    const c = s.charCodeAt(0);
    if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
      if (INT.test(s)) construct = toInt;
      else if (FLOAT.test(s)) construct = toFloat;
      else return false;
      return true;
    }
    if (Number.isNaN(c) || c === 126 || c === 110 || c === 78) {
      construct = toNull;
      return NULL.test(s);
    }
    if (c === 116 || c === 84 || c === 102 || c === 70) {
      construct = toBool;
      return BOOL.test(s);
    }
    return false;
  };
  schema = FAILSAFE_SCHEMA.extend({
    implicit: [new Type('tag:yaml.org,2002:core-scalar', { kind: 'scalar', resolve, construct: (s: string) => construct(s) })],
  });
  return schema;
}

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const toNull = (): null => null;
const toBool = (s: string): boolean => s[0] === 't' || s[0] === 'T';
const toInt = (s: string): number => (s[1] === 'o' ? parseInt(s.slice(2), 8) : s[1] === 'x' ? parseInt(s.slice(2), 16) : parseInt(s, 10));
const toFloat = (s: string): number => (/nan$/i.test(s) ? NaN : /inf$/i.test(s) ? (s[0] === '-' ? -Infinity : Infinity) : parseFloat(s));

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
  // Past EVENTS_MAX_CHARS the events are not logged: read again if a position is needed.
  const log = text.length <= EVENTS_MAX_CHARS ? new EventLog() : undefined;
  try {
    value = load(text, maxDepth, (event, state) => {
      if (event === 'open') return log?.open(state.position);
      input = state.input;
      plainEnough(state, maxDepth);
      if (state.kind === 'scalar') shortStrings.share(state);
      else if (state.kind === 'mapping') compactIndexKeys(state);
      else if (state.kind === 'sequence') exactLength(state);
      log?.close(state.position, state.kind);
    });
  } catch {
    return undefined;
  } finally {
    shortStrings.clear();
  }
  // An empty document, one of comments only, or a null: the exact path words it.
  if (value === undefined || value === null) return undefined;
  // js-yaml reads a copy of the text (it appends a NUL), and the value's longer strings are slices
  // of that copy, which they keep in memory: the text is kept as a slice of it too, and the original
  // can go. Unless js-yaml dropped a byte order mark, where its offsets start one later.
  const own = text.charCodeAt(0) !== 0xfeff && input.startsWith(text) ? input.slice(0, text.length) : text;
  return { value, locations: new LazyYamlLocations(own, log, limits), problems: [], ok: true, text: own };
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
    // A key `null`: js-yaml names a null key (`~:`, `null:`) `null`, the exact path names it ''.
    if (state.kind === 'mapping' && (Object.prototype.hasOwnProperty.call(state.result, '<<') || Object.prototype.hasOwnProperty.call(state.result, 'null'))) throw ABORT;
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
 * Give a sequence an array of its own length. js-yaml builds it with push(), which leaves room
 * for more (an array of one element holds 17); JSON.parse's arrays have none. On a 6.3 MB
 * connector, the 14,657 arrays took 2.05 MB, and 0.5 MB when copied to their length.
 */
function exactLength(state: JsYamlState): void {
  const from = state.result as unknown[];
  if (from.length > 0) state.result = from.slice();
}

/**
 * Scalars of fewer than SHORT_CHARS characters, shared by spelling. js-yaml gives every plain or
 * quoted scalar a string of its own; from 13 characters V8 makes a slice of the text, shorter ones
 * are copies, and they repeat (`string`, `integer`, `date-time`). JSON.parse shares its short
 * strings the same way. On a 6.3 MB connector, 92,380 short strings took 2.2 MB of the worker's
 * heap during the lint. A slot per length and first, middle and last character remembers the last
 * string seen there, and a scalar spelt the same takes it: cheaper than a Map, which hashes every
 * string (on that connector, with the copies of exactLength: 1.1% more instructions with a Map,
 * 0.8% with the slots), and a connector's few repeated words rarely share a slot. The slots are
 * emptied after each text.
 */
class ShortStrings {
  private readonly slots: Array<string | undefined> = new Array<string | undefined>(SLOTS).fill(undefined);

  /** Replace a short string result by an equal one seen before, if its slot holds one. */
  share(state: JsYamlState): void {
    const s = state.result;
    if (typeof s !== 'string') return;
    const n = s.length;
    if (n === 0 || n >= SHORT_CHARS) return;
    const slot = (n * 31 + s.charCodeAt(0) * 7 + s.charCodeAt(n >> 1) * 5 + s.charCodeAt(n - 1)) & (SLOTS - 1);
    const first = this.slots[slot];
    if (first === s) state.result = first;
    else this.slots[slot] = s;
  }

  clear(): void {
    this.slots.fill(undefined);
  }
}

const SHORT_CHARS = 13;
const SLOTS = 1024;
const shortStrings = new ShortStrings();

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

/** A node's kind in an EventLog. */
const KIND_NONE = 0;
const KIND_SCALAR = 1;
const KIND_SEQUENCE = 2;
const KIND_MAPPING = 3;

/** Integers per chunk of an EventLog. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;

/**
 * js-yaml's listener events for one document, in order, as integers, with no object per node: an
 * `open` is the offset where composing a node started (>= 0); a `close` is the bitwise NOT of the
 * offset where it stopped, shifted left by two, with the node's kind (KIND_*) in the low bits (< 0;
 * a string has fewer than 2^29 code units, so this fits). Two integers (8 bytes) per node, outside
 * the JavaScript heap, in chunks of 256 KB (no copy as it grows): what placing nodes later needs,
 * without reading the text again.
 */
export class EventLog {
  private readonly chunks: Int32Array[] = [];
  private chunk = new Int32Array(0);
  private used = CHUNK;
  private full = 0;

  /** Integers logged so far: the log index the next event gets. */
  get length(): number {
    return this.full + this.used;
  }

  /** The integer at log index `i` (< length). */
  at(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]![i & (CHUNK - 1)]!;
  }

  open(position: number): void {
    this.push(position);
  }

  close(position: number, kind: JsYamlState['kind']): void {
    this.push(~((position << 2) | (kind === 'mapping' ? KIND_MAPPING : kind === 'sequence' ? KIND_SEQUENCE : kind === 'scalar' ? KIND_SCALAR : KIND_NONE)));
  }

  private push(n: number): void {
    if (this.used === CHUNK) {
      if (this.chunks.length > 0) this.full += CHUNK;
      this.chunk = new Int32Array(CHUNK);
      this.chunks.push(this.chunk);
      this.used = 0;
    }
    this.chunk[this.used++] = n;
  }
}

/**
 * Positions computed on first use, container by container, for the pointers asked for (as the JSON
 * fast path does): from the events the first pass logged, without reading the text again; where a
 * key's text does not spell its name plainly (an escape, `1.0` for `1`), from the events of a
 * second pass of js-yaml that keeps each key's value; for a shape neither places, from the exact path.
 */
export class LazyYamlLocations extends LocationIndex {
  /** What placed the nodes, once a position was asked for: the first pass's events, a second pass, or the exact path. */
  placedBy: 'events' | 'second pass' | 'exact path' | undefined;
  private tree: EventTree | undefined;
  private exactOut: { value: unknown; locations: LocationIndex } | undefined;

  constructor(
    private readonly text: string,
    private log: EventLog | undefined,
    private readonly limits: YamlLimits,
  ) {
    super();
  }

  override find(root: unknown, segments: string[], target: Target): { span: Span; resolvedDepth: number } {
    for (;;) {
      if (this.placedBy === undefined) {
        this.placedBy = 'events';
        const log = this.log ?? secondPass(this.text, false)?.log;
        this.log = undefined;
        this.tree = log && this.treeOf(log, undefined);
      }
      if (this.tree) {
        try {
          return this.found(this.tree.find(root, segments, target));
        } catch (e) {
          if (e !== ABORT) throw e;
          this.tree = undefined;
        }
      }
      if (this.placedBy === 'events') {
        // A key whose text does not spell its name (an escape, `1.0` for `1`): named by its value.
        this.placedBy = 'second pass';
        const second = secondPass(this.text, true);
        this.tree = second && this.treeOf(second.log, second.results);
        continue;
      }
      this.placedBy = 'exact path';
      this.exactOut ??= this.exact();
      // The exact path's positions are for its own copy of the value: the pointer's path is the same in both.
      return this.found(this.exactOut.locations.find(this.exactOut.value, segments, target));
    }
  }

  /** The nodes of a log, or undefined when its root cannot be placed (a tag before it). */
  private treeOf(log: EventLog, results: unknown[] | undefined): EventTree | undefined {
    try {
      return new EventTree(this.text, log, results);
    } catch (e) {
      if (e === ABORT) return undefined;
      throw e;
    }
  }

  private found(result: { span: Span; resolvedDepth: number }): { span: Span; resolvedDepth: number } {
    this.rootSpan = this.tree?.rootSpan ?? this.exactOut?.locations.rootSpan ?? this.rootSpan;
    return result;
  }

  /** Positions from the exact path, for a shape the events do not place; past its size, the root's only. */
  private exact(): { value: unknown; locations: LocationIndex } {
    if (this.text.length <= EXACT_YAML_MAX_CHARS) {
      const out = parseYaml(this.text, this.limits);
      if (out.ok) return { value: out.value, locations: out.locations };
    }
    return { value: undefined, locations: new LocationIndex() };
  }
}

/**
 * The largest text (UTF-16 code units) whose first pass logs its events. The log takes 8 bytes a
 * node, about 0.6 times the text of a connector written by yaml.stringify: a larger file is read a
 * second time if a diagnostic needs a position, and its memory stays that of its value and text.
 */
export const EVENTS_MAX_CHARS = 4 * 1024 * 1024;

/** Parse again, logging every event; with `keys`, each scalar's value too, by the log index of its close (the keys' names). */
function secondPass(text: string, keys: boolean): { log: EventLog; results: unknown[] | undefined } | undefined {
  const log = new EventLog();
  const results: unknown[] | undefined = keys ? [] : undefined;
  try {
    load(text, READER_MAX_DEPTH, (event, state) => {
      if (event === 'open') return log.open(state.position);
      if (results && state.kind === 'scalar') results[log.length] = state.result;
      log.close(state.position, state.kind);
    });
  } catch {
    return undefined;
  }
  return { log: log, results };
}

/** A placed collection: its entries' spans (ContainerLoc), and the node of each entry's value (-1: none written). */
interface Placed extends ContainerLoc {
  nodes: number[];
  /** The value found to match it. */
  value?: object;
}

/**
 * The nodes of one document as its EventLog holds them. A node is the log index of its `open`;
 * `close` is the index of its close event. Collections are placed on first use, and each is
 * checked against the value it stands for (its keys, or its length): where they differ, ABORT.
 */
class EventTree {
  /** Node -> the log index of its close event, built on first use. */
  private readonly closes: Int32Array;
  private readonly placed = new Map<number, Placed>();
  private readonly ends = new Map<number, number>();
  private readonly root: number;
  readonly rootSpan: Span;

  constructor(
    private readonly text: string,
    private readonly log: EventLog,
    /** Each scalar's value by the log index of its close; without it, keys are named by their text. */
    private readonly results: unknown[] | undefined,
  ) {
    this.closes = new Int32Array(log.length);
    const open: number[] = [];
    for (let i = 0; i < log.length; i++) {
      if (log.at(i) >= 0) open.push(i);
      else this.closes[open.pop()!] = i;
    }
    if (log.length === 0) throw ABORT;
    this.root = this.resolve(0);
    const start = startOf(text, log.at(this.root));
    this.rootSpan = { start, end: this.endOf(this.root, start) };
  }

  private kind(node: number): number {
    return ~this.log.at(this.closes[node]!) & 3;
  }

  private close(node: number): number {
    return ~this.log.at(this.closes[node]!) >>> 2;
  }

  /** The node's children, in order. */
  private children(node: number): number[] {
    const out: number[] = [];
    const end = this.closes[node]!;
    for (let child = node + 1; child < end; child = this.closes[child]! + 1) out.push(this.resolve(child));
    return out;
  }

  /**
   * A node js-yaml first read as a possible mapping key and then kept as it was wraps that read: its
   * only child, of its kind, starting where it starts. The node itself otherwise.
   */
  private resolve(node: number): number {
    const end = this.closes[node]!;
    const only = node + 1;
    if (only >= end || this.closes[only]! + 1 !== end) return node;
    if (skipToNode(this.text, this.log.at(only)) !== skipToNode(this.text, this.log.at(node))) return node;
    const inner = this.resolve(only);
    return this.kind(inner) === this.kind(node) ? inner : node;
  }

  find(root: unknown, segments: string[], target: Target): { span: Span; resolvedDepth: number } {
    let node = this.root;
    let value = root;
    let span = this.rootSpan;
    let keySpan: Span | null = null;
    for (let i = 0; i < segments.length; i++) {
      if (value === null || typeof value !== 'object') return { span: keySpan ?? span, resolvedDepth: i };
      const loc = this.container(node, value);
      const idx = entryIndex(loc, segments[i]!);
      if (idx < 0) return { span, resolvedDepth: i };
      ({ keySpan, span } = entrySpans(loc, idx));
      value = loc.keys ? (value as Record<string, unknown>)[loc.keys[idx]!] : (value as unknown[])[idx];
      node = loc.nodes[idx]!;
    }
    return { span: target === 'key' && keySpan ? keySpan : span, resolvedDepth: segments.length };
  }

  /** The placed collection `node`, which must be `value`'s (checked once). */
  private container(node: number, value: object): Placed {
    let loc = this.placed.get(node);
    if (!loc) {
      loc = this.place(node);
      this.placed.set(node, loc);
    }
    if (loc.value === value) return loc;
    this.check(loc, value);
    loc.value = value;
    return loc;
  }

  /** Throws ABORT unless `loc` is `value`'s: its length, or its keys. */
  private check(loc: Placed, value: object): void {
    if (loc.keys === null) {
      if (!Array.isArray(value) || value.length !== loc.nodes.length) throw ABORT;
      return;
    }
    if (Array.isArray(value)) throw ABORT;
    const keys = loc.keys;
    let own = 0;
    for (const _ in value) own++;
    if (own !== keys.length) throw ABORT;
    for (const key of keys) if (!Object.prototype.hasOwnProperty.call(value, key)) throw ABORT;
    // Every key is one of the mapping's and there are as many: distinct unless two texts name the
    // same key (`1.0` is the key `1`, so `1.0` and `"1.0"` both read as `1.0`).
    if (this.results === undefined && keys.length > 1 && new Set(keys).size !== keys.length) throw ABORT;
  }

  /** Record the spans of a collection's entries; throws ABORT for a shape the exact path must place. */
  private place(node: number): Placed {
    const text = this.text;
    const kind = this.kind(node);
    if (kind !== KIND_MAPPING && kind !== KIND_SEQUENCE) throw ABORT;
    const children = this.children(node);
    const spans: number[] = [];
    const nodes: number[] = [];
    if (kind === KIND_SEQUENCE) {
      for (const child of children) {
        const start = startOf(text, this.log.at(child));
        if (this.isKey(child, start)) throw ABORT;
        spans.push(start, this.endOf(child, start));
        nodes.push(child);
      }
      return { keys: null, spans, nodes };
    }
    const keys: string[] = [];
    const flow = text.charCodeAt(startOf(text, this.log.at(node))) === 123;
    for (let i = 0; i < children.length; i++) {
      const key = children[i]!;
      // Where a block mapping ends (`...`, the end of the text), js-yaml tries one more key and finds nothing.
      if (this.kind(key) === KIND_NONE && i === children.length - 1) break;
      const keyStart = startOf(text, this.log.at(key));
      if (!this.isKey(key, keyStart)) throw ABORT;
      const keyEnd = this.endOf(key, keyStart);
      const name = this.results ? keyText(this.results[this.closes[key]!]) : keyAsWritten(text, keyStart, keyEnd);
      const next = children[i + 1];
      let valueStart: number;
      let valueEnd: number;
      const hasValue = next !== undefined && !this.isKey(next, startOf(text, this.log.at(next)));
      if (hasValue) i++;
      if (hasValue && this.kind(next) !== KIND_NONE) {
        valueStart = startOf(text, this.log.at(next));
        valueEnd = this.endOf(next, valueStart);
        nodes.push(next);
      } else {
        // No value written (`key:`): the exact path places the empty value past the colon and the
        // spaces after it (and, in a flow mapping, line breaks).
        valueStart = text.indexOf(':', keyEnd) + 1;
        for (let c = text.charCodeAt(valueStart); c === 32 || c === 9 || (flow && (c === 10 || c === 13)); c = text.charCodeAt(valueStart)) valueStart++;
        valueEnd = valueStart;
        nodes.push(-1);
      }
      keys.push(name);
      spans.push(keyStart, keyEnd, valueStart, valueEnd);
    }
    return { keys, spans, nodes };
  }

  /** A node followed on its line by `:` is a mapping key; a collection or an empty node as a key is left to the exact path. */
  private isKey(node: number, start: number): boolean {
    const text = this.text;
    let i = this.close(node);
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    if (text.charCodeAt(i) !== 58 || i <= start) return false;
    if (this.kind(node) !== KIND_SCALAR) throw ABORT;
    return true;
  }

  /**
   * Where a node's text ends, as the `yaml` package's range counts it. A block collection ends with
   * its last entry's line: the chain of last entries is followed down without recursion, then the
   * ends are set on the way back up.
   */
  private endOf(node: number, start: number): number {
    const known = this.ends.get(node);
    if (known !== undefined) return known;
    const chain: number[] = [];
    let n = node;
    let s = start;
    let end: number;
    for (;;) {
      const direct = this.directEnd(n, s);
      if (direct !== undefined) {
        end = direct;
        break;
      }
      chain.push(n);
      const children = this.children(n);
      const last = children[children.length - 1];
      if (last === undefined) {
        end = trimEnd(this.text, s, this.close(n));
        break;
      }
      const lastEnd = this.ends.get(last);
      if (lastEnd !== undefined) {
        end = lastEnd;
        break;
      }
      n = last;
      s = startOf(this.text, this.log.at(last));
    }
    if (chain[chain.length - 1] !== n) this.ends.set(n, end);
    // Each block collection of the chain ends on its last entry's line.
    for (let k = chain.length - 1; k >= 0; k--) {
      end = lineEnd(this.text, end);
      this.ends.set(chain[k]!, end);
    }
    return end;
  }

  /** The end of a scalar or a flow collection; undefined for a block collection. */
  private directEnd(node: number, start: number): number | undefined {
    const text = this.text;
    const c = text.charCodeAt(start);
    const kind = this.kind(node);
    if (kind === KIND_SCALAR || kind === KIND_NONE) {
      if (c === 34 || c === 39 || c === 91 || c === 123) return this.close(node);
      if (c === 124 || c === 62) return blockScalarEnd(text, start, this.close(node));
      return trimEnd(text, start, this.close(node));
    }
    if (c === 91 || c === 123) return this.close(node);
    return undefined;
  }
}

/**
 * Parse with js-yaml and place every container from its events (as the fast path does for the
 * pointers asked for): the value and its positions, the same spans the exact path records.
 * Undefined for a shape the events do not place (an explicit `?` key, a key that is not a string
 * or number, a flow pair in a sequence, a tag): the exact path places those.
 */
export function yamlPositions(text: string, maxDepth: number): { value: unknown; locations: LocationIndex } | undefined {
  const out = parseYamlFast(text, { maxDepth, maxAliases: 0 });
  if (!out) return undefined;
  const { value, locations } = out;
  // Every container, from the root down: what the exact path records.
  const stack: Array<{ v: unknown; segments: string[] }> = [{ v: value, segments: [] }];
  while (stack.length > 0) {
    const { v, segments } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    for (const key of Object.keys(v)) {
      const child = [...segments, key];
      locations.find(value, child, 'value');
      stack.push({ v: (v as Record<string, unknown>)[key], segments: child });
    }
  }
  return (locations as LazyYamlLocations).placedBy === 'exact path' ? undefined : { value, locations };
}

/**
 * A key's name as its text spells it: a plain key as written (js-yaml's `200` is the key `200`;
 * a text that names no key of the mapping, such as `1.0` for `1`, is refused later), a
 * single-quoted one with `''` read as `'`, a double-quoted one without escapes; else ABORT.
 */
function keyAsWritten(text: string, start: number, end: number): string {
  const c = text.charCodeAt(start);
  if (c === 39) return text.slice(start + 1, end - 1).replaceAll("''", "'");
  if (c === 34) {
    const inner = text.slice(start + 1, end - 1);
    if (inner.includes('\\')) throw ABORT;
    return inner;
  }
  return text.slice(start, end);
}

/** A key as the exact path spells it: strings as they are, numbers and booleans as JavaScript prints them. */
function keyText(result: unknown): string {
  if (typeof result === 'string') return result;
  if (typeof result === 'number' || typeof result === 'boolean') return String(result);
  throw ABORT;
}

/** Where a node's text starts: past spaces, line breaks and comments from where composing began. */
function startOf(text: string, from: number): number {
  const i = skipToNode(text, from);
  const c = text.charCodeAt(i);
  // A tag, an anchor or an alias (never met here: anchors take the exact path), or an explicit key.
  if (c === 33 || c === 38 || c === 42) throw ABORT;
  return i;
}

/** Past spaces, line breaks, comments and a byte order mark. */
function skipToNode(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 35) {
      while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 0xfeff) i++;
    else break;
  }
  return i;
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
