/**
 * A JSON parser that records source offsets, duplicate keys and nesting depth.
 * Iterative (an explicit stack), so 100,000 levels of nesting end in a diagnostic, not a stack overflow.
 * Hand-written because the JSON parsers with positions (jsonc-parser, momoa) recurse per level.
 */
import { LineIndex, LocationIndex, type ContainerLoc } from './locations.js';
import { escapeSegment } from '../model/pointer.js';

export interface ParseProblem {
  /** `depth` and `limit` are input limits (nesting; file size, YAML aliases), reported by input-limit. */
  kind: 'syntax' | 'duplicate-key' | 'depth' | 'limit';
  message: string;
  offset: number;
  end: number;
  /** JSON pointer of the duplicated key. */
  pointer?: string;
}

export interface ParseOutput {
  value: unknown;
  locations: LocationIndex;
  problems: ParseProblem[];
  /** False when a syntax or depth problem means `value` is incomplete. */
  ok: boolean;
  /**
   * The same text as the one parsed, as the parser's own copy, when the value's strings are slices
   * of that copy: kept instead of the original, the text is in memory once, not twice.
   */
  text?: string;
}

interface Frame {
  container: Record<string, unknown> | unknown[];
  loc: ContainerLoc;
  isArray: boolean;
  key: string;
  keyStart: number;
  keyEnd: number;
  start: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly end: number,
    readonly kind: 'syntax' | 'depth' = 'syntax',
  ) {
    super(message);
  }
}

/** The message for nesting beyond --max-depth, the same for JSON and YAML. */
export function depthMessage(maxDepth: number): string {
  return `Nesting is deeper than ${maxDepth} levels; cdp-lint stops here (raise --max-depth if this is intended)`;
}

/** Parse JSON text; never throws for bad input. */
export function parseJson(text: string, options: { maxDepth: number }): ParseOutput {
  const parser = new JsonParser(text, options.maxDepth);
  try {
    const value = parser.parse();
    return { value, locations: parser.locations, problems: parser.problems, ok: true };
  } catch (e) {
    if (!(e instanceof SyntaxProblem)) throw e;
    parser.problems.push({ kind: e.kind, message: e.message, offset: e.offset, end: e.end });
    return { value: undefined, locations: parser.locations, problems: parser.problems, ok: false };
  }
}

class JsonParser {
  readonly locations = new LocationIndex();
  readonly problems: ParseProblem[] = [];
  private pos = 0;
  private readonly stack: Frame[] = [];

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  parse(): unknown {
    const text = this.text;
    this.skipWs();
    if (this.pos >= text.length) {
      const what = text.length === 0 ? 'The file is empty' : 'The file contains only whitespace';
      throw new SyntaxProblem(`${what}: expected a JSON object`, 0, 0);
    }
    const rootStart = this.pos;
    let value = this.parseValueOrOpen();
    for (;;) {
      const frame = this.stack[this.stack.length - 1];
      if (!frame) break;
      // `value` is undefined right after a container opened: read its first entry or its end.
      if (value === OPENED) {
        this.skipWs();
        const closer = frame.isArray ? 93 : 125; // ] }
        if (text.charCodeAt(this.pos) === closer) {
          this.pos++;
          value = this.close();
          continue;
        }
        if (!frame.isArray) this.readKey(frame);
        value = this.parseValueOrOpen();
        continue;
      }
      this.store(frame, value);
      this.skipWs();
      const c = text.charCodeAt(this.pos);
      if (c === 44) {
        // ,
        this.pos++;
        this.skipWs();
        if (frame.isArray && text.charCodeAt(this.pos) === 93) throw this.unexpected('a value after `,` (trailing commas are not allowed in JSON)');
        if (!frame.isArray) this.readKey(frame);
        value = this.parseValueOrOpen();
      } else if (c === (frame.isArray ? 93 : 125)) {
        this.pos++;
        value = this.close();
      } else {
        throw this.unexpected(frame.isArray ? '`,` or `]`' : '`,` or `}`');
      }
    }
    this.locations.rootSpan = { start: rootStart, end: this.pos };
    this.skipWs();
    if (this.pos < text.length) throw this.unexpected('the end of the file');
    return value;
  }

  private valueStart = 0;

  /** Parse a scalar, or open a container (pushing a frame) and return OPENED. */
  private parseValueOrOpen(): unknown {
    const text = this.text;
    this.skipWs();
    this.valueStart = this.pos;
    this.lastValueStart = this.pos;
    const c = text.charCodeAt(this.pos);
    if (c === 123 || c === 91) {
      if (this.stack.length >= this.maxDepth) {
        throw new SyntaxProblem(
          depthMessage(this.maxDepth),
          this.pos,
          this.pos + 1,
          'depth',
        );
      }
      const isArray = c === 91;
      this.pos++;
      const container = isArray ? [] : {};
      const loc: ContainerLoc = { keys: isArray ? null : [], spans: [] };
      this.locations.set(container, loc);
      this.stack.push({ container, loc, isArray, key: '', keyStart: 0, keyEnd: 0, start: this.valueStart });
      return OPENED;
    }
    if (c === 34) return this.readString();
    if (c === 116 && text.startsWith('true', this.pos)) return this.literal(4, true);
    if (c === 102 && text.startsWith('false', this.pos)) return this.literal(5, false);
    if (c === 110 && text.startsWith('null', this.pos)) return this.literal(4, null);
    if (c === 45 || (c >= 48 && c <= 57)) {
      NUMBER.lastIndex = this.pos;
      const m = NUMBER.exec(text);
      if (m) {
        this.pos += m[0].length;
        const next = text.charCodeAt(this.pos);
        if (!(next >= 48 && next <= 57) && next !== 46 && next !== 101 && next !== 69) return Number(m[0]);
      }
      throw new SyntaxProblem('Invalid number', this.valueStart, Math.max(this.pos, this.valueStart + 1));
    }
    throw this.unexpected('a value');
  }

