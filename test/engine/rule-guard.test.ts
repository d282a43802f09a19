/** A rule that throws becomes one diagnostic on that file; the other rules still report. */
import { describe, expect, it } from 'vitest';
import { lintSource } from '../../src/engine/lint.js';
import { parseText, defaultLimits } from '../../src/load/source.js';
import { RULES } from '../../src/rules/index.js';
import { severitiesFor } from '../../src/config/presets.js';
import { defineRule, type Rule } from '../../src/rules/types.js';

const text = JSON.stringify({
  name: 'x',
  type: 'Rest',
  version: '1.0.0.0',
  preDefinedActions: [{ resourcePath: '/a/get', name: 'a' }],
  resources: { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} },
});

describe('rule guard', () => {
  it('turns a throwing rule into one error diagnostic and keeps the others', () => {
    const rules = new Map<string, Rule>(RULES as Map<string, Rule>);
    const broken = defineRule({ meta: RULES.get('resource-path')!.meta, create: () => ({ Action: () => { throw new Error('boom'); }, end: () => { throw new Error('again'); } }) });
    rules.set('resource-path', broken);
    const source = parseText('/tmp/guard.json', text, defaultLimits);
    const result = lintSource(source, 'guard.json', { severities: severitiesFor('recommended'), rules, limits: defaultLimits });
    expect(result.diagnostics.map((d) => [d.ruleId, d.messageId, d.severity, d.pointer, d.message])).toEqual([
      ['resource-path', 'internalError', 'error', '', 'Internal error in rule resource-path (this file was only partly checked by it; please report it): boom'],
    ]);
  });

  it("reports a rule's own RangeError as that rule's failure, not as a document nested too deeply", () => {
    const rules = new Map<string, Rule>(RULES as Map<string, Rule>);
    const broken = defineRule({ meta: RULES.get('resource-path')!.meta, create: () => ({ Action: () => { new Array(-1); } }) });
    rules.set('resource-path', broken);
    const source = parseText('/tmp/guard.json', text, defaultLimits);
    const result = lintSource(source, 'guard.json', { severities: severitiesFor('recommended'), rules, limits: defaultLimits });
    expect(result.diagnostics.map((d) => [d.ruleId, d.messageId, d.message])).toEqual([
      ['resource-path', 'internalError', 'Internal error in rule resource-path (this file was only partly checked by it; please report it): Invalid array length'],
    ]);
  });

  it('reports a stack overflow inside a visitor as the depth of the document (input-limit)', () => {
    const rules = new Map<string, Rule>(RULES as Map<string, Rule>);
    const overflow = (): number => overflow() + 1;
    rules.set('resource-path', defineRule({ meta: RULES.get('resource-path')!.meta, create: () => ({ Action: () => void overflow() }) }));
    const source = parseText('/tmp/guard.json', text, defaultLimits);
    const result = lintSource(source, 'guard.json', { severities: severitiesFor('recommended'), rules, limits: defaultLimits });
    expect(result.diagnostics.map((d) => [d.ruleId, d.messageId, d.message])).toEqual([
      ['input-limit', 'exceeded', 'The document is nested too deeply to check (the walk ran out of stack); flatten it or lower --max-depth'],
    ]);
  });

  it('calls no visitor of a rule after it threw, and every visitor of the other rules', () => {
    const rules = new Map<string, Rule>(RULES as Map<string, Rule>);
    const calls = { broken: 0, brokenString: 0, brokenEnd: 0, other: 0, otherString: 0, otherEnd: 0 };
    rules.set(
      'resource-path',
      defineRule({
        meta: RULES.get('resource-path')!.meta,
        create: () => ({
          any: () => {
            calls.broken++;
            throw new Error('boom');
          },
          string: () => void calls.brokenString++,
          end: () => void calls.brokenEnd++,
        }),
      }),
    );
    rules.set(
      'records-locator',
      defineRule({
        meta: RULES.get('records-locator')!.meta,
        create: () => ({ any: () => void calls.other++, string: () => void calls.otherString++, end: () => void calls.otherEnd++ }),
      }),
    );
    const source = parseText('/tmp/guard.json', text, defaultLimits);
    const result = lintSource(source, 'guard.json', { severities: severitiesFor('recommended'), rules, limits: defaultLimits });
    expect(result.diagnostics.map((d) => [d.ruleId, d.messageId])).toEqual([['resource-path', 'internalError']]);
    // The root object is the first node: the broken rule is called there once, and never again.
    expect(calls).toEqual({ broken: 1, brokenString: 0, brokenEnd: 0, other: 5, otherString: 8, otherEnd: 1 });
  });

  it('tells apart two rules that give the same visitor function: each fails on its own', () => {
    const rules = new Map<string, Rule>(RULES as Map<string, Rule>);
    const shared = (): void => {
      throw new Error('shared');
    };
    rules.set('resource-path', defineRule({ meta: RULES.get('resource-path')!.meta, create: () => ({ Action: shared }) }));
    rules.set('records-locator', defineRule({ meta: RULES.get('records-locator')!.meta, create: () => ({ Action: shared }) }));
    const source = parseText('/tmp/guard.json', text, defaultLimits);
    const result = lintSource(source, 'guard.json', { severities: severitiesFor('recommended'), rules, limits: defaultLimits });
    expect(result.diagnostics.map((d) => [d.ruleId, d.messageId])).toEqual([
      ['records-locator', 'internalError'],
      ['resource-path', 'internalError'],
    ]);
  });

  it('lets the error through in strict-pointer mode (tests fail loudly)', () => {
    const rules = new Map<string, Rule>([['resource-path', defineRule({ meta: RULES.get('resource-path')!.meta, create: () => ({ Action: () => { throw new Error('boom'); } }) })]]);
    const source = parseText('/tmp/guard.json', text, defaultLimits);
    expect(() => lintSource(source, 'guard.json', { severities: severitiesFor('recommended'), rules, limits: defaultLimits, strictPointers: true })).toThrow('boom');
  });
});
