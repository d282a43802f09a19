/**
 * Text a linted file controls (its name, its keys and values quoted in messages) on its way to a
 * terminal, a CI log or a report: characters that would act instead of being shown are replaced by
 * visible escapes, and very long text is shortened, so that no file can rewrite the screen, inject a
 * workflow command or make a report too large to build.
 */

/**
 * Characters that act on a terminal or a viewer instead of being shown: C0 controls (line breaks,
 * tab, ESC, NUL), DEL and C1 controls, the bidirectional controls that reorder what is displayed
 * (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069), the line and paragraph separators, and
 * lone surrogates (half a character, which an encoder would replace).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_KEEPING_LINE_BREAKS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Longest text a message or a name takes in a human-readable report or on stderr, in UTF-16 code units. */
export const MAX_SHOWN = 1000;

/**
 * `text` with every unsafe character (see above) written as an escape: `\n`, `\r`, `\t`, `\xHH`
 * (up to U+00FF) or `\uHHHH`. Backslashes are left alone, so a file named `dir\evil.json` is shown
 * as itself. `keepLineBreaks` leaves `\n` and `\r` for formats that carry them safely (GitHub
 * workflow commands escape them as `%0A`, XML text keeps them as text).
 */
export function visible(text: string, options: { keepLineBreaks?: boolean } = {}): string {
  const pattern = options.keepLineBreaks ? UNSAFE_KEEPING_LINE_BREAKS : UNSAFE;
  pattern.lastIndex = 0;
  return pattern.test(text) ? text.replace(pattern, escapeOne) : text;
}

/** `text` cut to `max` code units (never inside a surrogate pair), followed by how much was left out. */
export function bounded(text: string, max = MAX_SHOWN): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}

/** `text` of at most about `max` code units, its middle left out: for paths, whose start and end both matter. */
export function elided(text: string, max = 200): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  // Never half a surrogate pair on either side of the cut.
  const head = isHighSurrogate(text.charCodeAt(half - 1)) ? half - 1 : half;
  const tail = isLowSurrogate(text.charCodeAt(text.length - half)) ? half - 1 : half;
  return `${text.slice(0, head)}…(${text.length - head - tail} characters)…${text.slice(text.length - tail)}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** What a human-readable report or stderr shows of `text`: shortened, then made visible. */
export function shown(text: string, options: { keepLineBreaks?: boolean; max?: number } = {}): string {
  return visible(bounded(text, options.max), options);
}

const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * JSON text (from JSON.stringify) with the characters it leaves raw but a terminal or viewer would
 * act on (DEL, C1 and bidirectional controls, U+2028/U+2029) written as `\uHHHH` escapes: the
 * parsed value is the same. JSON.stringify already escapes C0 controls and lone surrogates, and
 * these characters can only occur inside its strings.
 */
export function escapeJsonText(json: string): string {
  JSON_UNSAFE.lastIndex = 0;
  if (!JSON_UNSAFE.test(json)) return json;
  return json.replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
