/**
 * Where a string holds configuration variables: a whole-string `"$name"` or an embedded `${name}`
 * (`${lastRunTime:ISO}` is the built-in run time), and only in the places the platform substitutes
 * them (dialect.md, Variables; platform-model.md): server URLs and server variable defaults, OAuth
 * flow URLs, `default` values (of parameter, header, request body and configSchema schemas, with
 * everything inside them), the `configValues` of actions, events and listeners, and storage
 * `read`/`write` settings. Everywhere else (parameter names, `required` entries, enum members,
 * examples, property names) a `$` is literal data. A plain OpenAPI document, with no connector
 * lists and no configSchema, has no variables at all. Within those places the exclusions follow
 * the dialect: `"$"` and JSONPath locators, `$ref`/`$schema`, prose, and the record fields
 * (`"$id"`) of an enrichment point's configValues.
 */
import type { VisitInfo } from './walk.js';
import type { Connector } from './connector.js';
import { isObject, own, type JsonObject } from './json.js';

export interface VariableUse {
  name: string;
  /** `whole`: the string is exactly `$name`; `embedded`: `${name}` or `${name:FORMAT}` inside it. */
  form: 'whole' | 'embedded';
  /** The text after `:` in `${name:FORMAT}`, when present. */
  format?: string;
  /** The variable exactly as written (`$name`, `${name:FORMAT}`). */
  raw: string;
}

/** The built-in variable that holds the time of the previous run. */
export const LAST_RUN_TIME = 'lastRunTime';

/**
 * Built-in placeholders other than lastRunTime: the time stamps of file-name templates
 * (`${now}`, `${now:yyMMdd}`, `${unix}`), which the platform documents in storage connectors.
 */
const BUILT_INS = new Set(['now', 'unix']);

/** True for a placeholder the platform fills itself, not from configuration. */
export function isBuiltIn(use: VariableUse): boolean {
  return use.form === 'embedded' && (use.name === LAST_RUN_TIME || BUILT_INS.has(use.name.toLowerCase()));
}

/** Names of the fields of the root credential forms (`securitySchemes`), which the platform also fills in. */
export function credentialNames(root: JsonObject): Set<string> {
  const out = new Set<string>();
  const forms = own(root, 'securitySchemes');
  if (!isObject(forms)) return out;
  for (const form of Object.values(forms)) {
    const props = isObject(form) ? own(form, 'properties') : undefined;
    if (isObject(props)) for (const k of Object.keys(props)) out.add(k);
  }
  return out;
}

const WHOLE = /^\$([A-Za-z_][A-Za-z0-9_]*)$/;
const EMBEDDED = /\$\{([^}]*)\}/g;
const PROSE = new Set(['description', 'summary', 'title']);
/** Keys whose values are JSONPath expressions, field paths or regular expressions, not templates. */
const NOT_TEMPLATES = new Set(['recordsLocator', 'recordsLocatorPath', 'responseValueLocator', 'destinationLocator', 'sourceField', 'targetField', 'fieldName', 'pattern']);
const REFERENCE_KEYS = new Set(['$ref', '$schema', '$id']);

/** True when the string at `info` is prose or an example, where `$name` is text, not a variable. */
export function isProse(info: VisitInfo): boolean {
  // Inside data (a default object, an enum) a `title` field is a value the platform sends.
  if (PROSE.has(info.key) && info.type !== 'Data') return true;
  const segs = info.ptr.segments();
  for (let i = 0; i < segs.length; i++) {
    if ((segs[i] === 'example' || segs[i] === 'examples') && segs[i - 1] !== 'properties' && segs[i - 1] !== 'patternProperties') return true;
  }
  return false;
}

/** True when the string at `info` cannot hold a configuration variable at all. */
export function isNotTemplate(info: VisitInfo): boolean {
  if (REFERENCE_KEYS.has(info.key) || NOT_TEMPLATES.has(info.key)) return true;
  return inEnrichmentConfigValues(info);
}

/** Inside an enrichment point's configValues, `"$id"` names a field of the record being enriched. */
function inEnrichmentConfigValues(info: VisitInfo): boolean {
  const segs = info.ptr.segments();
  return segs.length >= 3 && segs[0] === 'enrichmentPoints' && segs[2] === 'configValues';
}

