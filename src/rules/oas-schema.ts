/**
 * OpenAPI structure, checked against the OpenAPI 3.0 JSON Schema swagger-parser validates with and
 * OAI's current 3.1 schema (with the fixes of scripts/oas31-fixes.mjs), both compiled at build time, on the document as written: $refs are not expanded, so a problem inside
 * a component is reported once, where it is. Raw ajv errors are collapsed to one per real problem.
 */
import type { ErrorObject } from 'ajv';
import { defineRule, type RuleContext } from './types.js';
import * as oas30 from '../generated/oas30.js';
import { OAS_FIELDS } from '../generated/oas-fields.js';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import type * as Oas31 from '../generated/oas31.cjs';
import { atOrAbove, collapse, type Finding } from '../schema/collapse.js';
import { Ptr } from '../model/pointer.js';
import { isObject, jsonType, own, setOwn, valueAt, type JsonObject } from '../model/json.js';
import { typeAt } from '../model/type-at.js';
import { HTTP_METHODS, typeName, type NodeType } from '../model/node-types.js';
import { article, codeList, didYouMean, quoteFlowHint, suggest } from '../util/text.js';
import { ROOT_ONLY } from './misplaced-setting.js';

/**
 * Characters of instance paths the errors of one validation may hold to be explained one by one
 * (see FindingReporter.withinBudget): this many, or 8 times the linted file's length when that is more.
 */
const ERROR_PATHS_BUDGET = 10_000_000;

/** Connector keys that may sit at the root of an OpenAPI-root connector and are not OpenAPI's business. */
export const CONNECTOR_ROOT_KEYS = new Set([
  'preDefinedActions',
  'preDefinedEvents',
  'preDefinedEventListeners',
  'pollingConfigs',
  'enrichmentPoints',
  'configSchema',
  'securitySchemes',
  'name',
  'type',
  'category',
  'version',
  'connectorVersion',
  'enabled',
  'logoUrl',
  'description',
  'vendor',
]);

const SECURITY_TYPES: Record<string, keyof typeof oas30> = {
  apiKey: 'apiKeySecurityScheme',
  http: 'httpSecurityScheme',
  oauth2: 'oauth2SecurityScheme',
  openIdConnect: 'openIdConnectSecurityScheme',
};

/** Hints for keys that are valid elsewhere (Swagger 2.0, JSON Schema) but not in OpenAPI 3.0. */
const UNEXPECTED_HINTS: Partial<Record<NodeType, Record<string, string>>> = {
  Parameter: {
    type: 'in OpenAPI 3 a parameter\'s type goes inside `schema` (for example `"schema": {"type": "string"}`)',
    format: 'in OpenAPI 3 `format` goes inside `schema`',
    items: 'in OpenAPI 3 `items` goes inside `schema`',
    enum: 'in OpenAPI 3 `enum` goes inside `schema`',
    default: 'in OpenAPI 3 `default` goes inside `schema`',
    collectionFormat: 'OpenAPI 3 uses `style` and `explode` instead',
  },
  Header: { type: 'in OpenAPI 3 a header\'s type goes inside `schema`' },
  Schema: {
    additionalItems: 'the OpenAPI 3.0 Schema Object has no `additionalItems` (it is JSON Schema draft 4 to 2019-09); describe array elements with `items`',
    $schema: 'the OpenAPI 3.0 Schema Object has no `$schema`',
    $id: 'the OpenAPI 3.0 Schema Object has no `$id`',
    const: 'OpenAPI 3.0 has no `const`; use a one-value `enum`',
    examples: 'OpenAPI 3.0 schemas take a single `example`',
    patternProperties: 'OpenAPI 3.0 has no `patternProperties`; use `additionalProperties`',
    if: 'OpenAPI 3.0 has no `if`/`then`/`else`',
    then: 'OpenAPI 3.0 has no `if`/`then`/`else`',
    else: 'OpenAPI 3.0 has no `if`/`then`/`else`',
    allowAdditionalProperties: '`allowAdditionalProperties` is a misspelling of `additionalProperties`',
    schema: 'a Schema Object has no `schema` wrapper; write its keywords (`type`, `properties`, ...) directly here',
  },
};

const MISSING_HINTS: Partial<Record<NodeType, Record<string, string>>> = {
  Response: { description: 'OpenAPI requires a `description` on every response, even a short one such as "OK"' },
  Operation: { responses: 'OpenAPI requires at least one response, for example `"200": {"description": "OK"}`' },
  OpenAPI: { info: 'add `"info": {"title": "...", "version": "1.0.0"}`', openapi: 'add `"openapi": "3.0.3"`' },
};

