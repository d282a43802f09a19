/**
 * writeFixed against a file another program changes while --fix works on it. Another program's
 * write cannot be timed from a test, so node:fs is wrapped: right after cdp-lint's last read of the
 * file before writing it (the moment the old version lost appended text), the test appends a line,
 * as a generator or an editor would.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, expect, it, vi } from 'vitest';
import { fixSource, writeFixed } from '../../src/engine/fix.js';
import { lintSource } from '../../src/engine/lint.js';
import { defaultLimits, loadSource } from '../../src/load/source.js';
import { RULES } from '../../src/rules/index.js';
import { severitiesFor } from '../../src/config/presets.js';
import type { Rule } from '../../src/rules/types.js';
import { BROKEN_JSON } from '../e2e/cli.js';
import { TempDir } from '../helpers/tempdir.js';

const hook = vi.hoisted(() => ({ afterRead: undefined as undefined | (() => void) }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const fire = () => {
    const f = hook.afterRead;
    hook.afterRead = undefined;
    f?.();
  };
  return {
    ...fs,
    readFileSync: ((...args: Parameters<typeof fs.readFileSync>) => {
      const out = fs.readFileSync(...args);
      fire();
      return out;
    }) as typeof fs.readFileSync,
    // A read that returns nothing: the reader has reached the end of the file.
    readSync: ((...args: Parameters<typeof fs.readSync>) => {
      const n = fs.readSync(...args);
      if (n === 0) fire();
      return n;
    }) as typeof fs.readSync,
  };
});

const dir = new TempDir('cdp-lint-fix-write-');
afterEach(() => {
  hook.afterRead = undefined;
});
afterAll(() => dir.remove());

it('leaves a file alone, and says so, when text is appended to it after cdp-lint read it', () => {
  const path = dir.write('broken.json', BROKEN_JSON);
  const loaded = loadSource(path, defaultLimits);
  if (!loaded.ok) throw new Error(loaded.message);
  const options = { severities: severitiesFor('recommended'), rules: RULES as Map<string, Rule>, limits: defaultLimits };
  const fixed = fixSource({ source: loaded.source, result: lintSource(loaded.source, 'broken.json', options), displayPath: 'broken.json', options });
  expect(fixed.fixed).toBe(3);
  hook.afterRead = () => appendFileSync(path, '\n');
  expect(() => writeFixed(loaded.source, fixed.text)).toThrow('it changed on disk while it was being fixed; it was left as it is');
  expect(hook.afterRead).toBeUndefined();
  expect(readFileSync(path, 'utf8')).toBe(BROKEN_JSON + '\n');
});
