/**
 * Input limits through the built CLI: each ends in a clear input-limit diagnostic at the place it
 * is exceeded, and each flag raises it (the boundary value itself is allowed).
 */
import { truncateSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLEAN, CLEAN_YAML, Scratch, at, position, withRef, type Diag } from './helpers.js';

let s: Scratch;
beforeEach(() => {
  s = new Scratch();
});
afterEach(() => s.remove());

function limit(message: string, pos: { line: number; column: number }, pointer = ''): Diag {
  return { ruleId: 'input-limit', severity: 'error', message, pointer, ...pos };
}

function lintOne(name: string, args: string[] = []) {
  const { code, report } = s.lint([name, ...args]);
  return { code, diagnostics: report.files[0]!.diagnostics };
}

const depth = (n: number) => `Nesting is deeper than ${n} levels; cdp-lint stops here (raise --max-depth if this is intended)`;

describe('--max-file-size', () => {
  /** CLEAN padded with spaces to exactly `bytes` bytes. */
  const padded = (bytes: number) => CLEAN.replace(/\n$/, ' '.repeat(bytes - Buffer.byteLength(CLEAN)) + '\n');

  it('is hit, and raised', () => {
    s.write('c.json', padded(2048));
    expect(lintOne('c.json', ['--max-file-size', '1024'])).toEqual({
      code: 1,
      diagnostics: [limit('The file is 2 KB, above the 1 KB limit; cdp-lint does not read it (raise --max-file-size if this is intended)', { line: 1, column: 1 })],
    });
    expect(lintOne('c.json', ['--max-file-size', '2047'])).toEqual({
      code: 1,
      diagnostics: [limit('The file is 2048 bytes, above the 2047 bytes limit; cdp-lint does not read it (raise --max-file-size if this is intended)', { line: 1, column: 1 })],
    });
    expect(lintOne('c.json', ['--max-file-size', '2048'])).toEqual({ code: 0, diagnostics: [] });
  });

  it('defaults to 50 MB, and a too-large connector found in a folder is still reported', () => {
    const path = s.write('huge.json', CLEAN);
    truncateSync(path, 50 * 1024 * 1024 + 1); // sparse: the rest is NUL bytes that are never read
    s.write('small.json', CLEAN);
    const { code, report } = s.lint(['.']);
    expect(code).toBe(1);
    expect(report.files.map((f) => [f.path, f.diagnostics])).toEqual([
      ['huge.json', [limit('The file is 52428801 bytes, above the 52428800 bytes limit; cdp-lint does not read it (raise --max-file-size if this is intended)', { line: 1, column: 1 })]],
      ['small.json', []],
    ]);
  });
});

describe('--max-depth', () => {
  /** CLEAN with an `x-deep` value nested `levels` arrays deep (the root object is level 1). */
  const deepJson = (levels: number) => CLEAN.replace('"openapi": "3.0.3",', `"openapi": "3.0.3",\n  "x-deep": ${'['.repeat(levels)}${']'.repeat(levels)},`);
  const deepYaml = (levels: number) => `${CLEAN_YAML}x-deep: ${'['.repeat(levels)}${']'.repeat(levels)}\n`;
  /** CLEAN_YAML with mappings nested `levels` deep under x-deep (the root mapping is level 1). */
  const blockYaml = (levels: number) => {
    let text = CLEAN_YAML + 'x-deep:\n';
    for (let i = 1; i <= levels - 2; i++) text += ' '.repeat(i) + `k${i}:\n`;
    return text + ' '.repeat(levels - 1) + 'v: 1\n';
  };
  /** Position of the `nth` (1-based) `[` of x-deep. */
  const bracket = (text: string, nth: number) => position(text, text.indexOf('[[') + nth - 1);

  it('JSON: 10 levels pass --max-depth 10, 11 do not', () => {
    s.write('ok.json', deepJson(9));
    expect(lintOne('ok.json', ['--max-depth', '10'])).toEqual({ code: 0, diagnostics: [] });
    const text = deepJson(10);
    s.write('deep.json', text);
    expect(lintOne('deep.json', ['--max-depth', '10'])).toEqual({ code: 1, diagnostics: [limit(depth(10), bracket(text, 10))] });
  });

  it('JSON: 601 levels hit the default, and pass --max-depth 601', () => {
    const text = deepJson(600);
    s.write('deep.json', text);
    expect(lintOne('deep.json')).toEqual({ code: 1, diagnostics: [limit(depth(512), bracket(text, 512))] });
    expect(lintOne('deep.json', ['--max-depth', '601'])).toEqual({ code: 0, diagnostics: [] });
  });

  it('JSON: 100,000 levels with --max-depth raised past them end without a crash', () => {
    const text = deepJson(100_000);
    s.write('deep.json', text);
    const { code, diagnostics } = lintOne('deep.json', ['--max-depth', '200000']);
    expect(code).toBe(1);
    expect(diagnostics).toEqual([limit('The document is nested too deeply to check (the walk ran out of stack); flatten it or lower --max-depth', { line: 1, column: 1 })]);
  });

  it('YAML flow: 10 levels pass --max-depth 10, 11 do not', () => {
    s.write('ok.yaml', deepYaml(9));
    expect(lintOne('ok.yaml', ['--max-depth', '10'])).toEqual({ code: 0, diagnostics: [] });
    const text = deepYaml(10);
    s.write('deep.yaml', text);
    expect(lintOne('deep.yaml', ['--max-depth', '10'])).toEqual({ code: 1, diagnostics: [limit(depth(10), bracket(text, 10))] });
  });

  it('YAML block: 10 levels pass --max-depth 10, 11 do not', () => {
    s.write('ok.yaml', blockYaml(10));
    expect(lintOne('ok.yaml', ['--max-depth', '10'])).toEqual({ code: 0, diagnostics: [] });
    const text = blockYaml(11);
    s.write('deep.yaml', text);
    // The 11th level is the mapping that holds `v`.
    expect(lintOne('deep.yaml', ['--max-depth', '10'])).toEqual({ code: 1, diagnostics: [limit(depth(10), at(text, 'v: 1'))] });
  });

  it('YAML: 600 levels hit the default and pass --max-depth 700', () => {
    const text = deepYaml(600);
    s.write('deep.yaml', text);
    expect(lintOne('deep.yaml')).toEqual({ code: 1, diagnostics: [limit(depth(512), bracket(text, 512))] });
    expect(lintOne('deep.yaml', ['--max-depth', '700'])).toEqual({ code: 0, diagnostics: [] });
  });

  it('YAML: nesting built by aliases counts where the alias is used', () => {
    const text = `${CLEAN_YAML}x-inner: &inner [[[1]]]\nx-outer: [[[[*inner]]]]\n`;
    s.write('alias.yaml', text);
    // x-outer: root 1, four arrays 2-5, the alias's three arrays 6-8.
    expect(lintOne('alias.yaml', ['--max-depth', '8'])).toEqual({ code: 0, diagnostics: [] });
    expect(lintOne('alias.yaml', ['--max-depth', '7'])).toEqual({ code: 1, diagnostics: [limit(depth(7), at(text, '[1]]]'))] });
  });

  it('YAML: past what the YAML reader can compose, whatever the flag says', () => {
    s.write('deep.yaml', '['.repeat(20_000) + ']'.repeat(20_000));
    expect(lintOne('deep.yaml', ['--max-depth', '1000000'])).toEqual({
      code: 1,
      diagnostics: [limit('The YAML is nested too deeply for the YAML reader (it ran out of stack); flatten the document or lower --max-depth', { line: 1, column: 10_001 })],
    });
  });
});

