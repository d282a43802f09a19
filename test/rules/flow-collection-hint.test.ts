/**
 * The hint to quote a YAML flow collection written where text is expected (`summary: {id}`): only
 * for a whole value on its key's line, in a YAML file, where the schema wants a string.
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers/lint.js';

const doc = (operation: string) => `openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /a:
    get:
${operation}      responses:
        '200':
          description: OK
`;

function typeProblems(text: string, name = 'api.yaml'): Array<{ ruleId: string; messageId: string; line: number; column: number; message: string }> {
  return lintText(text, name)
    .diagnostics.filter((d) => d.messageId === 'type')
    .map((d) => ({ ruleId: d.ruleId, messageId: d.messageId, line: d.range.start.line, column: d.range.start.column, message: d.message }));
}

describe('quoting a flow collection meant as text', () => {
  it('says how to quote `summary: {id}`, with the key as written and quotes doubled', () => {
    expect(typeProblems(doc("      summary: {id}\n      'description': [don't, panic]\n"))).toEqual([
      { ruleId: 'oas-schema', messageId: 'type', line: 8, column: 16, message: "`summary` must be a string, not an object; in YAML, `{id}` after a key starts a mapping: to write it as text, quote it: `summary: '{id}'`" },
      { ruleId: 'oas-schema', messageId: 'type', line: 9, column: 22, message: "`description` must be a string, not an array; in YAML, `[don't, panic]` after a key starts a list: to write it as text, quote it: `'description': '[don''t, panic]'`" },
    ]);
  });

  it('says it for connector keys too (cdp-schema): `description: {Acme}` at the root, `recordsLocatorPath: {data}` in x-cdp-operation-settings', () => {
    const text = `name: Contacts
type: Rest
version: 1.0.0.0
description: {Acme}
resources:
  openapi: 3.0.1
  info: {title: Contacts, version: "1"}
  paths:
    /contacts:
      get:
        x-cdp-operation-settings:
          recordsLocatorPath: {data}
        responses: {"200": {description: OK}}
`;
    expect(typeProblems(text, 'connector.yaml')).toEqual([
      { ruleId: 'cdp-schema', messageId: 'type', line: 4, column: 14, message: "`description` must be a string, not an object; in YAML, `{Acme}` after a key starts a mapping: to write it as text, quote it: `description: '{Acme}'`" },
      { ruleId: 'cdp-schema', messageId: 'type', line: 12, column: 31, message: "`recordsLocatorPath` must be a string, not an object; in YAML, `{data}` after a key starts a mapping: to write it as text, quote it: `recordsLocatorPath: '{data}'`" },
    ]);
  });

  it('gives no hint for a flow mapping over two lines, nor for one longer than 200 characters', () => {
    const long = `{${Array.from({ length: 60 }, (_, i) => `k${i}`).join(', ')}}`;
    expect(long.length).toBeGreaterThan(200);
    expect(typeProblems(doc(`      summary: {id,\n        name}\n      description: ${long}\n`)).map((p) => [p.line, p.message])).toEqual([
      [8, '`summary` must be a string, not an object'],
      [10, '`description` must be a string, not an object'],
    ]);
  });

  it('gives no hint where the schema wants no string (`maxLength: [3]`)', () => {
    const text = doc('      parameters:\n        - {name: q, in: query, schema: {type: string, maxLength: [3]}}\n');
    expect(typeProblems(text).map((p) => p.message)).toEqual(['`maxLength` must be an integer, not an array']);
  });

  it('gives no hint in JSON, where an object is written as one', () => {
    const text = JSON.stringify({ openapi: '3.0.3', info: { title: 'T', version: '1' }, paths: { '/a': { get: { summary: { id: null }, responses: { '200': { description: 'OK' } } } } } });
    expect(typeProblems(text, 'api.json').map((p) => p.message)).toEqual(['`summary` must be a string, not an object']);
  });
});
