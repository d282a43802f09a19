/** Whether a report printed on stdout gets colours, by the conventions users of other tools expect. */

/** What decides colour: the command line, the environment, and whether stdout is a terminal. */
export interface ColorInput {
  /** true for --color, false for --no-color, undefined when neither is given (the last one given wins). */
  flag: boolean | undefined;
  env: Record<string, string | undefined>;
  /** stdout is a terminal. */
  isTTY: boolean;
}

/**
 * Colours or not, the most explicit wish first: the flag; then FORCE_COLOR (`0` or `false` turn
 * colours off, any other value, even empty, on), which wins over NO_COLOR as in Node.js; then
 * NO_COLOR (any non-empty value, https://no-color.org); then a terminal that is not `TERM=dumb`.
 */
export function useColor(input: ColorInput): boolean {
  if (input.flag !== undefined) return input.flag;
  const force = input.env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (input.env['NO_COLOR']) return false;
  return input.isTTY && input.env['TERM'] !== 'dumb';
}