describe('--max-aliases', () => {
  const text = `${CLEAN_YAML}x-anchor: &a [1, 2, 3]\nx-uses: [${Array(10).fill('*a').join(', ')}]\n`;
  const aliases = (n: number) => `YAML aliases expand to more than ${n} nodes; cdp-lint stops here (raise --max-aliases if this is intended)`;

  it('ten aliases of a 4-node sequence pass --max-aliases 40, not 39', () => {
    s.write('aliases.yaml', text);
    expect(lintOne('aliases.yaml', ['--max-aliases', '40'])).toEqual({ code: 0, diagnostics: [] });
    expect(lintOne('aliases.yaml', ['--max-aliases', '39'])).toEqual({ code: 1, diagnostics: [limit(aliases(39), at(text, '*a', 9))] });
  });

  it('the default lets ordinary use through', () => {
    s.write('aliases.yaml', text);
    expect(lintOne('aliases.yaml')).toEqual({ code: 0, diagnostics: [] });
  });
});

describe('--max-ref-hops', () => {
  // The request body's $ref -> R1 -> R2 -> R3 (a schema): three hops from the body.
  const text = withRef('#/components/schemas/R1', {
    R1: { $ref: '#/components/schemas/R2' },
    R2: { $ref: '#/components/schemas/R3' },
    R3: { type: 'object' },
  });

  it('three hops pass --max-ref-hops 3, not 2', () => {
    s.write('chain.json', text);
    expect(lintOne('chain.json', ['--max-ref-hops', '3'])).toEqual({ code: 0, diagnostics: [] });
    expect(lintOne('chain.json', ['--max-ref-hops', '2'])).toEqual({
      code: 1,
      diagnostics: [
        {
          ruleId: 'unresolved-ref',
          severity: 'error',
          message: '`#/components/schemas/R1` does not resolve: it takes more than 2 chained references to reach a value (raise --max-ref-hops if this is intended)',
          pointer: '/paths/~1contacts/post/requestBody/content/application~1json/schema/$ref',
          ...at(text, '"#/components/schemas/R1"'),
        },
      ],
    });
  });

  it('the default (100) follows a 100-hop chain, not a 101-hop one', () => {
    const chain = (hops: number) => {
      const schemas: Record<string, unknown> = {};
      for (let i = 1; i < hops; i++) schemas[`R${i}`] = { $ref: `#/components/schemas/R${i + 1}` };
      schemas[`R${hops}`] = { type: 'object' };
      return withRef('#/components/schemas/R1', schemas);
    };
    s.write('ok.json', chain(100));
    expect(lintOne('ok.json')).toEqual({ code: 0, diagnostics: [] });
    s.write('long.json', chain(101));
    const { code, diagnostics } = lintOne('long.json');
    expect(code).toBe(1);
    expect(diagnostics.map((d) => [d.pointer, d.message])).toEqual([
      ['/paths/~1contacts/post/requestBody/content/application~1json/schema/$ref', '`#/components/schemas/R1` does not resolve: it takes more than 100 chained references to reach a value (raise --max-ref-hops if this is intended)'],
    ]);
  });
});
