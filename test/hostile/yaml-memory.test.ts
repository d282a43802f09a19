/**
 * YAML in bounded memory (issue 13, section 2): the built CLI runs under a heap limit that the
 * `yaml` package's document tree would exceed (about 200 to 300 times a flow document's size), and
 * ends with its report. The texts are generated here, not committed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BIN, CLEAN_YAML, Scratch } from './helpers.js';

vi.setConfig({ testTimeout: 300_000 });

let s: Scratch;
beforeAll(() => {
  s = new Scratch();
});
afterAll(() => s.remove());

/** CLEAN_YAML with `x-data`, a flow sequence of small flow mappings, `bytes` or a little more. */
function flowYaml(bytes: number): string {
  const items: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const item = `{id: ${i}, name: "n${i}", tags: [a, b, c]}`;
    items.push(item);
    size += item.length + 2;
  }
  return `${CLEAN_YAML}x-data: [${items.join(', ')}]\n`;
}

/**
 * A copy of bin/ and dist/ to run under a heap limit (V8 records its flags in a code cache, so such a
 * run refuses the build's and makes a user cache of its own, kept here, in the scratch folder).
 */
function binCopy(): string {
  const root = dirname(dirname(BIN));
  for (const rel of ['package.json', ...readdirSync(join(root, 'bin')).map((f) => `bin/${f}`), 'dist/cli.cjs']) {
    if (existsSync(join(root, rel))) s.write(`pkg/${rel}`, readFileSync(join(root, rel)));
  }
  if (!existsSync(s.path('pkg/node_modules'))) symlinkSync(join(root, 'node_modules'), s.path('pkg/node_modules'));
  return s.path('pkg/bin/cdp-lint.cjs');
}

/** Run the CLI with V8's old generation limited to `heapMb`; an exhausted heap kills it (signal, or exit 134). */
function lintWithHeap(name: string, heapMb: number) {
  const out = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, binCopy(), name, '--format', 'json'], {
    cwd: s.dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: s.path('cache') },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: out.status, signal: out.signal, files: out.status === 0 ? (JSON.parse(out.stdout) as { files: Array<{ diagnostics: unknown[] }> }).files : out.stderr.slice(-500) };
}

describe('YAML in bounded memory', () => {
  it('1 MB of flow YAML is linted within a 150 MB heap (it took 294 MB)', () => {
    s.write('flow.yaml', flowYaml(1024 * 1024));
    expect(lintWithHeap('flow.yaml', 150)).toEqual({ code: 0, signal: null, files: [{ path: 'flow.yaml', layout: 'openapi', diagnostics: [] }] });
  });

  it('42 MB of flow YAML is linted within a 700 MB heap (it exhausted a worker at 4.3 GB)', () => {
    s.write('flow42.yaml', flowYaml(42 * 1024 * 1024));
    expect(lintWithHeap('flow42.yaml', 700)).toEqual({ code: 0, signal: null, files: [{ path: 'flow42.yaml', layout: 'openapi', diagnostics: [] }] });
  });
});

describe('YAML mappings with integer keys', () => {
  it('30,000 mappings like Responses Objects (`200:`, `404:`) take what JSON.parse gives them, not 5 KB each', () => {
    // Set one by one, a key 404 gave an object fast elements for indices 0..404 and more: 30,000
    // such mappings took 150 MB of heap, and exhausted a 100 MB one.
    const items = Array.from({ length: 30_000 }, (_, i) => `  - {200: r${i}, 404: n${i}}`);
    s.write('responses.yaml', `${CLEAN_YAML}x-responses:\n${items.join('\n')}\n`);
    expect(lintWithHeap('responses.yaml', 100)).toEqual({ code: 0, signal: null, files: [{ path: 'responses.yaml', layout: 'openapi', diagnostics: [] }] });
  });
});
