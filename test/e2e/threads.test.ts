/** --threads: off, a number or auto; the report is the same whatever the thread count. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, CLEAN_JSON, Workspace } from './cli.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BROKEN = readFileSync(join(REPO, 'fixtures', 'invalid', 'hub', 'broken-references.json'), 'utf8');

let w: Workspace;
beforeAll(() => {
  w = new Workspace();
  for (let i = 0; i < 20; i++) w.write(`many/c${String(i).padStart(2, '0')}.json`, i % 3 === 0 ? CLEAN_JSON : BROKEN);
});
afterAll(() => w.remove());

/** The run's report, and the line NODE_DEBUG=cdp-lint-threads prints when work is spread over threads. */
function run(...args: string[]) {
  const out = spawnSync(process.execPath, [BIN, ...args], { cwd: w.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', NODE_DEBUG: 'cdp-lint-threads' }, timeout: 300_000 });
  const spread = out.stderr.split('\n').filter((l) => / files on /.test(l)).map((l) => l.replace(/^CDP-LINT-THREADS \d+: /, ''));
  return { code: out.status, stdout: out.stdout, spread };
}

describe('--threads', () => {
  it('gives the same report off, on 1, 2 and 3 threads and auto', () => {
    const off = run('--threads', 'off', 'many', '-f', 'json');
    expect(off.code).toBe(1);
    expect(off.spread).toEqual([]);
    expect(JSON.parse(off.stdout).files).toHaveLength(20);
    const one = run('--threads', '1', 'many', '-f', 'json');
    expect(one).toEqual(off);
    expect(run('--threads', '2', 'many', '-f', 'json')).toEqual({ ...off, spread: ['20 files on 2 threads (1 workers)'] });
    expect(run('--threads', '3', 'many', '-f', 'json')).toEqual({ ...off, spread: ['20 files on 3 threads (2 workers)'] });
    const auto = run('many', '-f', 'json');
    expect({ ...auto, spread: [] }).toEqual(off);
    expect(run('--threads', 'auto', 'many', '-f', 'json')).toEqual(auto);
  });

  it('never starts more threads than there are files', () => {
    expect(run('--threads', '8', 'many/c00.json', 'many/c01.json').spread).toEqual(['2 files on 2 threads (1 workers)']);
  });

  it('refuses anything but off, auto or a number from 1 to 64', () => {
    for (const bad of ['0', '-1', '1.5', '65', 'two', '', ' 2', '0x2']) {
      const out = spawnSync(process.execPath, [BIN, '--threads', bad, 'many'], { cwd: w.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect([out.status, out.stdout, out.stderr], bad).toEqual([2, '', `cdp-lint: --threads must be off, auto or a number from 1 to 64, got "${bad}"\n`]);
    }
  });
});
