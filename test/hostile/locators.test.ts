/**
 * Records locators over schemas built to make their evaluation explode (issue 13, section 2), and
 * locators named like Object.prototype members (section 6). Each blow-up case asserts what bounds
 * it, not how long it takes: the budget's diagnostic at the locator, or an answer that today's code
 * could only give after the work it must no longer do. (The 60 s limits leave room for a busy
 * machine; none of these cases is timed.)
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers/lint.js';
import { at } from './helpers.js';
import { SkeletonBuilder, skeleton, isOpen } from '../../src/model/schema-shape.js';
import { RefResolver } from '../../src/model/refs.js';
import { parseText, defaultLimits } from '../../src/load/source.js';
import { Ptr } from '../../src/model/pointer.js';
import type { JsonObject } from '../../src/model/json.js';

/** A hub connector whose GET /n answers with `schema` (components under `components.schemas`), polled with `locator`. */
function connector(schemas: JsonObject, locator: string, paths = 1): string {
  const get = { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } } } };
  const pathItems: JsonObject = {};
  const pollingConfigs: JsonObject = {};
  for (let i = 0; i < paths; i++) {
    pathItems[`/n${i}`] = { get };
    pollingConfigs[`/n${i}/get`] = { recordsLocator: locator };
  }
  const doc = {
    name: 'N',
    type: 'Rest',
    version: '1.0.0.0',
    preDefinedEvents: [{ resourcePath: '/n0/get' }],
    pollingConfigs,
    resources: { openapi: '3.1.0', info: { title: 'N', version: '1' }, paths: pathItems, components: { schemas } },
  };
  return JSON.stringify(doc, null, 1);
}

/** Node: an object of `width` properties that each refer back to Node. */
function selfReferencing(width: number): JsonObject {
  const properties: JsonObject = {};
  for (let i = 0; i < width; i++) properties[`p${i}`] = { $ref: '#/components/schemas/Node' };
  return { Node: { type: 'object', properties } };
}

/** Node: `branches` allOf branches, each an object with one property that refers back to Node. */
function allOfBack(branches: number): JsonObject {
  const allOf = Array.from({ length: branches }, (_, i) => ({ type: 'object', properties: { [`f${i}`]: { $ref: '#/components/schemas/Node' } } }));
  return { Node: { allOf } };
}

function locatorDiagnostics(text: string) {
  return lintText(text, 'connector.json', 'recommended').diagnostics.filter((d) => d.ruleId === 'records-locator');
}

/** Line and column of the value of the first `"recordsLocator"` key. */
function locatorPosition(text: string): { line: number; column: number } {
  const p = at(text, '"recordsLocator": ');
  return { line: p.line, column: p.column + '"recordsLocator": '.length };
}

