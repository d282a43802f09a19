/**
 * $ref resolution without surprises: local pointers, and files inside the reference root (see
 * ref-root.ts, or --ref-root). Remote URLs are never fetched; a reference that leaves the root (`..`,
 * an absolute path, `file:`, a symbolic link) or names a special file is refused before anything is
 * opened. A $ref written inside a referenced file resolves against that file, as JSON Reference says.
 * Each referenced file is read once per connector, by its real path (links and `a/../` spellings
 * of one file share it), and all of them together stay within a budget of files and bytes.
 */
import { dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import { contains as inside, type RefRootKind } from './ref-root.js';
import { realpathSync, statSync } from 'node:fs';
import type { SourceFile, Limits } from '../load/source.js';
import { defaultLimits, loadSource } from '../load/source.js';
import { Ptr } from './pointer.js';
import { isObject, own, type JsonObject } from './json.js';

export type RefFailure = 'remote' | 'outside-root' | 'special-file' | 'missing-file' | 'unparsable-file' | 'missing-target' | 'cycle' | 'too-many-hops' | 'budget';

/** At most this many distinct files are read through the references of one connector. */
export const MAX_REFERENCED_FILES = 1000;

export type Resolved =
  | { ok: true; value: unknown; /** Pointer of the target, in its file (see Ptr.file); undefined from `deref` of a value that is no reference. */ ptr: Ptr | undefined; file: string }
  | { ok: false; reason: RefFailure; message: string; /** Deepest segment that resolved, for suggestions. */ parent?: { value: unknown; missing: string } };

interface Doc {
  /** Absolute path of the file. */
  path: string;
  /** Where `#` points: the OpenAPI document inside the linted file, the root of a referenced one. */
  base: unknown;
  /** Pointer of `base`: in the linted file, or the root of a referenced one (Ptr.fileRoot). */
  basePtr: Ptr;
}

type FileFailure = { reason: RefFailure; message: string };

export class RefResolver {
  /** Referenced files by absolute (lexical) path: loaded once per lint. */
  private readonly files = new Map<string, Doc | FileFailure>();
  /** The same by real path: every spelling of one file (through links, `a/../`) shares one parse. */
  private readonly byReal = new Map<string, Doc | FileFailure>();
  /** Every referenced file read and parsed, by real path, for positions and reports in it. */
  readonly sources = new Map<string, SourceFile>();
  /** Files and bytes read so far through references (the budget is over all of them together). */
  private readBytes = 0;
  private realRoot: string | undefined;
  private realSource: string | undefined;
  /** Every object and array of a referenced file, mapped to that file, so that its own $refs resolve against it. */
  private readonly owners = new WeakMap<object, Doc>();
  private readonly main: Doc;
  /** The linted file's root, for file references back to it from a hub connector (whose `#` is `resources`). */
  private readonly mainRoot: Doc;
  /** Local references of the linted file (`#/components/...`), resolved once each: the same few are met thousands of times. */
  private readonly local = new Map<string, Resolved>();
  private readonly source: SourceFile;
  private readonly refRoot: string;
  private readonly refRootKind: RefRootKind;
  private readonly limits: Limits;
  readonly maxHops: number;
  /** What each schema of this document describes (schema-fields.ts `shapeOf`), worked out once per schema. */
  readonly shapes = new Map<object, unknown>();

  /**
   * `refRoot` is the absolute folder references may not leave; `refRootKind` says where it came from
   * (for messages; default: the connector's folder when it is that folder, else `--ref-root`).
   */
  constructor(opts: { source: SourceFile; oas: { value: JsonObject; ptr: Ptr } | undefined; refRoot: string; refRootKind?: RefRootKind; maxHops: number; limits?: Limits }) {
    this.source = opts.source;
    this.refRoot = opts.refRoot;
    this.refRootKind = opts.refRootKind ?? (opts.refRoot === dirname(opts.source.path) ? 'folder' : 'option');
    this.maxHops = opts.maxHops;
    this.limits = opts.limits ?? defaultLimits;
    this.main = { path: opts.source.path, base: opts.oas?.value ?? opts.source.value, basePtr: opts.oas?.ptr ?? Ptr.root };
    this.mainRoot = { path: opts.source.path, base: opts.source.value, basePtr: Ptr.root };
  }

  /**
   * Resolve one $ref string (no chasing of further $refs). `from` is the object holding it when
   * that object may come from a referenced file; by default the ref is written in the linted file.
   */
  resolve(ref: string, from?: unknown): Resolved {
    const doc = this.docOf(from);
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^[a-z]:[\\/]/i.test(ref)) {
      if (/^https?:/i.test(ref)) return { ok: false, reason: 'remote', message: `remote reference \`${ref}\` is not fetched (cdp-lint never uses the network)` };
      return { ok: false, reason: 'outside-root', message: `\`${ref}\` is not a relative file reference; only relative file references are followed` };
    }
    const hash = ref.indexOf('#');
    const filePart = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    if (filePart === '') {
      if (doc !== this.main) return this.follow(doc.base, doc.basePtr, fragment, doc.path);
      let r = this.local.get(fragment);
      if (r === undefined) {
        r = this.follow(doc.base, doc.basePtr, fragment, doc.path);
        this.local.set(fragment, r);
      }
      return r;
    }
    const target = this.loadFile(filePart, doc);
    if (!('path' in target)) return { ok: false, reason: target.reason, message: target.message };
    return this.follow(target.base, target.basePtr, fragment, target.path);
  }

  /** Follow $ref chains from `value` until a non-reference; reports cycles and hop limits. */
  deref(value: unknown): Resolved {
    // Most values are not references: answer before allocating the chain's bookkeeping.
    if (!isObject(value) || typeof own(value, '$ref') !== 'string') return { ok: true, value, ptr: undefined, file: this.docOf(value).path };
    let current: unknown = value;
    let ptr: Ptr | undefined;
    let file = this.docOf(value).path;
    const seen = new Set<unknown>();
    for (let hops = 0; ; hops++) {
      if (!isObject(current) || typeof own(current, '$ref') !== 'string') return { ok: true, value: current, ptr, file };
      if (seen.has(current)) return { ok: false, reason: 'cycle', message: 'the reference chain loops back on itself' };
      if (hops >= this.maxHops) return { ok: false, reason: 'too-many-hops', message: `it takes more than ${this.maxHops} chained references to reach a value (raise --max-ref-hops if this is intended)` };
      seen.add(current);
      const r = this.resolve(current['$ref'] as string, current);
      if (!r.ok) return r;
      current = r.value;
      ptr = r.ptr;
      file = r.file;
    }
  }

  /** Whether `value` was read from the linted file (not from a file it references). */
  inLintedFile(value: unknown): boolean {
    return !(typeof value === 'object' && value !== null && this.owners.has(value));
  }

  private docOf(value: unknown): Doc {
    return (typeof value === 'object' && value !== null && this.owners.get(value)) || this.main;
  }

  /** Path of the file `value` was read from (the linted file's for values of its own). */
  fileOf(value: unknown): string {
    return this.docOf(value).path;
  }

  private follow(root: unknown, rootPtr: Ptr, fragment: string, file: string): Resolved {
    if (fragment !== '' && !fragment.startsWith('/')) {
      return { ok: false, reason: 'missing-target', message: `\`#${fragment}\` is not a JSON pointer (it must start with \`#/\`)` };
    }
    const segments = fragment === '' ? [] : Ptr.parse('#' + fragment).segments();
    let current: unknown = root;
    let ptr = rootPtr;
    for (const seg of segments) {
      const next = isObject(current) ? own(current, seg) : Array.isArray(current) && /^(0|[1-9]\d*)$/.test(seg) ? current[Number(seg)] : undefined;
      if (next === undefined) return { ok: false, reason: 'missing-target', message: `nothing at \`#${fragment}\``, parent: { value: current, missing: seg } };
      current = next;
      ptr = ptr.child(seg);
    }
    return { ok: true, value: current, ptr, file };
  }

  private loadFile(filePart: string, from: Doc): Doc | FileFailure {
    let decoded = filePart;
    try {
      decoded = decodeURIComponent(filePart);
    } catch {
      /* keep as written */
    }
    if (isAbsolute(decoded)) return this.outside(filePart, 'absolute');
    const target = resolvePath(dirname(from.path), decoded);
    const cached = this.files.get(target);
    if (cached) return cached;
    const result = this.openConfined(filePart, target);
    this.files.set(target, result);
    return result;
  }

  /** Every check happens on the path (lexical, then real) before the file is opened, and only a regular file is opened. */
  private openConfined(filePart: string, target: string): Doc | FileFailure {
    if (!inside(this.refRoot, target)) return this.outside(filePart, 'up');
    let real: string;
    try {
      real = realpathSync(target);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException)?.code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { reason: 'missing-file', message: `file \`${filePart}\` does not exist` };
      return { reason: 'unparsable-file', message: `file \`${filePart}\` cannot be read (${code ?? 'error'})` };
    }
    if (!inside(this.realRootPath(), real)) return this.outside(filePart, 'link');
    if (real === this.realSourcePath()) return this.main.base === this.source.value ? this.main : this.mainRoot;
    const known = this.byReal.get(real);
    if (known) return known;
    const loaded = this.openReal(filePart, real);
    this.byReal.set(real, loaded);
    return loaded;
  }

  private openReal(filePart: string, real: string): Doc | FileFailure {
    let size: number;
    try {
      // stat, not open: opening a FIFO can block and a device can be endless.
      const st = statSync(real);
      if (!st.isFile()) return { reason: 'special-file', message: `\`${filePart}\` is not a regular file (a directory, FIFO, socket or device) and is not opened` };
      size = st.size;
    } catch {
      return { reason: 'missing-file', message: `file \`${filePart}\` does not exist` };
    }
    // The budget is over every file read through references: many files (or one file under many
    // names) must not multiply the work past what one connector file may cost.
    if (this.byReal.size >= MAX_REFERENCED_FILES) {
      return { reason: 'budget', message: `the connector already reads ${MAX_REFERENCED_FILES} files through its references, the most one connector may` };
    }
    if (this.readBytes + size > this.limits.maxFileSize) {
      return { reason: 'budget', message: `the files read through the connector's references would exceed ${this.limits.maxFileSize} bytes together (--max-file-size)` };
    }
    this.readBytes += size;
    // O_NOFOLLOW: should the file be swapped for a link after the checks, it is refused, not followed.
    const loaded = loadSource(real, this.limits, { noFollow: true });
    if (!loaded.ok) return { reason: 'unparsable-file', message: `file \`${filePart}\` cannot be read: ${loaded.message}` };
    if (!loaded.source.parsed) {
      const problem = loaded.source.problems.find((p) => p.kind !== 'duplicate-key');
      const where = problem ? loaded.source.lines.range({ start: problem.offset, end: problem.end }).start : undefined;
      const at = where ? ` at line ${where.line}, column ${where.column}` : '';
      return { reason: 'unparsable-file', message: `file \`${filePart}\` cannot be read as ${loaded.source.format === 'json' ? 'JSON' : 'YAML'}${at}${problem ? `: ${problem.message}` : ''}` };
    }
    this.sources.set(real, loaded.source);
    const doc: Doc = { path: real, base: loaded.source.value, basePtr: Ptr.fileRoot(real) };
    this.own(loaded.source.value, doc);
    return doc;
  }

  /** The linted file's real path (its own path when it has none, as in tests). */
  lintedRealPath(): string {
    return this.realSourcePath();
  }

  private realRootPath(): string {
    if (this.realRoot === undefined) {
      try {
        this.realRoot = realpathSync(this.refRoot);
      } catch {
        this.realRoot = this.refRoot; // a root that does not exist contains nothing real: the check refuses
      }
    }
    return this.realRoot;
  }

  private realSourcePath(): string {
    if (this.realSource === undefined) {
      try {
        this.realSource = realpathSync(this.source.path);
      } catch {
        this.realSource = this.source.path; // in-memory sources in tests
      }
    }
    return this.realSource;
  }

  private outside(filePart: string, how: 'absolute' | 'up' | 'link'): FileFailure {
    const root = ROOT_NAMES[this.refRootKind] ?? `the reference root \`${this.refRoot}\``;
    const widen = this.refRootKind === 'option' ? '' : ' (use --ref-root to widen it)';
    const what =
      how === 'absolute'
        ? `is an absolute path; file references are relative and may not leave ${root}`
        : how === 'link'
          ? `is a symbolic link (or goes through one) to a place outside ${root}; references may not leave it${widen}`
          : `is outside ${root}; references may not leave it${widen}`;
    return { reason: 'outside-root', message: `\`${filePart}\` ${what}` };
  }

  /** Record `doc` as the owner of every container in `value` (iteratively: referenced files can be deep). */
  private own(value: unknown, doc: Doc): void {
    const stack: unknown[] = [value];
    while (stack.length > 0) {
      const v = stack.pop();
      if (typeof v !== 'object' || v === null || this.owners.has(v)) continue;
      this.owners.set(v, doc);
      for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
}

const ROOT_NAMES: Partial<Record<RefRootKind, string>> = {
  git: 'the git work tree that holds the connector',
  cwd: 'the working directory',
  folder: "the connector's folder",
};
