/**
 * YAML loading through the `yaml` package (source ranges on every node), turned into plain values
 * plus the same LocationIndex the JSON parser fills. Nesting is measured on the package's concrete
 * syntax tree (built iteratively) before its recursive composer runs, and aliases are expanded with
 * a budget, so deep nesting and alias bombs end in a diagnostic, not a stack overflow or a hang.
 */
import type { CST, Node, Document } from 'yaml';
import { yamlLib } from '../util/deps.js';

type Yaml = typeof import('yaml');
const isAlias = ((n: unknown) => yamlLib().isAlias(n)) as Yaml['isAlias'];
const isMap = ((n: unknown) => yamlLib().isMap(n)) as Yaml['isMap'];
const isPair = ((n: unknown) => yamlLib().isPair(n)) as Yaml['isPair'];
const isScalar = ((n: unknown) => yamlLib().isScalar(n)) as Yaml['isScalar'];
const isSeq = ((n: unknown) => yamlLib().isSeq(n)) as Yaml['isSeq'];
import { keyIndex, LocationIndex, type ContainerLoc } from './locations.js';
import { depthMessage, type ParseOutput, type ParseProblem } from './json.js';
import { escapeSegment } from '../model/pointer.js';

export interface YamlLimits {
  maxDepth: number;
  maxAliases: number;
}

class LimitExceeded extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly kind: ParseProblem['kind'],
  ) {
    super(message);
  }
}

/** The yaml package composes recursively and overflows the stack long before this, whatever --max-depth says. */
const READER_MAX_DEPTH = 10_000;

const TOO_DEEP_FOR_READER = 'The YAML is nested too deeply for the YAML reader (it ran out of stack); flatten the document or lower --max-depth';

/** Parse YAML text; never throws for bad input. */
export function parseYaml(source: string, limits: YamlLimits): ParseOutput {
  // A lone CR (old Mac files) is a line break in YAML 1.2 (section 5.4), which the yaml package does
  // not take. An LF in its place keeps every offset, and line breaks in scalars read as LF anyway.
  const text = source.includes('\r') ? source.replace(/\r(?!\n)/g, '\n') : source;
  const locations = new LocationIndex();
  const problems: ParseProblem[] = [];
  const fail = (problem: ParseProblem): ParseOutput => {
    problems.push(problem);
    return { value: undefined, locations, problems, ok: false };
  };
  const read = readDocument(text, limits.maxDepth);
  if ('problem' in read) return fail(read.problem);
  const doc = read.doc;
  // Only the first error: later ones are mostly consequences of it, as in ESLint's single fatal parse error.
  const err = doc.errors[0];
  if (err) {
    const tooDeep = err.message.includes('Maximum call stack');
    const start = tooDeep ? 0 : pastIndent(text, err.pos[0]);
    return fail({
      kind: tooDeep ? 'depth' : 'syntax',
      message: tooDeep ? TOO_DEEP_FOR_READER : syntaxMessage(err.message, text, start),
      offset: start,
      end: tooDeep ? 0 : start + (err.pos[1] - err.pos[0]),
    });
  }
  if (!doc.contents) {
    const what = text.length === 0 ? 'The file is empty' : text.trim() === '' ? 'The file contains only whitespace' : 'The file contains only comments';
    return fail({ kind: 'syntax', message: `${what}: expected a YAML mapping`, offset: 0, end: 0 });
  }
  const builder = new Builder({ doc, text, locations, limits, problems });
  try {
    const value = builder.build(doc.contents as Node, 0, '');
    const range = (doc.contents as Node).range;
    if (range) locations.rootSpan = { start: range[0], end: range[1] };
    return { value, locations, problems, ok: true };
  } catch (e) {
    if (e instanceof LimitExceeded) return fail({ kind: e.kind, message: e.message, offset: e.offset, end: e.offset });
    if (e instanceof RangeError) return fail({ kind: 'depth', message: TOO_DEEP_FOR_READER, offset: 0, end: 0 });
    throw e;
  }
}