describe('records locators with a bounded evaluation', () => {
  it('200 allOf branches that refer back, `$..zz`: not checked, said at the locator (the skeleton budget counts every node built)', () => {
    const text = connector(allOfBack(200), '$..zz');
    const d = locatorDiagnostics(text);
    expect(d.map((x) => ({ pointer: x.pointer, line: x.range.start.line, column: x.range.start.column, message: x.message }))).toEqual([
      {
        pointer: '/pollingConfigs/~1n0~1get/recordsLocator',
        ...locatorPosition(text),
        message: 'recordsLocator `$..zz` was not checked: the response of GET /n0 has more than 20,000 schema nodes to evaluate it against',
      },
    ]);
  }, 60_000);

  it('ten recursive descents over a self-referencing schema that reach nothing: not checked, after a bounded number of steps', () => {
    const locator = '$..*..*..*..*..*..*..*..*..*..zz';
    const d = locatorDiagnostics(connector(selfReferencing(10), locator));
    expect(d.map((x) => x.message)).toEqual([`recordsLocator \`${locator}\` was not checked: evaluating it against the response of GET /n0 takes more than 100,000 steps`]);
  }, 60_000);

  it('ten recursive descents that reach something: answered at the first value found, no diagnostic', () => {
    expect(locatorDiagnostics(connector(selfReferencing(10), '$..*..*..*..*..*..*..*..*..*..*'))).toEqual([]);
  }, 60_000);

  it('one costly locator per path, 60 paths: the file budget ends the evaluations, each remaining locator is said to be unchecked', () => {
    const locator = '$..*..*..*..zz';
    const messages = locatorDiagnostics(connector(selfReferencing(10), locator, 60)).map((x) => x.message.replace(/GET \/n\d+/, 'GET /n#'));
    expect(messages).toHaveLength(60);
    const counts = new Map<string, number>();
    for (const m of messages) counts.set(m, (counts.get(m) ?? 0) + 1);
    expect(counts).toEqual(
      new Map([
        [`recordsLocator \`${locator}\` was not checked: evaluating it against the response of GET /n# takes more than 100,000 steps`, 10],
        [`recordsLocator \`${locator}\` was not checked: the records locators of this file have used up their 1,000,000 evaluation steps`, 15],
        [`recordsLocator \`${locator}\` was not checked: the records locators of this file have used up their 500,000 schema nodes`, 35],
      ]),
    );
  }, 60_000);

  it('a locator that misses in a wide, recursive schema is still named as a miss, with its properties', () => {
    const d = locatorDiagnostics(connector(allOfBack(200), 'data.items'));
    expect(d.map((x) => x.message)).toEqual([
      expect.stringMatching(/^recordsLocator `data\.items` reaches nothing in the response of GET \/n0: `data` is not one of its properties \(`f0`, `f1`, /),
    ]);
  }, 60_000);
});

function resolverFor(components: JsonObject): RefResolver {
  const doc = { openapi: '3.0.3', components: { schemas: components } };
  const source = parseText('/virtual/c.json', JSON.stringify(doc), defaultLimits);
  return new RefResolver({ source, oas: { value: source.value as JsonObject, ptr: Ptr.root }, refRoot: '/virtual', maxHops: 100 });
}

describe('skeleton budgets', () => {
  it('counts the nodes at the depth limit too: a skeleton of 200 branches that refer back stays within its node budget', () => {
    const refs = resolverFor(allOfBack(200));
    const built = new SkeletonBuilder(refs, { perSkeleton: 20_000, perDocument: 100_000 }).build({ $ref: '#/components/schemas/Node' });
    expect(built.limited).toBe('skeleton');
    let nodes = 0;
    const count = (v: unknown): void => {
      nodes++;
      if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) count((v as Record<string, unknown>)[k]);
    };
    count(built.instance);
    // Today's count was 4,000,001: the open values below the depth limit were not counted.
    expect(nodes).toBeLessThanOrEqual(20_000);
  }, 60_000);

  it('the document budget is shared by the skeletons of one builder', () => {
    const refs = resolverFor(selfReferencing(10));
    const builder = new SkeletonBuilder(refs, { perSkeleton: 1_000, perDocument: 2_500 });
    const limits = [1, 2, 3, 4].map(() => builder.build({ $ref: '#/components/schemas/Node' }).limited);
    expect(limits).toEqual(['skeleton', 'skeleton', 'document', 'document']);
  }, 60_000);

  it('merges a chain of 20,000 nested allOf without exhausting the call stack', () => {
    const schemas: JsonObject = {};
    const n = 20_000;
    for (let i = 0; i < n; i++) schemas[`S${i}`] = { allOf: i + 1 < n ? [{ $ref: `#/components/schemas/S${i + 1}` }] : [], properties: { [`p${i}`]: { type: 'string' } } };
    const refs = resolverFor(schemas);
    const instance = skeleton({ $ref: '#/components/schemas/S0' }, refs, { maxDepth: 1, focus: ['p19999'] }, { perSkeleton: 100_000, perDocument: 100_000 });
    expect(isOpen(instance)).toBe(false);
    expect((instance as Record<string, unknown>)['p19999']).toBe(0);
    expect(Object.keys(instance as object)).toHaveLength(n);
  }, 60_000);
});

describe('locators named like Object.prototype members', () => {
  const names = ['constructor', 'toString', '__proto__'];
  const withProperty = (name: string): JsonObject => ({ Node: { type: 'object', properties: JSON.parse(`{"${name}": {"type": "array", "items": {"type": "object"}}}`) as JsonObject } });

  for (const name of names) {
    it(`\`${name}\` is a property name like any other: found when the schema declares it`, () => {
      expect(locatorDiagnostics(connector(withProperty(name), name))).toEqual([]);
      expect(locatorDiagnostics(connector(withProperty(name), `$.${name}`))).toEqual([]);
    });

    it(`\`${name}\` reaches nothing when the schema does not declare it (not "not valid JSONPath")`, () => {
      const d = locatorDiagnostics(connector({ Node: { type: 'object', properties: { data: { type: 'array' } } } }, name));
      expect(d.map((x) => x.message)).toEqual([`recordsLocator \`${name}\` reaches nothing in the response of GET /n0: \`${name}\` is not one of its properties (\`data\`)`]);
    });
  }
});
