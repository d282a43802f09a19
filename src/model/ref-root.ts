/**
 * The default reference root: the folder that file `$ref`s of a connector may not leave when
 * `--ref-root` is not given. It is the enclosing git work tree (the nearest folder upward that holds
 * a `.git` entry, found without running git), else the working directory when it holds the
 * connector, else the connector's own folder. A connector in `spec/` may thus use
 * `../common/Error.yaml` of its repository, and nothing outside what the user pointed at is read.
 */
import { lstatSync } from 'node:fs';
import { dirname, isAbsolute, parse, relative, resolve, sep } from 'node:path';

/** Where a reference root came from; messages name it in these words. */
export type RefRootKind = 'option' | 'git' | 'cwd' | 'folder';

export interface RefRoot {
  /** Absolute path of the folder. */
  dir: string;
  kind: RefRootKind;
}

/** Work tree per folder already asked about (a run lints many files of few folders). */
const workTrees = new Map<string, string | null>();

/**
 * The default reference root of the connector at `file` (absolute), for a run in `cwd` (absolute).
 * Only `lstat` calls on `<folder>/.git` are made; no git process runs and no `.git` is read.
 */
export function defaultRefRoot(file: string, cwd: string): RefRoot {
  const folder = dirname(resolve(file));
  const tree = workTreeOf(folder);
  if (tree !== null) return { dir: tree, kind: 'git' };
  if (contains(cwd, folder)) return { dir: resolve(cwd), kind: 'cwd' };
  return { dir: folder, kind: 'folder' };
}

/** The nearest folder at or above `folder` with a `.git` entry (a folder, or a file in a linked work tree or submodule), or null. */
function workTreeOf(folder: string): string | null {
  const asked: string[] = [];
  let found: string | null = null;
  const top = parse(folder).root;
  for (let dir = folder; ; dir = dirname(dir)) {
    const known = workTrees.get(dir);
    if (known !== undefined) {
      found = known;
      break;
    }
    asked.push(dir);
    if (hasGitEntry(dir)) {
      found = dir;
      break;
    }
    if (dir === top) break;
  }
  for (const dir of asked) workTrees.set(dir, found);
  return found;
}

function hasGitEntry(dir: string): boolean {
  try {
    const st = lstatSync(dir + (dir.endsWith(sep) ? '' : sep) + '.git');
    return st.isDirectory() || st.isFile();
  } catch {
    return false;
  }
}

/** Whether `target` is `root` or lies below it (lexically). */
export function contains(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/** Forget the folders asked about (tests that create and remove `.git` folders). */
export function clearRefRootCache(): void {
  workTrees.clear();
}
