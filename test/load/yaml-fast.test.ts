/**
 * The js-yaml fast path gives the same value and positions (every key and value span, to the
 * offset) as the exact path (the `yaml` package), or steps aside for it.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { EVENTS_MAX_CHARS, EXACT_YAML_MAX_CHARS, LazyYamlLocations, parseYamlFast, readYaml, yamlPositions } from '../../src/load/yaml-fast.js';
import { parseYaml } from '../../src/load/yaml.js';
import type { ParseOutput } from '../../src/load/json.js';
import { defaultLimits } from '../../src/load/source.js';
import { FIXTURES } from '../helpers/lint.js';
import { CLEAN_YAML } from '../hostile/helpers.js';

vi.setConfig({ testTimeout: 300_000 });

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : [];
  });
}

/** Every key and value span of `a`, by pointer, with the root's. */
function spans(out: { value: unknown; locations: ParseOutput['locations'] }): Map<string, unknown> {
  const found = new Map<string, unknown>([['', out.locations.find(out.value, [], 'value')]]);
  const walk = (v: unknown, segments: string[]) => {
    if (v === null || typeof v !== 'object') return;
    for (const k of Object.keys(v)) {
      const s = [...segments, k];
      found.set('/' + s.join('/'), [out.locations.find(out.value, s, 'key'), out.locations.find(out.value, s, 'value')]);
      walk((v as Record<string, unknown>)[k], s);
    }
  };
  walk(out.value, []);
  return found;
}

/** What placed the fast path's nodes (after a position was asked for). */
function placedBy(out: ParseOutput): string | undefined {
  return out.locations instanceof LazyYamlLocations ? out.locations.placedBy : 'not lazy';
}

/** The fast path takes `text`, and its value and positions are the exact path's; `placed`: what must place them. */
function expectSame(text: string, mayDecline = false, placed: string | undefined = 'events'): void {
  const exact = parseYaml(text, defaultLimits);
  const fast = parseYamlFast(text, defaultLimits);
  if (exact.problems.length > 0) {
    expect(fast, 'the fast path steps aside for what the exact path refuses').toBeUndefined();
    return;
  }
  // A fixture may use anchors or tags: then the exact path reads it, and readYaml gives its output.
  if (mayDecline && fast === undefined) {
    expect(readYaml(text, defaultLimits)).toEqual(exact);
    return;
  }
  expect(fast, 'the fast path takes it').toBeDefined();
  expect(fast!.value).toStrictEqual(exact.value);
  expect(spans(fast!)).toEqual(spans(exact));
  if (placed) expect(placedBy(fast!), 'what placed the nodes').toBe(placed);
  const second = yamlPositions(text, defaultLimits.maxDepth);
  expect(second, 'the second pass places it').toBeDefined();
}

/** Keys whose text does not spell their name plainly: a second pass of js-yaml names them. */
const SECOND_PASS = [
  '200: ok\n404:\n  description: x\n1.5: f\ntrue: t\n0x1F: h\n',
  '"a\\tb": 1\nc: 2\n',
  '0o17: 1\nb: 2\n',
  '1.0: a\n"1.0": b\n',
  'x:\n  True: 1\n  y: [1]\n',
];

