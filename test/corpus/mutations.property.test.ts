/**
 * Property: whatever is done to a real connector (keys deleted, duplicated, retyped, renamed; the
 * text cut anywhere; JSON or YAML), the in-process linter never throws and returns a well-formed
 * result. Seeded, so a failure reproduces; fast-check prints the shrunk counterexample.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lintSource, type LintOptions } from '../../src/engine/lint.js';
import { parseText, defaultLimits } from '../../src/load/source.js';
import { RULES } from '../../src/rules/index.js';
import { severitiesFor } from '../../src/config/presets.js';
import type { FileResult } from '../../src/types.js';
import type { Rule } from '../../src/rules/types.js';
import { CORPUS } from '../helpers/shared.js';

/** Fixed for CI; set CDP_LINT_FC_SEED to explore other inputs locally. */
const SEED = Number(process.env['CDP_LINT_FC_SEED'] ?? 20_251_128);

const corpus = new Map(
  readdirSync(CORPUS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => [name, readFileSync(join(CORPUS, name), 'utf8')]),
);

const options: LintOptions = {
  severities: severitiesFor('strict'),
  rules: RULES as Map<string, Rule>,
  limits: defaultLimits,
  // A rule reporting a pointer that does not resolve throws here: a bug the property should find.
  strictPointers: true,
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Mutation {
  kind: 'delete' | 'duplicate' | 'retype' | 'rename';
  /** Which key of the document (in walk order), modulo the number of keys. */
  target: number;
  name: string;
  value: Json;
}

const KEY_NAMES = [
  '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '$ref', 'resources', 'paths', 'openapi', 'swagger',
  'preDefinedActions', 'preDefinedEvents', 'pollingConfigs', 'enrichmentPoints', 'configSchema', 'resourcePath', 'recordsLocator',
  'x-cdp-operation-settings', 'type', 'properties', 'items', 'allOf', 'responses', '', '~1', '/', 'a/b~c',
];

const REF_VALUES = ['#', '#/', '#/components', '#/paths/~1contacts', '../x.json', '/etc/passwd', 'file:///etc/passwd', 'http://127.0.0.1:1/x', 'nope.json#/a', '#/__proto__/polluted'];

const jsonValue: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
    fc.oneof(fc.string(), fc.constantFrom(...REF_VALUES, '/contacts/get', '$.data[*]', '{{id}}', '${lastRunTime:ISO}')),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...KEY_NAMES)), tie('value'), { maxKeys: 3 }),
    fc.record({ $ref: fc.constantFrom(...REF_VALUES) }),
  ),
})).value;

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('delete', 'duplicate', 'retype', 'rename'),
  target: fc.nat(),
  name: fc.oneof(fc.constantFrom(...KEY_NAMES), fc.string({ maxLength: 12 })),
  value: jsonValue,
});

/** Every (object, key) pair of the document, in a stable walk order. */
function keysOf(root: Json): Array<{ obj: { [key: string]: Json }; key: string }> {
  const out: Array<{ obj: { [key: string]: Json }; key: string }> = [];
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (Array.isArray(v)) stack.push(...[...v].reverse());
    else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (const k of keys) out.push({ obj: v, key: k });
      for (const k of [...keys].reverse()) stack.push(v[k]!);
    }
  }
  return out;
}

