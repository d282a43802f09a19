/**
 * Formatter registry. Each formatter lives in its own module and is imported only when chosen,
 * so start-up does not pay for formats that are not used. Outputs carry no trailing newline:
 * the CLI adds one when it writes a non-empty output.
 */
import type { LintResult } from '../types.js';
import type { FormatOptions } from './options.js';

export type { FormatOptions, RuleMeta } from './options.js';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'junit' | 'github';

/** A pure function from a lint result to the text the CLI prints. */
export type Formatter = (result: LintResult, options: FormatOptions) => string;

export const FORMAT_NAMES: readonly FormatName[] = ['stylish', 'json', 'sarif', 'junit', 'github'];

/** True when `name` is a supported format, for validating the --format flag. */
export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/**
 * Load the formatter for `name`, ready for `color` output; literal import paths keep the modules
 * visible to the bundler.
 */
export async function getFormatter(name: FormatName, color = false): Promise<Formatter> {
  switch (name) {
    case 'stylish': {
      const stylish = await import('./stylish.js');
      if (color) await stylish.loadColors();
      return stylish.formatStylish;
    }
    case 'json':
      return (await import('./json.js')).formatJson;
    case 'sarif':
      return (await import('./sarif.js')).formatSarif;
    case 'junit':
      return (await import('./junit.js')).formatJunit;
    case 'github':
      return (await import('./github.js')).formatGithub;
    default:
      throw new Error(`Unknown format "${String(name)}"; expected one of: ${FORMAT_NAMES.join(', ')}`);
  }
}
