/**
 * Fixture-driven tests (STYLE.md 7). Two families:
 *
 * - fixtures/rules/<rule-id>/valid/*.{json,yaml,yml}: no diagnostic of that rule (strict preset).
 *   fixtures/rules/<rule-id>/invalid/<name>.<ext> with <name>.expected.json beside it: exactly the
 *   listed diagnostics of that rule, as [{ruleId, messageId, pointer, line, column, message}]: the
 *   message text is part of the contract.
 * - fixtures/valid/<layout>/*: no error and no warning (recommended preset).
 *   fixtures/invalid/<layout>/<name>.<ext> with <name>.expected.json: exactly the listed diagnostics
 *   of every rule (recommended preset).
 *
 * Every registered rule must have a docs page and at least one valid and one invalid fixture, and
 * every message template of every rule (its meta.messages) must be produced by some invalid fixture.
 * Every message any fixture produces is checked for wording faults (an unfilled {{placeholder}},
 * an empty text, a broken article).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULES } from '../src/rules/index.js';
import { brief, FIXTURES, lintPath } from './helpers/lint.js';
import type { Diagnostic } from '../src/types.js';
import { wordingFaults } from './helpers/messages.js';

const DOCS = resolve(__dirname, '../docs/rules');
const INPUT = /\.(json|ya?ml)$/;

interface Expected {
  ruleId: string;
  messageId: string;
  pointer: string;
  line: number;
  column: number;
  message: string;
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

const order = (a: Expected, b: Expected) =>
  a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.pointer.localeCompare(b.pointer) || a.message.localeCompare(b.message);

function asExpected(d: Diagnostic): Expected {
  return { ruleId: d.ruleId, messageId: d.messageId, pointer: d.pointer, line: d.range.start.line, column: d.range.start.column, message: d.message };
}

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
          const all = lintPath(file, 'strict').diagnostics;
          expect(all.filter((d) => d.ruleId === id).map(brief)).toEqual([]);
          expect(wordingFaults(all)).toEqual([]);
        });
      }
      for (const file of inputs(join(root, id, 'invalid'))) {
        it(`invalid/${file.split('/').pop()}`, () => {
          const expected = expectedFor(file).sort(order);
          expect(expected.length, 'an invalid fixture must expect at least one diagnostic').toBeGreaterThan(0);
          const all = lintPath(file, 'strict').diagnostics;
          const found = all.filter((d) => d.ruleId === id).map(asExpected).sort(order);
          expect(found).toEqual(expected);
          expect(wordingFaults(all)).toEqual([]);
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
        expect(wordingFaults(r.diagnostics)).toEqual([]);
      });
    }
    for (const file of inputs(join(FIXTURES, 'invalid', layout))) {
      it(`invalid/${layout}/${file.split('/').pop()} reports exactly what it expects`, () => {
        const expected = expectedFor(file).sort(order);
        expect(expected.length).toBeGreaterThan(0);
        const all = lintPath(file).diagnostics;
        expect(all.map(asExpected).sort(order)).toEqual(expected);
        expect(wordingFaults(all)).toEqual([]);
      });
    }
  }
});

describe('message coverage', () => {
  // The expected files are what the fixture tests above compare the output with, so reading them
  // says what the fixtures produce.
  it('every messageId of every rule is produced by an invalid fixture', () => {
    const produced = new Set<string>();
    const expectedFiles = [
      ...[...RULES.keys()].flatMap((id) => inputs(join(FIXTURES, 'rules', id, 'invalid'))),
      ...['openapi', 'hub', 'storage'].flatMap((layout) => inputs(join(FIXTURES, 'invalid', layout))),
    ];
    for (const file of expectedFiles) for (const d of expectedFor(file)) produced.add(`${d.ruleId}/${d.messageId}`);
    const uncovered: string[] = [];
    for (const [id, rule] of RULES) for (const messageId of Object.keys(rule.meta.messages)) if (!produced.has(`${id}/${messageId}`)) uncovered.push(`${id}/${messageId}`);
    expect(uncovered, 'add an invalid fixture under fixtures/rules/<rule>/invalid that produces each of these').toEqual([]);
  });
});
