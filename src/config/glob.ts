/**
 * Globs of a configuration's `ignore`, matched without backtracking. A configuration file is
 * committed to a repository, so its globs are input like any other: picomatch turns `*a*a*a*b` into
 * a regular expression that backtracks, and three such stars against one 255-character file name
 * took 19 s (thirteen: no answer at all). Here a glob is compiled to a list of tokens and matched
 * by simulating all its positions at once, in time proportional to the glob's length times the
 * path's.
 *
 * Syntax (picomatch's, `dot: true`, for what it supports): `*` any characters but `/`; `**` as a
 * whole segment, any number of segments; `?` one character but `/`; `[abc]`, `[a-z]`, `[!a]`,
 * `[^a]` one character of (or not of) a set (`[!a]` is a negation, as in gitignore and glob(7);
 * picomatch reads it as one of `!` and `a`); `{a,b}` alternatives (nested too); `\` makes the next
 * character literal. Extglobs (`@(a|b)`, `!(a)`, `+(a)`, `*(a)`, `?(a)`), a leading `!`, POSIX
 * classes (`[[:alpha:]]`) and brace ranges (`{1..3}`) are refused, as are globs over 1,000
 * characters and braces that expand to more than 256 globs.
 */

/** A glob the matcher does not take; the message says why, for a configuration usage error. */
export class GlobError extends Error {}

const MAX_GLOB_LENGTH = 1000;
const MAX_ALTERNATIVES = 256;

type Token =
  | { kind: 'char'; c: string }
  /** `?`, or a bracket set: one character other than `/`. */
  | { kind: 'one'; set?: { ranges: Array<[string, string]>; negated: boolean } }
  /** `*`: any run of characters other than `/`. */
  | { kind: 'star' }
  /** A `**` segment: any run of whole segments (each with its `/`), or, ending the glob, anything. */
  | { kind: 'segments'; last: boolean }
  /** A `/**` that ends the glob: nothing, or `/` and anything (`a/**` matches `a` and `a/b/c`, not `ab`). */
  | { kind: 'rest' };

/**
 * A compiled list of globs: true when one of them matches `path` (relative, `/`-separated) as a
 * whole or, with `orFolder`, matches one of its folders (`legacy` matches `legacy/a/b.json`).
 */
export type GlobMatcher = (path: string, orFolder?: boolean) => boolean;

/** Characters of all the globs of one list once braces are expanded: matching a path costs this times its length. */
const MAX_TOTAL_LENGTH = 10_000;

/** Compile globs into one matcher; throws GlobError for a glob it does not take. */
export function compileGlobs(globs: readonly string[]): GlobMatcher {
  let total = 0;
  const programs = globs.flatMap((g) =>
    expandBraces(check(g)).map((alt) => {
      total += alt.length;
      if (total > MAX_TOTAL_LENGTH) throw new GlobError(`the globs expand to more than ${MAX_TOTAL_LENGTH.toLocaleString('en-US')} characters together`);
      return tokenize(alt);
    }),
  );
  return (path, orFolder = false) => programs.some((p) => run(p, path, orFolder));
}