/** Shapes beyond what yaml.stringify writes: comments, chomping, empty values, CRLF, numbers as keys. */
const EDGES = [
  'a: 1 # c\nb:   # after key\n  # own line\n  c: 2\n  d: 3   # trailing\n# end comment\n',
  'a: |+\n  keep\n\n\nb: >-\n  strip\n  this\n\nc: |\n  clip\n    more\n\n',
  'a:\nb: ~\nc: \nd: null\ne: []\nf: {}\n',
  'a: 1\r\nb:\r\n  - x\r\n  - y\r\nc: "q"\r\n',
  '---\na: 1\nb: 2\n...\n',
  '200: ok\n404:\n  description: x\n1.5: f\ntrue: t\n0x1F: h\n',
  'a: [1, 2,\n  3, {b: c,\n  d: e}]\nf: {g: [h, i], j: k}\n',
  'a: plain text\n  continued here\n  and here\nb: "dq: x"\nc: \'sq\'\'x\'\n"key with: colon": 1\n',
  'a: 1',
  'a:\n  - b\n  - c\n# trailing comment',
  'root:\n  k: v\n\n\n\nother: 2\n\n\n',
  'a: "multi\n  line"\nb: \'x\n\n  y\'\n',
  'a:\n    - 1\n    - 2\nb:\n- 3\n- 4\n',
  'a: {}\nb: [ ]\nc: [a, b]   \nd: x\t\n',
  'on: yes\nno: off\ny: n\n',
  'a: Null\nb: NULL\nc: True\nd: FALSE\ne: TRUE\nf: nULL\ng: -0\nh: +.5\ni: -.inf\nj: ~x\nk: .NaN\nl: +12e-3\nm: Nope\nn: tRUE\n',
  'a: 1_000\nb: 0o17\nc: +12\nd: .5\ne: 1e3\nf: .inf\ng: -.Inf\nh: .nan\ni: 0b1\nj: 2001-12-14\nk: 1.\nl: 007\nm: 12%\n',
  '"a": 1\n\'b\': 2\n"c"  : 3\n',
  'x: "tab\there"\ny: a # c\n  # c2\nz: 3\n',
  'a: >\n  folded\n  text\n\n  para\nb: |2\n    indented\n',
  'list:\n- a # c\n- b\n\n# c\n- c\n',
  '- a\n- b\n',
  '[a, b]\n',
  '{a: 1}\n',
  '  a: 1\n  b: 2\n',
  'a:\n\n  b: 1\n',
  '__proto__: 1\nconstructor: 2\n',
  'b: "- x"\nc: -1\n',
  'a: "x" # c\nb: {c: 1} # d\nc: [1] # e\n',
  'a: |+\n  keep\n\n',
  'a: |-\n  strip\n\nb: 1\n',
  'a: { }\nb: {x: , y: 1}\n',
  'a: |\n  x\n\n\n# comment\nb: 1\n',
  'seq:\n  - a: 1\n    b: 2 # c\n  - c\nz: 0\n',
  'a: >\n\n  x\n  \nb: 2\n',
  'a:    \n  b\n',
  '- - a\n- - - b\n  - c\n',
  'a:\n- - x\n  - [y]\n- {z: 1}\n',
  '[[a], [[b]]]\n',
  'a: [[1]]\nb: {c: {d: [e]}}\n',
  ...SECOND_PASS,
];