/**
 * The nesting check of the exact path alone, streaming (bounded memory): where a document larger
 * than the exact path reads is first nested deeper than `maxDepth`, if it is.
 */
export function yamlDepthProblem(text: string, maxDepth: number): ParseProblem | undefined {
  const early = lexicallyTooDeepAt(text, Math.min(maxDepth, READER_MAX_DEPTH));
  if (early === undefined) return undefined;
  if (maxDepth > READER_MAX_DEPTH) return { kind: 'depth', message: TOO_DEEP_FOR_READER, offset: early, end: early + 1 };
  // The first look ignores the block nesting around the brackets: the text up to where it
  // stopped (whose nesting is bounded) tells exactly where the limit is first crossed.
  const exact = tooDeepAt(Array.from(new (yamlLib().Parser)().parse(text.slice(0, early + 1))), maxDepth) ?? early;
  return { kind: 'depth', message: depthMessage(maxDepth), offset: exact, end: exact + 1 };
}

/** Tokenise (iteratively), check the nesting, then compose the first document. */
function readDocument(text: string, maxDepth: number): { doc: Document.Parsed } | { problem: ParseProblem } {
  try {
    const early = yamlDepthProblem(text, maxDepth);
    if (early) return { problem: early };
    const tokens = Array.from(new (yamlLib().Parser)().parse(text));
    const deep = tooDeepAt(tokens, maxDepth);
    if (deep !== undefined) return { problem: { kind: 'depth', message: depthMessage(maxDepth), offset: deep, end: deep + 1 } };
    const composer = new (yamlLib().Composer)({ uniqueKeys: false, strict: true, keepSourceTokens: false });
    let doc: Document.Parsed | undefined;
    for (const d of composer.compose(tokens, true, text.length)) {
      if (!doc) {
        doc = d;
        continue;
      }
      // An error in the first document comes first.
      if (doc.errors.length > 0) break;
      const at = d.range[0];
      return {
        problem: {
          kind: 'syntax',
          message: 'A second YAML document starts here; a connector definition is a single document (remove the extra `---` or split the file)',
          offset: at,
          end: at,
        },
      };
    }
    // compose(…, forceDoc = true) always yields a document, even for an empty text.
    return { doc: doc! };
  } catch (e) {
    if (e instanceof RangeError) return { problem: { kind: 'depth', message: TOO_DEEP_FOR_READER, offset: 0, end: 0 } };
    return { problem: { kind: 'syntax', message: `The YAML cannot be read: ${(e as Error)?.message ?? String(e)}`, offset: 0, end: 0 } };
  }
}

/**
 * A streaming first look, before the parser builds its tree (which, for megabytes of `[`, would
 * exhaust memory): the offset where flow brackets, or `- `/`? ` indicators on one line, alone
 * open more than `maxDepth` collections. Both only ever under-count nesting, so this never
 * refuses a document the exact check below would accept. Offsets are counted as the parser does.
 */
function lexicallyTooDeepAt(text: string, maxDepth: number): number | undefined {
  let offset = 0;
  let flow = 0;
  let compact = 0;
  let atScalar = false;
  for (const source of new (yamlLib().Lexer)().lex(text)) {
    if (atScalar) {
      atScalar = false;
      compact = 0;
      offset += source.length;
      continue;
    }
    const type = yamlLib().CST.tokenType(source);
    if (type === 'scalar') {
      atScalar = true;
      continue;
    }
    if (type === 'doc-mode') continue;
    if (type === 'flow-error-end') {
      flow = 0;
      continue;
    }
    if (type === 'flow-seq-start' || type === 'flow-map-start') {
      if (++flow > maxDepth) return offset;
    } else if (type === 'flow-seq-end' || type === 'flow-map-end') {
      if (flow > 0) flow--;
    } else if ((type === 'seq-item-ind' || type === 'explicit-key-ind') && flow === 0) {
      if (++compact > maxDepth) return offset;
    } else if (type === 'newline') {
      compact = 0;
    } else if (type !== 'space') {
      compact = 0;
    }
    offset += source.length;
  }
  return undefined;
}

