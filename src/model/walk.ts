/**
 * One walk over a connector: every object is visited once with its type and pointer, every string
 * value once with its container. Rules register visitors; the engine merges them (ESLint-style).
 * Local $ref objects are not followed: a problem inside a component is met once, where it is
 * written. What a $ref reaches in another file is walked once (per type), after the document,
 * with the type its referrer gives it and pointers in that file.
 */
import { Ptr } from './pointer.js';
import { isObject, type JsonObject } from './json.js';
import { EXTENSION_TYPES, TYPES, type Child, type NodeType, type TypeSpec } from './node-types.js';

export interface VisitInfo {
  type: NodeType;
  ptr: Ptr;
  /** The key (or array index) under which the node sits in its parent. */
  key: string;
  parentType: NodeType | null;
  parent: unknown;
}

export type NodeVisitor = (node: JsonObject, info: VisitInfo) => void;
/** `info` is valid during the call only: the walk re-aims one object at every string it meets. */
export type StringVisitor = (value: string, info: VisitInfo) => void;

export interface Visitors {
  /** Typed objects, by node type. */
  nodes: Map<NodeType, NodeVisitor[]>;
  /** Every object node, whatever its type (Data excluded). */
  any: NodeVisitor[];
  /** Reference objects ({$ref}) in typed positions; info.type is the type expected there. */
  ref: NodeVisitor[];
  /** Every string value (Data included); info describes the string itself. */
  string: StringVisitor[];
  /** Every string under a `$ref` key (Data included), after the `string` visitors: a walk with only these skips every other string. */
  refString: StringVisitor[];
}

/** An empty visitor set. */
export function emptyVisitors(): Visitors {
  return { nodes: new Map(), any: [], ref: [], string: [], refString: [] };
}

export interface WalkRoot {
  value: unknown;
  type: NodeType;
  /** Type spec of the root when it plays two roles (an OpenAPI document that is also the connector root). */
  spec?: TypeSpec;
  /** Overrides of child types by key at the root (resources -> OpenAPI or Storage). */
  rootChildren?: Record<string, Child>;
}

/** A value in another file that a $ref reaches, and its pointer there (see Ptr.fileRoot). */
export interface Fragment {
  value: unknown;
  ptr: Ptr;
}

/**
 * Given a $ref object met in a typed position, what it reaches in another file, or undefined
 * (a local reference, one that does not resolve, or a value of the linted file).
 */
export type FollowRef = (node: JsonObject, info: VisitInfo) => Fragment | undefined;

/** One walk: the visitors, and the info object string visitors get. */
interface Walk extends Visitors {
  readonly stringInfo: StringInfo;
  readonly follow: FollowRef | undefined;
  /** Fragments of other files still to walk, and the ones met (value -> its entries, one per type walked with). */
  readonly queue: Walked[];
  readonly met: Map<unknown, Walked[]>;
  /** The pointer a value with no parent gets: the linted file's root, or the root of the other file being walked. */
  root: Ptr;
}

/** A value of another file, walked once as `type`: the first referrer's parent gives the walk its context; `referrers` holds the parent type of every $ref that reaches it as that type. */
export interface Walked {
  fragment: Fragment;
  type: NodeType;
  parentType: NodeType | null;
  parent: unknown;
  referrers: Array<NodeType | null>;
}

/** Walk the document once, calling the visitors; with `follow`, then what its $refs reach in other files (returned, with the type each was walked as). */
export function walk(root: WalkRoot, visitors: Visitors, follow?: FollowRef): Walked[] {
  const rootSpec: TypeSpec = root.spec ?? TYPES[root.type];
  const spec: TypeSpec = root.rootChildren ? { ...rootSpec, props: { ...rootSpec.props, ...root.rootChildren } } : rootSpec;
  const v: Walk = { ...visitors, stringInfo: new StringInfo(), follow, queue: [], met: new Map(), root: Ptr.root };
  // Following is one more $ref visitor, so that visit() stays as small as without it (it is the hot path).
  if (follow !== undefined) v.ref = [...visitors.ref, (node, info) => enqueue(v, node, info)];
  visit(root.value, root.type, null, '', null, null, v, spec);
  // Breadth first: a file reached from a file reached from the document is walked after both.
  for (let i = 0; i < v.queue.length; i++) {
    const { fragment, type, parentType, parent } = v.queue[i]!;
    const { ptr } = fragment;
    v.root = ptr.parent === null ? ptr : Ptr.root;
    v.stringInfo.root = v.root;
    visit(fragment.value, type, ptr.parent, ptr.key, parentType, parent, v);
  }
  return v.queue;
}

/** Queue what a $ref reaches in another file, once per value and type. */
function enqueue(v: Walk, node: JsonObject, info: VisitInfo): void {
  const fragment = v.follow!(node, info);
  if (fragment === undefined) return;
  const entries = v.met.get(fragment.value);
  const same = entries?.find((e) => e.type === info.type);
  if (same !== undefined) {
    if (!same.referrers.includes(info.parentType)) same.referrers.push(info.parentType);
    return;
  }
  const entry: Walked = { fragment, type: info.type, parentType: info.parentType, parent: info.parent, referrers: [info.parentType] };
  if (entries) entries.push(entry);
  else v.met.set(fragment.value, [entry]);
  v.queue.push(entry);
}

/**
 * What a string visitor gets. The walk meets every string of the document and most are looked at
 * and let go, so one object is re-aimed at each string, and its pointer is built only if asked for
 * (to report).
 */
