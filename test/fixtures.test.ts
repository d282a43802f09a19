/**
 * Fixture-driven tests (STYLE.md 7). Two families:
 *
 * - fixtures/rules/<rule-id>/valid/*.{json,yaml,yml}: no diagnostic of that rule (strict preset).
 *   fixtures/rules/<rule-id>/invalid/<name>.<ext> with <name>.expected.json beside it: exactly the
 *   listed diagnostics of that rule, as [{ruleId, pointer, line, column}].
 * - fixtures/valid/<layout>/*: no error and no warning (recommended preset).
 *   fixtures/invalid/<layout>/<name>.<ext> with <name>.expected.json: exactly the listed diagnostics
 *   of every rule (recommended preset).
 *
 * Every registered rule must have a docs page and at least one valid and one invalid fixture.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULES } from '../src/rules/index.js';
import { brief, FIXTURES, lintPath } from './helpers/lint.js';

const DOCS = resolve(__dirname, '../docs/rules');
const INPUT = /\.(json|ya?ml)$/;

interface Expected {
  ruleId: string;
  pointer: string;
  line: number;
  column: number;
}

function inputs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => INPUT.test(f) && !f.endsWith('.expected.json'))
    .sort()
    .map((f) => join(dir, f));
}

function expectedFor(file: string): Expected[] {
  const path = file.replace(INPUT, '.expected.json');
  if (!existsSync(path)) throw new Error(`${file} has no ${path}`);
  return JSON.parse(readFileSync(path, 'utf8')) as Expected[];
}

const order = (a: Expected, b: Expected) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.pointer.localeCompare(b.pointer);

describe('every registered rule has docs and fixtures', () => {
  for (const id of RULES.keys()) {
    it(id, () => {
      expect(existsSync(join(DOCS, `${id}.md`)), `docs/rules/${id}.md`).toBe(true);
      expect(inputs(join(FIXTURES, 'rules', id, 'valid')).length, `fixtures/rules/${id}/valid`).toBeGreaterThan(0);
      expect(inputs(join(FIXTURES, 'rules', id, 'invalid')).length, `fixtures/rules/${id}/invalid`).toBeGreaterThan(0);
    });
  }
});

describe('rule fixtures', () => {
  const root = join(FIXTURES, 'rules');
  const ids = existsSync(root) ? readdirSync(root).sort() : [];
  for (const id of ids) {
    describe(id, () => {
      it('is a registered rule', () => expect(RULES.has(id)).toBe(true));
      for (const file of inputs(join(root, id, 'valid'))) {
        it(`valid/${file.split('/').pop()}`, () => {
          const found = lintPath(file, 'strict').diagnostics.filter((d) => d.ruleId === id);
          expect(found.map(brief)).toEqual([]);
        });
      }
      for (const file of inputs(join(root, id, 'invalid'))) {
        it(`invalid/${file.split('/').pop()}`, () => {
          const expected = expectedFor(file).sort(order);
          expect(expected.length, 'an invalid fixture must expect at least one diagnostic').toBeGreaterThan(0);
          const found = lintPath(file, 'strict')
            .diagnostics.filter((d) => d.ruleId === id)
            .map((d) => ({ ruleId: d.ruleId, pointer: d.pointer, line: d.range.start.line, column: d.range.start.column }))
            .sort(order);
          expect(found).toEqual(expected);
        });
      }
    });
  }
});

describe('layout fixtures', () => {
  for (const layout of ['openapi', 'hub', 'storage']) {
    for (const file of inputs(join(FIXTURES, 'valid', layout))) {
      it(`valid/${layout}/${file.split('/').pop()} has no error or warning`, () => {
        const r = lintPath(file);
        expect(r.layout).toBe(layout);
        expect(r.diagnostics.filter((d) => d.severity !== 'info').map(brief)).toEqual([]);
      });
    }
    for (const file of inputs(join(FIXTURES, 'invalid', layout))) {
      it(`invalid/${layout}/${file.split('/').pop()} reports exactly what it expects`, () => {
        const expected = expectedFor(file).sort(order);
        expect(expected.length).toBeGreaterThan(0);
        const found = lintPath(file)
          .diagnostics.map((d) => ({ ruleId: d.ruleId, pointer: d.pointer, line: d.range.start.line, column: d.range.start.column }))
          .sort(order);
        expect(found).toEqual(expected);
      });
    }
  }
});
