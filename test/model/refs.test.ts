/**
 * RefResolver: referenced files are read once per connector by their real path, within a budget
 * over all of them; the default reference root (ref-root.ts) is the git work tree, else the working
 * directory when it holds the connector, else the connector's folder.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RefResolver } from '../../src/model/refs.js';
import { clearRefRootCache, defaultRefRoot } from '../../src/model/ref-root.js';
import { parseText, defaultLimits } from '../../src/load/source.js';
import { Ptr } from '../../src/model/pointer.js';
import type { JsonObject } from '../../src/model/json.js';
import { TempDir } from '../helpers/tempdir.js';

let t: TempDir;
beforeEach(() => {
  t = new TempDir('cdp-lint-refs-');
  clearRefRootCache();
});
afterEach(() => t.remove());

function resolverIn(dir: string): RefResolver {
  const source = parseText(join(dir, 'connector.json'), '{"openapi": "3.0.3"}', defaultLimits);
  return new RefResolver({ source, oas: { value: source.value as JsonObject, ptr: Ptr.root }, refRoot: dir, maxHops: 100 });
}

describe('RefResolver reads each referenced file once, by its real path', () => {
  it('the same file under two names (through `a -> .` and `b -> .`) is one parsed value', () => {
    t.write('conn/contact.json', '{"Contact": {"type": "object"}}');
    symlinkSync('.', t.path('conn/a'));
    symlinkSync('.', t.path('conn/b'));
    const refs = resolverIn(t.path('conn'));
    const one = refs.resolve('a/contact.json#/Contact');
    const two = refs.resolve('b/a/contact.json#/Contact');
    const three = refs.resolve('./b/../contact.json#/Contact');
    expect(one.ok && two.ok && three.ok).toBe(true);
    if (!one.ok || !two.ok || !three.ok) return;
    expect(two.value).toBe(one.value);
    expect(three.value).toBe(one.value);
    expect(one.file).toBe(t.path('conn/contact.json'));
  });
});

describe('defaultRefRoot', () => {
  it('is the nearest folder upward with a `.git` folder', () => {
    mkdirSync(t.path('repo/.git'), { recursive: true });
    t.write('repo/spec/v1/connector.yaml', '');
    expect(defaultRefRoot(t.path('repo/spec/v1/connector.yaml'), t.dir)).toEqual({ dir: t.path('repo'), kind: 'git' });
  });

  it('a `.git` file (a linked work tree or a submodule) counts too', () => {
    t.write('repo/.git', 'gitdir: ../elsewhere/.git/worktrees/repo\n');
    t.write('repo/spec/connector.yaml', '');
    expect(defaultRefRoot(t.path('repo/spec/connector.yaml'), t.dir)).toEqual({ dir: t.path('repo'), kind: 'git' });
  });

  it('without a work tree: the working directory when it holds the connector', () => {
    t.write('spec/connector.yaml', '');
    expect(defaultRefRoot(t.path('spec/connector.yaml'), t.dir)).toEqual({ dir: t.dir, kind: 'cwd' });
  });

  it("without a work tree: the connector's folder when the working directory does not hold it", () => {
    t.write('spec/connector.yaml', '');
    expect(defaultRefRoot(t.path('spec/connector.yaml'), t.path('other'))).toEqual({ dir: t.path('spec'), kind: 'folder' });
  });
});