export const oasSchema = defineRule({
  meta: {
    id: 'oas-schema',
    description: 'The OpenAPI document has the structure OpenAPI 3.0/3.1 requires.',
    messages: {
      unexpected: '`{{property}}` is not allowed in {{where}}{{hint}}',
      missing: '{{Where}} is missing the required `{{property}}`{{hint}}',
      type: '{{What}} must be {{expected}}, not {{actual}}{{hint}}',
      enum: '{{What}} must be one of {{allowed}}, not {{actual}}{{hint}}',
      // One allowed value: "must be `form`", not "one of `form`".
      enumOne: '{{What}} must be {{allowed}}, not {{actual}}{{hint}}',
      either: '{{Where}} needs either {{alternatives}}{{hint}}',
      exclusive: '{{Where}} may not have both {{alternatives}}',
      pathKey: 'Path `{{path}}` must start with `/`{{hint}}',
      securityScheme:
        '`{{name}}` is not an OpenAPI security scheme: its `type` is {{actual}}, expected {{allowed}}{{hint}}',
      refNotAllowed: '{{Where}} is written as a `$ref`, but OpenAPI allows no Reference Object in place of {{kind}}; write it inline',
      pathRequired: '{{Where}} is a path parameter, so it must have `required: true` (OpenAPI: a path parameter is always required)',
      other: '{{What}} {{message}}',
      tooLong:
        'The structure check stops explaining problems here ({{count}} of its findings are left unexplained): their locations would hold more than {{limit}} characters (long keys repeated in many locations); shorten the long keys, or fix the problems reported',
    },
  },
  create(context) {
    return { end: () => check(context) };
  },
});

function check(context: RuleContext): void {
  const { oas } = context.connector;
  if (!oas) return;
  const version = oas.version ?? '';
  if (own(oas.value, 'swagger') !== undefined) return; // the openapi-version rule explains Swagger 2.0
  const is31 = /^3\.1\./.test(version);
  const doc = documentToValidate(oas.value, context.connector.layout === 'openapi', is31);
  const validate = is31 ? oas31().document : oas30.document;
  validate(doc);
  let errors: ErrorObject[] = [...(validate.errors ?? [])];
  // Webhooks in a 3.0 document are the platform's dialect: check each as a Path Item instead.
  const webhooks = own(oas.value, 'webhooks');
  if (!is31 && isObject(webhooks)) {
    for (const name of Object.keys(webhooks)) {
      if (!oas30.pathItem(webhooks[name])) {
        const prefix = '/webhooks/' + escape(name);
        // Webhooks come from OpenAPI 3.1, where an operation's `responses` is optional.
        const relevant = (oas30.pathItem.errors ?? []).filter((e) => !isMissingResponses(e));
        errors.push(...relevant.map((e) => ({ ...e, instancePath: prefix + e.instancePath })));
      }
    }
  }
  const reporter = new FindingReporter(context, oas.value, oas.ptr, is31);
  if (!is31) errors = reporter.securitySchemes(errors);
  reportFindings(reporter, oas.value, collapse(reporter.withinBudget(errors)), context.connector.layout === 'openapi' ? 'openapi-root' : 'document', is31);
  checkFragments(context, is31);
}

/**
 * Report what ajv found, one diagnostic per problem. `where` is what was validated: the document
 * (at an OpenAPI-root connector's root, or in a hub's `resources`), or a value a `$ref` reaches in
 * another file: the same findings get the same diagnostics wherever the value is written.
 */