function check(glob: string): string {
  if (glob.length > MAX_GLOB_LENGTH) throw new GlobError(`a glob of ${glob.length} characters is longer than ${MAX_GLOB_LENGTH}`);
  if (glob.startsWith('!')) throw new GlobError('a leading `!` (negation) is not supported; list only what to ignore');
  if (/(^|[^\\])[@!+*?]\(/.test(glob)) throw new GlobError('extglobs (`@(...)`, `!(...)`, `+(...)`, `*(...)`, `?(...)`) are not supported; use `*`, `**`, `?`, `[...]` and `{a,b}`');
  if (/\[\[:|\[:[a-z]+:\]/.test(glob)) throw new GlobError('POSIX classes (`[[:alpha:]]`) are not supported; use a range such as `[a-z]`');
  return glob;
}

/** `a{b,c{d,e}}f` -> `abf`, `acdf`, `acef`; a brace with no top-level comma stays literal. */
function expandBraces(glob: string): string[] {
  const open = findBrace(glob);
  if (open === undefined) return [glob];
  const { start, end, parts } = open;
  if (parts.length === 1 && /^-?\d+\.\.-?\d+$|^[a-z]\.\.[a-z]$/i.test(parts[0]!)) throw new GlobError('brace ranges (`{1..3}`) are not supported; list the alternatives (`{1,2,3}`)');
  const head = glob.slice(0, start);
  const tails = expandBraces(glob.slice(end + 1));
  const out: string[] = [];
  if (parts.length === 1) {
    // `{a}` is literal; escape it so that it is not read again.
    for (const t of tails) out.push(`${head}\\{${parts[0]}\\}${t}`);
  } else {
    for (const p of parts) for (const inner of expandBraces(p)) for (const t of tails) {
      out.push(head + inner + t);
      if (out.length > MAX_ALTERNATIVES) throw new GlobError(`its braces expand to more than ${MAX_ALTERNATIVES} globs`);
    }
  }
  return out;
}

/** The first unescaped, balanced `{...}` and its top-level comma-separated parts. */
function findBrace(glob: string): { start: number; end: number; parts: string[] } | undefined {
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '\\') {
      i++;
      continue;
    }
    if (glob[i] === '[') {
      i = bracketEnd(glob, i) ?? i;
      continue;
    }
    if (glob[i] !== '{') continue;
    let depth = 0;
    let from = i + 1;
    const parts: string[] = [];
    for (let j = i; j < glob.length; j++) {
      const c = glob[j];
      if (c === '\\') j++;
      else if (c === '{') depth++;
      else if (c === ',' && depth === 1) {
        parts.push(glob.slice(from, j));
        from = j + 1;
      } else if (c === '}' && --depth === 0) {
        parts.push(glob.slice(from, j));
        return { start: i, end: j, parts };
      }
    }
    return undefined;
  }
  return undefined;
}

/** Index of the `]` that closes the bracket set opening at `i`, or undefined when it is not closed. */
function bracketEnd(glob: string, i: number): number | undefined {
  let j = i + 1;
  if (glob[j] === '!' || glob[j] === '^') j++;
  if (glob[j] === ']') j++;
  for (; j < glob.length; j++) {
    if (glob[j] === '\\') j++;
    else if (glob[j] === ']') return j;
    else if (glob[j] === '/') return undefined;
  }
  return undefined;
}

function tokenize(glob: string): Token[] {
  const g = glob.replace(/^\.\//, '');
  const out: Token[] = [];
  let i = 0;
  const atSegmentStart = () => i === 0 || g[i - 1] === '/';
  while (i < g.length) {
    const c = g[i]!;
    if (c === '\\' && i + 1 < g.length) {
      out.push({ kind: 'char', c: g[i + 1]! });
      i += 2;
    } else if (c === '*') {
      let j = i;
      while (g[j] === '*') j++;
      const wholeSegment = j - i >= 2 && atSegmentStart() && (j === g.length || g[j] === '/');
      if (wholeSegment && j === g.length) {
        // `**/**` is `**`.
        while (out[out.length - 1]?.kind === 'segments') out.pop();
        const previous = out[out.length - 1];
        if (previous?.kind === 'char' && previous.c === '/') {
          out.pop();
          out.push({ kind: 'rest' });
        } else out.push({ kind: 'segments', last: true });
        i = j;
      } else if (wholeSegment) {
        out.push({ kind: 'segments', last: false });
        i = j + 1;
      } else {
        out.push({ kind: 'star' });
        i = j;
      }
    } else if (c === '?') {
      out.push({ kind: 'one' });
      i++;
    } else if (c === '[' && bracketEnd(g, i) !== undefined) {
      const end = bracketEnd(g, i)!;
      out.push({ kind: 'one', set: bracketSet(g.slice(i + 1, end)) });
      i = end + 1;
    } else {
      out.push({ kind: 'char', c });
      i++;
    }
  }
  return out;
}

function bracketSet(body: string): { ranges: Array<[string, string]>; negated: boolean } {
  let b = body;
  const negated = b.startsWith('!') || b.startsWith('^');
  if (negated) b = b.slice(1);
  const chars: string[] = [];
  for (let i = 0; i < b.length; i++) chars.push(b[i] === '\\' && i + 1 < b.length ? b[++i]! : b[i]!);
  const ranges: Array<[string, string]> = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      ranges.push([chars[i]!, chars[i + 2]!]);
      i += 2;
    } else ranges.push([chars[i]!, chars[i]!]);
  }
  return { ranges, negated };
}

/**
 * Simulate the glob on `path`: the set of token positions reached so far, advanced one character
 * at a time (a position at a `star` or `segments` token may stay there). Positions are booleans in
 * an array, so each character costs at most the number of tokens; folders are tried on the way.
 */
function run(tokens: Token[], path: string, orFolder: boolean): boolean {
  const n = tokens.length;
  // inSegment[k]: inside a `segments` token at k, in the middle of a segment (not yet at its `/`).
  let at = new Uint8Array(n + 1);
  let inSegment = new Uint8Array(n + 1);
  at[0] = 1;
  close(tokens, at);
  // Inside a `rest` token (always the last): everything that follows matches.
  let inRest = false;
  for (const ch of path) {
    if (inRest) return true;
    // The folder that ends here matches.
    if (orFolder && ch === '/' && at[n] === 1) return true;
    const next = new Uint8Array(n + 1);
    const nextIn = new Uint8Array(n + 1);
    for (let k = 0; k < n; k++) {
      const t = tokens[k]!;
      if (inSegment[k]) {
        if (ch === '/') next[k] = 1;
        else nextIn[k] = 1;
      }
      if (!at[k]) continue;
      if (t.kind === 'char') {
        if (t.c === ch) next[k + 1] = 1;
      } else if (t.kind === 'one') {
        if (ch !== '/' && (t.set === undefined || inSet(t.set, ch))) next[k + 1] = 1;
      } else if (t.kind === 'star') {
        if (ch !== '/') next[k] = 1;
      } else if (t.kind === 'rest') {
        if (ch === '/') inRest = true;
      } else if (t.last) {
        // A trailing `**`: everything that is left, `/` included.
        next[k] = 1;
      } else if (ch === '/') next[k] = 1;
      else nextIn[k] = 1;
    }
    close(tokens, next);
    at = next;
    inSegment = nextIn;
  }
  return inRest || at[n] === 1;
}

/** Epsilon moves: a `star` or `segments` token may match nothing, so its successor is reached too. */
function close(tokens: Token[], at: Uint8Array): void {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (at[k] && (t.kind === 'star' || t.kind === 'segments' || t.kind === 'rest')) at[k + 1] = 1;
  }
}

function inSet(set: { ranges: Array<[string, string]>; negated: boolean }, ch: string): boolean {
  const hit = set.ranges.some(([a, b]) => ch >= a && ch <= b);
  return set.negated ? !hit : hit;
}
