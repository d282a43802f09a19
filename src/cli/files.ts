/** Turn command-line arguments (files, directories, globs) into the list of files to lint. */
import { readdir, readdirSync } from 'node:fs';
import { statIfPresent } from '../util/fs.js';
import { join, relative, resolve, sep } from 'node:path';
import { globLib } from '../util/deps.js';
import { describeFsError } from '../load/read.js';
import { elided } from '../report/escape.js';

export interface Target {
  /** Absolute path. */
  path: string;
  /** As given, or as found under a given directory. */
  display: string;
  /** Named explicitly (always linted) or found by walking a directory (linted when it looks like a connector). */
  explicit: boolean;
  /**
   * Matched by a glob argument: linted as if named (explicit), but, as a file found by walking,
   * one that cannot be read is reported and the run goes on.
   */
  globbed?: boolean;
  /**
   * Set on a folder found by walking that could not be read (why, in one line): its files could not
   * be looked at, which the run reports instead of passing over them.
   */
  unreadable?: string;
}

export class UsageError extends Error {}

const EXTENSIONS = /\.(json|ya?ml)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'coverage']);

/** Expand arguments to targets; a missing path or a glob matching nothing is a usage error. */
export async function collectTargets(args: string[], cwd: string): Promise<Target[]> {
  const inputs = args.length > 0 ? args : ['.'];
  const out: Target[] = [];
  const seen = new Map<string, Target>();
  const add = (t: Target) => {
    const first = seen.get(t.path);
    if (first === undefined) {
      seen.set(t.path, t);
      out.push(t);
      return;
    }
    // Found in a folder or by a glob, then named (`cdp-lint . old.json`): it is a named file, as
    // it would be alone, so it is linted whatever it holds, and an `ignore` list that matches it is
    // said on stderr. It keeps its place.
    if (t.explicit && !t.globbed && (!first.explicit || first.globbed)) {
      first.explicit = true;
      delete first.globbed;
      first.display = t.display;
    }
  };
  for (const arg of inputs) {
    const abs = resolve(cwd, arg);
    const stat = statIfPresent(abs);
    if (stat?.isDirectory()) {
      for (const found of walkDir(abs, arg)) add({ ...found, explicit: false });
    } else if (stat) {
      add({ path: abs, display: arg, explicit: true });
    } else if (globLib().isDynamicPattern(arg)) {
      // As walking does: no symbolic link is followed (out of the tree, or round a loop), and a
      // folder the glob would look into that cannot be read is reported, not passed over.
      const unreadable: Array<{ path: string; display: string; unreadable: string }> = [];
      const matches = (await globLib().glob(arg, { cwd, dot: false, followSymbolicLinks: false, ignore: ['**/node_modules/**'], fs: { readdir: reportingReaddir(cwd, unreadable) } })).sort();
      if (matches.length === 0 && unreadable.length === 0) throw new UsageError(`No files match ${arg}`);
      const found: Target[] = [...matches.map((m) => ({ path: resolve(cwd, m), display: m, explicit: true, globbed: true })), ...unreadable.map((u) => ({ ...u, explicit: false }))];
      for (const t of found.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0))) add(t);
    } else {
      throw new UsageError(`No such file or directory: ${arg}`);
    }
  }
  return out;
}

/**
 * fs.readdir for the glob library, which passes over a folder it cannot read without a word: each
 * such folder is added to `unreadable` (shown relative to `cwd`), and the library goes on as before.
 */
function reportingReaddir(cwd: string, unreadable: Array<{ path: string; display: string; unreadable: string }>): typeof readdir {
  const wrapped = (path: string, options: unknown, callback: (error: NodeJS.ErrnoException | null, entries?: unknown) => void) => {
    readdir(path, options as { withFileTypes: true }, (error, entries) => {
      // A folder that is not there (the glob's own base, `missing/*.json`) is no match, not a failure.
      if (error && error.code !== 'ENOENT' && error.code !== 'ENOTDIR') {
        const abs = resolve(cwd, path);
        const display = relative(cwd, abs).split(sep).join('/') || '.';
        unreadable.push({ path: abs, display, unreadable: describeFsError(error, elided(display)) });
      }
      callback(error, entries);
    });
  };
  return wrapped as unknown as typeof readdir;
}

/**
 * Files with a JSON/YAML extension under `dir`, depth-first in name order, skipping dependency and
 * VCS folders and symbolic links. A folder that cannot be read is returned too, with `unreadable`
 * set, so that the run reports it rather than passing over the connectors in it.
 */
function walkDir(dir: string, display: string): Array<{ path: string; display: string; unreadable?: string }> {
  const out: Array<{ path: string; display: string; unreadable?: string }> = [];
  const stack: Array<{ path: string; display: string }> = [{ path: dir, display }];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(cur.path, { withFileTypes: true });
    } catch (e) {
      out.push({ ...cur, unreadable: describeFsError(e, elided(cur.display)) });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const e of entries) {
      const path = join(cur.path, e.name);
      const shown = cur.display === '.' ? e.name : join(cur.display, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) stack.push({ path, display: shown });
      } else if (e.isFile() && EXTENSIONS.test(e.name) && !e.name.startsWith('.')) {
        out.push({ path, display: shown });
      }
    }
  }
  return out.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}