function reportFindings(reporter: FindingReporter, doc: JsonObject, findings: Finding[], where: 'openapi-root' | 'document' | 'fragment', is31: boolean): void {
  const misspelt = misspeltRequiredKeys(doc, findings);
  const asRef = new Set(refsNotAllowed(findings));
  const misspeltMissing = new Set([...misspelt.values()].map((m) => `${m.instancePath}\u0000${m.property!}`));
  const swagger2 = swagger2Parameters(findings);
  const explainedBelow = is31 ? atOrAbove(findings.filter((o) => o.keyword !== 'unevaluatedProperties').map((o) => o.instancePath)) : new Set<string>();
  for (const f of findings) {
    // The same parameter listed twice is duplicate-parameter's to report (it names the first).
    if (f.keyword === 'uniqueItems' && /(^|\/)parameters$/.test(f.instancePath)) continue;
    if (is31 && isUnevaluatedAfterFailedBranch(f, explainedBelow, reporter)) continue;
    // An object written as a `$ref` where OpenAPI allows none is one problem: what it lacks follows from it.
    if (asRef.size > 0 && underAny(f.instancePath, asRef) && !(f.kind === 'unexpected' && f.property === '$ref')) continue;
    // A `$ref`'s value (not a string) is unresolved-ref's to report, and an object written as a
    // Reference where one is allowed lacks none of the target's keys.
    if (f.instancePath.endsWith('/$ref') || (!asRef.has(f.instancePath) && hasRef(doc, f.instancePath))) continue;
    // A required key written with a typo is one problem, reported at the typo, not again as "missing".
    if (f.kind === 'missing' && misspeltMissing.has(`${f.instancePath}\u0000${f.property!}`)) continue;
    if (where !== 'fragment' && f.instancePath === '') {
      // At an OpenAPI-root connector's root, unknown keys are cdp-schema's (misspelled-key, unknown-key): it knows both vocabularies.
      if (where === 'openapi-root' && f.kind === 'unexpected') continue;
      // Connector lists written inside a hub's `resources` are misplaced-setting's: it says where they belong.
      if (where === 'document' && f.kind === 'unexpected' && ROOT_ONLY.includes(f.property!)) continue;
    }
    if (where !== 'fragment' && f.instancePath === '/openapi') continue; // the openapi-version rule explains a wrong version, once
    if (isSwagger2Schema(f, swagger2)) continue;
    reporter.report(f, f.kind === 'unexpected' ? misspelt.get(`${f.instancePath}/${escape(f.property!)}`)?.property : undefined);
  }
}

/** The OpenAPI 3.0 validator of a security scheme's `type`, if its `type` is one of OpenAPI's. */
function securityValidator(scheme: unknown): keyof typeof oas30 | undefined {
  const type = isObject(scheme) ? own(scheme, 'type') : undefined;
  return typeof type === 'string' && Object.hasOwn(SECURITY_TYPES, type) ? SECURITY_TYPES[type] : undefined;
}

/**
 * Keys OAI's 3.1 schema declares only inside a conditional branch of an object (`if`/`then`,
 * `allOf`, `dependentSchemas`): an apiKey scheme's `name` and `in`, a parameter's `style`...
 * (test/oas31-schema.test.ts derives them from the schema).
 */
export const BRANCH_ONLY_KEYS_31: Partial<Record<NodeType, readonly string[]>> = {
  Parameter: ['allowEmptyValue', 'style', 'explode', 'example', 'examples', 'allowReserved'],
  Header: ['style', 'explode', 'example', 'examples'],
  MediaType: ['example', 'examples'],
  SecurityScheme: ['name', 'in', 'scheme', 'bearerFormat', 'flows', 'openIdConnectUrl'],
};

/**
 * When a branch fails (an apiKey scheme's `in: headr`), ajv drops what it evaluated, so
 * `unevaluatedProperties` then rejects the keys that branch declares (`name`): a consequence of
 * the problem already reported, not a second one.
 */
function isUnevaluatedAfterFailedBranch(f: Finding, explainedBelow: Set<string>, reporter: FindingReporter): boolean {
  if (f.keyword !== 'unevaluatedProperties' || !BRANCH_ONLY_KEYS_31[reporter.typeOf(f.instancePath)]?.includes(f.property!)) return false;
  // Another finding (not unevaluatedProperties) at or below it: `explainedBelow` holds their paths and every ancestor.
  return explainedBelow.has(f.instancePath);
}

function isMissingResponses(e: ErrorObject): boolean {
  return e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === 'responses';
}

function hasRef(doc: JsonObject, instancePath: string): boolean {
  const value = valueAt(doc, Ptr.parse(instancePath).segments());
  return isObject(value) && own(value, '$ref') !== undefined;
}

/** Objects written as `{$ref}` where OpenAPI allows no Reference Object (an Operation, the Paths Object...), by instance path. */
function refsNotAllowed(findings: Finding[]): string[] {
  return findings.filter((f) => f.kind === 'unexpected' && f.property === '$ref').map((f) => f.instancePath);
}

/** The OpenAPI 3.0 definition each type of value a `$ref` may reach in another file is checked with. */
const FRAGMENT_VALIDATORS: Partial<Record<NodeType, keyof typeof oas30>> = {
  PathItem: 'pathItem',
  Operation: 'operation',
  Parameter: 'parameter',
  RequestBody: 'requestBody',
  Response: 'response',
  Header: 'header',
  Schema: 'schema',
  MediaType: 'mediaType',
  Example: 'example',
  Link: 'link',
  Callback: 'callback',
};

