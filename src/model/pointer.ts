/**
 * JSON pointers as persistent linked lists: cheap to extend while walking, built into text only when
 * reported. A pointer belongs to one file: the linted file (from `Ptr.root`) or a file its `$ref`s
 * reach (from `Ptr.fileRoot(path)`); the segments are from the root of that file.
 */
export class Ptr {
  protected constructor(
    readonly parent: Ptr | null,
    readonly key: string,
  ) {}

  static readonly root = new Ptr(null, '');

  /** The root of the file at `path` (absolute, real), when it is not the linted file. One object per path. */
  static fileRoot(path: string): Ptr {
    let root = fileRoots.get(path);
    if (root === undefined) {
      root = new FileRoot(path);
      fileRoots.set(path, root);
    }
    return root;
  }

  /** The file this pointer is in: its path for a file reached through `$ref`s, undefined for the linted file. */
  get file(): string | undefined {
    let p: Ptr = this;
    while (p.parent !== null) p = p.parent;
    return p instanceof FileRoot ? p.path : undefined;
  }

  /** Parse an RFC 6901 pointer ("/a/b~1c") into a Ptr. */
  static parse(pointer: string): Ptr {
    let p = Ptr.root;
    if (pointer === '' || pointer === '#') return p;
    const body = pointer.startsWith('#') ? decodeURIComponentSafe(pointer.slice(1)) : pointer;
    if (!body.startsWith('/')) return p;
    // Most segments have no `~`: they are their own unescaped text.
    for (const raw of body.slice(1).split('/')) p = p.child(raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw);
    return p;
  }

  /** Build a Ptr from raw segments. */
  static of(...segments: Array<string | number>): Ptr {
    let p = Ptr.root;
    for (const s of segments) p = p.child(s);
    return p;
  }

  child(key: string | number): Ptr {
    return new Ptr(this, String(key));
  }

  /** Extend with several segments. */
  concat(segments: Array<string | number>): Ptr {
    let p: Ptr = this;
    for (const s of segments) p = p.child(s);
    return p;
  }

  get isRoot(): boolean {
    return this.parent === null;
  }

  get depth(): number {
    let n = 0;
    for (let p: Ptr | null = this; p && p.parent; p = p.parent) n++;
    return n;
  }

  segments(): string[] {
    const out: string[] = [];
    for (let p: Ptr | null = this; p && p.parent; p = p.parent) out.push(p.key);
    return out.reverse();
  }

  /**
   * The length of toString() before RFC 6901 escaping (each `~` and `/` in a key adds one more), in
   * UTF-16 code units, counted without building the text: what reporting this pointer will cost.
   */
  textLength(): number {
    let n = 0;
    for (let p: Ptr | null = this; p && p.parent; p = p.parent) n += 1 + p.key.length;
    return n;
  }

  toString(): string {
    return this.segments()
      .map((s) => '/' + escapeSegment(s))
      .join('');
  }

  /** True when `this` is `other` or lies inside it (in the same file). */
  startsWith(other: Ptr): boolean {
    if (this.file !== other.file) return false;
    const a = this.segments();
    const b = other.segments();
    if (b.length > a.length) return false;
    return b.every((s, i) => a[i] === s);
  }
}

/** The root of a file other than the linted one. */
class FileRoot extends Ptr {
  constructor(readonly path: string) {
    super(null, '');
  }
}

const fileRoots = new Map<string, Ptr>();

/** Escape one pointer segment per RFC 6901. */
export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Parse an RFC 6901 pointer string into its segments. */
export function parsePointer(pointer: string): string[] {
  return Ptr.parse(pointer).segments();
}

function decodeURIComponentSafe(s: string): string {
  // Without a `%` there is nothing to decode (and nothing to throw on).
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
