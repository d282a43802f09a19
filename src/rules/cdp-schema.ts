/**
 * The connector's own parts (root keys, preDefined* lists, x-cdp-* extensions) against the JSON
 * Schemas in schemas/, compiled at build time. Three rules share one validation per connector:
 * shape errors (cdp-schema), likely misspellings (misspelled-key) and other unknown keys (unknown-key).
 */
import type { ErrorObject } from 'ajv';
import { defineRule, type RuleContext } from './types.js';
import * as cdp from '../generated/cdp.js';
import { collapse, type Finding } from '../schema/collapse.js';
import { isObject, jsonType, own, type JsonObject } from '../model/json.js';
import type { Connector } from '../model/connector.js';
import { Ptr } from '../model/pointer.js';
import type { NodeType } from '../model/node-types.js';
import { codeList, suggest } from '../util/text.js';
import { walk, emptyVisitors } from '../model/walk.js';
import { walkRootOf } from '../model/connector.js';

/** Keys authors write for a known key under another name. */
const SYNONYMS: Record<string, string> = { vendor: 'provider', predefinedActions: 'preDefinedActions' };

const OPENAPI_ROOT_KEYS = ['openapi', 'info', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags', 'externalDocs', 'jsonSchemaDialect'];

interface CdpFinding extends Finding {
  ptr: Ptr;
  /** Keys the schema allows where an unexpected key was found. */
  known: string[];
}

const cache = new WeakMap<Connector, CdpFinding[]>();

type Validator = { (data: unknown): boolean; errors?: ErrorObject[] | null };

const EXTENSIONS: Partial<Record<NodeType, Validator>> = {
  OperationSettings: cdp.xCdpOperationSettings,
  SchemaSettings: cdp.xCdpSchemaSettings,
  PathSettings: cdp.xCdpPathSettings,
  AuthorizationSettings: cdp.xCdpAuthorizationSettings,
};

/** Validate the connector's own parts once; every rule of this family reads the same findings. */
function findingsOf(c: Connector): CdpFinding[] {
  const cached = cache.get(c);
  if (cached) return cached;
  const out: CdpFinding[] = [];
  const run = (validate: Validator, value: unknown, base: Ptr) => {
    if (validate(value)) return;
    const errors = validate.errors ?? [];
    const known = knownKeysByPath(errors);
    for (const f of collapse(errors)) out.push({ ...f, ptr: base.concat(Ptr.parse(f.instancePath).segments()), known: known.get(f.instancePath) ?? [] });
  };
  if (c.layout === 'openapi') {
    const subset: JsonObject = {};
    for (const k of Object.keys(c.root)) if (!OPENAPI_ROOT_KEYS.includes(k) && !k.startsWith('x-')) subset[k] = c.root[k];
    run(cdp.connector, subset, Ptr.root);
    for (const f of out) if (f.kind === 'unexpected' && f.instancePath === '') f.known = [...f.known, ...OPENAPI_ROOT_KEYS];
  } else {
    // The hub's OpenAPI document is checked part by part below; the root schema sees only its envelope.
    const envelope = c.layout === 'hub' && isObject(own(c.root, 'resources')) ? { ...c.root, resources: {} } : c.root;
    run(cdp.connector, envelope, Ptr.root);
  }
  const visitors = emptyVisitors();
  for (const [type, validate] of Object.entries(EXTENSIONS)) {
    visitors.nodes.set(type as NodeType, [(node, info) => run(validate!, node, info.ptr)]);
  }
  if (c.oas) walk(walkRootOf(c), visitors);
  cache.set(c, out);
  return out;
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
      type: '{{What}} must be {{expected}}, not {{actual}}',
      enum: '{{What}} must be one of {{allowed}}, not {{actual}}',
      other: '{{What}} {{message}}',
    },
  },
  create(context) {
    return { end: () => reportShape(context) };
  },
});

function reportShape(context: RuleContext): void {
  const c = context.connector;
  for (const f of findingsOf(c)) {
    if (f.kind === 'unexpected') continue;
    const where = label(f.ptr);
    const data = { Where: where.charAt(0).toUpperCase() + where.slice(1), What: where.charAt(0).toUpperCase() + where.slice(1) };
    const value = valueAt(c.root, f.ptr);
    if (f.kind === 'missing') context.report({ messageId: 'missing', data: { ...data, property: f.property! }, ptr: f.ptr });
    else if (f.kind === 'type') context.report({ messageId: 'type', data: { ...data, expected: article(f.expectedType!), actual: article(jsonType(value)) }, ptr: f.ptr });
    else if (f.kind === 'enum') context.report({ messageId: 'enum', data: { ...data, allowed: codeList((f.allowed ?? []).map((a) => JSON.stringify(a)), 'or'), actual: `\`${JSON.stringify(value)}\`` }, ptr: f.ptr });
    else context.report({ messageId: 'other', data: { ...data, message: f.message ?? 'is not valid here' }, ptr: f.ptr });
  }
}

function article(t: string): string {
  if (t.includes(',')) return `one of ${t.split(',').join(', ')}`;
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function valueAt(root: unknown, ptr: Ptr): unknown {
  let cur = root;
  for (const s of ptr.segments()) cur = isObject(cur) ? own(cur, s) : Array.isArray(cur) ? cur[Number(s)] : undefined;
  return cur;
}

/** The suggestion for an unexpected key, and whether it is a near-certain misspelling. */
function classify(f: CdpFinding): { suggestion: string | undefined; misspelt: boolean } {
  const prop = f.property!;
  const synonym = SYNONYMS[prop];
  if (synonym && (f.known.length === 0 || f.known.includes(synonym))) return { suggestion: synonym, misspelt: synonym.toLowerCase() === prop.toLowerCase() };
  const s = suggest(prop, f.known);
  return { suggestion: s, misspelt: s !== undefined };
}

export const misspelledKey = defineRule({
  meta: {
    id: 'misspelled-key',
    description: 'A key that is a near miss of a key the platform reads (`predefinedEvents`): the platform silently ignores it.',
    messages: {
      misspelt: '`{{property}}` is not a key the platform reads; did you mean `{{suggestion}}`? Keys are case-sensitive, so everything under `{{property}}` is ignored',
    },
  },
  create(context) {
    return {
      end() {
        for (const f of findingsOf(context.connector)) {
          if (f.kind !== 'unexpected') continue;
          const { suggestion, misspelt } = classify(f);
          if (!misspelt || !suggestion) continue;
          context.report({ messageId: 'misspelt', data: { property: f.property!, suggestion }, ptr: f.ptr.child(f.property!), target: 'key' });
        }
      },
    };
  },
});

export const unknownKey = defineRule({
  meta: {
    id: 'unknown-key',
    description: 'Keys the connector format does not define, where the format is closed: the platform ignores them.',
    messages: {
      unknown: 'Unknown key `{{property}}` in {{where}}: the platform ignores it{{hint}}',
    },
  },
  create(context) {
    return {
      end() {
        for (const f of findingsOf(context.connector)) {
          if (f.kind !== 'unexpected') continue;
          const { suggestion, misspelt } = classify(f);
          if (misspelt) continue;
          const hint = suggestion ? `; did you mean \`${suggestion}\`?` : f.known.length ? ` (expected ${codeList(f.known, 'or')})` : '';
          context.report({ messageId: 'unknown', data: { property: f.property!, where: label(f.ptr), hint }, ptr: f.ptr.child(f.property!), target: 'key' });
        }
      },
    };
  },
});
