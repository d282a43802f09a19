/**
 * oas-schema on what `$ref`s reach in other files: OpenAPI 3.0 and 3.1 alike, the same content gets
 * the same diagnostics whether it is written inline or in a referenced file, reported in that file
 * at the line where it is written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintPath } from '../helpers/lint.js';
import { TempDir } from '../helpers/tempdir.js';
import type { FileResult } from '../../src/types.js';

let t: TempDir;
beforeEach(() => {
  t = new TempDir('cdp-lint-multi-oas-');
  t.write('.git/HEAD', 'ref: refs/heads/main\n'); // the reference root: this folder
});
afterEach(() => t.remove());

/** The oas-schema diagnostics of the run, with their file relative to the temp folder. */
function oasSchema(result: FileResult) {
  return [result, ...(result.referenced ?? [])].flatMap((f) =>
    f.diagnostics
      .filter((d) => d.ruleId === 'oas-schema')
      .map((d) => ({ file: f.path.slice(t.dir.length + 1), pointer: d.pointer, line: d.range.start.line, column: d.range.start.column, messageId: d.messageId, message: d.message })),
  );
}

describe('OpenAPI 3.1: values in other files are checked by oas-schema', () => {
  it('Path Items, Parameters, Request Bodies, Responses and Schemas: each problem once, in its file, at its line', () => {
    t.write(
      'spec/api.yaml',
      `openapi: 3.1.0
info: {title: Split, version: '1'}
paths:
  /items/{itemId}: {$ref: '../parts/item.yaml'}
  /search:
    get:
      parameters:
        - $ref: '../parts/params.yaml#/q'
        - $ref: '../parts/params.yaml#/where'
        - $ref: '../parts/params.yaml#/bare'
      requestBody: {$ref: '../parts/body.yaml'}
      responses:
        '200': {$ref: '../parts/responses.yaml#/ok'}
        '404': {$ref: '../parts/responses.yaml#/missing'}
        '500':
          description: Error
          content:
            application/json:
              schema: {$ref: '../parts/schema.yaml'}
`,
    );
    t.write(
      'parts/item.yaml',
      `get:
  parameters:
    - {name: itemId, in: path, schema: {type: string}}
    - {name: X-Trace, in: heder, schema: {type: string}}
  responses: {'200': {description: OK}}
put:
  summary: 5
  parameters:
    - {name: itemId, in: path, required: false, schema: {type: string}}
  responses: {'200': {description: OK}}
`,
    );
    t.write(
      'parts/params.yaml',
      `q: {name: q, in: query, schema: {type: string}, content: {text/plain: {}}}
where: {name: w, in: quer, schema: {type: string}}
bare: {name: b, in: query}
`,
    );
    t.write('parts/body.yaml', 'description: Body\ncontents: {}\n');
    t.write('parts/responses.yaml', 'ok:\n  descripton: OK\nmissing:\n  description: Not found\n  content:\n    application/json: []\n');
    t.write('parts/schema.yaml', '"not a schema"\n');
    expect(oasSchema(lintPath(t.path('spec/api.yaml')))).toEqual([
      { file: 'parts/body.yaml', pointer: '/contents', line: 2, column: 1, messageId: 'unexpected', message: '`contents` is not allowed in the Request Body in this file; did you mean `content`?' },
      { file: 'parts/item.yaml', pointer: '/get/parameters/0', line: 3, column: 7, messageId: 'pathRequired', message: 'Parameter `itemId` is a path parameter, so it must have `required: true` (OpenAPI: a path parameter is always required)' },
      { file: 'parts/item.yaml', pointer: '/get/parameters/1/in', line: 4, column: 27, messageId: 'enum', message: '`in` must be one of `query`, `header`, `path` or `cookie`, not `heder`; did you mean `header`?' },
      { file: 'parts/item.yaml', pointer: '/put/summary', line: 7, column: 12, messageId: 'type', message: '`summary` must be a string, not an integer' },
      { file: 'parts/item.yaml', pointer: '/put/parameters/0/required', line: 9, column: 42, messageId: 'pathRequired', message: 'Parameter `itemId` is a path parameter, so it must have `required: true` (OpenAPI: a path parameter is always required)' },
      { file: 'parts/params.yaml', pointer: '/q', line: 1, column: 4, messageId: 'exclusive', message: 'Parameter `q` may not have both `schema` and `content`' },
      { file: 'parts/params.yaml', pointer: '/where/in', line: 2, column: 22, messageId: 'enum', message: '`in` must be one of `query`, `header`, `path` or `cookie`, not `quer`; did you mean `query`?' },
      { file: 'parts/params.yaml', pointer: '/bare', line: 3, column: 7, messageId: 'either', message: 'Parameter `b` needs either `schema` or `content`' },
      { file: 'parts/responses.yaml', pointer: '/ok/descripton', line: 2, column: 3, messageId: 'unexpected', message: '`descripton` is not allowed in response `ok`; did you mean `description`?' },
      { file: 'parts/responses.yaml', pointer: '/missing/content/application~1json', line: 6, column: 23, messageId: 'type', message: '`application/json` must be an object, not an array' },
      { file: 'parts/schema.yaml', pointer: '', line: 1, column: 1, messageId: 'type', message: 'The Schema in this file must be an object or a boolean, not a string' },
    ]);
  });

  it('a 3.1 Schema Object in another file is checked as OAI\'s 3.1 schema checks one inline: an object or a boolean, its keywords not validated', () => {
    t.write(
      'api.yaml',
      `openapi: 3.1.0
info: {title: Split, version: '1'}
paths: {}
components:
  schemas:
    Inline: {type: object, minimum: "ten", additionalItems: 5}
    Referenced: {$ref: 'schemas.yaml#/Referenced'}
    Boolean: {$ref: 'schemas.yaml#/Boolean'}
`,
    );
    t.write('schemas.yaml', 'Referenced: {type: object, minimum: "ten", additionalItems: 5}\nBoolean: true\n');
    expect(oasSchema(lintPath(t.path('api.yaml')))).toEqual([]);
  });
});