/**
 * Where a value of each type a `$ref` may reach in another file sits in a minimal OpenAPI 3.1
 * document. The 3.1 schema is one validator (its definitions are not compiled one by one: each
 * would add its own copy of the code), so a fragment is checked in such a document: with the same
 * schema paths as inline, it gets the same findings.
 */
const FRAGMENT_PLACES_31: Partial<Record<NodeType, string[]>> = {
  PathItem: ['components', 'pathItems', 'x'],
  Operation: ['paths', '/x', 'get'],
  Parameter: ['components', 'parameters', 'x'],
  RequestBody: ['components', 'requestBodies', 'x'],
  Response: ['components', 'responses', 'x'],
  Header: ['components', 'headers', 'x'],
  Schema: ['components', 'schemas', 'x'],
  MediaType: ['components', 'requestBodies', 'x', 'content', 'application/json'],
  Example: ['components', 'examples', 'x'],
  Link: ['components', 'links', 'x'],
  Callback: ['components', 'callbacks', 'x'],
  SecurityScheme: ['components', 'securitySchemes', 'x'],
};

/**
 * What the document's `$ref`s reach in other files is part of it: each value is checked as the
 * type its referrer gives it (OpenAPI 3.0: with that type's definition; 3.1: in its place in a
 * minimal document), and problems are reported in that file, as they would be inline.
 */
function checkFragments(context: RuleContext, is31: boolean): void {
  for (const { value, ptr, type, referrers } of context.connector.fragments) {
    // A value that is itself a $ref is checked where the chain ends (that is a fragment too).
    if (isObject(value) && typeof own(value, '$ref') === 'string') continue;
    // OAI's 3.1 schema checks that a Schema Object is an object or a boolean, not what is inside
    // it: a subschema (`properties: {a: {$ref}}`) is not checked inline, so not here either.
    if (is31 && type === 'Schema' && referrers.every((r) => r === 'Schema')) continue;
    const reporter = new FindingReporter(context, value as JsonObject, ptr, is31, type);
    if (!is31 && type === 'SecurityScheme' && securityValidator(value) === undefined) {
      reporter.securityUnion(ptr.parent === null ? basename(ptr.file ?? '') : ptr.key, value, isObject(value) ? own(value, 'type') : undefined, ptr);
      continue;
    }
    let errors = is31 ? fragmentErrors31(value, type) : fragmentErrors30(value, type);
    // A 3.0 document's webhooks are checked as Path Items whose operations need no `responses` (see check()).
    if (!is31 && type === 'PathItem' && referrers.every((r) => r === 'Webhooks')) errors = errors.filter((e) => !isMissingResponses(e));
    if (errors.length === 0) continue;
    reportFindings(reporter, value as JsonObject, collapse(reporter.withinBudget(errors)), 'fragment', is31);
  }
}

function fragmentErrors30(value: unknown, type: NodeType): ErrorObject[] {
  if (type === 'SecurityScheme') {
    // A union discriminated by `type`, as in the document (FindingReporter.securitySchemes): an unknown `type` is reported by checkFragments.
    const name = securityValidator(value);
    if (name === undefined) return [];
    const validate = oas30[name];
    return validate(value) ? [] : (validate.errors ?? []);
  }
  const name = FRAGMENT_VALIDATORS[type];
  if (name === undefined) return [];
  const validate = oas30[name];
  return validate(value) ? [] : (validate.errors ?? []);
}

function fragmentErrors31(value: unknown, type: NodeType): ErrorObject[] {
  const place = FRAGMENT_PLACES_31[type];
  if (place === undefined) return [];
  const doc: JsonObject = { openapi: '3.1.0', info: { title: 'fragment', version: '1' } };
  let holder = doc;
  for (const key of place.slice(0, -1)) {
    const next: JsonObject = {};
    setOwn(holder, key, next);
    holder = next;
  }
  setOwn(holder, place[place.length - 1]!, value);
  const validate = oas31().document;
  if (validate(doc)) return [];
  const prefix = '/' + place.map(escape).join('/');
  const out: ErrorObject[] = [];
  for (const e of validate.errors ?? []) {
    if (e.instancePath === prefix || e.instancePath.startsWith(prefix + '/')) out.push({ ...e, instancePath: e.instancePath.slice(prefix.length) });
  }
  return out;
}

