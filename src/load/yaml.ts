/**
 * YAML loading through the `yaml` package (source ranges on every node), turned into plain values
 * plus the same LocationIndex the JSON parser fills. Aliases are expanded with a budget, so an
 * alias bomb ends in a diagnostic instead of exhausting memory or time.
 */
import { parseDocument, isAlias, isMap, isPair, isScalar, isSeq, type Node, type Document } from 'yaml';
import { LocationIndex, type ContainerLoc } from './locations.js';
import type { ParseOutput, ParseProblem } from './json.js';
import { escapeSegment } from '../model/pointer.js';

export interface YamlLimits {
  maxDepth: number;
  maxAliases: number;
}

class LimitExceeded extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly kind: 'depth' | 'syntax',
  ) {
    super(message);
  }
}

/** Parse YAML text; never throws for bad input. */
export function parseYaml(text: string, limits: YamlLimits): ParseOutput {
  const locations = new LocationIndex();
  const problems: ParseProblem[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, strict: true, keepSourceTokens: false });
  } catch (e) {
    if (e instanceof RangeError) {
      problems.push({ kind: 'depth', message: 'The YAML is nested too deeply to read', offset: 0, end: 0 });
      return { value: undefined, locations, problems, ok: false };
    }
    throw e;
  }
  // Only the first error: later ones are mostly consequences of it, as in ESLint's single fatal parse error.
  const err = doc.errors[0];
  if (err) {
    const tooDeep = err.message.includes('Maximum call stack');
    problems.push({
      kind: tooDeep ? 'depth' : 'syntax',
      message: tooDeep ? 'The YAML is nested too deeply to read' : yamlMessage(err.message),
      offset: tooDeep ? 0 : err.pos[0],
      end: tooDeep ? 0 : err.pos[1],
    });
    return { value: undefined, locations, problems, ok: false };
  }
  if (!doc.contents) {
    problems.push({ kind: 'syntax', message: 'The file is empty: expected a YAML mapping', offset: 0, end: 0 });
    return { value: undefined, locations, problems, ok: false };
  }
  const builder = new Builder(doc, locations, limits, problems);
  try {
    const value = builder.build(doc.contents as Node, 0, '');
    const range = (doc.contents as Node).range;
    if (range) locations.rootSpan = { start: range[0], end: range[1] };
    return { value, locations, problems, ok: true };
  } catch (e) {
    if (e instanceof LimitExceeded) {
      problems.push({ kind: e.kind, message: e.message, offset: e.offset, end: e.offset });
      return { value: undefined, locations, problems, ok: false };
    }
    if (e instanceof RangeError) {
      problems.push({ kind: 'depth', message: 'The YAML is nested too deeply to read', offset: 0, end: 0 });
      return { value: undefined, locations, problems, ok: false };
    }
    throw e;
  }
}

/** The yaml package's messages carry their own "at line x" suffix; positions are ours. */
function yamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

class Builder {
  private aliasNodes = 0;
  private readonly anchors = new Map<Node, unknown>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly locations: LocationIndex,
    private readonly limits: YamlLimits,
    private readonly problems: ParseProblem[],
  ) {}

  build(node: Node | null, depth: number, pointer: string): unknown {
    if (node === null || node === undefined) return null;
    if (depth > this.limits.maxDepth) {
      throw new LimitExceeded(
        `Nesting is deeper than ${this.limits.maxDepth} levels; cdp-lint stops here (raise --max-depth if this is intended)`,
        node.range?.[0] ?? 0,
        'depth',
      );
    }
    if (isAlias(node)) return this.alias(node, depth, pointer);
    if (isScalar(node)) return node.value;
    if (isMap(node)) return this.map(node, depth, pointer);
    if (isSeq(node)) return this.seq(node, depth, pointer);
    return null;
  }

  private alias(node: Node & { source: string }, depth: number, pointer: string): unknown {
    const target = isAlias(node) ? node.resolve(this.doc) : undefined;
    if (!target) throw new LimitExceeded(`Unknown alias *${node.source}`, node.range?.[0] ?? 0, 'syntax');
    this.aliasNodes += this.expandedSize(target);
    if (this.aliasNodes > this.limits.maxAliases) {
      throw new LimitExceeded(
        `YAML aliases expand to more than ${this.limits.maxAliases} nodes; cdp-lint stops here (raise --max-aliases if this is intended)`,
        node.range?.[0] ?? 0,
        'syntax',
      );
    }
    const cached = this.anchors.get(target);
    if (cached !== undefined) return cached;
    const value = this.build(target, depth, pointer);
    this.anchors.set(target, value);
    return value;
  }

  private readonly sizes = new Map<Node, number>();

  /** Number of nodes `node` stands for once every alias inside it is expanded (memoised, capped). */
  private expandedSize(node: Node): number {
    const known = this.sizes.get(node);
    if (known !== undefined) return known;
    const cap = this.limits.maxAliases + 1;
    this.sizes.set(node, cap); // a cycle counts as over the budget
    let n = 1;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      n = target ? this.expandedSize(target) : 1;
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (n >= cap) break;
        if (isPair(item)) {
          if (item.key) n += this.expandedSize(item.key as Node);
          if (item.value) n += this.expandedSize(item.value as Node);
        } else if (item) n += this.expandedSize(item as Node);
      }
    }
    n = Math.min(n, cap);
    this.sizes.set(node, n);
    return n;
  }

  private map(node: Node, depth: number, pointer: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const loc: ContainerLoc = { keys: [], spans: [] };
    this.locations.set(out, loc);
    if (!isMap(node)) return out;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const rawKey = keyNode && isScalar(keyNode) ? keyNode.value : keyNode ? keyNode.toJSON() : null;
      const key = typeof rawKey === 'string' ? rawKey : rawKey === null ? '' : typeof rawKey === 'object' ? JSON.stringify(rawKey) : String(rawKey);
      const keyRange = keyNode?.range ?? [0, 0, 0];
      const valueNode = pair.value as Node | null;
      const valueRange = valueNode?.range ?? [keyRange[1], keyRange[1], keyRange[1]];
      const childPointer = pointer + '/' + escapeSegment(key);
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        this.problems.push({ kind: 'duplicate-key', message: key, offset: keyRange[0], end: keyRange[1], pointer: childPointer });
      }
      const value = this.build(valueNode, depth + 1, childPointer);
      if (key === '__proto__') Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      else out[key] = value;
      loc.keys!.push(key);
      loc.spans.push(keyRange[0], keyRange[1], valueRange[0], valueRange[1]);
    }
    return out;
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
