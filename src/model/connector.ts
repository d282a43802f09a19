/**
 * The typed model rules work on: the connector's parts (actions, events, listeners, polling
 * configs, enrichment points, config variables) and the OpenAPI parts they point at.
 */
import type { Layout } from '../types.js';
import type { Limits, SourceFile } from '../load/source.js';
import { detectLayout } from '../load/layout.js';
import { Ptr } from './pointer.js';
import { isObject, own, type JsonObject } from './json.js';
import { HTTP_METHODS, TYPES, type Child, type TypeSpec } from './node-types.js';
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

  const paths = collectMap(oas, 'paths');
  const webhooks = collectMap(oas, 'webhooks');
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
    configProperties: configProperties(root),
    refs: new RefResolver({ source, oas, refRoot: options.refRoot, refRootKind: options.refRootKind, maxHops: options.maxRefHops, limits: options.limits }),
  };
}

function versionOf(doc: JsonObject): string | undefined {
  const v = own(doc, 'openapi') ?? own(doc, 'swagger');
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

function collectMap(oas: OasDoc | undefined, key: 'paths' | 'webhooks'): Map<string, Located> {
  const out = new Map<string, Located>();
  const map = oas ? own(oas.value, key) : undefined;
  if (!oas || !isObject(map)) return out;
  for (const k of Object.keys(map)) {
    const item = map[k];
    if (isObject(item)) out.set(k, { value: item, ptr: oas.ptr.child(key).child(k) });
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

/** Find an operation by kind, key and method (exact). */
export function findOperation(c: Connector, kind: 'path' | 'webhook', key: string, method: string): OperationRef | undefined {
  return operationsAt(c, kind, key).find((o) => o.method === method);
}

/** The operations addressed by a resourcePath-style reference, for messages and suggestions. */
export function methodsOf(c: Connector, kind: 'path' | 'webhook', key: string): string[] {
  return operationsAt(c, kind, key).map((o) => o.method);
}
