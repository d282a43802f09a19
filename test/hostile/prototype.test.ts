/**
 * `__proto__`, `constructor`, `prototype` and other Object.prototype names as keys and values,
 * linted in-process: no prototype pollution, no crash, and the keys are linted as ordinary keys.
 */
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lintSource } from '../../src/engine/lint.js';
import { parseText, defaultLimits } from '../../src/load/source.js';
import { RULES } from '../../src/rules/index.js';
import { severitiesFor } from '../../src/config/presets.js';
import type { Rule } from '../../src/rules/types.js';
import { CLEAN, CLEAN_YAML, at } from './helpers.js';

const NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

function lint(name: string, text: string) {
  const source = parseText(resolve(__dirname, name), text, defaultLimits);
  const result = lintSource(source, name, { severities: severitiesFor('strict'), rules: RULES as Map<string, Rule>, limits: defaultLimits, strictPointers: true });
  return { source, result };
}

function expectNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe['polluted']).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  expect(typeof probe.toString).toBe('function');
  expect(typeof probe.hasOwnProperty).toBe('function');
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
}

afterEach(expectNoPollution);

/** Position of the root key `name` (written at two spaces of indentation). */
function rootKey(text: string, name: string): { line: number; column: number } {
  const p = at(text, `\n  "${name}": `);
  return { line: p.line + 1, column: 3 };
}

/** Every object of the document gets every name as an extra key, with a polluting value. */
function everywhere(doc: unknown): unknown {
  const stack: unknown[] = [doc];
  const seen: object[] = [];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.includes(v)) continue;
    seen.push(v);
    for (const child of Object.values(v)) stack.push(child);
    if (!Array.isArray(v)) for (const n of NAMES) Object.defineProperty(v, n, { value: { polluted: true, prototype: { polluted: true } }, enumerable: true, writable: true, configurable: true });
  }
  return doc;
}

describe('prototype names as keys', () => {
  it('in every object of a JSON connector: parsed as own data, linted, nothing polluted', () => {
    const text = JSON.stringify(everywhere(JSON.parse(CLEAN)), null, 2);
    expect(text.match(/"__proto__"/g)!.length).toBeGreaterThan(20);
    const { source, result } = lint('everywhere.json', text);
    expect(source.parsed).toBe(true);
    const root = source.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(root)).toBe(Object.prototype);
    expect(Object.keys(root).slice(-NAMES.length)).toEqual(NAMES);
    expect(root['__proto__']).toEqual({ polluted: true, prototype: { polluted: true } });
    // Ordinary keys: the unknown root keys are reported one by one, where they are written.
    const unknownAtRoot = result.diagnostics.filter((d) => d.ruleId === 'unknown-key' && d.pointer.split('/').length === 2);
    expect(unknownAtRoot.map((d) => [d.pointer, d.range.start])).toEqual(NAMES.map((n) => ['/' + n, rootKey(text, n)]));
  });

  it('in YAML mappings at several levels', () => {
    const text = CLEAN_YAML.replace('openapi: 3.0.3\n', 'openapi: 3.0.3\n__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\n')
      .replace('    get:\n', '    get:\n      __proto__: {polluted: true}\n')
      .replace('    name: Create contact\n', '    name: Create contact\n    toString: {polluted: true}\n');
    const { source, result } = lint('proto.yaml', text);
    expect(source.parsed).toBe(true);
    expect(Object.getPrototypeOf(source.value)).toBe(Object.prototype);
    expect(result.diagnostics.map((d) => [d.ruleId, d.pointer, d.range.start])).toEqual([
      ['unknown-key', '/__proto__', at(text, '__proto__')],
      ['unknown-key', '/constructor', at(text, 'constructor')],
      ['oas-schema', '/paths/~1contacts/get/__proto__', at(text, '__proto__', 1)],
      ['unknown-key', '/preDefinedActions/0/toString', at(text, 'toString')],
    ]);
  });

  it('as paths, methods, schema names, property names and security schemes', () => {
    const doc = JSON.parse(CLEAN) as Record<string, any>;
    doc['paths']['constructor'] = { get: { responses: { '200': { description: 'ok' } } } };
    doc['paths']['/contacts']['toString'] = { responses: {} };
    doc['components']['schemas']['NAME_PROTO'] = { type: 'object', properties: { constructor: { type: 'string' }, NAME_PROTO: { $ref: '#/components/schemas/__proto__' } } };
    doc['components']['securitySchemes'] = { constructor: { type: 'constructor' }, NAME_PROTO: { type: 'toString', in: 'header' } };
    doc['preDefinedActions'].push({ resourcePath: '/contacts/constructor', name: 'x' }, { resourcePath: 'constructor/get', name: 'y' });
    doc['pollingConfigs'] = { '/contacts/get': { recordsLocator: 'constructor.prototype' }, NAME_PROTO: { recordsLocator: '$.__proto__' } };
    doc['configSchema'] = { type: 'object', properties: { NAME_PROTO: { type: 'string' }, constructor: { type: 'constructor' } } };
    // Object literals cannot hold a `__proto__` key: it is written into the text instead.
    const text = JSON.stringify(doc, null, 2).replaceAll('NAME_PROTO', '__proto__').replace('"paths": {', '"paths": {\n    "__proto__": {},');
    const { result } = lint('names.json', text);
    const by = (ruleId: string) => result.diagnostics.filter((d) => d.ruleId === ruleId).map((d) => d.pointer);
    expect(by('oas-schema')).toEqual([
      '/paths/__proto__',
      '/paths/~1contacts/toString',
      '/paths/constructor',
      '/components/securitySchemes/constructor',
      '/components/securitySchemes/__proto__',
    ]);
    // `constructor/get` names the path `constructor`, which this document has: no problem there.
    expect(by('resource-path')).toEqual(['/preDefinedActions/1/resourcePath', '/pollingConfigs/__proto__']);
  });
});

describe('prototype names as values', () => {
  it('$refs and locators that name Object.prototype members resolve to nothing', () => {
    const doc = JSON.parse(CLEAN) as Record<string, any>;
    doc['paths']['/contacts']['post']['requestBody']['content']['application/json']['schema'] = { $ref: '#/components/schemas/constructor' };
    doc['paths']['/contacts']['get']['responses']['200']['content']['application/json']['schema'] = { $ref: '#/__proto__/polluted' };
    doc['pollingConfigs'] = { '/contacts/get': { recordsLocator: '__proto__.constructor' } };
    const text = JSON.stringify(doc, null, 2);
    const { result } = lint('values.json', text);
    expect(result.diagnostics.filter((d) => d.ruleId === 'unresolved-ref').map((d) => [d.pointer, d.message])).toEqual([
      ['/paths/~1contacts/get/responses/200/content/application~1json/schema/$ref', '`#/__proto__/polluted` does not resolve: there is no `__proto__` there'],
      ['/paths/~1contacts/post/requestBody/content/application~1json/schema/$ref', '`#/components/schemas/constructor` does not resolve: there is no `constructor` there'],
    ]);
  });
});
