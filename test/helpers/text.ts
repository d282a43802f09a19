/** Positions in test texts: where a needle is, as the linter reports it. */

/** 1-based line and column (UTF-16 units) of the `nth` occurrence of `needle` in `text`. */
export function at(text: string, needle: string, nth = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle.slice(0, 40)}" occurs fewer than ${nth + 1} times`);
  }
  return position(text, index);
}

/** 1-based line and column of a UTF-16 offset (counted without splitting a multi-megabyte text). */
export function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lastNl = before.lastIndexOf('\n');
  let line = 1;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line++;
  return { line, column: index - (lastNl + 1) + 1 };
}
