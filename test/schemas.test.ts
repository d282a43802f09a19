/**
 * The JSON Schemas in schemas/: they compile together (relative refs resolve), every schema and
 * property is documented for connector authors (the real connectors of the corpus, which must
 * produce only their known defects: test/corpus/schemas.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { EXTENSIONS, ID_BASE, isObject, run, schemas, validator, type Json, type JsonObject } from './helpers/schemas.js';

const DEFINITIONS = [
  'action',
  'event',
  'listener',
  'pollingConfig',
  'enrichmentPoint',
  'enrichment',
  'mapping',
  'metadataConfig',
  'pagingConfig',
  'rateLimitConfig',
  'customStep',
  'storageResources',
];

/** Schemas and properties lacking a title or description, as readable locations. */
function undocumented(schema: Json, where: string, isProperty: boolean): string[] {
  if (!isObject(schema)) return [];
  const out: string[] = [];
  const documented = typeof schema['title'] === 'string' || typeof schema['description'] === 'string';
  // A property must say what it is even when its shape is a $ref; other sub-schemas may be bare $refs
  // (the referenced definition is documented and checked on its own).
  if (!documented && (isProperty || typeof schema['$ref'] !== 'string')) out.push(where);
  const props = schema['properties'];
  if (isObject(props)) for (const [k, s] of Object.entries(props)) out.push(...undocumented(s, `${where}.properties.${k}`, true));
  const patterns = schema['patternProperties'];
  if (isObject(patterns)) for (const [k, s] of Object.entries(patterns)) out.push(...undocumented(s, `${where}.patternProperties[${k}]`, false));
  const defs = schema['definitions'];
  if (isObject(defs)) for (const [k, s] of Object.entries(defs)) out.push(...undocumented(s, `${where}.definitions.${k}`, false));
  if (isObject(schema['additionalProperties'])) out.push(...undocumented(schema['additionalProperties'], `${where}.additionalProperties`, false));
  if (isObject(schema['items'])) out.push(...undocumented(schema['items'], `${where}.items`, false));
  return out;
}

describe('schemas/', () => {
  it('holds the connector schema and one schema per x-cdp extension', () => {
    expect([...schemas.keys()]).toEqual(
      expect.arrayContaining(['connector.schema.json', ...EXTENSIONS.map((x) => `${x}.schema.json`)]),
    );
  });

  it.each([...schemas.keys()])('%s is draft-07 with an $id matching its file name', (file) => {
    const schema = schemas.get(file)!;
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema['$id']).toBe(ID_BASE + file);
  });

  it.each([...schemas.keys()])('%s compiles, with every $ref resolved', (file) => {
    expect(() => validator(file)).not.toThrow();
  });

  it.each(DEFINITIONS)('connector.schema.json#/definitions/%s compiles on its own', (name) => {
    const connector = schemas.get('connector.schema.json')!;
    expect(isObject(connector['definitions']) && name in connector['definitions']).toBe(true);
    expect(() => validator(`connector.schema.json#/definitions/${name}`)).not.toThrow();
  });

  it.each([...schemas.keys()])('%s documents itself and every property', (file) => {
    expect(undocumented(schemas.get(file)!, file, false)).toEqual([]);
  });

  it('extension schemas reuse the shared definitions instead of repeating them', () => {
    for (const x of EXTENSIONS) {
      const text = JSON.stringify(schemas.get(`${x}.schema.json`));
      expect(text).not.toMatch(/"pageFieldName"|"rateLimitParameters"|"deduplicationField"|"provider"/);
    }
  });
});

