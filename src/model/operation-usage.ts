/**
 * Which connector parts call which operation, and in what role: actions write to the external
 * system; events, polling configs, enrichment points and listeners read from it. Root lists whose
 * key is misspelt only in case (`predefinedEvents`) still count, and a reference that names no
 * operation marks the operations it most likely meant, so one mistake is reported once (by
 * misspelled-key or resource-path), not again as a dead or mis-tagged operation.
 */
import { isObject, own, type JsonObject } from './json.js';
import { operationsAt, resolveOperation, type Connector, type OperationRef } from './connector.js';
import { Ptr } from './pointer.js';
import { suggest, suggesterFor } from '../util/text.js';

export type Role = 'write' | 'read';

export interface Use {
  role: Role;
  /** How a message names the user, e.g. "preDefinedActions[0] (`Create contact`)". */
  label: string;
  ptr: Ptr;
}

export interface Usage {
  uses: Map<OperationRef, Use[]>;
  /** Operations a broken reference probably meant: never reported as unused. */
  maybeUsed: Set<OperationRef>;
}

type Source = { key: string; role: Role; kind: 'list' | 'pollingMap' | 'pointMap'; field: 'resourcePath' | 'webhookPath' };

const SOURCES: Source[] = [
  { key: 'preDefinedActions', role: 'write', kind: 'list', field: 'resourcePath' },
  { key: 'preDefinedEvents', role: 'read', kind: 'list', field: 'resourcePath' },
  { key: 'preDefinedEventListeners', role: 'read', kind: 'list', field: 'webhookPath' },
  { key: 'pollingConfigs', role: 'read', kind: 'pollingMap', field: 'resourcePath' },
  { key: 'enrichmentPoints', role: 'read', kind: 'pointMap', field: 'resourcePath' },
];

const cache = new WeakMap<Connector, Usage>();

/** Who uses each operation of the connector (computed once per connector). */
export function operationUsage(c: Connector): Usage {
  const cached = cache.get(c);
  if (cached) return cached;
  const usage: Usage = { uses: new Map(), maybeUsed: new Set() };
  for (const rootKey of Object.keys(c.root)) {
    const source = SOURCES.find((s) => s.key.toLowerCase() === rootKey.toLowerCase());
    if (source) collect(c, usage, source, rootKey);
  }
  cache.set(c, usage);
  return usage;
}

function collect(c: Connector, usage: Usage, source: Source, rootKey: string): void {
  const value = own(c.root, rootKey);
  const base = Ptr.of(rootKey);
  if (source.kind === 'list') {
    if (!Array.isArray(value)) return;
    value.forEach((item, i) => {
      if (!isObject(item)) return;
      const ref = own(item, source.field);
      if (typeof ref === 'string') add(c, usage, source, ref, { role: source.role, label: itemLabel(rootKey, i, item), ptr: base.child(i).child(source.field) });
    });
    return;
  }
  if (!isObject(value)) return;
  for (const k of Object.keys(value)) {
    if (source.kind === 'pollingMap') {
      add(c, usage, source, k, { role: source.role, label: `the polling config \`${k}\``, ptr: base.child(k) });
      continue;
    }
    const point = value[k];
    const ref = isObject(point) ? own(point, 'resourcePath') : undefined;
    if (typeof ref === 'string') add(c, usage, source, ref, { role: source.role, label: `enrichment point \`${k}\``, ptr: base.child(k).child('resourcePath') });
  }
}

function itemLabel(list: string, i: number, item: JsonObject): string {
  const name = own(item, 'name');
  return typeof name === 'string' && name.trim() !== '' ? `${list}[${i}] (\`${name}\`)` : `${list}[${i}]`;
}

function add(c: Connector, usage: Usage, source: Source, ref: string, use: Use): void {
  const kind = source.field === 'webhookPath' ? 'webhook' : 'path';
  const r = resolveOperation(c, kind, ref);
  // A method written in another case is the operation meant: resource-path reports (and fixes) the case.
  const op = r.ok ? r.operation : r.reason === 'methodCase' ? r.meant : undefined;
  if (op) {
    const list = usage.uses.get(op) ?? [];
    list.push(use);
    usage.uses.set(op, list);
    return;
  }
  // A broken reference: spare every operation it may have meant.
  if (r.ok || r.reason === 'noDocument' || r.reason === 'malformed' || r.reason === 'methodCase') return;
  const map = kind === 'webhook' ? c.webhooks : c.paths;
  const meant = r.reason === 'noMethod' ? r.path : suggest(r.path, suggesterFor(map, () => map.keys()));
  // Looked up by key, not by a scan of every operation: 6,000 broken references in a file of
  // 6,000 operations would be 36 million steps.
  const keys = kind === 'webhook' ? [meant, r.path, '/' + r.path] : [meant];
  for (const key of keys) {
    if (key === undefined) continue;
    for (const o of [...operationsAt(c, 'path', key), ...operationsAt(c, 'webhook', key)]) usage.maybeUsed.add(o);
  }
}

/** How messages name an operation: "GET /contacts" or "POST webhook `contactEvent`". */
export function operationLabel(op: OperationRef): string {
  return op.kind === 'path' ? `${op.method.toUpperCase()} ${op.key}` : `${op.method.toUpperCase()} webhook \`${op.key}\``;
}

/** The role a tag claims for an operation, if it is one of the role tags. */
export function tagRole(tag: unknown): Role | undefined {
  if (typeof tag !== 'string') return undefined;
  const t = tag.trim().toLowerCase();
  if (t === 'actions' || t === 'consume') return 'write';
  if (t === 'events' || t === 'produce') return 'read';
  return undefined;
}

/** The tags that name a role. */
export const ROLE_TAGS: Record<Role, string> = { write: '`Actions` (or `consume`)', read: '`Events` (or `produce`)' };
