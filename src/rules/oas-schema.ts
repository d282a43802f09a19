/**
 * OpenAPI structure, checked against the OpenAPI 3.0 JSON Schema swagger-parser validates with and
 * OAI's current 3.1 schema (with the fixes of scripts/oas31-fixes.mjs), both compiled at build time, on the document as written: $refs are not expanded, so a problem inside
 * a component is reported once, where it is. Raw ajv errors are collapsed to one per real problem.
 */
import type { ErrorObject } from 'ajv';
import { defineRule, type RuleContext } from './types.js';
import * as oas30 from '../generated/oas30.js';
import { createRequire } from 'node:module';
import type * as Oas31 from '../generated/oas31.cjs';
import { collapse, type Finding } from '../schema/collapse.js';
import { Ptr } from '../model/pointer.js';
import { isObject, jsonType, own, setOwn, valueAt, type JsonObject } from '../model/json.js';
import { typeAt } from '../model/type-at.js';
import { typeName, type NodeType } from '../model/node-types.js';
import { article, codeList, didYouMean, suggest } from '../util/text.js';

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

const SCHEMA_KEYWORDS_30 = [
  'title', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern',
  'maxItems', 'minItems', 'uniqueItems', 'maxProperties', 'minProperties', 'required', 'enum', 'type', 'not', 'allOf', 'oneOf',
  'anyOf', 'items', 'properties', 'additionalProperties', 'description', 'format', 'default', 'nullable', 'discriminator',
  'readOnly', 'writeOnly', 'example', 'externalDocs', 'deprecated', 'xml',
];

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
      either: '{{Where}} needs either {{alternatives}}{{hint}}',
      exclusive: '{{Where}} may not have both {{alternatives}}',
      pathKey: 'Path `{{path}}` must start with `/`{{hint}}',
      securityScheme:
        '`{{name}}` is not an OpenAPI security scheme: its `type` is {{actual}}, expected {{allowed}}{{hint}}',
      other: '{{What}} {{message}}',
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
        const relevant = (oas30.pathItem.errors ?? []).filter((e) => !(e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === 'responses'));
        errors.push(...relevant.map((e) => ({ ...e, instancePath: prefix + e.instancePath })));
      }
    }
  }
  const reporter = new FindingReporter(context, oas.value, oas.ptr);
  if (!is31) errors = reporter.securitySchemes(errors);
  const findings = collapse(errors);
  const misspelt = misspeltRequiredKeys(oas.value, findings);
  const connectorRoot = context.connector.layout === 'openapi';
  for (const f of findings) {
    // A required key written with a typo is one problem, reported at the typo, not again as "missing".
    if (f.kind === 'missing' && [...misspelt.values()].some((m) => m.instancePath === f.instancePath && m.property === f.property)) continue;
    // At an OpenAPI-root connector's root, unknown keys are cdp-schema's (misspelled-key, unknown-key): it knows both vocabularies.
    if (connectorRoot && f.kind === 'unexpected' && f.instancePath === '') continue;
    if (f.instancePath === '/openapi') continue; // the openapi-version rule explains a wrong version, once
    if (isSwagger2Schema(f, findings)) continue;
    reporter.report(f, f.kind === 'unexpected' ? misspelt.get(`${f.instancePath}/${escape(f.property!)}`)?.property : undefined);
  }
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

