/**
 * The typed shape of a connector: which object type each key leads to. The walker uses it so that
 * rules see "an Operation" or "a Schema", never raw JSON paths (as Redocly's type tree does).
 */
export type NodeType =
  | 'ConnectorRoot'
  | 'OpenAPI'
  | 'Info'
  | 'Server'
  | 'ServerVariable'
  | 'Paths'
  | 'Webhooks'
  | 'PathItem'
  | 'Operation'
  | 'Parameter'
  | 'RequestBody'
  | 'MediaType'
  | 'Encoding'
  | 'Responses'
  | 'Response'
  | 'Header'
  | 'Callback'
  | 'Components'
  | 'SecurityScheme'
  | 'OAuthFlows'
  | 'OAuthFlow'
  | 'Schema'
  | 'Example'
  | 'Link'
  | 'Tag'
  | 'ExternalDocs'
  | 'SecurityRequirement'
  | 'Discriminator'
  | 'Xml'
  | 'OperationSettings'
  | 'SchemaSettings'
  | 'PathSettings'
  | 'AuthorizationSettings'
  | 'ConfigSchema'
  | 'CredentialForm'
  | 'Action'
  | 'Event'
  | 'Listener'
  | 'PollingConfig'
  | 'EnrichmentPoint'
  | 'Enrichment'
  | 'Storage'
  | 'Data'
  | 'Any';

export type Child = NodeType | { mapOf: NodeType } | { listOf: NodeType };