/** Keys near a required key that is missing beside them (`descripton` for `description`), by the key's pointer. */
function misspeltRequiredKeys(doc: JsonObject, findings: Finding[]): Map<string, Finding> {
  const out = new Map<string, Finding>();
  for (const f of findings) {
    if (f.kind !== 'missing') continue;
    const holder = valueAt(doc, Ptr.parse(f.instancePath).segments());
    if (!isObject(holder)) continue;
    for (const k of Object.keys(holder)) if (suggest(k, [f.property!]) === f.property) out.set(`${f.instancePath}/${escape(k)}`, f);
  }
  return out;
}

/** Keys a Swagger 2.0 parameter or header carries beside `name`; in OpenAPI 3 they belong inside `schema`. */
const SCHEMA_KEYS_OUTSIDE_SCHEMA = new Set(['type', 'format', 'items', 'enum', 'default']);

/** Instance paths of the parameters and headers written in Swagger 2.0's style: `type`, `format`, ... beside `name`. */
function swagger2Parameters(findings: Finding[]): Set<string> {
  return new Set(findings.filter((o) => o.kind === 'unexpected' && SCHEMA_KEYS_OUTSIDE_SCHEMA.has(o.property!)).map((o) => o.instancePath));
}

/** A Swagger 2.0-style parameter lacks `schema` because its `type` sits beside it: one mistake, reported once, at `type`. */
function isSwagger2Schema(f: Finding, swagger2: Set<string>): boolean {
  return f.kind === 'either' && swagger2.has(f.instancePath);
}

/** `path` is one of `roots` or lies below one (JSON pointers), in one lookup per ancestor. */
function underAny(path: string, roots: Set<string>): boolean {
  for (let p = path; ; p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
    if (roots.has(p)) return true;
    if (p === '') return false;
  }
}

let oas31Module: typeof Oas31 | undefined;

/**
 * The OpenAPI 3.1 validator, loaded on first use from the generated CommonJS file: from the bundle
 * (dist/cli.js) it is ../src/generated, from the sources ../generated.
 */
function oas31(): typeof Oas31 {
  if (oas31Module) return oas31Module;
  const req = createRequire(import.meta.url);
  for (const candidate of ['../generated/oas31.cjs', '../src/generated/oas31.cjs']) {
    try {
      oas31Module = req(candidate) as typeof Oas31;
      return oas31Module;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
    }
  }
  throw new Error('the OpenAPI 3.1 validator is missing: run `npm run build`');
}

function documentToValidate(value: JsonObject, isConnectorRoot: boolean, is31: boolean): JsonObject {
  if (!isConnectorRoot && is31) return value;
  const copy: JsonObject = {};
  for (const k of Object.keys(value)) {
    if (isConnectorRoot && CONNECTOR_ROOT_KEYS.has(k)) continue;
    if (!is31 && k === 'webhooks') continue;
    setOwn(copy, k, value[k]);
  }
  return copy;
}

