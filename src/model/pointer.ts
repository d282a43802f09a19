/** JSON pointers as persistent linked lists: cheap to extend while walking, built into text only when reported. */
export class Ptr {
  private constructor(
    readonly parent: Ptr | null,
    readonly key: string,
  ) {}

  static readonly root = new Ptr(null, '');

  /** Parse an RFC 6901 pointer ("/a/b~1c") into a Ptr. */
  static parse(pointer: string): Ptr {
    let p = Ptr.root;
    if (pointer === '' || pointer === '#') return p;
    const body = pointer.startsWith('#') ? decodeURIComponentSafe(pointer.slice(1)) : pointer;
    if (!body.startsWith('/')) return p;
    for (const raw of body.slice(1).split('/')) p = p.child(raw.replace(/~1/g, '/').replace(/~0/g, '~'));
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

  toString(): string {
    return this.segments()
      .map((s) => '/' + escapeSegment(s))
      .join('');
  }

  /** True when `this` is `other` or lies inside it. */
  startsWith(other: Ptr): boolean {
    const a = this.segments();
    const b = other.segments();
    if (b.length > a.length) return false;
    return b.every((s, i) => a[i] === s);
  }
}

/** Escape one pointer segment per RFC 6901. */
export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Parse an RFC 6901 pointer string into its segments. */
export function parsePointer(pointer: string): string[] {
  return Ptr.parse(pointer).segments();
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
