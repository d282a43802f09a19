/**
 * Line endings (issue 13, section 6): LF, CR LF and a lone CR (old Mac files) each end a line, in
 * JSON and in YAML, so a file saved with any of them gets the same lines and columns.
 */
import { describe, expect, it } from 'vitest';
import { lintText, brief } from '../helpers/lint.js';
import { LineIndex } from '../../src/load/locations.js';

const JSON_LF = `{
  "name": "X",
  "type": "Rest",
  "version": "1.0.0.0",
  "preDefinedActions": [{ "name": "a", "resourcePath": "/missing/post" }],
  "resources": {
    "openapi": "3.1.0",
    "info": { "title": "X", "version": "1" },
    "paths": { "/contacts": { "post": { "responses": { "200": { "description": "ok" } } } } }
  }
}
`;

const YAML_LF = `name: X
type: Rest
version: 1.0.0.0
preDefinedActions:
  - name: a
    resourcePath: /missing/post
    description: |
      two
      lines
resources:
  openapi: 3.1.0
  info:
    title: X
    version: "1"
  paths:
    /contacts:
      post:
        responses:
          "200":
            description: ok
`;

const endings = { 'CR LF': '\r\n', CR: '\r' };

describe('line endings', () => {
  it('LineIndex: LF, CR LF and a lone CR each end one line', () => {
    const lines = new LineIndex('a\nb\r\nc\rd');
    expect([0, 2, 5, 7].map((o) => lines.position(o))).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
    ]);
    // The LF of a CR LF is on the line the CR ends.
    expect(lines.position(4)).toEqual({ line: 2, column: 3 });
  });

  const lf = lintText(JSON_LF).diagnostics.map(brief);
  it('the LF JSON file has its diagnostic on line 5', () => {
    expect(lf).toEqual([{ ruleId: 'resource-path', severity: 'error', pointer: '/preDefinedActions/0/resourcePath', line: 5, column: 56 }]);
  });
  for (const [name, eol] of Object.entries(endings)) {
    it(`JSON with ${name} line endings: the same lines and columns`, () => {
      expect(lintText(JSON_LF.replaceAll('\n', eol)).diagnostics.map(brief)).toEqual(lf);
    });
  }

  const yamlLf = lintText(YAML_LF, 'connector.yaml').diagnostics.map(brief);
  it('the LF YAML file has its diagnostic on line 6', () => {
    expect(yamlLf).toEqual([{ ruleId: 'resource-path', severity: 'error', pointer: '/preDefinedActions/0/resourcePath', line: 6, column: 19 }]);
  });
  for (const [name, eol] of Object.entries(endings)) {
    it(`a valid YAML document with ${name} line endings is read, with the same lines and columns`, () => {
      expect(lintText(YAML_LF.replaceAll('\n', eol), 'connector.yaml').diagnostics.map(brief)).toEqual(yamlLf);
    });
  }

  it('a YAML syntax error in a CR-only file is reported where it is in the LF file', () => {
    const broken = YAML_LF.replace('  info:\n', '  info: [\n');
    const atLf = lintText(broken, 'connector.yaml').diagnostics.map(brief);
    expect(atLf.map((x) => x.ruleId)).toEqual(['syntax-error']);
    expect(atLf[0]!.line).toBeGreaterThan(1);
    expect(lintText(broken.replaceAll('\n', '\r'), 'connector.yaml').diagnostics.map(brief)).toEqual(atLf);
  });
});

/** A YAML list of two parameters, the second the same as the first: diagnostics at the list items. */
const TWO_PARAMETERS = `openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /a:
    get:
      operationId: getA
      parameters:
        - name: q
          in: query
          schema: {type: string}
        - name: q
          in: query
          schema: {type: string}
      responses:
        '200':
          description: OK
`;

describe('where a range ends', () => {
  it('LineIndex.range: a span that runs through a line break ends where the line text ends (LF, CR LF, CR)', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `a: 1${eol}b: 2${eol}`;
      const lines = new LineIndex(text);
      expect(lines.range({ start: 0, end: 4 + eol.length })).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 5 } });
      expect(lines.range({ start: 0, end: text.length })).toEqual({ start: { line: 1, column: 1 }, end: { line: 2, column: 5 } });
    }
    // A span without a line break at its end, and an empty one at a line start, are as they were.
    const lines = new LineIndex('ab\ncd');
    expect(lines.range({ start: 0, end: 2 })).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 3 } });
    expect(lines.range({ start: 3, end: 3 })).toEqual({ start: { line: 2, column: 1 }, end: { line: 2, column: 1 } });
    // A span that is only a line break is empty, at the end of its line.
    expect(lines.range({ start: 2, end: 3 })).toEqual({ start: { line: 1, column: 3 }, end: { line: 1, column: 3 } });
  });

  it('a diagnostic at a YAML block list item ends with the item\'s last line, not at column 1 of the next', () => {
    for (const eol of ['\n', '\r\n']) {
      const duplicate = lintText(TWO_PARAMETERS.replaceAll('\n', eol), 'connector.yaml').diagnostics.find((d) => d.ruleId === 'duplicate-parameter');
      expect(duplicate?.pointer).toBe('/paths/~1a/get/parameters/1');
      expect(duplicate?.range).toEqual({ start: { line: 13, column: 11 }, end: { line: 15, column: 33 } });
    }
  });
});