/** Offset of the first collection nested deeper than `maxDepth` (the root collection is level 1), walking the syntax tree with a stack. */
function tooDeepAt(tokens: CST.Token[], maxDepth: number): number | undefined {
  let first: number | undefined;
  const stack: Array<{ token: CST.Token | null | undefined; depth: number }> = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (!token) continue;
    if (token.type === 'document') {
      stack.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth >= maxDepth) {
        if (first === undefined || token.offset < first) first = token.offset;
        continue;
      }
      for (const item of token.items as CST.CollectionItem[]) {
        stack.push({ token: item.key, depth: depth + 1 }, { token: item.value, depth: depth + 1 });
      }
    }
  }
  return first;
}

/** The yaml package puts indentation errors at the start of the line; the author needs the misplaced key or item. */
function pastIndent(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] !== '\n') return offset;
  let i = offset;
  while (text[i] === ' ') i++;
  return i < text.length && text[i] !== '\n' && text[i] !== '\r' ? i : offset;
}

/**
 * Why text after a value is unexpected, when the value starts with a quote or a bracket and goes
 * on after it closes (`summary: {id} of the user`, `title: "Beta" API`): YAML reads `{...}` as a
 * mapping, `[...]` as a list and `"..."` as the whole string, so the rest of the line cannot follow.
 * '' when the line is not like that.
 */
