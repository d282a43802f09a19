/**
 * Writing reports (`--output`) and baselines (`--generate-baseline`) where a repository may hold
 * hostile links: never through a symbolic link (the file itself, or a folder on the way; a link to
 * a pipe or a terminal such as /dev/stdout excepted), never over a file being linted (by device and
 * inode, so a hard link to it counts too).
 */
import { closeSync, constants, fstatSync, ftruncateSync, lstatSync, mkdirSync, openSync, statSync, writeSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, parse, relative, sep } from 'node:path';

/** A write refused or failed: the CLI prints the message as one line and exits 2. */
export class WriteRefused extends Error {}

/** What a write is for and how the user wrote its path, for messages (`--output reports/x.sarif`). */
export interface WriteTarget {
  /** The flag, e.g. `--output`. */
  flag: string;
  /** The path as given. */
  shownAs: string;
  /** Absolute path. */
  path: string;
}

/** Remembers the files being linted and writes reports and baselines around them. */
export class WriteGuard {
  /** `dev:ino` of each linted file -> how it is shown. */
  private readonly linted = new Map<string, string>();

  /**
   * `cwd`: the folders of a path below it are checked from it down (cwd itself is a real path);
   * a path elsewhere is checked from the root. `linted`: absolute paths and how to show them.
   */
  constructor(
    private readonly cwd: string,
    linted: Array<{ path: string; shownAs: string }>,
  ) {
    for (const l of linted) {
      const stat = statOrUndefined(l.path);
      if (stat) this.linted.set(idOf(stat), l.shownAs);
    }
  }

  /** Throw WriteRefused when `target` could not be written safely; creates nothing. */
  check(target: WriteTarget): void {
    if (isStream(target.path)) return;
    for (const dir of this.foldersOf(target.path)) {
      const stat = lstatOrUndefined(dir);
      if (!stat) return;
      this.refuseFolder(target, dir, stat);
    }
    this.refuseFile(target, lstatOrUndefined(target.path));
  }

  /** Write `text` to `target`, creating missing folders; throws WriteRefused with the reason when it must not or cannot. */
  write(target: WriteTarget, text: string): void {
    const stream = isStream(target.path);
    for (const dir of stream ? [] : this.foldersOf(target.path)) {
      let stat = lstatOrUndefined(dir);
      if (!stat) {
        try {
          mkdirSync(dir);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw this.failed(target, e);
        }
        stat = lstatOrUndefined(dir);
      }
      if (stat) this.refuseFolder(target, dir, stat);
    }
    if (!stream) this.refuseFile(target, lstatOrUndefined(target.path));
    let fd: number;
    try {
      // O_NOFOLLOW: should a link appear after the check, open fails instead of following it.
      fd = openSync(target.path, constants.O_WRONLY | (stream ? 0 : constants.O_CREAT | (constants.O_NOFOLLOW ?? 0)), 0o666);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw this.isLink(target, target.path);
      throw this.failed(target, e);
    }
    try {
      const stat = fstatSync(fd);
      this.refuseFile(target, stat);
      const data = Buffer.from(text, 'utf8');
      if (stat.isFile()) ftruncateSync(fd, 0);
      let written = 0;
      while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    } catch (e) {
      throw e instanceof WriteRefused ? e : this.failed(target, e);
    } finally {
      closeSync(fd);
    }
  }

  /** The folders of `path` to check, outermost first: below cwd when it lies there, else from the root. */
  private foldersOf(path: string): string[] {
    const rel = relative(this.cwd, path);
    const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    const base = inside ? this.cwd : parse(path).root;
    const parts = relative(base, dirname(path)).split(sep).filter((p) => p !== '');
    const out: string[] = [];
    let cur = base;
    for (const p of parts) {
      cur = cur.endsWith(sep) ? cur + p : cur + sep + p;
      out.push(cur);
    }
    return out;
  }

  private refuseFolder(target: WriteTarget, dir: string, stat: Stats): void {
    if (stat.isSymbolicLink()) throw this.isLink(target, dir);
    if (!stat.isDirectory()) throw new WriteRefused(`${target.flag} ${target.shownAs}: ${relativeOrAbsolute(this.cwd, dir)} is not a folder`);
  }

  private refuseFile(target: WriteTarget, stat: Stats | undefined): void {
    if (!stat) return;
    if (stat.isSymbolicLink()) throw this.isLink(target, target.path);
    if (stat.isDirectory()) throw new WriteRefused(`${target.flag} ${target.shownAs} is a folder`);
    const linted = stat.isFile() ? this.linted.get(idOf(stat)) : undefined;
    if (linted !== undefined) {
      const same = linted === target.shownAs ? '' : ` (the same file as ${linted})`;
      throw new WriteRefused(`${target.flag} ${target.shownAs} is a file being linted${same}; cdp-lint does not write over it: choose another file`);
    }
  }

  private isLink(target: WriteTarget, path: string): WriteRefused {
    const which = path === target.path ? `${target.shownAs} is` : `${target.shownAs}: ${relativeOrAbsolute(this.cwd, path)} is`;
    return new WriteRefused(`${target.flag} ${which} a symbolic link; cdp-lint does not write through links: remove it or choose another path`);
  }

  private failed(target: WriteTarget, e: unknown): WriteRefused {
    return new WriteRefused(`Cannot write ${target.shownAs}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/**
 * A pipe, a terminal or a socket, through links or not (`/dev/stdout`, bash's `>(gzip > r.gz)` as
 * /dev/fd/63): writing to it replaces no file and creates none, so links on its way are allowed.
 */
function isStream(path: string): boolean {
  const stat = statOrUndefined(path);
  return stat !== undefined && (stat.isFIFO() || stat.isCharacterDevice() || stat.isSocket());
}

function idOf(stat: Stats): string {
  return `${stat.dev}:${stat.ino}`;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function relativeOrAbsolute(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
