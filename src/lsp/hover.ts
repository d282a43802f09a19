/**
 * Hover text for connector keys and `x-cdp-*` extensions: the `description` the editor schema
 * (schemas/connector.schema.json, JSON Schema draft-07) gives the property under the cursor.
 */
import editorSchema from '../../schemas/connector.schema.json' with { type: 'json' };
import { yamlLib } from '../util/deps.js';

type SchemaNode = { [key: string]: unknown };

const ROOT = editorSchema as unknown as SchemaNode;

/** The keys at the root of the hub layout that the OpenAPI-root layout also has at its root. */
const CONNECTOR_ROOT_KEYS = new Set(Object.keys((ROOT['properties'] ?? {}) as object).filter((k) => k !== 'resources'));

function isNode(v: unknown): v is SchemaNode {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Follow a local `#/definitions/...` reference; anything else is returned as it is. */
function deref(node: SchemaNode): SchemaNode {
  let cur = node;
  for (let hops = 0; hops < 32 && typeof cur['$ref'] === 'string'; hops++) {
    const ref = cur['$ref'] as string;
    if (!ref.startsWith('#/')) break;
    let target: unknown = ROOT;
    for (const part of ref.slice(2).split('/')) target = isNode(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    if (!isNode(target)) break;
    cur = target;
  }
  return cur;
}

/** The schemas a value at `segment` below `node` may match (several through allOf/anyOf/oneOf). */
function children(node: SchemaNode, segment: string): SchemaNode[] {
  const out: SchemaNode[] = [];
  const visit = (raw: SchemaNode, depth: number): void => {
    if (depth > 8) return;
    const n = deref(raw);
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

function descriptionOf(node: SchemaNode): string | undefined {
  if (typeof node['description'] === 'string') return node['description'];
  const target = deref(node);
  return typeof target['description'] === 'string' ? target['description'] : undefined;
}

/** An `x-cdp-*` key's description from its definition, for places the walk cannot reach (a misplaced extension too). */
function extensionDescription(key: string): string | undefined {
  const definitions = ROOT['definitions'];
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
 * connector lists beside it) instead of under `resources`.
 */
export function describeKey(path: readonly string[], openapiRoot: boolean): string | undefined {
  if (path.length === 0) return undefined;
  const key = path[path.length - 1]!;
  const walked = openapiRoot && !CONNECTOR_ROOT_KEYS.has(path[0]!) ? ['resources', ...path] : [...path];
  let nodes: SchemaNode[] = [ROOT];
  for (const segment of walked) {
    nodes = nodes.flatMap((n) => children(n, segment));
    if (nodes.length === 0) break;
  }
  for (const n of nodes) {
    const d = descriptionOf(n);
    if (d !== undefined) return d;
  }
  return key.startsWith('x-cdp-') ? extensionDescription(key) : undefined;
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
