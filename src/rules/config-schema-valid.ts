/**
 * configSchema is a JSON Schema (draft-07) that the platform compiles to build and check the
 * configuration form; one that does not compile breaks the connector's set-up. Checked with ajv,
 * the platform's extra keywords (`scopes`, `widget`, `allowAdditionalProperties`) being ignored.
 */
import * as draft07 from '../generated/draft07.js';
import { createRequire } from 'node:module';
import type AjvModule from 'ajv';
import type { ErrorObject } from 'ajv';
import { defineRule, type RuleContext } from './types.js';
import { isObject, jsonType, own, valueAt, type JsonObject } from '../model/json.js';
import { Ptr } from '../model/pointer.js';
import { forEachSchema } from '../model/json-schema-walk.js';
import { article, codeList } from '../util/text.js';

type Ajv = InstanceType<typeof AjvModule.default>;

let shared: Ajv | undefined;

/** One Ajv instance per process, built on first use. */
function ajvInstance(): Ajv {
  if (!shared) {
    // Loaded on first use (a configSchema with references): ajv's compiler is 100 KB that most runs never need.
    const req = createRequire(import.meta.url);
    const Ajv = (req('ajv') as { default: typeof AjvModule.default }).default;
    const addFormats = (req('ajv-formats') as { default: (ajv: Ajv) => void }).default;
    shared = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
    addFormats(shared);
  }
  return shared;
}

const SIMPLE_TYPES = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];

/** Rule: configSchema must compile as a draft-07 JSON Schema (ajv). */
export const configSchemaValid = defineRule({
  meta: {
    id: 'config-schema-valid',
    description: 'configSchema is a valid JSON Schema that compiles (checked with ajv).',
    messages: {
      requiredFlag: '`required: {{value}}` is not how JSON Schema marks a required property: list the property in its parent object\'s `required` array instead (`"required": ["{{property}}"]`)',
      badType: '`type` {{value}} is not a JSON Schema type: use {{types}} (or a list of them)',
      wrongType: '`{{keyword}}` must be {{expected}} in a JSON Schema, not {{actual}}',
      other: '`{{keyword}}` {{problem}}',
      pattern: '`{{value}}` is not a valid regular expression ({{problem}}), so configSchema does not compile',
      missingRef: '`$ref` `{{ref}}` does not resolve inside configSchema, so configSchema does not compile',
      compile: 'configSchema does not compile as a JSON Schema: {{problem}}',
    },
  },
  create(context) {
    return {
      ConfigSchema: (node, info) => check(context, node, info.ptr),
    };
  },
});

function check(context: RuleContext, schema: JsonObject, ptr: Ptr): void {
  // `$schema` would make ajv look up a meta-schema it may not have; the platform reads draft-07.
  const copy: JsonObject = { ...schema };
  delete copy['$schema'];
  // The meta-schema check is compiled at build time (the same validator ajv.validateSchema runs).
  if (!draft07.metaSchema(copy)) {
    reportMetaErrors(context, draft07.metaSchema.errors ?? [], ptr, schema);
    return;
  }
  if (checkPatterns(context, schema, ptr)) return;
  // Many connectors in one run share a configSchema (generated or copied ones): compile each text once.
  const key = JSON.stringify(copy);
  // Past the meta-schema and the patterns, only references can stop a schema from compiling;
  // without them, skip building an ajv instance (the costliest part of a single-file run).
  if (compiled.has(key) || !/"\$(ref|id|recursiveRef|dynamicRef)"/.test(key)) return;
  const ajv = ajvInstance();
  try {
    ajv.compile(copy);
    compiled.add(key);
  } catch (e) {
    reportCompileError(context, e, schema, ptr);
  } finally {
    ajv.removeSchema(copy);
  }
}

/** configSchema texts that compiled, in this process. */
const compiled = new Set<string>();

