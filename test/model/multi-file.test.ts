/**
 * One connector across files: what a `$ref` reaches in another file is walked with the type its
 * referrer gives it and checked by every rule as if inline; a problem is reported in the file and
 * at the line where it is written, once however many references reach it.
 */
import { symlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { brief, lintPath } from '../helpers/lint.js';
import { TempDir } from '../helpers/tempdir.js';
import type { FileResult } from '../../src/types.js';

let t: TempDir;
beforeEach(() => {
  t = new TempDir('cdp-lint-multi-');
  t.write('.git/HEAD', 'ref: refs/heads/main\n'); // the reference root: this folder
});
afterEach(() => t.remove());

const HEAD = `openapi: 3.0.3
info: {title: Split, version: '1'}
servers: [{url: 'https://api.example.com'}]
`;

/** Every diagnostic of the run (the linted file and the files its references read), with its file relative to the temp folder. */
function all(result: FileResult) {
  const files = [result, ...(result.referenced ?? [])];
  return files.flatMap((f) => f.diagnostics.map((d) => ({ file: f.path.slice(t.dir.length + 1), ...brief(d), message: d.message })));
}

function only(result: FileResult, ruleId: string) {
  return all(result).filter((d) => d.ruleId === ruleId);
}

describe('a Response in another file (YAML)', () => {
  it('its records locator is checked there, and reported in that file at its line', () => {
    t.write(
      'spec/openapi.yaml',
      `${HEAD}paths:
  /contacts:
    get:
      tags: [Events]
      responses:
        '200': {$ref: '../common/contacts.yaml'}
preDefinedEvents:
  - {resourcePath: /contacts/get, name: Contacts}
`,
    );
    t.write(
      'common/contacts.yaml',
      `description: Contacts
content:
  application/json:
    schema:
      type: object
      x-cdp-schema-settings:
        recordsLocatorPath: contact
      properties:
        contacts: {type: array, items: {type: object}}
`,
    );
    const result = lintPath(t.path('spec/openapi.yaml'));
    expect(only(result, 'records-locator')).toEqual([
      {
        file: 'common/contacts.yaml',
        ruleId: 'records-locator',
        severity: 'error',
        pointer: '/content/application~1json/schema/x-cdp-schema-settings/recordsLocatorPath',
        line: 7,
        column: 29,
        message: 'recordsLocatorPath `contact` reaches nothing in the schema it is set on: `contact` is not one of its properties (`contacts`); did you mean `contacts`?',
      },
    ]);
    expect(result.referenced?.map((r) => [r.path.slice(t.dir.length + 1), r.layout])).toEqual([['common/contacts.yaml', 'referenced']]);
  });
});

describe('Parameters in another file (JSON)', () => {
  it('an OpenAPI structure error and a misplaced x-cdp setting there are reported there', () => {
    t.write(
      'conn/connector.yaml',
      `${HEAD}paths:
  /contacts:
    get:
      tags: [Events]
      parameters:
        - $ref: 'params.json#/limit'
        - $ref: 'params.json#/offset'
      responses: {'200': {description: OK}}
preDefinedEvents:
  - {resourcePath: /contacts/get, name: Contacts}
`,
    );
    t.write('conn/params.json', '{\n  "limit": {"name": "limit", "in": "query"},\n  "offset": {"name": "offset", "in": "query", "schema": {"type": "integer"},\n    "x-cdp-operation-settings": {"recordsLocatorPath": "x"}}\n}\n');
    const result = lintPath(t.path('conn/connector.yaml'));
    expect(only(result, 'oas-schema')).toEqual([
      { file: 'conn/params.json', ruleId: 'oas-schema', severity: 'error', pointer: '/limit', line: 2, column: 12, message: 'Parameter `limit` needs either `schema` or `content`' },
    ]);
    expect(only(result, 'misplaced-setting').map((d) => [d.file, d.pointer, d.line])).toEqual([['conn/params.json', '/offset/x-cdp-operation-settings', 4]]);
  });
});

describe('a Path Item in another file', () => {
  const connector = (resourcePath: string) => `${HEAD}paths:
  /contacts: {$ref: 'paths/contacts.yaml'}
preDefinedActions:
  - {resourcePath: ${resourcePath}, name: Create contact}
`;
  const item = `post:
  tags: [Actions]
  summary: Create a contact
  operationId: createContact
  responses: {'200': {description: OK}}
get:
  tags: [Events]
  responses: {'200': {description: OK}}
`;

  it('a resourcePath naming one of its operations resolves (no "has no operations")', () => {
    t.write('conn/connector.yaml', connector('/contacts/post'));
    t.write('conn/paths/contacts.yaml', item);
    const result = lintPath(t.path('conn/connector.yaml'));
    expect(only(result, 'resource-path')).toEqual([]);
    // The unused GET is reported where it is written, in the Path Item's file.
    expect(only(result, 'dead-operation').map((d) => [d.file, d.pointer, d.line])).toEqual([['conn/paths/contacts.yaml', '/get', 6]]);
  });

  it('a wrong method is told which methods the Path Item in the other file has', () => {
    t.write('conn/connector.yaml', connector('/contacts/put'));
    t.write('conn/paths/contacts.yaml', item);
    expect(only(lintPath(t.path('conn/connector.yaml')), 'resource-path').map((d) => d.message)).toEqual(['`/contacts/put`: path `/contacts` has get and post; no put']);
  });

  it('a Path Item that cannot be read is one error, at its $ref, saying where in the file; the resourcePath naming it gets none', () => {
    t.write('conn/connector.yaml', connector('/contacts/post'));
    t.write('conn/paths/contacts.yaml', 'post:\n  responses:\n    "200": {description: OK\n  ]] nonsense\n');
    const result = lintPath(t.path('conn/connector.yaml'));
    const errors = all(result).filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.file, d.ruleId, d.pointer])).toEqual([['conn/connector.yaml', 'unresolved-ref', '/paths/~1contacts/$ref']]);
    expect(errors[0]!.message).toMatch(/^`paths\/contacts\.yaml` does not resolve: file `paths\/contacts\.yaml` cannot be read as YAML at line 4, column \d+: /);
    expect(result.referenced).toBeUndefined();
  });

  it('a Path Item in a JSON file that cannot be parsed: the line and column in it', () => {
    t.write('conn/connector.yaml', connector('/contacts/post').replace('paths/contacts.yaml', 'paths/contacts.json'));
    t.write('conn/paths/contacts.json', '{\n  "post": {\n    "responses": {,}\n  }\n}\n');
    const errors = all(lintPath(t.path('conn/connector.yaml'))).filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.message)).toEqual([expect.stringMatching(/^`paths\/contacts\.json` does not resolve: file `paths\/contacts\.json` cannot be read as JSON at line 3, column 19: /)]);
  });
});