function afterClosedValue(text: string, offset: number): string {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  let lineEnd = text.length;
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lineEnd = i;
      break;
    }
  }
  // The value: after `key: ` or `- `, up to the end of the line (a comment included: it is rare here).
  const m = /^\s*(?:-\s+)*(?:[^\s#'"[{][^#]*?:\s+)?(["'[{])/.exec(text.slice(lineStart, offset));
  if (!m) return '';
  const valueStart = lineStart + m[0].length - 1;
  const value = text.slice(valueStart, lineEnd).trimEnd();
  const what = m[1] === '{' ? 'a mapping' : m[1] === '[' ? 'a list' : 'the whole string';
  const quoted = value.includes("'") ? `"${value.replace(/["\\]/g, '\\$&')}"` : `'${value}'`;
  return `: a value that starts with \`${m[1]}\` is read as ${what} up to its closing \`${m[1] === '{' ? '}' : m[1] === '[' ? ']' : m[1]}\`, and nothing may follow it on the line; quote the whole value (${quoted})`;
}

/** The yaml package's message, or ours where we can say why in the author's terms. */
function syntaxMessage(message: string, text: string, offset: number): string {
  const plain = yamlMessage(message);
  const hint = / at node end$/.test(plain) ? afterClosedValue(text, offset) : '';
  return hint ? `Unexpected text after the value${hint}` : plain;
}

/** The yaml package's messages carry their own "at line x" suffix; positions are ours. */
export function yamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

class Builder {
  /** Nodes added by expanding aliases so far (counted once, at the outermost alias). */
  private expanded = 0;
  /** > 0 while building the target of an alias: nested aliases are already in the outer count. */
  private insideAlias = 0;
  /** Where each anchored collection is written (outside any alias): the pointer its aliases are reported at. */
  private readonly anchorPointers = new Map<Node, string>();
  private readonly sizes = new Map<Node, number>();
  private readonly targets: Map<Node, Node | undefined>;
  private readonly text: string;
  private readonly locations: LocationIndex;
  private readonly limits: YamlLimits;
  private readonly problems: ParseProblem[];

  constructor(opts: { doc: Document.Parsed; text: string; locations: LocationIndex; limits: YamlLimits; problems: ParseProblem[] }) {
    this.targets = aliasTargets(opts.doc.contents as Node | null);
    this.text = opts.text;
    this.locations = opts.locations;
    this.limits = opts.limits;
    this.problems = opts.problems;
  }

  build(node: Node | null, depth: number, pointer: string): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.alias(node, depth, pointer);
    if (isScalar(node)) return scalarValue(node);
    if (!isMap(node) && !isSeq(node)) return null;
    if (this.insideAlias === 0 && (node as Node & { anchor?: string }).anchor) this.anchorPointers.set(node, pointer);
    // Aliases can nest an anchored collection deeper than where it is written: checked here too.
    if (depth >= this.limits.maxDepth) throw new LimitExceeded(depthMessage(this.limits.maxDepth), node.range?.[0] ?? 0, 'depth');
    return isMap(node) ? this.map(node, depth, pointer) : this.seq(node, depth, pointer);
  }

  private alias(node: Node & { source: string }, depth: number, pointer: string): unknown {
    const target = this.aliasTarget(node);
    const anchorPointer = this.anchorPointers.get(target);
    if (this.insideAlias === 0 && anchorPointer !== undefined) this.locations.aliases.set(pointer, anchorPointer);
    return this.expand(target, depth, pointer);
  }

  /** The node an alias stands for, its expansion counted against the alias budget (throws past it, for an unknown anchor or a cycle). */
  private aliasTarget(node: Node & { source: string }): Node {
    const target = this.targets.get(node);
    const at = node.range?.[0] ?? 0;
    if (!target) throw new LimitExceeded(`Unknown alias \`*${node.source}\`: no anchor \`&${node.source}\` before it`, at, 'syntax');
    const size = this.expandedSize(target);
    if (size === CYCLE) throw new LimitExceeded(`Alias \`*${node.source}\` is inside the node it refers to, which would repeat forever`, at, 'syntax');
    if (this.insideAlias === 0) this.expanded += size;
    if (size > this.limits.maxAliases || this.expanded > this.limits.maxAliases) {
      throw new LimitExceeded(
        `YAML aliases expand to more than ${this.limits.maxAliases} nodes; cdp-lint stops here (raise --max-aliases if this is intended)`,
        at,
        'limit',
      );
    }
    return target;
  }

  /** An alias's target, built afresh at each use (within the budget), so the depth check sees where the copy really sits. */
  private expand(target: Node, depth: number, pointer: string): unknown {
    this.insideAlias++;
    try {
      return this.build(target, depth, pointer);
    } finally {
      this.insideAlias--;
    }
  }

  /** Number of nodes `node` stands for once every alias inside it is expanded (memoised, capped); CYCLE for an alias inside its own anchor. */
  private expandedSize(node: Node): number {
    const known = this.sizes.get(node);
    if (known !== undefined) return known;
    const cap = this.limits.maxAliases + 1;
    this.sizes.set(node, CYCLE); // met again before it is sized: the alias is inside its own anchor
    let n = 1;
    if (isAlias(node)) {
      const target = this.targets.get(node);
      n = target ? this.expandedSize(target) : 1;
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (n >= cap) break;
        const parts = isPair(item) ? [item.key as Node | null, item.value as Node | null] : [item as Node | null];
        for (const part of parts) {
          if (!part) continue;
          const size = this.expandedSize(part);
          if (size === CYCLE) {
            n = CYCLE;
            break;
          }
          n += size;
        }
        if (n === CYCLE) break;
      }
    }
    if (n !== CYCLE) n = Math.min(n, cap);
    this.sizes.set(node, n);
    return n;
  }

  private map(node: Node, depth: number, pointer: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const loc: ContainerLoc = { keys: [], spans: [] };
    this.locations.set(out, loc);
    if (!isMap(node)) return out;
    // Keys written in this mapping win over merged ones, wherever the merge key stands.
    const written = node.items.some((p) => isPair(p) && isMergeKey(p.key as Node | null)) ? this.writtenKeys(node) : undefined;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      if (written !== undefined && isMergeKey(keyNode)) {
        this.merge(pair.value as Node | null, { out, loc, written, depth, pointer, keyAt: keyNode!.range?.[0] ?? 0 });
        continue;
      }
      const key = this.keyText(keyNode);
      const keyRange = keyNode?.range ?? [0, 0, 0];
      const valueNode = pair.value as Node | null;
      const valueRange = valueNode?.range ?? [keyRange[1], keyRange[1], keyRange[1]];
      const childPointer = pointer + '/' + escapeSegment(key);
      // A duplicate inside an anchored node is reported once, where it is written, not at each alias.
      if (Object.prototype.hasOwnProperty.call(out, key) && this.insideAlias === 0) {
        this.problems.push({ kind: 'duplicate-key', message: key, offset: keyRange[0], end: keyRange[1], pointer: childPointer });
      }
      const value = this.build(valueNode, depth + 1, childPointer);
      // Own data property even for `__proto__`: a key is data, never a prototype.
      Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      loc.keys!.push(key);
      loc.spans.push(keyRange[0], keyRange[1], valueRange[0], valueRange[1]);
    }
    return out;
  }

  /** The keys a mapping writes itself (not through a merge key). */
  private writtenKeys(node: Node): Set<string> {
    const out = new Set<string>();
    if (isMap(node)) for (const p of node.items) if (isPair(p) && !isMergeKey(p.key as Node | null)) out.add(this.keyText(p.key as Node | null));
    return out;
  }

  /**
   * A merge key (YAML 1.1, `<<: *base`, `<<: [*a, *b]` or `<<: {...}`): this mapping takes each
   * entry of the mappings named that it does not write itself, the first mapping named winning.
   * Each merged entry keeps the position where it is written; through an alias, that is in the
   * anchor, where a problem in it is reported once. Aliases count against the alias budget as
   * anywhere else.
   */
  private merge(valueNode: Node | null, into: { out: Record<string, unknown>; loc: ContainerLoc; written: Set<string>; depth: number; pointer: string; keyAt: number }): void {
    for (const source of this.mergeSources(valueNode, into.keyAt)) {
      const target = isAlias(source) ? this.aliasTarget(source) : source;
      const built = (isAlias(source) ? this.expand(target, into.depth, into.pointer) : this.build(target, into.depth, into.pointer)) as Record<string, unknown>;
      const from = this.locations.get(built);
      if (from?.keys == null) continue;
      const anchor = isAlias(source) && this.insideAlias === 0 ? this.anchorPointers.get(target) : undefined;
      for (const key of Object.keys(built)) {
        if (into.written.has(key) || Object.prototype.hasOwnProperty.call(into.out, key)) continue;
        Object.defineProperty(into.out, key, { value: built[key], writable: true, enumerable: true, configurable: true });
        const i = keyIndex(from, from.keys, key);
        into.loc.keys!.push(key);
        into.loc.spans.push(from.spans[i * 4]!, from.spans[i * 4 + 1]!, from.spans[i * 4 + 2]!, from.spans[i * 4 + 3]!);
        if (anchor !== undefined) this.locations.aliases.set(into.pointer + '/' + escapeSegment(key), anchor + '/' + escapeSegment(key));
      }
    }
  }

  /** The mappings a merge key names (aliases left for merge() to expand); throws when its value is anything else. */
  private mergeSources(valueNode: Node | null, keyAt: number): Node[] {
    const isMapping = (n: Node | null): n is Node => n !== null && (isMap(n) || (isAlias(n) && isMap(this.targets.get(n) ?? null)));
    if (isMapping(valueNode)) return [valueNode];
    const list = valueNode !== null && isAlias(valueNode) ? this.targets.get(valueNode) : valueNode;
    if (list && isSeq(list)) {
      const items = list.items as Array<Node | null>;
      const bad = items.findIndex((n) => !isMapping(n));
      if (bad < 0) return items as Node[];
      const at = items[bad]?.range?.[0] ?? list.range?.[0] ?? 0;
      throw new LimitExceeded(`${MERGE_TAKES}; item ${bad + 1} of its list is ${yamlKind(items[bad] ?? null, this.targets)}`, at, 'syntax');
    }
    const at = (valueNode as Node | null)?.range?.[0] ?? keyAt;
    throw new LimitExceeded(`${MERGE_TAKES}; here its value is ${yamlKind(valueNode, this.targets)}`, at, 'syntax');
  }

  /** A key as a string: scalars by value; a collection or alias key by its source text (never expanded). */
  private keyText(keyNode: Node | null): string {
    if (!keyNode) return '';
    if (isScalar(keyNode)) {
      const v = scalarValue(keyNode);
      return typeof v === 'string' ? v : v === null ? '' : String(v);
    }
    if (isAlias(keyNode)) {
      const target = this.targets.get(keyNode);
      if (target && isScalar(target)) return this.keyText(target);
    }
    const r = keyNode.range;
    return r ? this.text.slice(r[0], r[1]) : '';
  }

  private seq(node: Node, depth: number, pointer: string): unknown[] {
    const out: unknown[] = [];
    const loc: ContainerLoc = { keys: null, spans: [] };
    this.locations.set(out, loc);
    if (!isSeq(node)) return out;
    node.items.forEach((item, i) => {
      const itemNode = item as Node | null;
      out.push(this.build(itemNode, depth + 1, pointer + '/' + i));
      const r = itemNode?.range ?? [0, 0, 0];
      loc.spans.push(r[0], r[1]);
    });
    return out;
  }
}