/** One diagnostic per place: ajv's meta-schema errors come in bundles (enum + type + anyOf) for one mistake. */
function reportMetaErrors(context: RuleContext, errors: ErrorObject[], base: Ptr, schema: JsonObject): void {
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  for (const [path, list] of byPath) {
    // A failed union (`type`: a name or a list of names) also fails at the element that is wrong: report that one.
    if ([...byPath.keys()].some((other) => other.startsWith(path + '/'))) continue;
    const rel = Ptr.parse(path);
    const ptr = base.concat(rel.segments());
    const segs = rel.segments();
    const keyword = segs.length === 0 ? 'configSchema' : /^\d+$/.test(segs[segs.length - 1]!) && segs.length > 1 ? `${segs[segs.length - 2]}[${segs[segs.length - 1]}]` : segs[segs.length - 1]!;
    const value = valueAt(schema, segs);
    if (list.some((e) => e.keyword === 'enum' && e.schemaPath.includes('simpleTypes'))) {
      context.report({ messageId: 'badType', data: { value: `\`${JSON.stringify(value)}\``, types: codeList(SIMPLE_TYPES, 'or') }, ptr });
      continue;
    }
    if (segs[segs.length - 1] === 'required' && typeof value === 'boolean' && segs[segs.length - 3] === 'properties') {
      context.report({ messageId: 'requiredFlag', data: { value: String(value), property: segs[segs.length - 2]! }, ptr });
      continue;
    }
    const typeErr = list.find((e) => e.keyword === 'type');
    if (typeErr) {
      const expected = article(String((typeErr.params as { type: unknown }).type));
      context.report({ messageId: 'wrongType', data: { keyword, expected, actual: article(jsonType(value)) }, ptr });
      continue;
    }
    const first = list.find((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf') ?? list[0]!;
    context.report({ messageId: 'other', data: { keyword, problem: plain(first.message ?? 'is not valid here') }, ptr });
  }
}

/** Patterns are compiled as Unicode regular expressions; report each bad one where it is written. */
function checkPatterns(context: RuleContext, schema: JsonObject, base: Ptr): boolean {
  let found = false;
  const test = (value: string, ptr: Ptr, target: 'key' | 'value') => {
    try {
      new RegExp(value, 'u');
    } catch (e) {
      found = true;
      context.report({ messageId: 'pattern', data: { value, problem: regexProblem(e) }, ptr, target });
    }
  };
  forEachSchema(schema, base, (node, ptr) => {
    const pattern = own(node, 'pattern');
    if (typeof pattern === 'string') test(pattern, ptr.child('pattern'), 'value');
    const patternProps = own(node, 'patternProperties');
    if (isObject(patternProps)) for (const k of Object.keys(patternProps)) test(k, ptr.child('patternProperties').child(k), 'key');
  });
  return found;
}

/** ajv's "must NOT have fewer than 1 items" read as an author would say it. */
function plain(message: string): string {
  return message
    .replace(/must NOT have fewer than (\d+) (items|properties|characters)/, (_m, n: string, what: string) => `must have at least ${n} ${n === '1' ? what.replace(/ies$/, 'y').replace(/s$/, '') : what}`)
    .replace(/must NOT have more than (\d+) (items|properties|characters)/, 'must have at most $1 $2')
    .replace(/must NOT have duplicate items.*/, 'must not repeat an item');
}

function regexProblem(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const i = msg.lastIndexOf(': ');
  return i >= 0 ? msg.slice(i + 2) : msg;
}

function reportCompileError(context: RuleContext, e: unknown, schema: JsonObject, base: Ptr): void {
  const missingRef = isObject(e) && typeof e['missingRef'] === 'string' ? e['missingRef'] : undefined;
  if (missingRef !== undefined) {
    let located = false;
    forEachSchema(schema, base, (node, ptr) => {
      const ref = own(node, '$ref');
      if (typeof ref === 'string' && (ref === missingRef || missingRef.endsWith(ref))) {
        located = true;
        context.report({ messageId: 'missingRef', data: { ref }, ptr: ptr.child('$ref') });
      }
    });
    if (located) return;
  }
  context.report({ messageId: 'compile', data: { problem: e instanceof Error ? e.message : String(e) }, ptr: base });
}