class StringInfo implements VisitInfo {
  type: NodeType = 'Any';
  key = '';
  parentType: NodeType | null = null;
  parent: unknown = null;
  /** The pointer of a string with no parent (see Walk.root). */
  root: Ptr = Ptr.root;
  private parentPtr: Ptr | null = null;
  private own: Ptr | undefined;

  aim(type: NodeType, parentPtr: Ptr | null, key: string, parentType: NodeType | null, parent: unknown): this {
    this.type = type;
    this.parentPtr = parentPtr;
    this.key = key;
    this.parentType = parentType;
    this.parent = parent;
    this.own = undefined;
    return this;
  }

  get ptr(): Ptr {
    return (this.own ??= this.parentPtr === null ? this.root : this.parentPtr.child(this.key));
  }
}

/** The pointer of the value under `key` of the value at `parentPtr` (null: the value is the root of the file walked). */
function pointerOf(parentPtr: Ptr | null, key: string, v: Walk): Ptr {
  return parentPtr === null ? v.root : parentPtr.child(key);
}

/** Visit one value; its pointer is made only for objects, and for strings when asked (numbers, booleans and null need none). */
function visit(
  value: unknown,
  type: NodeType,
  parentPtr: Ptr | null,
  key: string,
  parentType: NodeType | null,
  parent: unknown,
  v: Walk,
  specOverride?: TypeSpec,
): void {
  if (typeof value === 'string') {
    const strings = v.string;
    const refStrings = key === '$ref' ? v.refString : NO_VISITORS;
    if (strings.length === 0 && refStrings.length === 0) return;
    // Aimed once for both lists: visitors read it while they are called, and keep nothing of it.
    const info = v.stringInfo.aim(type, parentPtr, key, parentType, parent);
    for (let i = 0; i < strings.length; i++) strings[i]!(value, info);
    for (let i = 0; i < refStrings.length; i++) refStrings[i]!(value, info);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const ptr = pointerOf(parentPtr, key, v);
  if (Array.isArray(value)) {
    const itemType: NodeType = type === 'Data' ? 'Data' : 'Any';
    for (let i = 0; i < value.length; i++) visit(value[i], itemType, ptr, String(i), type, value, v);
    return;
  }
  const node = value as JsonObject;
  const info: VisitInfo = { type, ptr, key, parentType, parent };
  // for...in, not Object.keys: no array allocated per object. Parsed documents are plain objects
  // whose prototype has no enumerable keys, so both give the own keys in the same order.
  if (type !== 'Data' && type !== 'Any' && typeof node['$ref'] === 'string' && isReferenceable(type)) {
    callAll(v.ref, node, info);
    for (const k in node) if (k !== '$ref') visitChild(node, k, node[k], 'Any', info, v);
    return;
  }
  if (type !== 'Data') {
    callAll(v.any, node, info);
    const own = v.nodes.get(type);
    if (own !== undefined) callAll(own, node, info);
  }
  const spec = specOverride ?? TYPES[type];
  // The value is read here, in the for...in loop itself, where V8 reads it by the key's index.
  for (const k in node) visitChild(node, k, node[k], childType(spec, type, k), info, v);
}

/** No visitors: the `refString` list for a string under any key but `$ref`. */
const NO_VISITORS: readonly StringVisitor[] = [];

function callAll(visitors: NodeVisitor[], node: JsonObject, info: VisitInfo): void {
  for (let i = 0; i < visitors.length; i++) visitors[i]!(node, info);
}

function visitChild(node: JsonObject, k: string, childValue: unknown, child: Child, info: VisitInfo, v: Walk): void {
  if (typeof child === 'string') {
    visit(childValue, child, info.ptr, k, info.type, node, v);
  } else if ('mapOf' in child) {
    if (isObject(childValue)) {
      const childPtr = info.ptr.child(k);
      const mapInfo: VisitInfo = { type: 'Any', ptr: childPtr, key: k, parentType: info.type, parent: node };
      callAll(v.any, childValue, mapInfo);
      for (const mk in childValue) {
        visit(childValue[mk], child.mapOf, childPtr, mk, info.type, childValue, v);
      }
    } else visit(childValue, 'Any', info.ptr, k, info.type, node, v);
  } else if (Array.isArray(childValue)) {
    const childPtr = info.ptr.child(k);
    for (let i = 0; i < childValue.length; i++) visit(childValue[i], child.listOf, childPtr, String(i), info.type, childValue, v);
  } else visit(childValue, 'Any', info.ptr, k, info.type, node, v);
}

/** The type of the value under `key` in a node of type `type`. */
export function childType(spec: TypeSpec, type: NodeType, key: string): Child {
  // Own keys only: `constructor` or `toString` in a document must not find Object.prototype's.
  const fromSpec = spec.props && Object.hasOwn(spec.props, key) ? spec.props[key] : undefined;
  if (fromSpec) return fromSpec;
  if (type === 'Data') return 'Data';
  // Every extension type's key starts with `x-`: other keys need no look-up there.
  if (key.startsWith('x-')) return (Object.hasOwn(EXTENSION_TYPES, key) ? EXTENSION_TYPES[key] : undefined) ?? 'Data';
  return spec.rest ?? 'Any';
}

const NOT_REFERENCEABLE = new Set<NodeType>(['ConnectorRoot', 'Action', 'Event', 'Listener', 'PollingConfig', 'EnrichmentPoint', 'Enrichment', 'ConfigSchema', 'CredentialForm', 'Storage', 'OpenAPI', 'Paths', 'Webhooks', 'Components', 'Responses']);

function isReferenceable(type: NodeType): boolean {
  return !NOT_REFERENCEABLE.has(type);
}