describe('parseYamlFast', () => {
  it('matches the exact path on the YAML fixtures and the test connector', () => {
    expectSame(CLEAN_YAML);
    for (const file of files(FIXTURES, /\.ya?ml$/)) {
      const text = readFileSync(file, 'utf8');
      if (parseYaml(text, defaultLimits).problems.length === 0) expectSame(text, true);
    }
  });

  it('matches the exact path on every fixture and corpus connector written as YAML, in three styles', () => {
    // The fixtures; the real connectors of the corpus are not beside a fresh clone (npm run test:corpus).
    for (const file of files(FIXTURES, /\.json$/)) {
      let value: unknown;
      try {
        value = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        continue;
      }
      expectSame(stringify(value));
      expectSame(stringify(value, { indentSeq: false, lineWidth: 40 }));
      expectSame(stringify(value, { collectionStyle: 'flow' }));
    }
  });

  it.each(EDGES.map((t) => [JSON.stringify(t).slice(0, 50), t]))('matches the exact path on %s', (_, text) => {
    expectSame(text, false, SECOND_PASS.includes(text) ? 'second pass' : 'events');
  });

  it.each([
    ['an anchor and its alias', 'a: &x [1]\nb: *x\n'],
    ['a tag on a collection', 'a: !!map {b: 1}\n'],
    ['a tag the schema does not know', 'a: !custom x\n'],
    ['a directive', '%YAML 1.1\n---\na: yes\n'],
    ['a duplicate key', 'a: 1\nb: 2\na: 3\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['CR-only line breaks', 'a: 1\rb: 2\r'],
    ['an empty file', ''],
    ['comments only', '# nothing\n'],
    ['a syntax error', 'a: [1, 2\n'],
    ['a lone `-` as a value (js-yaml reads a string)', 'a: -\nb: 1\n'],
    ['a null key (js-yaml names it `null`, the exact path \'\')', 'a:\n  ~: 1\n  b: 2\n'],
    ['a key `null`', 'null: 1\n'],
    ['nesting past --max-depth', `a: ${'['.repeat(600)}${']'.repeat(600)}\n`],
  ])('steps aside for %s, which the exact path reads', (_, text) => {
    expect(parseYamlFast(text, defaultLimits)).toBeUndefined();
    expect(readYaml(text, defaultLimits)).toEqual(parseYaml(text, defaultLimits));
  });

  it.each([
    ['an explicit key', '? a\n: b\nc: d\n'],
    ['a flow pair in a sequence', 'a: [b: c]\nd: 1\n'],
    ['an empty item of a block sequence', 'a:\n  - x\n  -\n  - z\n'],
  ])('takes positions it cannot place (%s) from the exact path', (_, text) => {
    const fast = parseYamlFast(text, defaultLimits)!;
    expect(fast).toBeDefined();
    expect(yamlPositions(text, defaultLimits.maxDepth)).toBeUndefined();
    expect(spans(fast)).toEqual(spans(parseYaml(text, defaultLimits)));
  });
});

describe('positions of a document whose root has a tag', () => {
  it('come from the exact path, without an error', () => {
    const out = parseYamlFast('!!str abc\n', defaultLimits)!;
    expect(out.value).toBe('abc');
    expect(out.locations.find(out.value, [], 'value')).toEqual(parseYaml('!!str abc\n', defaultLimits).locations.find('abc', [], 'value'));
    expect(placedBy(out)).toBe('exact path');
  });
});

describe('positions from the events of a large document', () => {
  it('are the exact path\'s past the first chunk of events (65,536 integers), placed from the events', () => {
    const entries = Array.from({ length: 40_000 }, (_, i) => `  k${i}:\n    - ${i}\n    - {x: "${i}"}\n`).join('');
    const text = `a: 1\nbig:\n${entries}last:\n  deep: [1, {y: z}]\n`;
    const fast = parseYamlFast(text, defaultLimits)!;
    const exact = parseYaml(text, defaultLimits);
    for (const segments of [['last', 'deep', '1', 'y'], ['big', 'k39999', '1', 'x'], ['big', 'k20000'], ['big', 'k0', '0'], ['last'], []]) {
      for (const target of ['key', 'value'] as const) {
        expect(fast.locations.find(fast.value, segments, target), segments.join('/')).toEqual(exact.locations.find(exact.value, segments, target));
      }
    }
    expect(placedBy(fast)).toBe('events');
  });
});

describe('YAML above what the exact path reads', () => {
  /** An entry of 20 characters per line, `chars` or a little more in all. */
  const filler = (chars: number) => Array.from({ length: Math.ceil(chars / 20) }, (_, i) => `k${String(i).padStart(9, '0')}: v123456\n`).join('');
  const size = EXACT_YAML_MAX_CHARS + 1024;

  it('is read by the fast path', () => {
    const text = 'openapi: 3.0.3\n' + filler(size);
    const out = readYaml(text, defaultLimits);
    expect([out.ok, out.problems]).toEqual([true, []]);
    expect(Object.keys(out.value as object)).toHaveLength(Math.ceil(size / 20) + 1);
  });

  it('keeps no log of its events, and reads it again for the first position a diagnostic needs', () => {
    const text = 'openapi: 3.0.3\n' + filler(size) + 'last:\n  deep: [1, {y: z}]\n';
    expect(text.length).toBeGreaterThan(EVENTS_MAX_CHARS);
    const out = parseYamlFast(text, defaultLimits)!;
    const tail = text.length - 'last:\n  deep: [1, {y: z}]\n'.length;
    expect(out.locations.find(out.value, ['last', 'deep', '1', 'y'], 'key').span).toEqual({ start: tail + 19, end: tail + 20 });
    expect(out.locations.find(out.value, ['k000000002'], 'value').span).toEqual({ start: 15 + 40 + 12, end: 15 + 40 + 19 });
    expect(placedBy(out)).toBe('events');
  });

  it('with anchors: one input-limit problem, not an exhausted heap', () => {
    const text = 'a: &x [1]\nb: *x\n' + filler(size);
    expect(readYaml(text, defaultLimits)).toMatchObject({
      ok: false,
      problems: [{ kind: 'limit', message: 'The YAML is 4 MB and uses anchors, merge keys, tags or directives, which cdp-lint reads in files up to 4 MB; remove them or split the file', offset: 0 }],
    });
  });

  it('with a syntax error: js-yaml words it, where it is', () => {
    const text = filler(size) + 'z: [1, 2\n';
    const out = readYaml(text, defaultLimits);
    expect(out.ok).toBe(false);
    expect(out.problems).toHaveLength(1);
    expect(out.problems[0]).toMatchObject({ kind: 'syntax' });
    expect(out.problems[0]!.message).toMatch(/^Unexpected end of the stream within a flow collection/);
    expect(out.problems[0]!.offset).toBeGreaterThan(text.length - 20);
  });

  it('nested too deeply: the exact path\'s nesting check, streaming', () => {
    const text = `x: ${'['.repeat(600)}${']'.repeat(600)}\n` + filler(size);
    expect(readYaml(text, defaultLimits).problems).toEqual([
      { kind: 'depth', message: 'Nesting is deeper than 512 levels; cdp-lint stops here (raise --max-depth if this is intended)', offset: 3 + 511, end: 3 + 512 },
    ]);
  });
});