  private literal(length: number, value: boolean | null): boolean | null {
    this.pos += length;
    return value;
  }

  private readKey(frame: Frame): void {
    const text = this.text;
    this.skipWs();
    if (text.charCodeAt(this.pos) !== 34) {
      if (text.charCodeAt(this.pos) === 125) throw this.unexpected('a key after `,` (trailing commas are not allowed in JSON)');
      throw this.unexpected('a key in double quotes');
    }
    frame.keyStart = this.pos;
    frame.key = this.readString();
    frame.keyEnd = this.pos;
    this.skipWs();
    if (text.charCodeAt(this.pos) !== 58) throw this.unexpected('`:` after the key');
    this.pos++;
  }

  private store(frame: Frame, value: unknown): void {
    const end = this.pos;
    if (frame.isArray) {
      (frame.container as unknown[]).push(value);
      frame.loc.spans.push(this.lastValueStart, end);
      return;
    }
    const obj = frame.container as Record<string, unknown>;
    const key = frame.key;
    if (Object.prototype.hasOwnProperty.call(obj, key)) {
      this.problems.push({
        kind: 'duplicate-key',
        message: key,
        offset: frame.keyStart,
        end: frame.keyEnd,
        pointer: this.pointerOf(key),
      });
    }
    if (key === '__proto__') {
      Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
    } else {
      obj[key] = value;
    }
    frame.loc.keys!.push(key);
    frame.loc.spans.push(frame.keyStart, frame.keyEnd, this.lastValueStart, end);
  }

  private lastValueStart = 0;

  private close(): unknown {
    const frame = this.stack.pop()!;
    this.lastValueStart = frame.start;
    return frame.container;
  }

  private readString(): string {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    // Fast path: no escapes.
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        this.pos = i + 1;
        return text.slice(start + 1, i);
      }
      if (c === 92 || c < 32 || Number.isNaN(c)) break;
      i++;
    }
    let out = text.slice(start + 1, i);
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) throw new SyntaxProblem('Unterminated string', start, i);
      if (c === 34) break;
      if (c < 32) throw new SyntaxProblem('Control character in a string (escape it, e.g. \\n)', i, i + 1);
      if (c === 92) {
        const e = text[i + 1];
        const simple = e === undefined ? undefined : ESCAPES.get(e);
        if (simple !== undefined) {
          out += simple;
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          throw new SyntaxProblem('Invalid escape sequence in a string', i, i + 2);
        }
        continue;
      }
      out += text[i];
      i++;
    }
    this.pos = i + 1;
    return out;
  }

  private skipWs(): void {
    const text = this.text;
    let p = this.pos;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  private unexpected(expected: string): SyntaxProblem {
    const text = this.text;
    if (this.pos >= text.length) return new SyntaxProblem(`Unexpected end of file; expected ${expected}`, this.pos, this.pos);
    const ch = text.codePointAt(this.pos)!;
    const shown = ch < 32 || ch === 0xfffd ? `character U+${ch.toString(16).toUpperCase().padStart(4, '0')}` : `\`${String.fromCodePoint(ch)}\``;
    return new SyntaxProblem(`Unexpected ${shown}; expected ${expected}`, this.pos, this.pos + 1);
  }

  private pointerOf(lastKey: string): string {
    let out = '';
    for (let d = 1; d < this.stack.length; d++) {
      const parent = this.stack[d - 1]!;
      out += '/' + (parent.isArray ? String((parent.container as unknown[]).length) : escapeSegment(parent.key));
    }
    return out + '/' + escapeSegment(lastKey);
  }
}

const OPENED = Symbol('opened');

const ESCAPES = new Map([['"', '"'], ['\\', '\\'], ['/', '/'], ['b', '\b'], ['f', '\f'], ['n', '\n'], ['r', '\r'], ['t', '\t']]);

/**
 * What is wrong in a text JSON.parse refused, and where, in the words the linter uses for a
 * connector: "Unexpected `}`; expected a key after `,` (trailing commas are not allowed in JSON)
 * (line 4, column 3)". JSON.parse says only "at position 42".
 */
export function jsonSyntaxError(text: string): string {
  const body = text.replace(/^\uFEFF/, '');
  const problem = parseJson(body, { maxDepth: 512 }).problems.find((p) => p.kind !== 'duplicate-key');
  if (!problem) return 'it cannot be read';
  const at = new LineIndex(body).position(problem.offset);
  return `${problem.message} (line ${at.line}, column ${at.column})`;
}
