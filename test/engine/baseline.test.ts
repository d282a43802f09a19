import { describe, expect, it } from 'vitest';
import { applyBaseline, formatBaseline, parseBaseline, type BaselineEntry } from '../../src/engine/baseline.js';
import type { Diagnostic } from '../../src/types.js';

function d(ruleId: string, pointer: string, line = 1): Diagnostic {
  return { ruleId, messageId: 'm', severity: 'error', message: `${ruleId} at ${pointer}`, pointer, range: { start: { line, column: 1 }, end: { line, column: 2 } } };
}

const BASELINE = '/repo/.cdp-lint-baseline.json';

describe('formatBaseline / parseBaseline', () => {
  it('writes sorted entries relative to the baseline folder and reads them back', () => {
    const text = formatBaseline(
      [
        { path: '/repo/b/c.json', diagnostics: [d('z-rule', '/a'), d('a-rule', '/b')] },
        { path: '/repo/a.yaml', diagnostics: [d('a-rule', '/x')] },
      ],
      BASELINE,
    );
    expect(parseBaseline(text, 'b.json')).toEqual([
      { file: 'a.yaml', ruleId: 'a-rule', pointer: '/x', message: 'a-rule at /x' },
      { file: 'b/c.json', ruleId: 'a-rule', pointer: '/b', message: 'a-rule at /b' },
      { file: 'b/c.json', ruleId: 'z-rule', pointer: '/a', message: 'z-rule at /a' },
    ]);
  });

  it('rejects what is not a baseline', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow(/^b\.json: not valid JSON: Unexpected end of file; expected a key in double quotes \(line 1, column 2\)$/);
    expect(() => parseBaseline('{"version": 2, "entries": []}', 'b.json')).toThrow('b.json: unsupported baseline version 2 (expected 1)');
    expect(() => parseBaseline('{"version": 1, "entries": [{"file": "a"}]}', 'b.json')).toThrow('b.json: entries[0] needs string "file", "ruleId" and "pointer"');
  });
});

describe('applyBaseline', () => {
  const entries: BaselineEntry[] = [
    { file: 'a.json', ruleId: 'r', pointer: '/p' },
    { file: 'a.json', ruleId: 'r', pointer: '/gone' },
    { file: 'other.json', ruleId: 'r', pointer: '/p' },
    { file: 'deleted.json', ruleId: 'r', pointer: '/p' },
  ];

  it('hides by file, rule and pointer whatever the line, one diagnostic per entry', () => {
    const out = applyBaseline({
      entries,
      baselineFile: BASELINE,
      files: [{ path: '/repo/a.json', diagnostics: [d('r', '/p', 10), d('r', '/p', 12), d('s', '/p'), d('r', '/q')] }],
      exists: (p) => p !== '/repo/deleted.json',
    });
    expect(out.visible[0]!.map((x) => [x.ruleId, x.pointer, x.range.start.line])).toEqual([
      ['r', '/p', 12],
      ['s', '/p', 1],
      ['r', '/q', 1],
    ]);
    // /gone (linted file, matched nothing) and deleted.json are stale; other.json was not linted but exists.
    expect([out.hidden, out.stale]).toEqual([1, 2]);
  });

  it('counts duplicate entries separately', () => {
    const twice: BaselineEntry[] = [entries[0]!, entries[0]!, entries[0]!];
    const out = applyBaseline({ entries: twice, baselineFile: BASELINE, files: [{ path: '/repo/a.json', diagnostics: [d('r', '/p'), d('r', '/p')] }], exists: () => true });
    expect([out.visible[0]!.length, out.hidden, out.stale]).toEqual([0, 2, 1]);
  });
});