describe('references across three files', () => {
  it('a Response file whose schema lives in a third file: problems of each file are reported in it, $refs resolve against their own file', () => {
    t.write(
      'conn/connector.yaml',
      `${HEAD}paths:
  /contacts:
    get:
      tags: [Events]
      responses: {'200': {$ref: 'responses/page.yaml'}}
preDefinedEvents:
  - {resourcePath: /contacts/get, name: Contacts}
`,
    );
    t.write('conn/responses/page.yaml', "description: A page\ncontent:\n  application/json:\n    schema: {$ref: '../schemas/page.yaml#/Page'}\n");
    t.write(
      'conn/schemas/page.yaml',
      `Page:
  type: object
  x-cdp-schema-settings: {recordsLocatorPath: items}
  properties:
    results: {type: array, items: {$ref: '#/Contact'}}
    next: {$ref: '#/Cursor'}
Contact:
  type: object
  properties: {id: {type: string}}
`,
    );
    const result = lintPath(t.path('conn/connector.yaml'));
    expect(all(result).filter((d) => d.severity === 'error').map((d) => [d.file, d.ruleId, d.pointer, d.line])).toEqual([
      ['conn/schemas/page.yaml', 'records-locator', '/Page/x-cdp-schema-settings/recordsLocatorPath', 3],
      ['conn/schemas/page.yaml', 'unresolved-ref', '/Page/properties/next/$ref', 6],
    ]);
    expect(result.referenced?.map((r) => r.path.slice(t.dir.length + 1))).toEqual(['conn/responses/page.yaml', 'conn/schemas/page.yaml']);
  });
});

describe('a file reached more than once', () => {
  it('through two references and two spellings (a link), each problem is reported once', () => {
    t.write(
      'conn/connector.json',
      JSON.stringify(
        {
          openapi: '3.0.3',
          info: { title: 'Twice', version: '1' },
          paths: {
            '/a': { get: { tags: ['Events'], responses: { '200': { $ref: 'shared/page.json' } } } },
            '/b': { get: { tags: ['Events'], responses: { '200': { $ref: 'alias/page.json' } } } },
          },
          preDefinedEvents: [
            { resourcePath: '/a/get', name: 'A' },
            { resourcePath: '/b/get', name: 'B' },
          ],
        },
        null,
        2,
      ),
    );
    t.write('conn/shared/page.json', '{\n  "description": "Page",\n  "x-cdp-vendor": 1\n}\n');
    symlinkSync('shared', t.path('conn/alias'));
    const result = lintPath(t.path('conn/connector.json'));
    expect(only(result, 'unknown-extension').map((d) => [d.file, d.pointer, d.line])).toEqual([['conn/shared/page.json', '/x-cdp-vendor', 3]]);
    expect(result.referenced?.length).toBe(1);
  });

  it('a Path Item file used by two paths: its operationId is used twice, reported once at the second $ref', () => {
    t.write(
      'spec/openapi.yaml',
      `${HEAD}paths:
  /a:
    $ref: './item.yaml'
  /b:
    $ref: 'item.yaml'
`,
    );
    t.write('spec/item.yaml', "get:\n  operationId: getThing\n  responses:\n    '200': {description: ok}\n");
    const result = lintPath(t.path('spec/openapi.yaml'));
    expect(only(result, 'duplicate-operation-id')).toEqual([
      {
        file: 'spec/openapi.yaml',
        ruleId: 'duplicate-operation-id',
        severity: 'error',
        pointer: '/paths/~1b/$ref',
        line: 8,
        column: 11,
        message:
          'path `/b` uses the same Path Item as path `/a` (`item.yaml`), so its operationId `getThing` is used more than once: operationIds must be unique in the document; give each path a Path Item of its own',
      },
    ]);
  });
});

