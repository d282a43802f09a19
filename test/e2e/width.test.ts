/**
 * Stylish fits the terminal: nothing padded past its content; in a terminal of W columns (COLUMNS,
 * else the terminal's own) no line is longer than W unless it holds one unbreakable word; a long
 * message goes on under its first column. Reports in files and pipes without COLUMNS are not wrapped.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BIN, BROKEN_JSON, MESSAGES, Workspace } from './cli.js';

vi.setConfig({ testTimeout: 60_000 });

// The invalid fixtures of the hub layout: long messages, long pointers, many rules.
const FIXTURES = fileURLToPath(new URL('../../fixtures/invalid/hub/', import.meta.url));

let w: Workspace;
beforeAll(() => {
  w = new Workspace();
  w.write('broken.json', BROKEN_JSON);
});
afterAll(() => w.remove());

function envWith(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TERM: 'xterm' };
  delete base['COLUMNS'];
  delete base['FORCE_COLOR'];
  return { ...base, ...env };
}

function piped(args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: w.dir, env: envWith(env), encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout;
}

/** What a terminal of `columns` columns shows (`stty` sets the pseudo-terminal's size). */
function inTerminal(columns: number, args: string[]): string {
  const command = `stty cols ${columns} rows 50; ${[process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ')}`;
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: w.dir, env: envWith({}), encoding: 'utf8' });
  return r.stdout.replace(/\r\n/g, '\n');
}

/** The lines of `out` that break the rule: longer than `width` without being one word after the indentation or row prefix, or padded at the end. */
function misfits(out: string, width: number): string[] {
  return out.split('\n').filter((line) => {
    if (/ $/.test(line)) return true;
    if ([...line].length <= width) return false;
    const content = line.replace(/^\s*(\d+:\d+\s+(error|warning|info)\s+)?/, '');
    return content.includes(' ');
  });
}

const WRAPPED_60 = [
  'broken.json',
  '  15:57  warning  Unknown key `vendor` in `customSteps[0]`:',
  '                  the platform ignores it; did you mean',
  '                  `provider`?  unknown-key',
  '  22:23  error    `/contacts/POST`: HTTP methods are',
  '                  lowercase in OpenAPI; path `/contacts` has',
  '                  `post`  resource-path',
  '  23:23  error    `/contacts/put`: path `/contacts` has get',
  '                  and post; no put  resource-path',
  '  25:3   error    `predefinedEvents` is not a key the',
  '                  platform reads; did you mean',
  '                  `preDefinedEvents`? Keys are',
  '                  case-sensitive, so everything under',
  '                  `predefinedEvents` is ignored',
  '                  misspelled-key',
  '',
  '✖ 4 problems (3 errors, 1 warning, 0 infos)',
  '  3 problems can be fixed with --fix',
  '',
].join('\n');

describe('COLUMNS', () => {
  it('wraps the stylish report to COLUMNS, under the message column', () => {
    expect(piped(['broken.json'], { COLUMNS: '60' })).toBe(WRAPPED_60);
  });

  it('does not wrap without COLUMNS on a pipe, nor in a file, and never pads', () => {
    const unwrapped = piped(['broken.json']);
    expect(unwrapped.split('\n').slice(1, 5)).toEqual([
      `  15:57  warning  ${MESSAGES.vendor}  unknown-key`,
      `  22:23  error    ${MESSAGES.postCase}  resource-path`,
      `  23:23  error    ${MESSAGES.noPut}  resource-path`,
      `  25:3   error    ${MESSAGES.predefinedEvents}  misspelled-key`,
    ]);
    expect(piped(['broken.json', '-o', 'report.txt'], { COLUMNS: '60' })).toBe('');
    expect(w.read('report.txt')).toBe(unwrapped);
  });

  it('fits every invalid fixture in 120 columns', () => {
    const files = readdirSync(FIXTURES).filter((f) => !f.endsWith('.expected.json')).map((f) => join(FIXTURES, f));
    expect(files.length).toBeGreaterThan(3);
    const unwrapped = piped(['--verbose', ...files]);
    expect(Math.max(...unwrapped.split('\n').map((l) => l.length))).toBeGreaterThan(200);
    const out = piped(['--verbose', ...files], { COLUMNS: '120' });
    expect(misfits(out, 120)).toEqual([]);
    // Only spaces changed: the same words in the same order.
    expect(out.split(/\s+/)).toEqual(unwrapped.split(/\s+/));
  });
});

describe('in a terminal', () => {
  it("wraps to the terminal's width", () => {
    const out = inTerminal(50, ['broken.json']);
    expect(out.split('\n').slice(0, 5)).toEqual([
      'broken.json',
      '  15:57  warning  Unknown key `vendor` in',
      '                  `customSteps[0]`: the platform',
      '                  ignores it; did you mean',
      '                  `provider`?  unknown-key',
    ]);
    expect(misfits(out, 50)).toEqual([]);
  });

  it('COLUMNS wins over the terminal, and a word longer than the line stays whole', () => {
    const out = inTerminal(50, ['--verbose', 'broken.json']);
    expect(out).toContain('\n                  Docs:\n                  https://github.com/cdp-lint/cdp-lint/blob/main/docs/rules/unknown-key.md\n');
    const wide = spawnSync('script', ['-qec', `stty cols 50; COLUMNS=60 '${process.execPath}' '${BIN}' broken.json`, '/dev/null'], { cwd: w.dir, env: envWith({}), encoding: 'utf8' });
    expect(wide.stdout.replace(/\r\n/g, '\n')).toBe(WRAPPED_60);
  });
});