describe('schema behaviour', () => {
  const op = (settings: unknown) => run('x-cdp-operation-settings.schema.json', settings);
  const root = (extra: JsonObject) => run('connector.schema.json', { name: 'X', type: 'Rest', resources: {}, ...extra });

  it('accepts every paging type with its own keys', () => {
    expect(op({ pagingConfig: { type: 'none' } })).toEqual([]);
    expect(op({ pagingConfig: { type: 'offset', pageFieldName: 'offset', pageSizeFieldName: 'count' } })).toEqual([]);
    expect(op({ pagingConfig: { type: 'sequential', pageFieldName: 'page', pageSizeFieldName: 'size' } })).toEqual([]);
    // The platform SDK's page-number paging (platform-model.md).
    expect(op({ pagingConfig: { type: 'number', pageFieldName: 'page' } })).toEqual([]);
    expect(op({ pagingConfig: { type: 'nextUrl', nextUrl: { fieldName: 'next', in: 'body' } } })).toEqual([]);
    expect(op({ pagingConfig: { type: 'nextUrl', nextUrl: { fieldName: ['links', 'next'] } } })).toEqual([]);
    expect(
      op({
        pagingConfig: {
          type: 'fromResponseToRequestBodyConfig',
          fromResponseToRequestBody: { responseValueLocator: 'pages.next', destinationLocator: 'pagination.after' },
        },
      }),
    ).toEqual([]);
  });

  it('reports one plain error per mistake (no oneOf cascades)', () => {
    expect(op({ pagingConfig: { type: 'cursor' } })).toEqual(['/pagingConfig/type enum']);
    expect(op({ pagingConfig: { type: 'offset', pageSize: 10 } })).toEqual(['/pagingConfig/pageSize additionalProperties']);
    expect(op({ pagingConfig: { type: 'nextUrl', nextUrl: { fieldName: [1] } } })).toEqual(['/pagingConfig/nextUrl/fieldName/0 type']);
    expect(op({ keepOnlySchemaFields: 'true' })).toEqual(['/keepOnlySchemaFields type']);
  });

  it('checks rate limits', () => {
    const rate = (p: unknown) => op({ rateLimitConfig: { type: 'RPS', rateLimitParameters: p } });
    expect(rate({ ratePerSecond: 100, errorCodes: [429, 606, 607, 608], delayAfterRateLimitInSecond: 300 })).toEqual([]);
    expect(rate({ ratePerSecond: '100' })).toEqual(['/rateLimitConfig/rateLimitParameters/ratePerSecond type']);
    expect(rate({ ratePerSecond: 1, errorCodes: ['429'] })).toEqual(['/rateLimitConfig/rateLimitParameters/errorCodes/0 type']);
    expect(rate({ ratePerSecond: 1, delayAfterRateLimitInSecond: '5' })).toEqual(['/rateLimitConfig/rateLimitParameters/delayAfterRateLimitInSecond type']);
  });

  it('allows a custom step without provider, and reports `vendor` as an unknown key', () => {
    expect(op({ customSteps: [{ name: 'datasource.read.x' }] })).toEqual([]);
    expect(op({ customSteps: [{ name: 'datasource.read.x', vendor: 'idx' }] })).toEqual(['/customSteps/0/vendor additionalProperties']);
    expect(run('x-cdp-path-settings.schema.json', { customSteps: [{ name: 's', provider: 'idx' }] })).toEqual([]);
  });

  it('accepts null metadata fields and every recordsLocatorPath form', () => {
    const schemaSettings = (v: unknown) => run('x-cdp-schema-settings.schema.json', v);
    expect(schemaSettings({ recordsLocatorPath: '$', metadataConfig: { eventTimeField: null, deduplicationField: 'id', eventTimeFormat: 'UNIX' } })).toEqual([]);
    expect(schemaSettings({ recordsLocatorPath: '', metadataConfig: {} })).toEqual([]);
    expect(schemaSettings({ metadataConfig: { eventTimeField: 3 } })).toEqual(['/metadataConfig/eventTimeField type']);
  });

  it('checks authorization parameters', () => {
    const auth = (v: unknown) => run('x-cdp-authorization-settings.schema.json', v);
    expect(auth({ parameters: { prompt: { schema: { type: 'string' }, in: ['authorizationUrl'] } } })).toEqual([]);
    expect(auth({ parameters: { prompt: { in: 'authorizationUrl' } } })).toEqual(['/parameters/prompt/in type']);
  });

  it('leaves type spelling and a missing version to other rules, but checks value types', () => {
    expect(root({ type: 'REST' })).toEqual([]);
    expect(root({ type: 'rest' })).toEqual([]);
    expect(root({ enabled: 'false' })).toEqual(['/enabled type']);
    expect(root({ externalDocs: { url: 'https://x' } })).toEqual(['/externalDocs type']);
  });

  it('checks actions, listeners, polling configs and enrichments', () => {
    expect(root({ preDefinedActions: [{ name: 'a' }] })).toEqual(['/preDefinedActions/0 required']);
    expect(root({ preDefinedEventListeners: [{ webhookPath: 'hook/post', recordsLocator: '$', metadataConfig: {} }] })).toEqual([]);
    expect(root({ pollingConfigs: { '/a/get': { recordsLocator: '$', pagingConfig: { type: 'none' } } } })).toEqual([]);
    expect(root({ pollingConfigs: { '/a/get': { recordLocator: '$' } } })).toEqual(['/pollingConfigs/~1a~1get/recordLocator additionalProperties']);
    expect(
      root({
        enrichmentPoints: { tags: { resourcePath: '/t/get', configValues: { id: '$id' } } },
        preDefinedEvents: [
          { resourcePath: '/a/get', enrichments: [{ enrichmentPoint: 'tags', toRequestMapping: [], fromResponseMapping: [{ sourceField: 'a' }] }] },
        ],
      }),
    ).toEqual(['/preDefinedEvents/0/enrichments/0/fromResponseMapping/0 required']);
  });

  it('describes the extensions inside resources, without rejecting other OpenAPI content', () => {
    const resources = {
      openapi: '3.0.1',
      'x-anything': 1,
      paths: {
        'x-note': 'extensions may hold any value',
        '/a': {
          parameters: [],
          get: {
            'x-cdp-operation-settings': { pagingConfig: { type: 'pages' } },
            responses: {
              'x-note': true,
              '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', additionalProperties: true, 'x-cdp-schema-settings': { recordsLocator: 'a' } } } } },
            },
          },
        },
      },
      webhooks: { hook: { post: { 'x-cdp-path-settings': { customSteps: [{}] } } } },
      components: {
        schemas: { S: { type: 'array', items: { properties: { p: { 'x-cdp-schema-settings': { metadataConfig: { eventTimeField: 1 } } } } } } },
        securitySchemes: { o: { type: 'oauth2', flows: { authorizationCode: { 'x-cdp-authorization-settings': { params: {} } } } } },
      },
    };
    expect(root({ resources }).sort()).toEqual(
      [
        '/resources/paths/~1a/get/x-cdp-operation-settings/pagingConfig/type enum',
        '/resources/paths/~1a/get/responses/200/content/application~1json/schema/x-cdp-schema-settings/recordsLocator additionalProperties',
        '/resources/webhooks/hook/post/x-cdp-path-settings/customSteps/0 required',
        '/resources/components/schemas/S/items/properties/p/x-cdp-schema-settings/metadataConfig/eventTimeField type',
        '/resources/components/securitySchemes/o/flows/authorizationCode/x-cdp-authorization-settings/params additionalProperties',
      ].sort(),
    );
  });

  it('checks storage resources', () => {
    const storage = (v: unknown) => run('connector.schema.json#/definitions/storageResources', v);
    expect(storage({ type: 'sftp', read: { host: '$host' }, write: {} })).toEqual([]);
    expect(storage({ type: 'gcs', read: {} })).toEqual(['/type enum']);
    expect(storage({ type: 'sftp', reed: {} })).toEqual(['/reed additionalProperties']);
  });
});
