import { describe, expect, it } from 'vitest';
import { applyFixes, fixSource } from '../../src/engine/fix.js';
import { lintSource } from '../../src/engine/lint.js';
import { defaultLimits, parseText } from '../../src/load/source.js';
import { RULES } from '../../src/rules/index.js';
import { severitiesFor } from '../../src/config/presets.js';
import type { Rule } from '../../src/rules/types.js';
import type { Diagnostic, TextEdit } from '../../src/types.js';
import { BROKEN_JSON, BROKEN_YAML, FIXED_JSON, FIXED_YAML } from '../e2e/cli.js';

function d(ruleId: string, ...fix: TextEdit[]): Diagnostic {
  return { ruleId, messageId: 'm', severity: 'error', message: '', pointer: '', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, fix };
}

describe('applyFixes', () => {
  it('applies non-overlapping edits from the end, counting one per diagnostic', () => {
    const out = applyFixes('abcdef', [d('b', { start: 2, end: 4, text: 'xyz' }), d('a', { start: 0, end: 1, text: 'A' }, { start: 4, end: 4, text: '-' }, { start: 5, end: 6, text: 'F' })]);
    // A fix spans from its first to its last edit: b lies inside a's span, so it waits for the next pass.
    expect(out).toEqual({ text: 'Abcd-eF', applied: 1 });
    expect(applyFixes('abcdef', [d('b', { start: 2, end: 4, text: 'xyz' }), d('a', { start: 0, end: 1, text: 'A' })])).toEqual({ text: 'Abxyzef', applied: 2 });
  });

  it('skips a fix overlapping an earlier one (the next pass gets it), a no-op fix and an out-of-range fix', () => {
    const out = applyFixes('abcdef', [
      d('a', { start: 1, end: 3, text: 'BC' }),
      d('b', { start: 2, end: 4, text: '??' }),
      d('c', { start: 4, end: 5, text: 'e' }),
      d('d', { start: 5, end: 9, text: '!' }),
    ]);
    expect(out).toEqual({ text: 'aBCdef', applied: 1 });
  });

  it('keeps adjacent edits but defers an insertion where another edit ends', () => {
    expect(applyFixes('abcd', [d('a', { start: 0, end: 2, text: 'X' }), d('b', { start: 2, end: 4, text: 'Y' })])).toEqual({ text: 'XY', applied: 2 });
    expect(applyFixes('abcd', [d('a', { start: 0, end: 2, text: 'X' }), d('b', { start: 2, end: 2, text: '+' })])).toEqual({ text: 'Xcd', applied: 1 });
  });

  it('uses UTF-16 offsets, so text after an astral character is edited in place', () => {
    const text = '"📇": "POST"';
    const start = text.indexOf('POST');
    expect(applyFixes(text, [d('a', { start, end: start + 4, text: 'post' })]).text).toBe('"📇": "post"');
  });

  it('ignores fixes of rules not marked fixable', () => {
    expect(applyFixes('ab', [d('a', { start: 0, end: 1, text: 'A' })], (id) => id !== 'a')).toEqual({ text: 'ab', applied: 0 });
  });
});

describe('fixSource', () => {
  const options = { severities: severitiesFor('recommended'), rules: RULES as Map<string, Rule>, limits: defaultLimits, strictPointers: true };
  const fix = (name: string, text: string) => {
    const source = parseText(`/virtual/${name}`, text, defaultLimits);
    return fixSource({ source, result: lintSource(source, name, options), displayPath: name, options });
  };

  it('fixes the misspelt root key, the vendor synonym and the method case, in JSON and YAML', () => {
    const json = fix('c.json', BROKEN_JSON);
    expect([json.text, json.fixed, json.result.diagnostics.map((x) => x.pointer)]).toEqual([FIXED_JSON, 3, ['/preDefinedActions/1/resourcePath']]);
    const yaml = fix('c.yaml', BROKEN_YAML);
    expect([yaml.text, yaml.fixed]).toEqual([FIXED_YAML, 3]);
  });

  it('leaves a text with a syntax error as it is', () => {
    const bad = BROKEN_JSON.replace('"preDefinedActions": [', '"preDefinedActions": [,');
    const out = fix('c.json', bad);
    expect([out.text, out.fixed]).toEqual([bad, 0]);
  });

  it('only carries fixes from rules marked fixable', () => {
    const source = parseText('/virtual/c.json', BROKEN_JSON, defaultLimits);
    const withFix = lintSource(source, 'c.json', options).diagnostics.filter((x) => x.fix);
    expect(withFix.map((x) => x.ruleId).sort()).toEqual(['misspelled-key', 'resource-path', 'unknown-key']);
    for (const x of withFix) expect(RULES.get(x.ruleId)!.meta.fixable, x.ruleId).toBe(true);
  });
});