/** The variables written in one string, in order. */
export function variablesIn(value: string): VariableUse[] {
  if (!value.includes('$')) return [];
  const whole = WHOLE.exec(value);
  if (whole) return [{ name: whole[1]!, form: 'whole', raw: value }];
  const out: VariableUse[] = [];
  for (const m of value.matchAll(EMBEDDED)) {
    const inner = m[1]!.trim();
    const colon = inner.indexOf(':');
    const name = (colon < 0 ? inner : inner.slice(0, colon)).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    const use: VariableUse = { name, form: 'embedded', raw: m[0] };
    if (colon >= 0) use.format = inner.slice(colon + 1).trim();
    out.push(use);
  }
  return out;
}

/** Names mentioned as `$name` or `${name...}` anywhere in a string, prose included (for "is it used?"). */
export function mentionedNames(value: string): string[] {
  if (!value.includes('$')) return [];
  const out: string[] = [];
  for (const m of value.matchAll(/\$\{?\s*([A-Za-z_][A-Za-z0-9_]*)/g)) out.push(m[1]!);
  return out;
}

/** Root keys that make an OpenAPI document a connector, whose strings the platform substitutes. */
const CONNECTOR_KEYS = ['predefinedactions', 'predefinedevents', 'predefinedeventlisteners', 'pollingconfigs', 'enrichmentpoints', 'configschema', 'testresourcepath'];

/**
 * Whether the connector can hold variables at all: a hub or storage connector, or an OpenAPI
 * document with connector lists or a configSchema (a root key misspelt only in case counts). A
 * plain OpenAPI document is not run by the platform: `$filter` or `${id}` in it is its own text.
 */
export function hasVariables(c: Connector): boolean {
  if (c.layout !== 'openapi') return true;
  for (const k of Object.keys(c.root)) if (CONNECTOR_KEYS.includes(k.toLowerCase())) return true;
  return false;
}

/** Lists whose items carry `configValues` the platform substitutes (an enrichment point's hold record fields instead). */
const VALUE_LISTS = new Set(['preDefinedActions', 'preDefinedEvents', 'preDefinedEventListeners']);
/** URLs of an OAuth flow, which the platform fills in like a server URL. */
const FLOW_URLS = new Set(['authorizationUrl', 'tokenUrl', 'refreshUrl']);
/** Keys whose value is a map from names (which may be `default`, `enum` or `example`) to objects. */
const NAME_MAPS = new Set([
  'properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas',
  'paths', 'webhooks', 'callbacks', 'schemas', 'responses', 'parameters', 'requestBodies', 'headers', 'securitySchemes',
  'links', 'pathItems', 'content', 'encoding', 'variables', 'scopes', 'mapping',
  'pollingConfigs', 'enrichmentPoints', 'configValues', 'read', 'write',
]);
/** Keywords under which a value is data the platform sends as written (or never sends). */
const LITERAL_DATA = new Set(['example', 'examples', 'enum', 'const', 'required', 'x-example', 'x-examples']);

/**
 * True when the string at `info` is in a place the platform substitutes variables in. Decided from
 * the walker's types where they are precise (a Server's `url`) and otherwise from the pointer: the
 * first keyword below the root that holds data decides (`default` yes; `example`, `enum`,
 * `required` no), names in maps (`properties/default`, `responses/default`) being skipped.
 */
export function isSubstituted(info: VisitInfo, layout: Connector['layout']): boolean {
  if (info.parentType === 'Server') return info.key === 'url';
  if (info.parentType === 'ServerVariable') return info.key === 'default';
  if (info.parentType === 'OAuthFlow') return FLOW_URLS.has(info.key);
  if (info.parentType === 'SecurityScheme') return info.key === 'openIdConnectUrl';
  const segs = info.ptr.segments();
  if (segs.length >= 3 && VALUE_LISTS.has(segs[0]!) && segs[2] === 'configValues') return true;
  if (layout === 'storage' && segs[0] === 'resources' && (segs[1] === 'read' || segs[1] === 'write')) return true;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (s === 'default') return true;
    if (LITERAL_DATA.has(s) || (s.startsWith('x-') && !s.startsWith('x-cdp-'))) return false;
    if (NAME_MAPS.has(s)) i++; // the next segment is a name, whatever it says
  }
  return false;
}