type Version = '3.0.3' | '3.1.0';

/** Where each kind of value sits inline, and the referrer that reaches it in another file. */
const PLACES: Record<string, { inline: (v: unknown) => Record<string, unknown>; at: string }> = {
  Parameter: {
    inline: (v) => ({ paths: { '/items/{itemId}': { get: { parameters: [v], responses: { '200': { description: 'OK' } } } } } }),
    at: '/paths/~1items~1{itemId}/get/parameters/0',
  },
  Response: {
    inline: (v) => ({ paths: { '/items': { get: { responses: { '200': v } } } } }),
    at: '/paths/~1items/get/responses/200',
  },
  RequestBody: {
    inline: (v) => ({ paths: { '/items': { post: { requestBody: v, responses: { '200': { description: 'OK' } } } } } }),
    at: '/paths/~1items/post/requestBody',
  },
  PathItem: { inline: (v) => ({ paths: { '/items/{itemId}': v } }), at: '/paths/~1items~1{itemId}' },
  Header: {
    inline: (v) => ({ paths: { '/items': { get: { responses: { '200': { description: 'OK', headers: { 'X-Rate': v } } } } } } }),
    at: '/paths/~1items/get/responses/200/headers/X-Rate',
  },
  Webhook: {
    inline: (v) => ({ paths: {}, webhooks: { itemChanged: v } }),
    at: '/webhooks/itemChanged',
  },
  Schema: {
    inline: (v) => ({ paths: { '/items': { get: { responses: { '200': { description: 'OK', content: { 'application/json': { schema: v } } } } } } } }),
    at: '/paths/~1items/get/responses/200/content/application~1json/schema',
  },
  SecurityScheme: {
    inline: (v) => ({ paths: {}, components: { securitySchemes: { key: v } } }),
    at: '/components/securitySchemes/key',
  },
  Subschema: {
    inline: (v) => ({ paths: {}, components: { schemas: { Item: { type: 'object', properties: { tag: v } } } } }),
    at: '/components/schemas/Item/properties/tag',
  },
};

