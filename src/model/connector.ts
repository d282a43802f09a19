/**
 * The typed model rules work on: the connector's parts (actions, events, listeners, polling
 * configs, enrichment points, config variables) and the OpenAPI parts they point at.
 */
import type { Layout } from '../types.js';
import type { Limits, SourceFile } from '../load/source.js';
import { detectLayout } from '../load/layout.js';
import { Ptr } from './pointer.js';
import { isObject, own, type JsonObject } from './json.js';
import { HTTP_METHODS, TYPES, type Child, type NodeType, type TypeSpec } from './node-types.js';
import type { WalkRoot } from './walk.js';
import { RefResolver } from './refs.js';
import type { RefRootKind } from './ref-root.js';

export interface Located<T = JsonObject> {
  value: T;
  ptr: Ptr;
}

export interface OperationRef extends Located {
  kind: 'path' | 'webhook';
  /** Path template or webhook name. */
  key: string;
  method: string;
}

export interface OasDoc extends Located {
  version: string | undefined;
}

/** A Path Item written as a `$ref` that reaches no object: its key, and why (unresolved-ref reports it). */
export interface UnresolvedItem {
  ptr: Ptr;
  message: string;
}

export interface Connector {
  source: SourceFile;
  layout: Layout;
  /** The file's root value. */
  root: JsonObject;
  /** The OpenAPI document (the root itself, or `resources`), when there is one. */
  oas: OasDoc | undefined;
  storage: Located | undefined;
  paths: Map<string, Located>;
  webhooks: Map<string, Located>;
  operations: OperationRef[];
  /** Operations by kind, then path/webhook key, for O(1) cross-reference lookups (no key string built per lookup). */
  operationsByKey: Record<'path' | 'webhook', Map<string, OperationRef[]>>;
  /** Path Items (paths, webhooks) written as `$ref`s that reach no object, by key: their operations cannot be known. */
  unresolvedItems: Record<'path' | 'webhook', Map<string, UnresolvedItem>>;
  /**
   * What the walk met in other files through `$ref`s, with the type each was walked as (filled by
   * the engine after the walk, so rules read it in `end`), and the type of the object holding each
   * `$ref` that reaches it as that type (`Schema` for `properties: {a: {$ref}}`; null at a root).
   */
  fragments: Array<{ value: unknown; ptr: Ptr; type: NodeType; referrers: Array<NodeType | null> }>;
  /** Memo of resolveOperation, by kind then reference string. */
  resolutions: Record<'path' | 'webhook', Map<string, OperationResolution>>;
  /** configSchema property names with their pointers; undefined when there is no configSchema. */
  configProperties: Map<string, Ptr> | undefined;
  refs: RefResolver;
}

/** Build the model from a parsed source (whose value must be an object). */
export function buildConnector(source: SourceFile, root: JsonObject, options: { refRoot: string; refRootKind?: RefRootKind; maxRefHops: number; limits?: Limits }): Connector {
  const layout = detectLayout(root);
  let oas: OasDoc | undefined;
  let storage: Located | undefined;
  const resources = own(root, 'resources');
  if (layout === 'openapi') oas = { value: root, ptr: Ptr.root, version: versionOf(root) };
  else if (layout === 'hub' && isObject(resources)) oas = { value: resources, ptr: Ptr.of('resources'), version: versionOf(resources) };
  else if (layout === 'storage' && isObject(resources)) storage = { value: resources, ptr: Ptr.of('resources') };

  const refs = new RefResolver({ source, oas, refRoot: options.refRoot, refRootKind: options.refRootKind, maxHops: options.maxRefHops, limits: options.limits });
  const unresolvedItems: Connector['unresolvedItems'] = { path: new Map(), webhook: new Map() };
  const paths = collectMap(oas, 'paths', refs, unresolvedItems.path);
  const webhooks = collectMap(oas, 'webhooks', refs, unresolvedItems.webhook);
  const operations: OperationRef[] = [];
  for (const [kind, map] of [['path', paths], ['webhook', webhooks]] as const) {
    for (const [key, item] of map) {
      for (const method of HTTP_METHODS) {
        const op = own(item.value, method);
        if (isObject(op)) operations.push({ kind, key, method, value: op, ptr: item.ptr.child(method) });
      }
    }
  }
  return {
    source,
    layout,
    root,
    oas,
    storage,
    paths,
    webhooks,
    operations,
    operationsByKey: indexOperations(operations),
    unresolvedItems,
    fragments: [],
    resolutions: { path: new Map(), webhook: new Map() },
    configProperties: configProperties(root),
    refs,
  };
}

