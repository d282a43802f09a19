import { describe, it, expect } from 'vitest';
import { FORMAT_NAMES, getFormatter, isFormatName, type FormatName } from '../../src/report/index.js';
import { formatGithub } from '../../src/report/github.js';
import { formatJson } from '../../src/report/json.js';
import { formatJunit } from '../../src/report/junit.js';
import { formatSarif } from '../../src/report/sarif.js';
import { formatStylish } from '../../src/report/stylish.js';
import { toRegion } from '../../src/report/common.js';

describe('getFormatter', () => {
  it('loads the formatter module of each format name', async () => {
    expect(FORMAT_NAMES).toEqual(['stylish', 'json', 'sarif', 'junit', 'github']);
    const expected = { stylish: formatStylish, json: formatJson, sarif: formatSarif, junit: formatJunit, github: formatGithub };
    for (const name of FORMAT_NAMES) expect(await getFormatter(name)).toBe(expected[name]);
  });

  it('rejects an unknown name', async () => {
    await expect(getFormatter('xml' as FormatName)).rejects.toThrow('Unknown format "xml"; expected one of: stylish, json, sarif, junit, github');
    expect(isFormatName('sarif')).toBe(true);
    expect(isFormatName('xml')).toBe(false);
  });
});

describe('toRegion', () => {
  it('keeps valid ranges and widens empty ones to one character', () => {
    expect(toRegion({ start: { line: 2, column: 3 }, end: { line: 4, column: 1 } })).toEqual({ startLine: 2, startColumn: 3, endLine: 4, endColumn: 1 });
    expect(toRegion({ start: { line: 2, column: 3 }, end: { line: 2, column: 3 } })).toEqual({ startLine: 2, startColumn: 3, endLine: 2, endColumn: 4 });
    expect(toRegion({ start: { line: 0, column: 0 }, end: { line: 0, column: 0 } })).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 });
    expect(toRegion({ start: { line: 9, column: 5 }, end: { line: 3, column: 7 } })).toEqual({ startLine: 9, startColumn: 5, endLine: 9, endColumn: 7 });
  });
});
