/** When a parallel run counts as short, for the V8 flags of jit.ts. */
import { truncateSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SHORT_RUN_BYTES_PER_THREAD, isShortRun, tuneForShortRun } from '../../src/engine/jit.js';
import { TempDir } from '../helpers/tempdir.js';

const MB = 1024 * 1024;
let tmp: TempDir | undefined;
afterEach(() => tmp?.remove());

describe('short run', () => {
  it('is at most 48 MB for each thread', () => {
    expect(SHORT_RUN_BYTES_PER_THREAD).toBe(48 * MB);
    expect(isShortRun(96 * MB, 2)).toBe(true);
    expect(isShortRun(96 * MB + 1, 2)).toBe(false);
    expect(isShortRun(96 * MB + 1, 3)).toBe(true);
    expect(isShortRun(0, 2)).toBe(true);
  });

  it('counts the files by their size on disk, and leaves the flags alone past the limit', () => {
    tmp = new TempDir('cdp-lint-jit-');
    // Sparse files: their size without the disk space.
    const paths = [tmp.write('a.json', ''), tmp.write('b.json', ''), tmp.write('c.json', '')];
    truncateSync(paths[0]!, 40 * MB);
    truncateSync(paths[1]!, 40 * MB);
    truncateSync(paths[2]!, 20 * MB + 1);
    // 100 MB + 1 byte over two threads; a missing file counts nothing.
    expect(tuneForShortRun([...paths, tmp.path('missing.json')], 2)).toBe(false);
  });
});