/** Values with problems, by the kind of value they are. */
const CASES: Array<[string, unknown]> = [
  ['Parameter', { name: 'itemId', in: 'path', schema: { type: 'string' } }],
  ['Parameter', { name: 'itemId', in: 'path', required: false, schema: { type: 'string' } }],
  ['Parameter', { name: 'w', in: 'quer', schema: { type: 'string' } }],
  ['Parameter', { name: 'w', in: 'query', schema: { type: 'string' }, content: { 'text/plain': {} } }],
  ['Parameter', { name: 'w', in: 'query', type: 'string' }],
  ['Parameter', { name: 'w', in: 'query' }],
  ['Response', { descripton: 'OK' }],
  ['Response', { description: 'OK', content: { 'application/json': [] } }],
  ['RequestBody', { description: 'Body', contents: {} }],
  ['PathItem', { get: { summary: 5, responses: { '200': { description: 'OK' } } }, parameters: [{ name: 'itemId', in: 'path', schema: { type: 'string' } }] }],
  ['Header', { description: 'Rate' }],
  ['Webhook', { post: { summary: 5 } }],
  ['SecurityScheme', { type: 'apiKey', name: 'X-Key', in: 'headr' }],
  ['SecurityScheme', { type: 'apiKeys', name: 'X-Key', in: 'header' }],
  ['SecurityScheme', { type: 'oauth2', flow: 'clientCredentials' }],
  ['Schema', 'not a schema'],
  ['Subschema', 'not a schema'],
  ['Subschema', { type: 'object', additionalItems: false, nullable: 'yes' }],
];

describe('the same value gives the same oas-schema diagnostics inline and in a referenced file', () => {
  for (const version of ['3.0.3', '3.1.0'] as Version[]) {
    for (const [kind, value] of CASES) {
      it(`OpenAPI ${version}: ${kind} ${JSON.stringify(value)}`, () => {
        const place = PLACES[kind]!;
        const head = { openapi: version, info: { title: 'Same', version: '1' } };
        t.write('inline.json', JSON.stringify({ ...head, ...place.inline(value) }, null, 2));
        t.write('split.json', JSON.stringify({ ...head, ...place.inline({ $ref: 'part.json#/value' }) }, null, 2));
        t.write('part.json', JSON.stringify({ value }, null, 2));
        const inline = oasSchema(lintPath(t.path('inline.json'))).map((d) => [d.messageId, d.pointer.slice(place.at.length)]);
        const split = oasSchema(lintPath(t.path('split.json'))).map((d) => {
          expect(d.file).toBe('part.json');
          return [d.messageId, d.pointer.slice('/value'.length)];
        });
        // OAI's 3.1 schema checks a Schema Object's type, not what is inside it: subschemas are not checked.
        const silent = version === '3.1.0' && kind === 'Subschema';
        if (silent) expect(inline).toEqual([]);
        else expect(inline.length, 'the case has a problem to find').toBeGreaterThan(0);
        expect(split).toEqual(inline);
      });
    }
  }
});

describe('one problem, one rule', () => {
  it('OpenAPI 3.0: the same parameter listed twice is duplicate-parameter\'s alone (not also "must not list the same item twice")', () => {
    t.write(
      'api.yaml',
      `openapi: 3.0.3
info: {title: Twice, version: '1'}
paths:
  /items:
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
        - {name: limit, in: query, schema: {type: integer}}
      responses: {'200': {description: OK}}
`,
    );
    const result = lintPath(t.path('api.yaml'));
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.ruleId, d.pointer, d.range.start.line])).toEqual([['duplicate-parameter', '/paths/~1items/get/parameters/1', 8]]);
  });
});

describe('a value at the root of another file, or under a key there, is named by its place', () => {
  for (const version of ['3.0.3', '3.1.0']) {
    it(`OpenAPI ${version}: a parameter without a name is "the Parameter at #/limit", never \`parameters[limit]\``, () => {
      t.write(
        'api.yaml',
        `openapi: ${version}
info: {title: Places, version: '1'}
paths:
  /a:
    get:
      parameters:
        - $ref: 'p.yaml#/limit'
        - $ref: 'whole.yaml'
        - $ref: 'list.yaml#/0'
      responses:
        '200': {$ref: 'r.yaml#/ok'}
`,
      );
      t.write('p.yaml', 'limit: {in: query, schema: {type: integer}}\n');
      t.write('whole.yaml', 'in: query\nschema: {type: integer}\n');
      t.write('list.yaml', '- {in: query, schema: {type: integer}}\n');
      t.write('r.yaml', 'ok: {descripton: OK}\n');
      expect(oasSchema(lintPath(t.path('api.yaml'))).map((d) => [d.file, d.pointer, d.message])).toEqual([
        ['list.yaml', '/0', 'The Parameter at `#/0` is missing the required `name`'],
        ['p.yaml', '/limit', 'The Parameter at `#/limit` is missing the required `name`'],
        ['r.yaml', '/ok/descripton', '`descripton` is not allowed in response `ok`; did you mean `description`?'],
        ['whole.yaml', '', 'The Parameter in this file is missing the required `name`'],
      ]);
    });
  }
});
