/**
 * The connector's own parts (root keys, preDefined* lists, x-cdp-* extensions) against the JSON
 * Schemas in schemas/, compiled at build time. Three rules share one validation per connector:
 * shape errors (cdp-schema), likely misspellings (misspelled-key) and other unknown keys (unknown-key).
 */
import type { ErrorObject } from 'ajv';
import { defineRule, type RuleContext, type RuleVisitors } from './types.js';
import type { TextEdit } from '../types.js';
import * as cdp from '../generated/cdp.js';
import { collapse, type Finding } from '../schema/collapse.js';
import { isObject, jsonType, own, setOwn, valueAt, type JsonObject } from '../model/json.js';
import type { Connector } from '../model/connector.js';
import { Ptr } from '../model/pointer.js';
import { EXTENSION_TYPES, type NodeType } from '../model/node-types.js';
import { article, codeList, didYouMean, quoteFlowHint, suggest } from '../util/text.js';
import { distance } from 'fastest-levenshtein';

/** Keys authors write for a known key under another name. */
const SYNONYMS: Record<string, string> = { vendor: 'provider', predefinedActions: 'preDefinedActions' };

/** OpenAPI's root keys, which the openapi layout's root reads besides the connector's own. */
export const OPENAPI_ROOT_KEYS = ['openapi', 'info', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags', 'externalDocs', 'jsonSchemaDialect'];

interface CdpFinding extends Finding {
  ptr: Ptr;
  /** The value at `ptr` (it may be in a file the connector's $refs reach, so it is kept, not looked up from the root). */
  value: unknown;
  /** Keys the schema allows where an unexpected key was found. */
  known: string[];
}

interface State {
  findings: CdpFinding[];
  rootDone: boolean;
  /** Extension objects already validated (the three rules all register the same visitors). */
  seen: WeakSet<object>;
}

const states = new WeakMap<Connector, State>();

type Validator = { (data: unknown): boolean; errors?: ErrorObject[] | null };

const EXTENSIONS: Partial<Record<NodeType, Validator>> = {
  OperationSettings: cdp.xCdpOperationSettings,
  SchemaSettings: cdp.xCdpSchemaSettings,
  PathSettings: cdp.xCdpPathSettings,
  AuthorizationSettings: cdp.xCdpAuthorizationSettings,
};

function stateOf(c: Connector): State {
  let state = states.get(c);
  if (!state) {
    state = { findings: [], rootDone: false, seen: new WeakSet() };
    states.set(c, state);
  }
  return state;
}

function run(state: State, validate: Validator, value: unknown, base: Ptr, skip?: (f: Finding) => boolean): void {
  if (validate(value)) return;
  const errors = validate.errors ?? [];
  const known = knownKeysByPath(errors);
  for (const f of collapse(errors)) {
    if (skip?.(f)) continue;
    const segments = Ptr.parse(f.instancePath).segments();
    state.findings.push({ ...f, ptr: base.concat(segments), value: valueAt(value, segments), known: known.get(f.instancePath) ?? [] });
  }
}

/**
 * Visitors that validate each x-cdp-* extension object during the engine's one walk. Every rule of
 * this family registers them; each object is validated once whichever rules are enabled.
 */
function extensionVisitors(c: Connector): RuleVisitors {
  const state = stateOf(c);
  const out: RuleVisitors = {};
  for (const [type, validate] of Object.entries(EXTENSIONS)) {
    out[type as NodeType] = (node, info) => {
      if (state.seen.has(node)) return;
      state.seen.add(node);
      run(state, validate!, node, info.ptr);
    };
  }
  return out;
}

/** All findings of the connector's own parts: the root (validated here, once) and the extensions met in the walk. */
function findingsOf(c: Connector): CdpFinding[] {
  const state = stateOf(c);
  if (state.rootDone) return state.findings;
  state.rootDone = true;
  const rootFindings: State = { findings: [], rootDone: true, seen: state.seen };
  if (c.layout === 'openapi') {
    const subset: JsonObject = {};
    // `swagger` is the openapi-version rule's to explain (Swagger 2.0 is not supported), not an unknown key.
    for (const k of Object.keys(c.root)) if (!OPENAPI_ROOT_KEYS.includes(k) && k !== 'swagger' && !k.startsWith('x-')) setOwn(subset, k, c.root[k]);
    // Here the OpenAPI document is the connector: it has no `resources`, and `info` names it, so the hub root's required keys do not apply.
    run(rootFindings, cdp.connector, subset, Ptr.root, (f) => f.kind === 'missing' && f.instancePath === '');
    for (const f of rootFindings.findings) if (f.kind === 'unexpected' && f.instancePath === '') f.known = [...new Set([...f.known.filter((k) => k !== 'resources'), ...OPENAPI_ROOT_KEYS])];
  } else {
    // The hub's OpenAPI document is checked part by part in the walk; the root schema sees only its envelope.
    const envelope = c.layout === 'hub' && isObject(own(c.root, 'resources')) ? { ...c.root, resources: {} } : c.root;
    run(rootFindings, cdp.connector, envelope, Ptr.root);
  }
  state.findings.unshift(...rootFindings.findings);
  return state.findings;
}

function knownKeysByPath(errors: ErrorObject[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    const props = isObject(e.parentSchema) ? own(e.parentSchema, 'properties') : undefined;
    if (isObject(props)) out.set(e.instancePath, Object.keys(props));
  }
  return out;
}

/** A value as written in a message: strings bare (inside backticks), others as JSON. */
function plain(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function label(ptr: Ptr): string {
  const segs = ptr.segments();
  if (segs.length === 0) return 'the connector root';
  const last = segs[segs.length - 1]!;
  if (/^\d+$/.test(last) && segs.length > 1) return `\`${segs[segs.length - 2]}[${last}]\``;
  return `\`${last}\``;
}

export const cdpSchema = defineRule({
  meta: {
    id: 'cdp-schema',
    description: 'Connector fields and x-cdp-* extensions have the types and required fields the platform expects.',
    messages: {
      missing: '{{Where}} is missing the required `{{property}}`',
      type: '{{What}} must be {{expected}}, not {{actual}}{{hint}}',
      enum: '{{What}} must be one of {{allowed}}, not {{actual}}{{hint}}',
      // One allowed value: "must be `form`", not "one of `form`".
      enumOne: '{{What}} must be {{allowed}}, not {{actual}}{{hint}}',
      other: '{{What}} {{message}}',
    },
  },
  create(context) {
    return { ...extensionVisitors(context.connector), end: () => reportShape(context) };
  },
});

function reportShape(context: RuleContext): void {
  const c = context.connector;
  for (const f of findingsOf(c)) {
    if (f.kind === 'unexpected') continue;
    const where = label(f.ptr);
    const data = { Where: where.charAt(0).toUpperCase() + where.slice(1), What: where.charAt(0).toUpperCase() + where.slice(1) };
    const value = f.value;
    if (f.kind === 'missing') context.report({ messageId: 'missing', data: { ...data, property: f.property! }, ptr: f.ptr });
    else if (f.kind === 'type') context.report({ messageId: 'type', data: { ...data, expected: article(f.expectedType!), actual: article(jsonType(value)), hint: isObject(value) || Array.isArray(value) ? quoteFlowHint(context.written(f.ptr), f.expectedType!) : '' }, ptr: f.ptr });
    else if (f.kind === 'enum') context.report({ messageId: (f.allowed ?? []).length === 1 ? 'enumOne' : 'enum', data: { ...data, allowed: codeList((f.allowed ?? []).map(plain), 'or'), actual: `\`${plain(value)}\``, hint: typeof value === 'string' && (f.allowed ?? []).length > 1 ? didYouMean(value, (f.allowed ?? []).map(plain)) : '' }, ptr: f.ptr });
    else context.report({ messageId: 'other', data: { ...data, message: f.message ?? 'is not valid here' }, ptr: f.ptr });
  }
}


/** The suggestion for an unexpected key, and whether it is a near-certain misspelling. */
function classify(f: CdpFinding): { suggestion: string | undefined; misspelt: boolean } {
  const prop = f.property!;
  const synonym = Object.hasOwn(SYNONYMS, prop) ? SYNONYMS[prop] : undefined;
  if (synonym && (f.known.length === 0 || f.known.includes(synonym))) return { suggestion: synonym, misspelt: synonym.toLowerCase() === prop.toLowerCase() };
  const s = suggest(prop, f.known);
  return { suggestion: s, misspelt: s !== undefined };
}

/** The unexpected keys with their suggestion, shared by misspelled-key and unknown-key (each reports its own kind). */
function unexpectedKeys(c: Connector): Array<{ f: CdpFinding; suggestion: string | undefined; misspelt: boolean }> {
  return findingsOf(c)
    .filter((f) => f.kind === 'unexpected')
    .map((f) => ({ f, ...classify(f) }));
}

export const misspelledKey = defineRule({
  meta: {
    id: 'misspelled-key',
    description: 'A key that is a near miss of a key the platform reads (`predefinedEvents`): the platform silently ignores it.',
    fixable: true,
    messages: {
      misspelt: '`{{property}}` is not a key the platform reads; did you mean `{{suggestion}}`? Keys are case-sensitive, so everything under `{{property}}` is ignored',
    },
  },
  create(context) {
    return {
      ...extensionVisitors(context.connector),
      end() {
        for (const { f, suggestion, misspelt } of unexpectedKeys(context.connector)) {
          if (!misspelt || !suggestion) continue;
          // Only root keys (the connector's lists) are renamed by --fix: there a near miss has one meaning.
          const fix = f.ptr.segments().length === 0 ? renameFix(context, f, suggestion) : undefined;
          context.report({ messageId: 'misspelt', data: { property: f.property!, suggestion }, ptr: f.ptr.child(f.property!), target: 'key', fix });
        }
      },
    };
  },
});

export const unknownKey = defineRule({
  meta: {
    id: 'unknown-key',
    description: 'Keys the connector format does not define, where the format is closed: the platform ignores them.',
    fixable: true,
    messages: {
      unknown: 'Unknown key `{{property}}` in {{where}}: the platform ignores it{{hint}}',
    },
  },
  create(context) {
    return {
      ...extensionVisitors(context.connector),
      end() {
        for (const { f, suggestion, misspelt } of unexpectedKeys(context.connector)) {
          // An x-cdp-* setting on the wrong object is misplaced-setting's: it says where the setting belongs.
          if (misspelt || Object.hasOwn(EXTENSION_TYPES, f.property!)) continue;
          const hint = suggestion ? `; did you mean \`${suggestion}\`?` : expectedHint(f.property!, f.known);
          const fix = isCustomStepVendor(f, suggestion) ? renameFix(context, f, 'provider') : undefined;
          context.report({ messageId: 'unknown', data: { property: f.property!, where: label(f.ptr), hint }, ptr: f.ptr.child(f.property!), target: 'key', fix });
        }
      },
    };
  },
});

/** Past this many keys a message names only the nearest ones: a list of 18 keys makes an unreadable line. */
const MAX_LISTED_KEYS = 3;

/**
 * " (expected `a`, `b` or `c`)" when there are few known keys; else the three nearest to `property`
 * (edit distance, then schema order) and where the full list is. "" when nothing is known.
 */
function expectedHint(property: string, known: string[]): string {
  if (known.length === 0) return '';
  if (known.length <= MAX_LISTED_KEYS) return ` (expected ${codeList(known, 'or')})`;
  const lower = property.toLowerCase();
  const nearest = known
    .map((k, i) => ({ k, i, d: distance(lower, k.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, MAX_LISTED_KEYS)
    .map((n) => n.k);
  return `; the nearest of the ${known.length} keys read there are ${codeList(nearest)} (all are listed in the rule's docs)`;
}

/** `vendor` in a custom step (`customSteps[i]`) is the one synonym --fix renames: the platform reads `provider`. */
function isCustomStepVendor(f: CdpFinding, suggestion: string | undefined): boolean {
  const segs = f.ptr.segments();
  return f.property === 'vendor' && suggestion === 'provider' && segs.length >= 2 && segs[segs.length - 2] === 'customSteps';
}

/** Rename an unexpected key, unless the right key is already there (the rename would duplicate it). */
function renameFix(context: RuleContext, f: CdpFinding, to: string): TextEdit[] | undefined {
  const parent = f.value;
  if (!isObject(parent) || Object.prototype.hasOwnProperty.call(parent, to)) return undefined;
  return context.fix.renameKey(f.ptr.child(f.property!), to);
}