describe('components used from other files', () => {
  it('a component named by a $ref in another file is used; `#/components/...` in another file names that file\'s own', () => {
    t.write(
      'spec/openapi.yaml',
      `${HEAD}paths:
  /a: {$ref: '../common/a.yaml'}
components:
  schemas:
    Item: {type: object}
    Local: {type: object}
`,
    );
    t.write(
      'common/a.yaml',
      `get:
  responses:
    '200':
      description: OK
      content:
        application/json:
          schema: {$ref: '../spec/openapi.yaml#/components/schemas/Item'}
    '201':
      description: Created
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Local'}
components:
  schemas:
    Local: {type: object}
`,
    );
    const result = lintPath(t.path('spec/openapi.yaml'), 'strict');
    expect(only(result, 'unused-component').map((d) => [d.file, d.pointer, d.line])).toEqual([['spec/openapi.yaml', '/components/schemas/Local', 9]]);
  });
});

describe('a $ref to a component of another kind in another file', () => {
  it('is one ref-target-type error at the $ref; the component, valid where it is, is not checked as the wrong kind', () => {
    t.write(
      'spec/openapi.yaml',
      `${HEAD}paths:
  /things:
    get:
      parameters:
        - $ref: '../lib/lib.yaml#/components/schemas/Thing'
        - $ref: '../lib/lib.yaml#/components/parameters/Limit'
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '../lib/lib.yaml#/components/parameters/Limit'}
`,
    );
    t.write(
      'lib/lib.yaml',
      `openapi: 3.0.3
info: {title: Lib, version: '1'}
paths: {}
components:
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer}}
  schemas:
    Thing: {type: object}
`,
    );
    const result = lintPath(t.path('spec/openapi.yaml'));
    expect(all(result)).toEqual([
      {
        file: 'spec/openapi.yaml',
        ruleId: 'ref-target-type',
        severity: 'error',
        pointer: '/paths/~1things/get/parameters/0/$ref',
        line: 8,
        column: 17,
        message: '`../lib/lib.yaml#/components/schemas/Thing` points at a Schema where a Parameter belongs: it is read as a Parameter; point at `../lib/lib.yaml#/components/parameters/...` instead',
      },
      {
        file: 'spec/openapi.yaml',
        ruleId: 'ref-target-type',
        severity: 'error',
        pointer: '/paths/~1things/get/responses/200/content/application~1json/schema/items/$ref',
        line: 17,
        column: 31,
        message: '`../lib/lib.yaml#/components/parameters/Limit` points at a Parameter where a Schema belongs: it is read as a Schema; point at `../lib/lib.yaml#/components/schemas/...` instead',
      },
    ]);
  });
});

describe('a $ref to a Parameter of another file by a path, where a Response belongs', () => {
  it('is one ref-target-type error at the $ref, not errors in the valid Parameter\'s file', () => {
    t.write(
      'spec/openapi.yaml',
      `${HEAD}paths:
  /a:
    get:
      parameters:
        - $ref: '../lib/params.yaml#/Limit'
      responses:
        '200':
          $ref: '../lib/params.yaml#/Limit'
`,
    );
    t.write('lib/params.yaml', 'Limit:\n  name: limit\n  in: query\n  schema: {type: integer}\n');
    const result = lintPath(t.path('spec/openapi.yaml'));
    expect(all(result).filter((d) => d.severity === 'error')).toEqual([
      {
        file: 'spec/openapi.yaml',
        ruleId: 'ref-target-type',
        severity: 'error',
        pointer: '/paths/~1a/get/responses/200/$ref',
        line: 11,
        column: 17,
        message: '`../lib/params.yaml#/Limit` points at a Parameter where a Response belongs: it is read as a Response; point at a Response instead',
      },
    ]);
  });
});