/** A Swagger 2.0-style parameter lacks `schema` because its `type` sits beside it: one mistake, reported once, at `type`. */
function isSwagger2Schema(f: Finding, all: Finding[]): boolean {
  return f.kind === 'either' && all.some((o) => o.kind === 'unexpected' && o.instancePath === f.instancePath && SCHEMA_KEYS_OUTSIDE_SCHEMA.has(o.property!));
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
  ) {}

  /** Security schemes are a union discriminated by `type`: re-check the intended branch alone. */
  securitySchemes(errors: ErrorObject[]): ErrorObject[] {
    const prefix = '/components/securitySchemes/';
    const schemes = own(isObject(own(this.doc, 'components')) ? (own(this.doc, 'components') as JsonObject) : {}, 'securitySchemes');
    if (!isObject(schemes)) return errors;
    const affected = new Set<string>();
    for (const e of errors) {
      if (!e.instancePath.startsWith(prefix)) continue;
      const name = e.instancePath.slice(prefix.length).split('/')[0]!;
      affected.add(name);
    }
    let rest = errors;
    for (const escaped of affected) {
      const at = prefix + escaped;
      rest = rest.filter((e) => e.instancePath !== at && !e.instancePath.startsWith(at + '/'));
      const name = escaped.replace(/~1/g, '/').replace(/~0/g, '~');
      const scheme = own(schemes, name);
      const type = isObject(scheme) ? own(scheme, 'type') : undefined;
      const validatorName = typeof type === 'string' && Object.hasOwn(SECURITY_TYPES, type) ? SECURITY_TYPES[type] : undefined;
      if (!validatorName) {
        this.securityUnion(name, scheme, type);
        continue;
      }
      const validate = oas30[validatorName];
      if (!validate(scheme)) rest.push(...(validate.errors ?? []).map((e) => ({ ...e, instancePath: at + e.instancePath })));
    }
    return rest;
  }

  private securityUnion(name: string, scheme: unknown, type: unknown): void {
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
      ptr: this.base.concat(['components', 'securitySchemes', name]),
    });
  }

  /** Report one finding; `suggestion` is the required key an unexpected key misspells. */
  report(f: Finding, suggestion?: string): void {
    const segments = Ptr.parse(f.instancePath).segments();
    const ptr = this.base.concat(segments);
    const type = typeAt('OpenAPI', segments);
    const value = valueAt(this.doc, segments);
    const where = describe(type, segments, value);
    const key = segments[segments.length - 1] ?? '';
    const what = segments.length === 0 ? 'The document' : `\`${key}\``;
    const common = { where, Where: cap(where), What: what };
    switch (f.kind) {
      case 'unexpected': {
        const prop = f.property!;
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
        const hint = suggestion
          ? `; did you mean \`${suggestion}\`?`
          : (Object.hasOwn(UNEXPECTED_HINTS[type] ?? {}, prop) ? UNEXPECTED_HINTS[type]![prop] : undefined) ?? (type === 'Schema' ? customKeyHint(prop) : '; custom keys must start with `x-`');
        this.context.report({ messageId: 'unexpected', data: { ...common, property: prop, hint: hint.startsWith(';') ? hint : `: ${hint}` }, ptr: ptr.child(prop), target: 'key' });
        return;
      }
      case 'missing': {
        const hint = MISSING_HINTS[type]?.[f.property!];
        this.context.report({ messageId: 'missing', data: { ...common, property: f.property!, hint: hint ? `: ${hint}` : '' }, ptr });
        return;
      }
      case 'type': {
        const hint =
          key === 'externalDocs' && typeof value === 'string'
            ? ': OpenAPI\'s `externalDocs` is an object such as `{"url": "https://..."}` (the plain URL string is only valid at the connector root)'
            : '';
        this.context.report({ messageId: 'type', data: { ...common, expected: article(f.expectedType!), actual: article(jsonType(value)), hint }, ptr });
        return;
      }
      case 'enum': {
        const hint =
          typeAt('OpenAPI', segments.slice(0, -1)) === 'Schema' && key === 'type' && value === 'null'
            ? ': `null` is not a type in OpenAPI 3.0; keep the real type and add `"nullable": true`'
            : '';
        this.context.report({ messageId: 'enum', data: { ...common, allowed: codeList((f.allowed ?? []).map(show), 'or'), actual: `\`${show(value)}\``, hint }, ptr });
        return;
      }
      case 'either':
        this.context.report({ messageId: 'either', data: { ...common, alternatives: codeList(f.alternatives ?? [], 'or'), hint: '' }, ptr });
        return;
      case 'exclusive': {
        const alternatives = /SchemaXORContent/.test(f.schemaPath)
          ? ['schema', 'content']
          : /ExampleXORExamples/.test(f.schemaPath)
            ? ['example', 'examples']
            : /dependentSchemas\/identifier\/not$/.test(f.schemaPath) // OpenAPI 3.1 License: `identifier` and `url` exclude each other
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

function customKeyHint(prop: string): string {
  const dym = didYouMean(prop, SCHEMA_KEYWORDS_30);
  return dym !== '' ? `: it is not an OpenAPI 3.0 Schema keyword${dym}` : ': it is not an OpenAPI 3.0 Schema keyword (custom keys must start with `x-`)';
}

function humanize(f: Finding): string {
  const m = f.message ?? '';
  if (f.kind === 'union') return 'does not match any of the shapes OpenAPI allows here';
  return m.replace(/^must /, 'must ');
}

/** "response `200` of POST /contacts", "parameter 0 of GET /x", "schema `orderSchema`"... */
function describe(type: NodeType, segments: string[], value: unknown): string {
  const last = segments[segments.length - 1] ?? '';
  const op = operationLabel(segments);
  switch (type) {
    case 'Operation':
      return op ? `operation ${op}` : 'the operation';
    case 'Response':
      return op ? `response \`${last}\` of ${op}` : `response \`${last}\``;
    case 'Parameter':
      return op ? `parameter ${paramName(value, last)} of ${op}` : `parameter ${paramName(value, last)}`;
    case 'Schema':
      return 'an OpenAPI 3.0 Schema Object';
    case 'OpenAPI':
      return 'the OpenAPI document';
    default:
      return typeName(type);
  }
}

function paramName(value: unknown, index: string): string {
  const name = isObject(value) ? own(value, 'name') : undefined;
  return typeof name === 'string' ? `\`${name}\`` : index;
}

function operationLabel(segments: string[]): string | undefined {
  const i = segments.findIndex((s, idx) => (s === 'paths' || s === 'webhooks') && idx === 0);
  if (i !== 0 || segments.length < 3) return undefined;
  return `${segments[2]!.toUpperCase()} ${segments[1]}`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
