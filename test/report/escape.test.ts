import { describe, expect, it } from 'vitest';
import { bounded, elided, escapeJsonText, shown, visible } from '../../src/report/escape.js';
import { fill } from '../../src/util/text.js';
import { formatStylish } from '../../src/report/stylish.js';
import { summarize, type Diagnostic, type FileResult } from '../../src/types.js';
import { makeOptions } from './fixture.js';

describe('visible', () => {
  it('writes controls, bidirectional controls, separators and lone surrogates as escapes, and leaves the rest', () => {
    expect(visible('a\nb\rc\td\u0000e\u001b[2Jf\u007fg\u0085h\u202ei\u2066j\u200fk\u2028l\ud800m\udc00n')).toBe(
      'a\\nb\\rc\\td\\x00e\\x1b[2Jf\\x7fg\\x85h\\u202ei\\u2066j\\u200fk\\u2028l\\ud800m\\udc00n',
    );
    expect(visible('dir\\evil.json ı😀 👨‍👩‍👧 ü')).toBe('dir\\evil.json ı😀 👨‍👩‍👧 ü');
    expect(visible('a\r\nb\u001b', { keepLineBreaks: true })).toBe('a\r\nb\\x1b');
  });
});

describe('elided', () => {
  it('keeps the start and the end, never half a surrogate pair, and counts what is left out', () => {
    expect(elided('abcdef', 6)).toBe('abcdef');
    expect(elided('abcdefgh', 4)).toBe('ab…(4 characters)…gh');
    // A cut after a high surrogate, or before a low one, moves to keep the pair whole.
    expect(elided('a\ud83d\ude00bcd\ud83d\ude00e', 4)).toBe('a…(7 characters)…e');
  });
});

describe('fill', () => {
  it('quotes at most 500 characters of each value: its first and last 250', () => {
    const long = 'k'.repeat(600_000);
    expect(fill('Unknown key `{{key}}` at {{n}}', { key: long, n: 3 })).toBe(`Unknown key \`${'k'.repeat(250)}…(599500 characters)…${'k'.repeat(250)}\` at 3`);
    expect(fill('`{{key}}`', { key: 'k'.repeat(500) })).toBe(`\`${'k'.repeat(500)}\``);
  });
});

describe('bounded', () => {
  it('cuts long text, never inside a surrogate pair, and says how much is left out', () => {
    expect(bounded('abcdef', 6)).toBe('abcdef');
    expect(bounded('abcdef', 4)).toBe('abcd… (2 more characters)');
    expect(bounded('abc😀def', 4)).toBe('abc… (5 more characters)');
    expect(shown('\u001b'.repeat(3000)).length).toBe(1000 * 4 + '… (2000 more characters)'.length);
  });
});

describe('escapeJsonText', () => {
  it('escapes what JSON.stringify leaves raw, keeping the parsed value', () => {
    const value = { s: 'a\u202eb\u2028c\u0085d\u007f' };
    const text = escapeJsonText(JSON.stringify(value));
    expect(text).toBe('{"s":"a\\u202eb\\u2028c\\u0085d\\u007f"}');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('stylish', () => {
  it('reports the other files when one file cannot be shown', () => {
    const range = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };
    const broken = { ruleId: 'r', severity: 'error', pointer: '', range } as Diagnostic;
    Object.defineProperty(broken, 'message', {
      get() {
        throw new RangeError('Invalid string length');
      },
    });
    const files: FileResult[] = [
      { path: '/repo/a.json', layout: 'openapi', diagnostics: [broken] },
      { path: '/repo/b.json', layout: 'openapi', diagnostics: [{ ruleId: 'r', messageId: 'm', severity: 'error', message: 'm', pointer: '', range }] },
    ];
    expect(formatStylish({ files, summary: summarize(files) }, makeOptions()).split('\n')).toEqual([
      'a.json',
      '  its 1 problem could not be shown here (Invalid string length); use --format json',
      '',
      'b.json',
      '  1:1  error  m  r',
      '',
      '✖ 2 problems (2 errors, 0 warnings, 0 infos)',
    ]);
  });
});