/** Set an own property (also for `__proto__`). */
function put(obj: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Apply mutations; keys to write twice are collected in `twice` (JSON only can show them). */
function mutate(doc: Json, mutations: Mutation[], twice: Map<object, Set<string>>): void {
  for (const m of mutations) {
    const keys = keysOf(doc);
    if (keys.length === 0) return;
    const { obj, key } = keys[m.target % keys.length]!;
    switch (m.kind) {
      case 'delete':
        delete obj[key];
        break;
      case 'duplicate': {
        const set = twice.get(obj) ?? new Set<string>();
        set.add(key);
        twice.set(obj, set);
        break;
      }
      case 'retype':
        put(obj, key, structuredClone(m.value));
        break;
      case 'rename': {
        // Keep the key's place: rebuild the object in order.
        const entries = Object.keys(obj).map((k) => [k === key ? m.name : k, obj[k]!] as const);
        for (const k of Object.keys(obj)) delete obj[k];
        for (const [k, v] of entries) put(obj, k, v);
        break;
      }
    }
  }
}

/** JSON text, writing the keys in `twice` twice (a duplicate key the parser must report, not lose). */
function toJson(v: Json, twice: Map<object, Set<string>>, indent = ''): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const inner = indent + '  ';
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[\n${v.map((x) => inner + toJson(x, twice, inner)).join(',\n')}\n${indent}]`;
  const parts: string[] = [];
  for (const k of Object.keys(v)) {
    const entry = `${inner}${JSON.stringify(k)}: ${toJson(v[k]!, twice, inner)}`;
    parts.push(entry);
    if (twice.get(v)?.has(k)) parts.push(entry);
  }
  return parts.length === 0 ? '{}' : `{\n${parts.join(',\n')}\n${indent}}`;
}

/** The checks every result must pass. */
function expectWellFormed(result: FileResult, text: string, parsed: boolean, name: string): void {
  expect(result.path).toBe(name);
  expect(['openapi', 'hub', 'storage', 'unknown']).toContain(result.layout);
  expect(Array.isArray(result.diagnostics)).toBe(true);
  const lines = text.split('\n').length;
  for (const d of result.diagnostics) {
    expect(RULES.has(d.ruleId), `unknown rule ${d.ruleId}`).toBe(true);
    expect(['error', 'warning', 'info']).toContain(d.severity);
    expect(typeof d.message === 'string' && d.message.trim().length > 0, `empty message from ${d.ruleId}`).toBe(true);
    expect(d.message).not.toMatch(/\bundefined\b|\[object Object\]/);
    expect(typeof d.pointer === 'string' && (d.pointer === '' || d.pointer.startsWith('/')), `pointer ${d.pointer}`).toBe(true);
    const { start, end } = d.range;
    for (const p of [start, end]) {
      expect(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines, `line ${p.line} of ${lines}`).toBe(true);
      expect(Number.isInteger(p.column) && p.column >= 1).toBe(true);
    }
    expect(end.line > start.line || (end.line === start.line && end.column >= start.column), `range ${JSON.stringify(d.range)}`).toBe(true);
  }
  // A file that could not be read is never reported clean.
  if (!parsed) expect(result.diagnostics.some((d) => d.ruleId === 'syntax-error' || d.ruleId === 'input-limit')).toBe(true);
}

/** Lint `text` as the file `name` in the corpus folder (so file $refs stay inside it). */
function lint(name: string, text: string): void {
  const path = join(CORPUS, name);
  const source = parseText(path, text, defaultLimits);
  const result = lintSource(source, name, options);
  expectWellFormed(result, text, source.parsed, name);
}

const polluted = () => ({}) as Record<string, unknown>;

describe('mutated corpus connectors', () => {
  // Names, not texts, so that a counterexample prints short.
  const file = fc.constantFrom(...corpus.keys());
  const textOf = (name: string) => corpus.get(name)!;

  it('JSON: keys deleted, duplicated, retyped and renamed', () => {
    fc.assert(
      fc.property(file, fc.array(mutation, { minLength: 1, maxLength: 6 }), (f, mutations) => {
        const doc = JSON.parse(textOf(f)) as Json;
        const twice = new Map<object, Set<string>>();
        mutate(doc, mutations, twice);
        lint(f, toJson(doc, twice) + '\n');
      }),
      { seed: SEED, numRuns: 150 },
    );
    expect(polluted()['polluted']).toBeUndefined();
  });

  it('YAML: mutants written by the yaml package', () => {
    fc.assert(
      fc.property(file, fc.array(mutation, { minLength: 0, maxLength: 4 }), fc.boolean(), (f, mutations, flow) => {
        const doc = JSON.parse(textOf(f)) as Json;
        mutate(doc, mutations, new Map());
        const text = toYaml(doc, { aliasDuplicateObjects: false, collectionStyle: flow ? 'flow' : 'any', lineWidth: 0 });
        lint(f.replace(/\.json$/, '.yaml'), text);
      }),
      { seed: SEED + 1, numRuns: 75 },
    );
  });

  it('text cut at any offset, JSON or YAML', () => {
    fc.assert(
      fc.property(file, fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }), (f, yaml, at) => {
        const full = yaml ? toYaml(JSON.parse(textOf(f)), { lineWidth: 0 }) : textOf(f);
        const cut = full.slice(0, Math.floor(full.length * at));
        lint(yaml ? f.replace(/\.json$/, '.yaml') : f, cut);
      }),
      { seed: SEED + 2, numRuns: 125 },
    );
  });

  it('leaves Object.prototype alone', () => {
    expect(polluted()['polluted']).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });
});