function versionOf(doc: JsonObject): string | undefined {
  const v = own(doc, 'openapi') ?? own(doc, 'swagger');
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/**
 * The Path Items of `paths` or `webhooks` by key. A Path Item written as a `$ref` (to another file,
 * or to `components/pathItems`) is the object it reaches, with its pointer there; one that reaches
 * nothing goes to `unresolved` instead.
 */
function collectMap(oas: OasDoc | undefined, key: 'paths' | 'webhooks', refs: RefResolver, unresolved: Map<string, UnresolvedItem>): Map<string, Located> {
  const out = new Map<string, Located>();
  const map = oas ? own(oas.value, key) : undefined;
  if (!oas || !isObject(map)) return out;
  for (const k of Object.keys(map)) {
    const item = map[k];
    if (!isObject(item)) continue;
    const ptr = oas.ptr.child(key).child(k);
    if (typeof own(item, '$ref') !== 'string') {
      out.set(k, { value: item, ptr });
      continue;
    }
    const r = refs.deref(item);
    if (r.ok && isObject(r.value) && r.ptr !== undefined) out.set(k, { value: r.value, ptr: r.ptr });
    else unresolved.set(k, { ptr, message: r.ok ? 'it does not reach an object' : r.message });
  }
  return out;
}

function configProperties(root: JsonObject): Map<string, Ptr> | undefined {
  const schema = own(root, 'configSchema');
  if (!isObject(schema)) return undefined;
  const out = new Map<string, Ptr>();
  const props = own(schema, 'properties');
  if (isObject(props)) for (const k of Object.keys(props)) out.set(k, Ptr.of('configSchema', 'properties', k));
  return out;
}

/** How the walker should start on this connector. */
export function walkRootOf(c: Connector): WalkRoot {
  if (c.layout === 'openapi') {
    const spec: TypeSpec = { props: { ...TYPES.OpenAPI.props, ...TYPES.ConnectorRoot.props } };
    return { value: c.root, type: 'OpenAPI', spec };
  }
  const resources: Child = c.layout === 'storage' ? 'Storage' : 'OpenAPI';
  return { value: c.root, type: 'ConnectorRoot', rootChildren: { resources } };
}

/**
 * What a resourcePath (`/contacts/{id}/put`) or webhookPath (`contactEvent/post`) names: its
 * operation, or why there is none. Every rule that follows such a reference asks here, so they all
 * agree; `resource-path` and `webhook-path` report the reasons, the others stay silent without an
 * operation. `methodCase` carries the operation meant (the method differs only in case).
 */
export type OperationResolution =
  | { ok: true; operation: OperationRef; path: string; method: string }
  | { ok: false; reason: 'noDocument' }
  | { ok: false; reason: 'malformed' }
  | { ok: false; reason: 'noMap'; path: string; method: string }
  | { ok: false; reason: 'noKey'; path: string; method: string }
  /** The Path Item is a `$ref` that reaches nothing: unresolved-ref reports it, nothing else can be judged. */
  | { ok: false; reason: 'unresolvedItem'; path: string; method: string }
  | { ok: false; reason: 'noMethod'; path: string; method: string; methods: string[] }
  | { ok: false; reason: 'methodCase'; path: string; method: string; meant: OperationRef };

/**
 * Resolve a resourcePath (`kind` 'path') or webhookPath (`kind` 'webhook') string to its
 * operation, or a reason; answered once per connector and string. This is also how a new
 * resourcePath-like field (testResourcePath) is resolved.
 */
export function resolveOperation(c: Connector, kind: 'path' | 'webhook', value: string): OperationResolution {
  const memo = c.resolutions[kind];
  let r = memo.get(value);
  if (r === undefined) {
    r = resolveUncached(c, kind, value);
    memo.set(value, r);
  }
  return r;
}

function resolveUncached(c: Connector, kind: 'path' | 'webhook', value: string): OperationResolution {
  if (!c.oas) return { ok: false, reason: 'noDocument' };
  const split = kind === 'path' ? splitResourcePath(value) : splitWebhookPath(value);
  if (!split || split.method === '') return { ok: false, reason: 'malformed' };
  const { path, method } = split;
  const items = kind === 'path' ? c.paths : c.webhooks;
  if (c.unresolvedItems[kind].has(path)) return { ok: false, reason: 'unresolvedItem', path, method };
  if (!items.has(path)) {
    const declared = isObject(own(c.oas.value, kind === 'path' ? 'paths' : 'webhooks'));
    return { ok: false, reason: items.size === 0 && c.unresolvedItems[kind].size === 0 && !declared ? 'noMap' : 'noKey', path, method };
  }
  const same = operationsAt(c, kind, path);
  const exact = same.find((o) => o.method === method);
  if (exact) return { ok: true, operation: exact, path, method };
  const lower = method.toLowerCase();
  const meant = same.find((o) => o.method === lower);
  if (meant) return { ok: false, reason: 'methodCase', path, method, meant };
  return { ok: false, reason: 'noMethod', path, method, methods: same.map((o) => o.method) };
}

/** The operation a resourcePath or webhookPath names, or undefined (see resolveOperation for why not). */
export function operationOf(c: Connector, kind: 'path' | 'webhook', value: unknown): OperationRef | undefined {
  if (typeof value !== 'string') return undefined;
  const r = resolveOperation(c, kind, value);
  return r.ok ? r.operation : undefined;
}

/** Split a webhookPath ("contactEvent/post") at its last slash; undefined without a name or a method. */
function splitWebhookPath(value: string): { path: string; method: string } | undefined {
  const i = value.lastIndexOf('/');
  if (i <= 0 || i === value.length - 1) return undefined;
  return { path: value.slice(0, i), method: value.slice(i + 1) };
}

/** Split a resourcePath ("/contacts/{id}/put") at its last slash into path and method. */
export function splitResourcePath(resourcePath: string): { path: string; method: string } | undefined {
  const i = resourcePath.lastIndexOf('/');
  if (i <= 0 && !(i === 0 && resourcePath.length > 1)) return undefined;
  return { path: resourcePath.slice(0, i) || '/', method: resourcePath.slice(i + 1) };
}

function indexOperations(operations: OperationRef[]): Connector['operationsByKey'] {
  const out: Connector['operationsByKey'] = { path: new Map(), webhook: new Map() };
  for (const o of operations) {
    const byKey = out[o.kind];
    const list = byKey.get(o.key);
    if (list) list.push(o);
    else byKey.set(o.key, [o]);
  }
  return out;
}

const NO_OPERATIONS: readonly OperationRef[] = Object.freeze([]);

/** The operations of one path or webhook. */
export function operationsAt(c: Connector, kind: 'path' | 'webhook', key: string): readonly OperationRef[] {
  return c.operationsByKey[kind].get(key) ?? NO_OPERATIONS;
}
