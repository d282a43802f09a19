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
