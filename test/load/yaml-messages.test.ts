/**
 * YAML syntax errors in the author's terms: a value that starts with a bracket or a quote and goes
 * on after it closes (`summary: {id} of the user`) says why and how to quote it, not the yaml
 * package's "Unexpected scalar at node end".
 */
import { describe, expect, it } from 'vitest';
import { readYaml } from '../../src/load/yaml-fast.js';
import { defaultLimits } from '../../src/load/source.js';

const problem = (text: string) => {
  const out = readYaml(text, defaultLimits);
  expect(out.ok).toBe(false);
  return out.problems.map((p) => ({ message: p.message, offset: p.offset }));
};

describe('a value that goes on after its closing bracket or quote', () => {
  it.each([
    ['summary: {id} of the user\n', '{', 'a mapping', '}', "'{id} of the user'", 14],
    ['tags:\n  - [beta] feature\n', '[', 'a list', ']', "'[beta] feature'", 17],
    ['title: "Beta" API\n', '"', 'the whole string', '"', `'"Beta" API'`, 14],
    ["title: 'it''s' x # c\n", "'", 'the whole string', "'", `"'it''s' x # c"`, 15],
  ])('%j', (text, open, what, close, quoted, offset) => {
    expect(problem(text)).toEqual([
      {
        message: `Unexpected text after the value: a value that starts with \`${open}\` is read as ${what} up to its closing \`${close}\`, and nothing may follow it on the line; quote the whole value (${quoted})`,
        offset,
      },
    ]);
  });

  it('other syntax errors keep their own words', () => {
    expect(problem('a: [1, 2\n')[0]!.message).not.toMatch(/^Unexpected text after the value/);
    expect(problem('a: b: c\n')[0]!.message).not.toMatch(/^Unexpected text after the value/);
  });
});
