/**
 * Colours: --color / --no-color first, then FORCE_COLOR (over NO_COLOR, as in Node.js), then NO_COLOR,
 * then a terminal that is not TERM=dumb. Terminals are real pseudo-terminals made by `script`
 * (util-linux, in every Debian system).
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BIN, BROKEN_JSON, Workspace } from './cli.js';

vi.setConfig({ testTimeout: 60_000 });

const ESC = '\u001b[';
const PLAIN_FIRST = 'broken.json';
const COLOURED_FIRST = `${ESC}4mbroken.json${ESC}24m`;
const PLAIN_LAST = '✖ 4 problems (3 errors, 1 warning, 0 infos)';
const COLOURED_LAST = `${ESC}31m${ESC}1m${PLAIN_LAST}${ESC}22m${ESC}39m`;
const PLAIN_FIXABLE = '3 problems can be fixed with --fix';
const COLOURED_FIXABLE = `  ${ESC}31m${ESC}1m${PLAIN_FIXABLE}${ESC}22m${ESC}39m`;

let w: Workspace;
beforeAll(() => {
  w = new Workspace();
  w.write('broken.json', BROKEN_JSON);
});
afterAll(() => w.remove());

type Env = Record<string, string>;

/** The environment of the run: none of the variables that decide colour, unless given. */
function envWith(env: Env): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm' };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS']) delete base[name];
  return { ...base, ...env };
}

/** stdout of `cdp-lint broken.json ...args` through a pipe. */
function piped(args: string[], env: Env = {}): string {
  const r = spawnSync(process.execPath, [BIN, 'broken.json', ...args], { cwd: w.dir, env: envWith(env), encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout;
}

/** What a terminal shows for `cdp-lint broken.json ...args` (a pseudo-terminal turns \n into \r\n). */
function inTerminal(args: string[], env: Env = {}): string {
  const quoted = [process.execPath, BIN, 'broken.json', ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-qec', quoted, '/dev/null'], { cwd: w.dir, env: envWith(env), encoding: 'utf8' });
  expect(r.status).toBe(1);
  return r.stdout.replace(/\r\n/g, '\n');
}

function coloured(out: string): void {
  const lines = out.split('\n');
  expect([lines[0], ...lines.slice(-3)]).toEqual([COLOURED_FIRST, COLOURED_LAST, COLOURED_FIXABLE, '']);
  expect(lines[1]).toContain(`${ESC}33mwarning${ESC}39m`);
}

function plain(out: string): void {
  const lines = out.split('\n');
  expect([lines[0], ...lines.slice(-3)]).toEqual([PLAIN_FIRST, PLAIN_LAST, `  ${PLAIN_FIXABLE}`, '']);
  expect(out).not.toContain(ESC);
}

describe('through a pipe', () => {
  it('no colours by default', () => plain(piped([])));
  it('--color turns them on, even with NO_COLOR', () => {
    coloured(piped(['--color']));
    coloured(piped(['--color'], { NO_COLOR: '1' }));
  });
  it('FORCE_COLOR turns them on (also empty, also over NO_COLOR), FORCE_COLOR=0 or false does not', () => {
    coloured(piped([], { FORCE_COLOR: '1' }));
    coloured(piped([], { FORCE_COLOR: '' }));
    coloured(piped([], { FORCE_COLOR: '3', NO_COLOR: '1' }));
    plain(piped([], { FORCE_COLOR: '0' }));
    plain(piped([], { FORCE_COLOR: 'false' }));
  });
  it('--no-color wins over FORCE_COLOR, and the last of --color and --no-color counts', () => {
    plain(piped(['--no-color'], { FORCE_COLOR: '1' }));
    plain(piped(['--color', '--no-color']));
    coloured(piped(['--no-color', '--color']));
  });
  it('a report written to a file never has colours, even with --color', () => {
    expect(piped(['--color', '-f', 'json', '-o', 'r.json', '-f', 'stylish', '-o', 'r.txt'])).toBe('');
    plain(w.read('r.txt'));
  });
});

describe('in a terminal', () => {
  it('colours by default', () => coloured(inTerminal([])));
  it('none with NO_COLOR, TERM=dumb, FORCE_COLOR=0 or --no-color', () => {
    plain(inTerminal([], { NO_COLOR: '1' }));
    plain(inTerminal([], { TERM: 'dumb' }));
    plain(inTerminal([], { FORCE_COLOR: '0' }));
    plain(inTerminal(['--no-color']));
  });
  it('an empty NO_COLOR does not count; --color and FORCE_COLOR win over TERM=dumb', () => {
    coloured(inTerminal([], { NO_COLOR: '' }));
    coloured(inTerminal(['--color'], { TERM: 'dumb' }));
    coloured(inTerminal([], { TERM: 'dumb', FORCE_COLOR: '1' }));
  });
});
