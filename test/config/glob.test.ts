/**
 * The `ignore` glob matcher (src/config/glob.ts): the answers picomatch (`dot: true`) gives for the
 * syntax it takes, without picomatch's backtracking, and a clear refusal of the syntax it does not.
 */
import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileGlobs, GlobError } from '../../src/config/glob.js';

describe('compileGlobs', () => {
  const cases: Array<[string, string, boolean]> = [
    ['legacy', 'legacy', true],
    ['*.json', 'a.json', true],
    ['*.json', 'x/a.json', false],
    ['**/*.draft.json', 'a.draft.json', true],
    ['**/*.draft.json', 'x/y/a.draft.json', true],
    ['**/*.draft.json', 'x/y/a.json', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**/b', 'ab', false],
    ['a/**', 'a/x/y', true],
    ['a/**', 'ab', false],
    ['**', 'x/y/z', true],
    ['?.json', 'a.json', true],
    ['?.json', 'ab.json', false],
    ['[ab].json', 'b.json', true],
    ['[!ab].json', 'b.json', false],
    ['[a-c]x', 'bx', true],
    ['{a,b/c}.json', 'b/c.json', true],
    ['{a,{b,c}}.json', 'c.json', true],
    ['{a}.json', '{a}.json', true],
    ['\\*.json', '*.json', true],
    ['\\*.json', 'a.json', false],
    ['*', '.hidden', true],
  ];
  for (const [glob, path, expected] of cases) {
    it(`${glob} ${expected ? 'matches' : 'does not match'} ${path}${glob.includes('[!') ? '' : ', as picomatch says'}`, () => {
      expect(compileGlobs([glob])(path)).toBe(expected);
      // picomatch reads `[!ab]` as one of `!`, `a` and `b`; here it is a negation, as in gitignore and glob(7).
      if (!glob.includes('[!')) expect(picomatch(glob, { dot: true })(path)).toBe(expected);
    });
  }

  it('agrees with picomatch on random globs and paths', () => {
    const segment = fc.stringMatching(/^[ab.]{1,4}$/).filter((s) => s !== '.' && s !== '..');
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    const piece = fc.constantFrom('a', 'b', '.', '*', '?', '[ab]', '[^a]', '{a,b}', '{a,b*}');
    // `**` inside a segment next to braces is where picomatch's regular expressions differ from a glob's reading; not compared.
    const pieces = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join('')).filter((p) => !p.includes('**'));
    const globSegment = fc.oneof(pieces, fc.constant('**'));
    const glob = fc.array(globSegment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    fc.assert(
      // picomatch's `*/**` does not match `a` although `a/**` does; here both match the folder itself.
      fc.property(glob.filter((g) => !/\*[^/]*\/\*\*$/.test(g)), path, (g, p) => {
        expect(compileGlobs([g])(p)).toBe(picomatch(g, { dot: true })(p));
      }),
      { numRuns: 1500, seed: 20261129 },
    );
  }, 60_000);

  it('a folder that matches makes everything under it match, when asked', () => {
    const match = compileGlobs(['legacy', 'x/*/old']);
    expect(match('legacy/a/b.json', true)).toBe(true);
    expect(match('x/y/old/c.json', true)).toBe(true);
    expect(match('legacy/a/b.json')).toBe(false);
    expect(match('legacy.json', true)).toBe(false);
  });

  it('answers `*a*a*a*a*a*a*a*a*a*a*a*a*b` against names of 40 and 255 `a`s (picomatch: no answer in 20 s)', () => {
    const match = compileGlobs(['*a*a*a*a*a*a*a*a*a*a*a*a*b']);
    expect(match('a'.repeat(40))).toBe(false);
    expect(match('a'.repeat(255))).toBe(false);
    expect(match(`${'a'.repeat(254)}b`)).toBe(true);
    expect(match(`${'a/'.repeat(2000)}${'a'.repeat(40)}`, true)).toBe(false);
  });

  it('refuses what it does not support, saying what to use instead', () => {
    const refused = (glob: string) => () => compileGlobs([glob]);
    expect(refused('@(a|b).json')).toThrow(GlobError);
    expect(refused('+(a).json')).toThrow('extglobs (`@(...)`, `!(...)`, `+(...)`, `*(...)`, `?(...)`) are not supported; use `*`, `**`, `?`, `[...]` and `{a,b}`');
    expect(refused('!legacy')).toThrow('a leading `!` (negation) is not supported; list only what to ignore');
    expect(refused('[[:alpha:]].json')).toThrow('POSIX classes (`[[:alpha:]]`) are not supported; use a range such as `[a-z]`');
    expect(refused('v{1..3}')).toThrow('brace ranges (`{1..3}`) are not supported; list the alternatives (`{1,2,3}`)');
    expect(refused('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}')).toThrow('its braces expand to more than 256 globs');
    expect(refused('a'.repeat(1001))).toThrow('a glob of 1001 characters is longer than 1000');
  });
});