function escape(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

class FindingReporter {
  constructor(
    private readonly context: RuleContext,
    private readonly doc: JsonObject,
    private readonly base: Ptr,
    /** Whether the document is checked as OpenAPI 3.1 (check() decides, from its `openapi`). */
    private readonly is31: boolean,
    /** The type of `doc`: the OpenAPI document, or what a $ref into another file reaches. */
    private readonly rootType: NodeType = 'OpenAPI',
  ) {}

  /** The value validated, when it is not the whole document: named by its key in its file (`ok` of `responses.yaml#/ok`), else as "the Response in this file". */
  private fragmentLabel(): { where: string; What: string } {
    const key = this.base.parent === null ? undefined : this.base.key;
    const the = typeName(this.rootType).replace(/^an? /i, 'the ');
    // A list index, or a parameter without a name, would read as `parameters[limit]`: name its place in the file instead.
    const unnamed = key !== undefined && (/^\d+$/.test(key) || (this.rootType === 'Parameter' && typeof own(this.doc, 'name') !== 'string'));
    if (key !== undefined && !unnamed) {
      const where = describe(this.rootType, [key], this.doc);
      return { where, What: subject(this.rootType, [key], where) };
    }
    const where = key === undefined ? `${the} in this file` : `${the} at \`#${this.base.toString()}\``;
    return { where, What: cap(where) };
  }

  /**
   * The errors whose instance paths fit ERROR_PATHS_BUDGET together, in ajv's order; the first left
   * out gets one `tooLong` report at its place, with the count of those left out. Explaining an
   * error reads its path several times (collapsing, locating, quoting): a thousand errors under one
   * 600 KB key are 600 million characters of paths.
   */
  withinBudget(errors: ErrorObject[]): ErrorObject[] {
    const budget = Math.max(ERROR_PATHS_BUDGET, 8 * this.context.connector.source.text.length);
    let left = budget;
    for (let i = 0; i < errors.length; i++) {
      left -= errors[i]!.instancePath.length;
      if (left >= 0) continue;
      const segments = Ptr.parse(errors[i]!.instancePath).segments();
      this.context.report({ messageId: 'tooLong', data: { count: (errors.length - i).toLocaleString('en-US'), limit: budget.toLocaleString('en-US') }, ptr: this.base.concat(segments) });
      return errors.slice(0, i);
    }
    return errors;
  }

  /** Security schemes are a union discriminated by `type`: re-check the intended branch alone. */
  securitySchemes(errors: ErrorObject[]): ErrorObject[] {
    const prefix = '/components/securitySchemes/';
    const schemes = own(isObject(own(this.doc, 'components')) ? (own(this.doc, 'components') as JsonObject) : {}, 'securitySchemes');
    if (!isObject(schemes)) return errors;
    const affected = new Set<string>();
    // Errors inside a scheme are left to its own validator (below); the others are kept.
    const rest: ErrorObject[] = [];
    for (const e of errors) {
      if (!e.instancePath.startsWith(prefix)) {
        rest.push(e);
        continue;
      }
      const name = e.instancePath.slice(prefix.length).split('/')[0]!;
      affected.add(name);
    }
    for (const escaped of affected) {
      const at = prefix + escaped;
      const name = escaped.replace(/~1/g, '/').replace(/~0/g, '~');
      const scheme = own(schemes, name);
      const validatorName = securityValidator(scheme);
      if (!validatorName) {
        this.securityUnion(name, scheme, isObject(scheme) ? own(scheme, 'type') : undefined, this.base.concat(['components', 'securitySchemes', name]));
        continue;
      }
      const validate = oas30[validatorName];
      if (!validate(scheme)) rest.push(...(validate.errors ?? []).map((e) => ({ ...e, instancePath: at + e.instancePath })));
    }
    return rest;
  }

  /** A security scheme whose `type` names none of OpenAPI 3.0's: one error, at `ptr`. */
  securityUnion(name: string, scheme: unknown, type: unknown, ptr: Ptr): void {
    const looksLikeForm = isObject(scheme) && (own(scheme, 'properties') !== undefined || own(scheme, 'required') !== undefined);
    this.context.report({
      messageId: 'securityScheme',
      data: {
        name,
        actual: type === undefined ? 'missing' : `\`${JSON.stringify(type)}\``,
        allowed: codeList(Object.keys(SECURITY_TYPES), 'or'),
        hint: looksLikeForm
          ? '; this looks like a credential form (a JSON Schema of the fields a user enters), which belongs in the connector\'s root `securitySchemes`'
          : '',
      },
      ptr,
    });
  }

  /** The type of the value at `instancePath` (relative to the value validated). */
  typeOf(instancePath: string): NodeType {
    return typeAt(this.rootType, Ptr.parse(instancePath).segments());
  }

  /** Report one finding; `suggestion` is the required key an unexpected key misspells. */
  report(f: Finding, suggestion?: string): void {
    const segments = Ptr.parse(f.instancePath).segments();
    const ptr = this.base.concat(segments);
    const type = typeAt(this.rootType, segments);
    const value = valueAt(this.doc, segments);
    const root = segments.length === 0 && this.rootType !== 'OpenAPI' ? this.fragmentLabel() : undefined;
    const where = root?.where ?? describe(type, segments, value);
    const key = segments[segments.length - 1] ?? '';
    const what = root?.What ?? subject(type, segments, where);
    const common = { where, Where: cap(where), What: what };
    switch (f.kind) {
      case 'unexpected': {
        const prop = f.property!;
        if (prop === '$ref') {
          this.context.report({ messageId: 'refNotAllowed', data: { ...common, kind: typeName(type) }, ptr: ptr.child(prop), target: 'key' });
          return;
        }
        if (type === 'Paths') {
          const webhooks = own(this.doc, 'webhooks');
          const twin = isObject(webhooks) && own(webhooks, prop) !== undefined;
          this.context.report({
            messageId: 'pathKey',
            data: { path: prop, hint: twin ? `; it repeats the webhook \`${prop}\`, which belongs under \`webhooks\` only` : '' },
            ptr: ptr.child(prop),
            target: 'key',
          });
          return;
        }
        const hint = suggestion ? `; did you mean \`${suggestion}\`?` : unexpectedHint(type, prop, value, this.is31);
        this.context.report({ messageId: 'unexpected', data: { ...common, property: prop, hint: /^[;:]/.test(hint) ? hint : `: ${hint}` }, ptr: ptr.child(prop), target: 'key' });
        return;
      }
      case 'missing': {
        if (type === 'Parameter' && f.property === 'required') {
          this.context.report({ messageId: 'pathRequired', data: common, ptr });
          return;
        }
        const hint = MISSING_HINTS[type]?.[f.property!];
        this.context.report({ messageId: 'missing', data: { ...common, property: f.property!, hint: hint ? `: ${hint}` : '' }, ptr });
        return;
      }
      case 'type': {
        const hint =
          key === 'externalDocs' && typeof value === 'string'
            ? ': OpenAPI\'s `externalDocs` is an object such as `{"url": "https://..."}` (the plain URL string is only valid at the connector root)'
            : isObject(value) || Array.isArray(value)
              ? quoteFlowHint(this.context.written(ptr), f.expectedType!)
              : '';
        this.context.report({ messageId: 'type', data: { ...common, expected: article(f.expectedType!), actual: article(jsonType(value)), hint }, ptr });
        return;
      }
      case 'enum': {
        const parentType = typeAt(this.rootType, segments.slice(0, -1));
        if (parentType === 'Parameter' && key === 'required' && value !== true && own(valueAt(this.doc, segments.slice(0, -1)) as JsonObject, 'in') === 'path') {
          const parent = describe(parentType, segments.slice(0, -1), valueAt(this.doc, segments.slice(0, -1)));
          this.context.report({ messageId: 'pathRequired', data: { ...common, Where: cap(parent) }, ptr });
          return;
        }
        const allowed = (f.allowed ?? []).map(show);
        const hint =
          parentType === 'Schema' && key === 'type' && value === 'null'
            ? ': `null` is not a type in OpenAPI 3.0; keep the real type and add `"nullable": true`'
            : typeof value === 'string' && allowed.length > 1
              ? didYouMean(value, allowed)
              : '';
        this.context.report({ messageId: (f.allowed ?? []).length === 1 ? 'enumOne' : 'enum', data: { ...common, allowed: codeList((f.allowed ?? []).map(show), 'or'), actual: `\`${show(value)}\``, hint }, ptr });
        return;
      }
      case 'either':
        this.context.report({ messageId: 'either', data: { ...common, alternatives: codeList(f.alternatives ?? [], 'or'), hint: '' }, ptr });
        return;
      case 'exclusive': {
        // The `not: {required: [a, b]}`s of OpenAPI (3.0's SchemaXORContent and ExampleXORExamples,
        // 3.1's License identifier|url), told apart by what is written: schema paths are relative.
        const both = (a: string, b: string) => isObject(value) && own(value, a) !== undefined && own(value, b) !== undefined;
        const alternatives = both('schema', 'content')
          ? ['schema', 'content']
          : both('example', 'examples')
            ? ['example', 'examples']
            : both('identifier', 'url')
              ? ['identifier', 'url']
              : [];
        if (alternatives.length === 0) break;
        // The walker does not type Info's children, so a License would be named "a Any".
        const Where = alternatives[0] === 'identifier' ? 'A License' : common.Where;
        this.context.report({ messageId: 'exclusive', data: { ...common, Where, alternatives: codeList(alternatives) }, ptr });
        return;
      }
      default:
        break;
    }
    this.context.report({ messageId: 'other', data: { ...common, message: humanize(f) }, ptr });
  }
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * What follows "`prop` is not allowed in ...": the explanation of a known mistake (UNEXPECTED_HINTS:
 * it says more than a near miss would, `examples` in a 3.0 Schema is not a typo of `example`), else
 * the nearest field of the object that `holder` does not already have ("; did you mean `summary`?",
 * never for an `x-` key, which is an extension however it is spelt), else how custom keys are written.
 */
function unexpectedHint(type: NodeType, prop: string, holder: unknown, is31: boolean): string {
  if (Object.hasOwn(UNEXPECTED_HINTS[type] ?? {}, prop)) return UNEXPECTED_HINTS[type]![prop]!;
  const fields = OAS_FIELDS[is31 ? '3.1' : '3.0'][type] ?? [];
  const dym = prop.startsWith('x-') ? '' : didYouMean(prop, fields.filter((k) => !isObject(holder) || own(holder, k) === undefined));
  if (type === 'Schema') return dym !== '' ? `: it is not an OpenAPI 3.0 Schema keyword${dym}` : ': it is not an OpenAPI 3.0 Schema keyword (custom keys must start with `x-`)';
  return dym !== '' ? dym : '; custom keys must start with `x-`';
}

/** The words after the subject for a constraint without a template of its own; never empty. */
function humanize(f: Finding): string {
  if (f.kind === 'union') return 'does not match any of the shapes OpenAPI allows here';
  const p = f.params ?? {};
  const limit = p['limit'];
  switch (f.keyword) {
    case 'minProperties':
      return limit === 1 ? 'must have at least one entry' : `must have at least ${String(limit)} entries`;
    case 'maxProperties':
      return `must have at most ${String(limit)} entries`;
    case 'minItems':
      return limit === 1 ? 'must list at least one item' : `must list at least ${String(limit)} items`;
    case 'maxItems':
      return `must list at most ${String(limit)} items`;
    case 'uniqueItems':
      return 'must not list the same item twice';
    case 'pattern':
      return `must match the pattern \`${String(p['pattern'])}\``;
    case 'format':
      return `must be a valid ${String(p['format'])}`;
    case 'minimum':
    case 'maximum':
      return `must be ${f.keyword === 'minimum' ? 'at least' : 'at most'} ${String(limit)}`;
    case 'not':
      return 'has a combination of keys OpenAPI does not allow together';
    default: {
      const m = (f.message ?? '').trim();
      return m === '' ? 'does not have the structure OpenAPI requires here' : m;
    }
  }
}

/** The subject of a sentence about the value at `segments`: `key`, or for a list item what it is ("Parameter `id` of GET /x", "item 0 of `tags`"). */
function subject(type: NodeType, segments: string[], where: string): string {
  if (segments.length === 0) return 'The document';
  const key = segments[segments.length - 1]!;
  if (!/^\d+$/.test(key)) return `\`${key}\``;
  if (type !== 'Any' && type !== 'Data') return cap(where);
  const parent = segments[segments.length - 2];
  return parent === undefined ? `Item ${key}` : `Item ${key} of \`${parent}\``;
}

/** "response `200` of POST /contacts", "parameter `id` of path `/x/{id}`", "an XML Object", "`license`"... */
function describe(type: NodeType, segments: string[], value: unknown): string {
  const last = segments[segments.length - 1] ?? '';
  const owner = operationLabel(segments) ?? pathLabel(segments);
  switch (type) {
    case 'Operation':
      return owner ? `operation ${owner}` : 'the operation';
    case 'Response':
      return owner ? `response \`${last}\` of ${owner}` : `response \`${last}\``;
    case 'Parameter':
      return owner ? `parameter ${paramName(value, segments)} of ${owner}` : `parameter ${paramName(value, segments)}`;
    case 'Schema':
      return 'an OpenAPI 3.0 Schema Object';
    case 'OpenAPI':
      return 'the OpenAPI document';
    case 'Any':
    case 'Data':
      // No OpenAPI object name is known here: name the key (an index names its list).
      if (segments.length === 0) return 'the document';
      return /^\d+$/.test(last) && segments.length > 1 ? `item ${last} of \`${segments[segments.length - 2]}\`` : `\`${last}\``;
    default:
      return typeName(type);
  }
}

/** A parameter by its name, else by its place in its list (`parameters[2]`). */
function paramName(value: unknown, segments: string[]): string {
  const name = isObject(value) ? own(value, 'name') : undefined;
  return typeof name === 'string' ? `\`${name}\`` : `\`${segments[segments.length - 2] ?? 'parameters'}[${segments[segments.length - 1] ?? ''}]\``;
}

/** "GET /contacts" for what sits under an operation of `paths` or `webhooks`. */
function operationLabel(segments: string[]): string | undefined {
  if ((segments[0] !== 'paths' && segments[0] !== 'webhooks') || segments.length < 3) return undefined;
  if (!(HTTP_METHODS as readonly string[]).includes(segments[2]!)) return undefined;
  return `${segments[2]!.toUpperCase()} ${segments[1]}`;
}

/** "path `/contacts`" for what sits on a Path Item itself (its shared `parameters`). */
function pathLabel(segments: string[]): string | undefined {
  if (segments.length < 2) return undefined;
  if (segments[0] === 'paths') return `path \`${segments[1]}\``;
  if (segments[0] === 'webhooks') return `webhook \`${segments[1]}\``;
  return undefined;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
