/**
 * undefined-variable and last-run-time-format see variables only where the platform substitutes
 * them (dialect.md, Variables; platform-model.md), and not at all in a plain OpenAPI document.
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers/lint.js';

const VARIABLE_RULES = ['undefined-variable', 'last-run-time-format'];

function variableFindings(text: string, name = 'connector.yaml'): Array<[string, string]> {
  return lintText(text, name)
    .diagnostics.filter((d) => VARIABLE_RULES.includes(d.ruleId))
    .map((d) => [d.ruleId, d.pointer]);
}

/** A document whose `$` strings sit where nothing is substituted, plus one of each substituted place. */
const PAGES = `
paths:
  /users:
    get:
      parameters:
        - name: $filter
          in: query
          schema: { type: string, default: $pageSize, enum: [$top, "\${skip}"] }
        - name: $expand
          in: query
          example: $select
          schema: { type: string }
      responses:
        "200":
          description: The users (\${count} of them)
          content:
            application/json:
              schema:
                type: object
                required: [$ref, $count]
                properties:
                  $ref: { type: string, example: "\${id}" }
                  default: { type: string, enum: [$one], x-label: $label }
                  kind: { type: string, enum: ["\${id}"], const: $two }
        default:
          description: Error
          content:
            application/json:
              schema: { type: string, default: $errorText }
`;

describe('variables in a plain OpenAPI document', () => {
  it('are none: a document with no connector lists and no configSchema is never substituted', () => {
    const text = `openapi: 3.0.3\ninfo: { title: Users, version: "1" }\nservers: [{ url: $baseURL }]\n${PAGES}`;
    expect(variableFindings(text)).toEqual([]);
  });

  it('are none for a lastRunTime with an unknown format either', () => {
    const text = `openapi: 3.0.3\ninfo: { title: Users, version: "1" }\n${PAGES.replace('$pageSize', '"${lastRunTime:iso}"')}`;
    expect(variableFindings(text)).toEqual([]);
  });
});

describe('variables in a connector', () => {
  const connector = (extra = '') => `openapi: 3.0.3
info: { title: Users, version: "1" }
servers:
  - url: $baseURL
    variables:
      region: { default: $regoin, enum: [$eu] }
configSchema:
  type: object
  properties:
    baseUrl: { type: string, default: $tenant }
preDefinedEvents:
  - name: Users
    resourcePath: /users/get
    configValues: { baseUrl: $baseUrll }
${extra}${PAGES}`;

  it('are found in server URLs, server variable defaults, schema defaults (responses/default too), configSchema defaults and configValues', () => {
    expect(variableFindings(connector())).toEqual([
      ['undefined-variable', '/servers/0/url'],
      ['undefined-variable', '/servers/0/variables/region/default'],
      ['undefined-variable', '/configSchema/properties/baseUrl/default'],
      ['undefined-variable', '/preDefinedEvents/0/configValues/baseUrl'],
      ['undefined-variable', '/paths/~1users/get/parameters/0/schema/default'],
      ['undefined-variable', '/paths/~1users/get/responses/default/content/application~1json/schema/default'],
    ]);
  });

  it('are not parameter names, examples, required entries, enum or const members, property names or vendor extension values', () => {
    const found = variableFindings(connector()).map(([, p]) => p);
    for (const literal of ['/name', '/example', '/required/', '/enum/', '/const', '/x-label']) expect(found.filter((p) => p.includes(literal))).toEqual([]);
  });

  it('are found in OAuth flow URLs and, inside a default object, at any depth', () => {
    const extra = `components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials: { tokenUrl: "\${host}/token", scopes: { $scope: read } }
  schemas:
    Filter:
      type: object
      default: { filters: [{ value: "\${lastRunTime:iso}", owner: $owner }] }
`;
    expect(variableFindings(connector(extra)).filter(([, p]) => p.startsWith('/components'))).toEqual([
      ['undefined-variable', '/components/securitySchemes/oauth/flows/clientCredentials/tokenUrl'],
      ['last-run-time-format', '/components/schemas/Filter/default/filters/0/value'],
      ['undefined-variable', '/components/schemas/Filter/default/filters/0/owner'],
    ]);
  });

  it('are found in a hub connector without a configSchema, which makes every variable undefined', () => {
    const text = `name: Users
type: Rest
version: 1.0.0.0
preDefinedEvents: [{ name: Users, resourcePath: /users/get }]
resources:
  openapi: 3.0.3
  info: { title: Users, version: "1" }
  servers: [{ url: $baseUrl }]
  paths:
    /users:
      get:
        parameters: [{ name: $filter, in: query, schema: { type: string } }]
        responses: { "200": { description: OK } }
`;
    expect(variableFindings(text)).toEqual([['undefined-variable', '/resources/servers/0/url']]);
  });
});