export interface TypeSpec {
  props?: Record<string, Child>;
  /** The type of keys not in props (e.g. every path of Paths). */
  rest?: Child;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const pathItemProps: Record<string, Child> = {
  servers: { listOf: 'Server' },
  parameters: { listOf: 'Parameter' },
  'x-cdp-path-settings': 'PathSettings',
};
for (const m of HTTP_METHODS) pathItemProps[m] = 'Operation';

const schemaProps: Record<string, Child> = {
  properties: { mapOf: 'Schema' },
  patternProperties: { mapOf: 'Schema' },
  items: 'Schema',
  additionalProperties: 'Schema',
  additionalItems: 'Schema',
  not: 'Schema',
  allOf: { listOf: 'Schema' },
  oneOf: { listOf: 'Schema' },
  anyOf: { listOf: 'Schema' },
  prefixItems: { listOf: 'Schema' },
  $defs: { mapOf: 'Schema' },
  definitions: { mapOf: 'Schema' },
  if: 'Schema',
  then: 'Schema',
  else: 'Schema',
  contains: 'Schema',
  propertyNames: 'Schema',
  discriminator: 'Discriminator',
  xml: 'Xml',
  externalDocs: 'ExternalDocs',
  example: 'Data',
  examples: 'Data',
  default: 'Data',
  enum: 'Data',
  const: 'Data',
};

export const TYPES: Record<NodeType, TypeSpec> = {
  ConnectorRoot: {
    props: {
      configSchema: 'ConfigSchema',
      securitySchemes: { mapOf: 'CredentialForm' },
      preDefinedActions: { listOf: 'Action' },
      preDefinedEvents: { listOf: 'Event' },
      preDefinedEventListeners: { listOf: 'Listener' },
      pollingConfigs: { mapOf: 'PollingConfig' },
      enrichmentPoints: { mapOf: 'EnrichmentPoint' },
    },
  },
  OpenAPI: {
    props: {
      info: 'Info',
      servers: { listOf: 'Server' },
      paths: 'Paths',
      webhooks: 'Webhooks',
      components: 'Components',
      tags: { listOf: 'Tag' },
      externalDocs: 'ExternalDocs',
      security: { listOf: 'SecurityRequirement' },
    },
  },
  Info: {},
  Server: { props: { variables: { mapOf: 'ServerVariable' } } },
  ServerVariable: {},
  Paths: { rest: 'PathItem' },
  Webhooks: { rest: 'PathItem' },
  PathItem: { props: pathItemProps },
  Operation: {
    props: {
      parameters: { listOf: 'Parameter' },
      requestBody: 'RequestBody',
      responses: 'Responses',
      callbacks: { mapOf: 'Callback' },
      servers: { listOf: 'Server' },
      externalDocs: 'ExternalDocs',
      security: { listOf: 'SecurityRequirement' },
      'x-cdp-operation-settings': 'OperationSettings',
      'x-cdp-path-settings': 'PathSettings',
    },
  },
  Parameter: { props: { schema: 'Schema', content: { mapOf: 'MediaType' }, examples: { mapOf: 'Example' }, example: 'Data' } },
  RequestBody: { props: { content: { mapOf: 'MediaType' } } },
  MediaType: { props: { schema: 'Schema', examples: { mapOf: 'Example' }, example: 'Data', encoding: { mapOf: 'Encoding' } } },
  Encoding: { props: { headers: { mapOf: 'Header' } } },
  Responses: { rest: 'Response' },
  Response: { props: { headers: { mapOf: 'Header' }, content: { mapOf: 'MediaType' }, links: { mapOf: 'Link' } } },
  Header: { props: { schema: 'Schema', content: { mapOf: 'MediaType' }, examples: { mapOf: 'Example' }, example: 'Data' } },
  Callback: { rest: 'PathItem' },
  Components: {
    props: {
      schemas: { mapOf: 'Schema' },
      responses: { mapOf: 'Response' },
      parameters: { mapOf: 'Parameter' },
      examples: { mapOf: 'Example' },
      requestBodies: { mapOf: 'RequestBody' },
      headers: { mapOf: 'Header' },
      securitySchemes: { mapOf: 'SecurityScheme' },
      links: { mapOf: 'Link' },
      callbacks: { mapOf: 'Callback' },
      pathItems: { mapOf: 'PathItem' },
    },
  },
  SecurityScheme: { props: { flows: 'OAuthFlows' } },
  OAuthFlows: { props: { implicit: 'OAuthFlow', password: 'OAuthFlow', clientCredentials: 'OAuthFlow', authorizationCode: 'OAuthFlow' } },
  OAuthFlow: { props: { 'x-cdp-authorization-settings': 'AuthorizationSettings', scopes: 'Data' } },
  Schema: { props: schemaProps },
  Example: { props: { value: 'Data' } },
  Link: { props: { parameters: 'Data', requestBody: 'Data' } },
  Tag: { props: { externalDocs: 'ExternalDocs' } },
  ExternalDocs: {},
  SecurityRequirement: { rest: 'Data' },
  Discriminator: {},
  Xml: {},
  OperationSettings: {},
  SchemaSettings: {},
  PathSettings: {},
  AuthorizationSettings: {},
  ConfigSchema: { rest: 'Any' },
  CredentialForm: { rest: 'Any' },
  Action: { props: { enrichments: { listOf: 'Enrichment' }, configValues: 'Data' } },
  Event: { props: { enrichments: { listOf: 'Enrichment' }, configValues: 'Data' } },
  Listener: { props: { configValues: 'Data' } },
  PollingConfig: {},
  EnrichmentPoint: { props: { configValues: 'Data' } },
  Enrichment: {},
  Storage: {},
  Data: { rest: 'Data' },
  Any: { rest: 'Any' },
};

/** Extension keys whose type is fixed wherever they are written (so misplaced ones are still checked). */
export const EXTENSION_TYPES: Record<string, NodeType> = {
  'x-cdp-operation-settings': 'OperationSettings',
  'x-cdp-schema-settings': 'SchemaSettings',
  'x-cdp-path-settings': 'PathSettings',
  'x-cdp-authorization-settings': 'AuthorizationSettings',
};

/** Human names for messages: every type has one, so no message reads "a Xml" or "a Any". */
export const TYPE_NAMES: Record<NodeType, string> = {
  OpenAPI: 'the OpenAPI document',
  Info: 'Info',
  Server: 'a Server',
  ServerVariable: 'a Server Variable',
  Paths: 'the Paths Object',
  Webhooks: 'the webhooks map',
  PathItem: 'a Path Item',
  Operation: 'an Operation',
  Parameter: 'a Parameter',
  RequestBody: 'a Request Body',
  MediaType: 'a Media Type',
  Encoding: 'an Encoding Object',
  Responses: 'a Responses map',
  Response: 'a Response',
  Header: 'a Header',
  Callback: 'a Callback',
  Components: 'Components',
  SecurityScheme: 'a Security Scheme',
  OAuthFlows: 'an OAuth Flows Object',
  OAuthFlow: 'an OAuth flow',
  Schema: 'a Schema',
  Example: 'an Example Object',
  Link: 'a Link',
  Tag: 'a Tag',
  ExternalDocs: 'an External Documentation Object',
  SecurityRequirement: 'a Security Requirement',
  Discriminator: 'a Discriminator',
  Xml: 'an XML Object',
  OperationSettings: '`x-cdp-operation-settings`',
  SchemaSettings: '`x-cdp-schema-settings`',
  PathSettings: '`x-cdp-path-settings`',
  AuthorizationSettings: '`x-cdp-authorization-settings`',
  ConfigSchema: '`configSchema`',
  CredentialForm: 'a credential form',
  ConnectorRoot: 'the connector root',
  Action: 'a preDefinedAction',
  Event: 'a preDefinedEvent',
  Listener: 'a preDefinedEventListener',
  PollingConfig: 'a polling config',
  EnrichmentPoint: 'an enrichment point',
  Enrichment: 'an enrichment',
  Storage: 'the storage `resources`',
  Data: 'a value',
  Any: 'a value',
};

/** A human name for a node type. */
export function typeName(t: NodeType): string {
  return TYPE_NAMES[t];
}

/** What each section of the Components Object holds (OpenAPI 3.1.0, 4.8.7 Components Object). */
export const COMPONENT_SECTION_TYPES: Readonly<Record<string, NodeType>> = {
  schemas: 'Schema',
  responses: 'Response',
  parameters: 'Parameter',
  examples: 'Example',
  requestBodies: 'RequestBody',
  headers: 'Header',
  securitySchemes: 'SecurityScheme',
  links: 'Link',
  callbacks: 'Callback',
  pathItems: 'PathItem',
};

/** The section of the Components Object that holds `type`, if one does. */
export const COMPONENT_SECTION_OF: ReadonlyMap<NodeType, string> = new Map(Object.entries(COMPONENT_SECTION_TYPES).map(([s, t]) => [t, s]));

/**
 * What a `$ref` (a URI reference: `[file]#fragment`) points at, when its fragment alone says so, in
 * a place that holds `expected`: the kind its Components section holds
 * (`lib.yaml#/components/parameters/Limit` is a Parameter, in this file or another), or `'document'`
 * for the whole document (`#`, `#/`, or an empty reference: the file that holds it). Undefined when
 * the fragment says nothing (`#/Limit`, a path) or the kind is the expected one, or when no
 * Components section holds `expected` (nothing to compare with).
 */
export function refKindMismatch(ref: string, expected: NodeType): NodeType | 'document' | undefined {
  if (!COMPONENT_SECTION_OF.has(expected)) return undefined;
  const hash = ref.indexOf('#');
  if (ref === '' || ref === '#' || ref === '#/') return 'document';
  if (hash < 0) return undefined;
  const fragment = ref.slice(hash + 1);
  const segs = fragment.split('/');
  // '', 'components', section, name: exactly a component, not something inside one.
  if (segs.length !== 4 || segs[0] !== '' || segs[1] !== 'components') return undefined;
  const section = segs[2]!;
  const actual = Object.hasOwn(COMPONENT_SECTION_TYPES, section) ? COMPONENT_SECTION_TYPES[section] : undefined;
  return actual !== undefined && actual !== expected ? actual : undefined;
}

/** The locations a Parameter Object's `in` names (OpenAPI 3.0.3 section 4.7.12, Parameter Locations). */
const PARAMETER_LOCATIONS = new Set(['query', 'header', 'path', 'cookie']);

/**
 * What a value a `$ref` reaches plainly is, when its fragment does not say (`params.yaml#/Limit`):
 * a Parameter (a string `name` and an `in` of query, header, path or cookie: the two fields OpenAPI
 * 3.0.3 section 4.7.12 requires) where a Response, Request Body, Schema, Example, Link, Callback or
 * Path Item belongs, none of which has those fields. Undefined otherwise: a Security Scheme of type
 * apiKey has a `name` and an `in` too, and a Header is a Parameter without them (one written with
 * them is another mistake).
 */
export function valueKindMismatch(value: unknown, expected: NodeType): 'Parameter' | undefined {
  if (expected === 'Parameter' || expected === 'Header' || expected === 'SecurityScheme' || !COMPONENT_SECTION_OF.has(expected)) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { name, in: location } = value as Record<string, unknown>;
  return Object.hasOwn(value, 'name') && Object.hasOwn(value, 'in') && typeof name === 'string' && typeof location === 'string' && PARAMETER_LOCATIONS.has(location) ? 'Parameter' : undefined;
}