const CYCLE = -1;

const MERGE_TAKES = 'The merge key `<<` takes a mapping, an alias of one (`<<: *base`) or a list of them (`<<: [*a, *b]`)';

/**
 * A merge key: `<<` written plainly, as YAML 1.1's merge type (https://yaml.org/type/merge.html)
 * and the OpenAPI tools built on js-yaml read it. A quoted `"<<"` is an ordinary key.
 */
function isMergeKey(key: Node | null): boolean {
  return key !== null && isScalar(key) && (key as Node & { type?: string }).type === 'PLAIN' && (key as Node & { value: unknown }).value === '<<';
}

/** "a number", "a list", "a string", "empty"... for a merge key's wrong value. */
function yamlKind(node: Node | null, targets: Map<Node, Node | undefined>): string {
  const n = node !== null && isAlias(node) ? (targets.get(node) ?? null) : node;
  if (n === null) return 'nothing';
  if (isSeq(n)) return 'a list';
  if (isMap(n)) return 'a mapping';
  const v = (n as Node & { value: unknown }).value;
  return v === null ? 'empty' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : 'a string';
}

/** JSON values only: YAML 1.1 timestamps, binary and other typed scalars keep their source text. */
function scalarValue(node: Node): unknown {
  const v = (node as Node & { value: unknown }).value;
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  const source = (node as Node & { source?: unknown }).source;
  return typeof source === 'string' ? source : String(v);
}

/**
 * Each alias's anchored node: the last node with that anchor before it in document order (the
 * yaml package's rule). One iterative pass; `Alias.resolve` would re-walk the document per alias.
 */
function aliasTargets(root: Node | null): Map<Node, Node | undefined> {
  const out = new Map<Node, Node | undefined>();
  const anchors = new Map<string, Node>();
  const stack: Array<Node | null | undefined> = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    if (isAlias(node)) {
      out.set(node, anchors.get(node.source));
      continue;
    }
    const anchor = (node as Node & { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    if (isMap(node) || isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        if (isPair(item)) stack.push(item.value as Node | null, item.key as Node | null);
        else stack.push(item as Node | null);
      }
    }
  }
  return out;
}
