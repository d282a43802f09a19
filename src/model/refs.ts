/**
 * $ref resolution without surprises: local pointers, and files inside the connector's folder (or
 * --ref-root). Remote URLs are never fetched; a reference that leaves the root (`..`, an absolute
 * path, `file:`, a symbolic link) or names a special file is refused before anything is opened.
 */
import { dirname, isAbsolute, relative, resolve as resolvePath, sep } from 'node:path';
import { realpathSync, statSync } from 'node:fs';
import type { SourceFile } from '../load/source.js';
import { defaultLimits, loadSource } from '../load/source.js';
import { Ptr } from './pointer.js';
import { isObject, own, type JsonObject } from './json.js';

export type RefFailure = 'remote' | 'outside-root' | 'special-file' | 'missing-file' | 'unparsable-file' | 'missing-target' | 'cycle' | 'too-many-hops';

export type Resolved =
  | { ok: true; value: unknown; /** Pointer of the target when it is in this file. */ ptr: Ptr | undefined; file: string }
  | { ok: false; reason: RefFailure; message: string; /** Deepest segment that resolved, for suggestions. */ parent?: { value: unknown; missing: string } };

interface Doc {
  value: unknown;
  /** Where `#` points: the OpenAPI document inside the file. */
  base: Ptr;
  baseValue: unknown;
}

export class RefResolver {
  private readonly files = new Map<string, Doc | RefFailure>();
  private readonly source: SourceFile;
  private readonly refRoot: string;
  readonly maxHops: number;
  private readonly oasBase: { value: unknown; ptr: Ptr } | undefined;

  constructor(opts: { source: SourceFile; oas: { value: JsonObject; ptr: Ptr } | undefined; refRoot: string; maxHops: number }) {
    this.source = opts.source;
    this.refRoot = opts.refRoot;
    this.maxHops = opts.maxHops;
    this.oasBase = opts.oas;
  }

  /** Resolve one $ref string written in this file (no chasing of further $refs). */
  resolve(ref: string): Resolved {
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^[a-z]:[\\/]/i.test(ref)) {
      if (/^https?:/i.test(ref)) return { ok: false, reason: 'remote', message: `remote reference \`${ref}\` is not fetched (cdp-lint never uses the network)` };
      return { ok: false, reason: 'outside-root', message: `\`${ref}\` points outside the connector's folder; only relative file references are followed` };
    }
    const hash = ref.indexOf('#');
    const filePart = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    if (filePart === '') {
      const base = this.oasBase ?? { value: this.source.value, ptr: Ptr.root };
      return this.follow(base.value, base.ptr, fragment, this.source.path);
    }
    const doc = this.loadFile(filePart);
    if (typeof doc === 'string') return { ok: false, reason: doc, message: this.fileMessage(doc, filePart) };
    const target = this.follow(doc.value, undefined, fragment, filePart);
    return target;
  }

  /** Follow $ref chains from `value` until a non-reference; reports cycles and hop limits. */
  deref(value: unknown): Resolved {
    let current = value;
    let ptr: Ptr | undefined;
    const seen = new Set<unknown>();
    for (let hops = 0; ; hops++) {
      if (!isObject(current) || typeof current['$ref'] !== 'string') return { ok: true, value: current, ptr, file: this.source.path };
      if (seen.has(current)) return { ok: false, reason: 'cycle', message: 'the reference chain loops back on itself' };
      if (hops >= this.maxHops) return { ok: false, reason: 'too-many-hops', message: `more than ${this.maxHops} chained references` };
      seen.add(current);
      const r = this.resolve(current['$ref']);
      if (!r.ok) return r;
      current = r.value;
      ptr = r.ptr;
    }
  }

  private follow(root: unknown, rootPtr: Ptr | undefined, fragment: string, file: string): Resolved {
    if (fragment !== '' && !fragment.startsWith('/')) {
      return { ok: false, reason: 'missing-target', message: `\`#${fragment}\` is not a JSON pointer (it must start with \`#/\`)` };
    }
    const segments = fragment === '' ? [] : Ptr.parse('#' + fragment).segments();
    let current: unknown = root;
    let ptr = rootPtr;
    for (const seg of segments) {
      const next = isObject(current) ? own(current, seg) : Array.isArray(current) && /^\d+$/.test(seg) ? current[Number(seg)] : undefined;
      if (next === undefined) return { ok: false, reason: 'missing-target', message: `nothing at \`#${fragment}\``, parent: { value: current, missing: seg } };
      current = next;
      ptr = ptr?.child(seg);
    }
    return { ok: true, value: current, ptr, file };
  }

  private loadFile(filePart: string): Doc | RefFailure {
    const cached = this.files.get(filePart);
    if (cached) return cached;
    const result = this.openConfined(filePart);
    this.files.set(filePart, result);
    return result;
  }

  private openConfined(filePart: string): Doc | RefFailure {
    let decoded = filePart;
    try {
      decoded = decodeURIComponent(filePart);
    } catch {
      /* keep as written */
    }
    if (isAbsolute(decoded)) return 'outside-root';
    const target = resolvePath(dirname(this.source.path), decoded);
    if (!inside(this.refRoot, target)) return 'outside-root';
    let real: string;
    try {
      real = realpathSync(target);
    } catch {
      return 'missing-file';
    }
    let realRoot = this.refRoot;
    try {
      realRoot = realpathSync(this.refRoot);
    } catch {
      /* the root itself may be virtual in tests */
    }
    if (!inside(realRoot, real)) return 'outside-root';
    try {
      if (!statSync(real).isFile()) return 'special-file';
    } catch {
      return 'missing-file';
    }
    const loaded = loadSource(real, defaultLimits);
    if (!loaded.ok || !loaded.source.parsed) return 'unparsable-file';
    return { value: loaded.source.value, base: Ptr.root, baseValue: loaded.source.value };
  }

  private fileMessage(reason: RefFailure, filePart: string): string {
    switch (reason) {
      case 'outside-root':
        return `\`${filePart}\` is outside the connector's folder; references may not leave it (use --ref-root to widen it)`;
      case 'special-file':
        return `\`${filePart}\` is not a regular file and is not opened`;
      case 'missing-file':
        return `file \`${filePart}\` does not exist`;
      case 'unparsable-file':
        return `file \`${filePart}\` cannot be read as JSON or YAML`;
      default:
        return `\`${filePart}\` cannot be resolved`;
    }
  }
}

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}
