/**
 * --fix on files that could not be read completely (syntax error, bad encoding, a limit hit):
 * they are never touched, not even rewritten with the same bytes, while a good file beside them
 * is fixed.
 */
import { readFileSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CLEAN, Scratch, expectClean } from './helpers.js';

let s: Scratch;
beforeEach(() => {
  s = new Scratch();
});
afterEach(() => s.remove());

/** CLEAN with a fixable misspelling: `predefinedEvents`. */
const FIXABLE = CLEAN.replace('"preDefinedEvents"', '"predefinedEvents"');

const unreadable: Record<string, string | Buffer> = {
  // Cut off after the misspelt key: a syntax error, with a fix the parser could still have offered.
  'truncated.json': FIXABLE.slice(0, FIXABLE.indexOf('"predefinedEvents"') + 40),
  'trailing-comma.json': FIXABLE.replace('"Contacts changed" }', '"Contacts changed" },'),
  'latin1.json': Buffer.concat([Buffer.from(FIXABLE.replace('"List contacts"', '"List contacts ')), Buffer.from([0xe9, 0x22]), Buffer.from(FIXABLE.slice(FIXABLE.indexOf('"List contacts"') + 15))]),
  'deep.json': FIXABLE.replace('"openapi": "3.0.3",', `"openapi": "3.0.3", "x-deep": ${'['.repeat(600)}${']'.repeat(600)},`),
  'bad.yaml': 'openapi: 3.0.3\npredefinedEvents:\n  - resourcePath: /contacts/get\n    name: [unclosed\n',
  'bomb.yaml': `openapi: 3.0.3\npredefinedEvents: []\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${Array(10).fill('*a').join(', ')}]\nc: &c [${Array(10).fill('*b').join(', ')}]\nd: [${Array(10).fill('*c').join(', ')}]\n`,
};

it('never touches a file that could not be read completely, and still fixes the others', () => {
  const old = new Date('2020-01-01T00:00:00Z');
  for (const [name, content] of Object.entries(unreadable)) {
    s.write(name, content);
    utimesSync(s.path(name), old, old);
  }
  s.write('good.json', FIXABLE);
  const r = s.run(['--fix', '--format', 'json', ...Object.keys(unreadable), 'good.json']);
  expectClean(r);
  expect(r.stderr).toBe('cdp-lint: fixed 1 problem in good.json\n');
  for (const [name, content] of Object.entries(unreadable)) {
    expect(readFileSync(s.path(name)).equals(Buffer.from(content)), `${name} changed`).toBe(true);
    expect(statSync(s.path(name)).mtimeMs, `${name} rewritten`).toBe(old.getTime());
  }
  expect(readFileSync(s.path('good.json'), 'utf8')).toBe(CLEAN);
  expect(readdirSync(s.dir).sort()).toEqual([...Object.keys(unreadable), 'good.json'].sort());
  const report = JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics: Array<{ ruleId: string }> }> };
  expect(report.files.map((f) => [f.path, f.diagnostics.map((d) => d.ruleId)])).toEqual([
    ['truncated.json', ['syntax-error']],
    ['trailing-comma.json', ['syntax-error']],
    ['latin1.json', ['syntax-error']],
    ['deep.json', ['input-limit']],
    ['bad.yaml', ['syntax-error']],
    ['bomb.yaml', ['input-limit']],
    ['good.json', []],
  ]);
  expect(r.code).toBe(1);
});
