/**
 * Hover text for connector keys and `x-cdp-*` extensions: the `description` the editor schemas (JSON
 * Schema draft-07) give the property under the cursor: schemas/connector.schema.json for the hub
 * layout, schemas/connector-openapi.schema.json for OpenAPI at the root.
 */
import hubSchema from '../../schemas/connector.schema.json' with { type: 'json' };
import openapiSchema from '../../schemas/connector-openapi.schema.json' with { type: 'json' };
import { yamlLib } from '../util/deps.js';

type SchemaNode = { [key: string]: unknown };

const HUB = hubSchema as unknown as SchemaNode;
const OPENAPI_ROOT = openapiSchema as unknown as SchemaNode;

function isNode(v: unknown): v is SchemaNode {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Follow a local `#/definitions/...` reference within `root`; anything else is returned as it is. */
function deref(root: SchemaNode, node: SchemaNode): SchemaNode {
  let cur = node;
  for (let hops = 0; hops < 32 && typeof cur['$ref'] === 'string'; hops++) {
    const ref = cur['$ref'] as string;
    if (!ref.startsWith('#/')) break;
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) target = isNode(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    if (!isNode(target)) break;
    cur = target;
  }
  return cur;
}

/** The schemas a value at `segment` below `node` may match (several through allOf/anyOf/oneOf). */
function children(root: SchemaNode, node: SchemaNode, segment: string): SchemaNode[] {
  const out: SchemaNode[] = [];
  const visit = (raw: SchemaNode, depth: number): void => {
    if (depth > 8) return;
    const n = deref(root, raw);
    const props = n['properties'];
    if (isNode(props) && isNode(props[segment])) out.push(props[segment]);
    const patterns = n['patternProperties'];
    if (isNode(patterns)) {
      for (const [pattern, sub] of Object.entries(patterns)) {
        if (!isNode(sub)) continue;
        try {
          if (new RegExp(pattern, 'u').test(segment)) out.push(sub);
        } catch {
          // a pattern this engine does not read gives no hover
        }
      }
    }
    if (/^(0|[1-9]\d*)$/.test(segment) && isNode(n['items'])) out.push(n['items']);
    if (isNode(n['additionalProperties']) && !(isNode(props) && segment in props)) out.push(n['additionalProperties']);
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      const list = n[key];
      if (Array.isArray(list)) for (const sub of list) if (isNode(sub)) visit(sub, depth + 1);
    }
  };
  visit(node, 0);
  return out;
}

function descriptionOf(root: SchemaNode, node: SchemaNode): string | undefined {
  if (typeof node['description'] === 'string') return node['description'];
  const target = deref(root, node);
  return typeof target['description'] === 'string' ? target['description'] : undefined;
}

/** An `x-cdp-*` key's description from its definition, for places the walk cannot reach (a misplaced extension too). */
function extensionDescription(root: SchemaNode, key: string): string | undefined {
  const definitions = root['definitions'];
  if (!isNode(definitions)) return undefined;
  // Each extension's definition is titled with its key (`x-cdp-operation-settings`).
  for (const def of Object.values(definitions)) {
    if (isNode(def) && def['title'] === key && typeof def['description'] === 'string') return def['description'];
  }
  return undefined;
}

/**
 * The description of the key at JSON pointer segments `path` (the last segment is the key hovered),
 * or undefined when the editor schema has none. `openapiRoot`: the file has OpenAPI at its root (the
 * connector lists beside it) instead of under `resources`, which selects the schema.
 */
export function describeKey(path: readonly string[], openapiRoot: boolean): string | undefined {
  if (path.length === 0) return undefined;
  const key = path[path.length - 1]!;
  const root = openapiRoot ? OPENAPI_ROOT : HUB;
  let nodes: SchemaNode[] = [root];
  for (const segment of path) {
    nodes = nodes.flatMap((n) => children(root, n, segment));
    if (nodes.length === 0) break;
  }
  // An x-cdp extension that the schema does not name where it stands (a generic `^x-` pattern
  // matches it, or nothing does) is described by its own definition.
  if (key.startsWith('x-cdp-') && !named(root, path)) return extensionDescription(root, key);
  for (const n of nodes) {
    const d = descriptionOf(root, n);
    if (d !== undefined) return d;
  }
  return undefined;
}

/** Whether the schema names the last key of `path` in `properties` where it stands. */
function named(root: SchemaNode, path: readonly string[]): boolean {
  let nodes: SchemaNode[] = [root];
  for (const segment of path.slice(0, -1)) nodes = nodes.flatMap((n) => children(root, n, segment));
  const key = path[path.length - 1]!;
  const has = (raw: SchemaNode, depth: number): boolean => {
    const n = deref(root, raw);
    const props = n['properties'];
    if (isNode(props) && isNode(props[key])) return true;
    return depth < 8 && ['allOf', 'anyOf', 'oneOf'].some((k) => Array.isArray(n[k]) && (n[k] as unknown[]).some((sub) => isNode(sub) && has(sub, depth + 1)));
  };
  return nodes.some((n) => has(n, 0));
}

/** A key under the cursor: its JSON pointer segments, and its UTF-16 offsets in the text. */
export interface KeyAt {
  path: string[];
  /** The keys of the document's root mapping (to tell the hub layout from OpenAPI at the root). */
  rootKeys: string[];
  start: number;
  end: number;
}

interface YamlNode {
  range?: [number, number, number];
  items?: YamlItem[];
}
interface YamlItem {
  key?: { value?: unknown; range?: [number, number, number] } | null;
  value?: YamlNode | null;
  range?: [number, number, number];
}

/**
 * The mapping key under `offset` (JSON or YAML text), with the pointer segments that lead to it, or
 * undefined when the offset is not on a key. JSON is read as YAML 1.2 (a superset of JSON).
 */
export function keyAt(text: string, offset: number): KeyAt | undefined {
  let doc: { contents: unknown };
  try {
    doc = yamlLib().parseDocument(text, { keepSourceTokens: false, uniqueKeys: false }) as unknown as { contents: unknown };
  } catch {
    return undefined;
  }
  const path: string[] = [];
  let node = doc.contents as YamlNode | null | undefined;
  const rootKeys = (node?.items ?? []).map((item) => (item && typeof item === 'object' && 'key' in item ? String(item.key?.value) : ''));
  for (let depth = 0; node && depth < 1000; depth++) {
    const items = node.items;
    if (!Array.isArray(items)) return undefined;
    let next: YamlNode | null | undefined;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const isPair = item !== null && typeof item === 'object' && 'key' in item;
      if (isPair) {
        const k = item.key;
        const kr = k?.range;
        if (kr && offset >= kr[0] && offset <= kr[1]) return { path: [...path, String(k?.value)], rootKeys, start: kr[0], end: kr[1] };
        const vr = item.value?.range;
        if (vr && offset >= vr[0] && offset <= vr[2]) {
          path.push(String(k?.value));
          next = item.value;
          break;
        }
      } else {
        const vr = (item as YamlNode).range;
        if (vr && offset >= vr[0] && offset <= vr[2]) {
          path.push(String(i));
          next = item as YamlNode;
          break;
        }
      }
    }
    node = next;
  }
  return undefined;
}
