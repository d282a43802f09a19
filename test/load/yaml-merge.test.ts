/**
 * YAML merge keys (`<<: *base`, YAML 1.1's merge type, which Spectral, Redocly and swagger-parser
 * read in OpenAPI YAML through js-yaml): expanded as authors expect, within the alias budget, each
 * merged entry at the position where it is written; any other value of `<<` is one clear error.
 */
import { describe, expect, it } from 'vitest';
import { readYaml } from '../../src/load/yaml-fast.js';
import { parseYaml } from '../../src/load/yaml.js';
import { brief, lintText } from '../helpers/lint.js';
import { wordingFaults } from '../helpers/messages.js';

const limits = { maxDepth: 100, maxAliases: 1000 };

/** Line:column of the key or value at `pointer`, as the engine would report it. */
function at(text: string, pointer: string[], target: 'key' | 'value' = 'key'): string {
  const out = readYaml(text, limits);
  const { span, resolvedDepth } = out.locations.find(out.value, pointer, target);
  expect(resolvedDepth).toBe(pointer.length);
  const before = text.slice(0, span.start).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

describe('merge keys are expanded', () => {
  const text = `base: &base
  description: Base
  required: true
extra: &extra
  description: Extra
  deprecated: true
one:
  <<: *base
  name: one
two:
  description: Two
  <<: [*extra, *base]
three:
  <<: {name: inline, in: query}
  in: path
quoted:
  "<<": *base
`;

  it('entries written in the mapping win, wherever `<<` stands; in a list, the first mapping named wins', () => {
    const out = readYaml(text, limits);
    expect(out.problems).toEqual([]);
    expect(out.value).toMatchObject({
      one: { description: 'Base', required: true, name: 'one' },
      two: { description: 'Two', deprecated: true, required: true },
      three: { name: 'inline', in: 'path' },
    });
    expect(Object.keys((out.value as Record<string, object>)['one']!)).toEqual(['description', 'required', 'name']);
    expect((out.value as Record<string, object>)['two']).not.toHaveProperty('<<');
  });

  it('a quoted "<<" is an ordinary key', () => {
    const out = readYaml(text, limits);
    expect((out.value as Record<string, Record<string, unknown>>)['quoted']!['<<']).toEqual({ description: 'Base', required: true });
  });

  it('each merged entry is where it is written: in the anchor, or in the inline mapping', () => {
    expect(at(text, ['one', 'required'])).toBe('3:3');
    expect(at(text, ['one', 'name'])).toBe('9:3');
    expect(at(text, ['two', 'deprecated'], 'value')).toBe('6:15');
    expect(at(text, ['two', 'description'], 'value')).toBe('11:16');
    expect(at(text, ['three', 'name'], 'value')).toBe('14:14');
    expect(at(text, ['three', 'in'], 'value')).toBe('15:7');
  });

  it('without anchors too (the fast path leaves merge keys to the exact one)', () => {
    const out = readYaml('a:\n  <<: {x: 1, y: 2}\n  y: 3\n', limits);
    expect(out.value).toEqual({ a: { x: 1, y: 3 } });
  });

  it('what a merge key expands counts against --max-aliases', () => {
    const bomb = 'a: &a {x: 1, y: 2, z: 3}\nb: &b\n  <<: *a\n  c: *a\n  d: *a\nc:\n  <<: *b\n  e: *b\n  f: *b\n';
    expect(parseYaml(bomb, { maxDepth: 100, maxAliases: 1000 }).ok).toBe(true);
    const out = parseYaml(bomb, { maxDepth: 100, maxAliases: 20 });
    expect(out.ok).toBe(false);
    expect(out.problems.map((p) => p.kind)).toEqual(['limit']);
  });

  it('a merge key inside the mapping it merges is a cycle, not a hang', () => {
    const out = parseYaml('a: &a\n  <<: *a\n', limits);
    expect(out.problems.map((p) => [p.kind, p.message, p.offset])).toEqual([['syntax', 'Alias `*a` is inside the node it refers to, which would repeat forever', 12]]);
  });
});

describe('merge keys in a connector', () => {
  const HEAD = "openapi: 3.0.3\ninfo: {title: Merges, version: '1'}\n";

  it('merged keys count as written (a merged `description` is there), and a problem in the shared part is reported once, at the anchor', () => {
    const text = `${HEAD}x-ok: &ok
  description: OK
  content:
    application/json:
      schema: {type: object, additionalItems: false}
paths:
  /a:
    get:
      responses:
        '200':
          <<: *ok
        '201':
          <<: *ok
          description: Created
`;
    const result = lintText(text, 'merges.yaml');
    expect(result.diagnostics.map(brief)).toEqual([
      { ruleId: 'oas-schema', severity: 'error', pointer: '/paths/~1a/get/responses/200/content/application~1json/schema/additionalItems', line: 7, column: 30 },
    ]);
  });

  it('an unknown key brought in by a merge is reported where it is written', () => {
    const text = `${HEAD}x-action: &action
  category: contacts
paths:
  /a: {post: {tags: [Actions], responses: {'200': {description: OK}}}}
preDefinedActions:
  - <<: *action
    resourcePath: /a/post
    name: Create
`;
    const result = lintText(text, 'merges.yaml');
    expect(result.diagnostics.map((d) => [d.ruleId, d.pointer, d.range.start.line, d.range.start.column])).toEqual([['unknown-key', '/preDefinedActions/0/category', 4, 3]]);
  });

  for (const [value, what] of [
    ['5', 'here its value is a number'],
    ["'text'", 'here its value is a string'],
    ['', 'here its value is empty'],
    ['[*ok, 5]', 'item 2 of its list is a number'],
    ['[*ok, [*ok]]', 'item 2 of its list is a list'],
  ] as const) {
    it(`\`<<: ${value}\` is one syntax error that says what \`<<\` takes`, () => {
      const text = `${HEAD}x-ok: &ok {description: OK}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          <<: ${value}\n          description: OK\n`;
      const result = lintText(text, 'merges.yaml');
      expect(result.diagnostics.map((d) => [d.ruleId, d.messageId, d.message, d.range.start.line])).toEqual([
        ['syntax-error', 'syntax', `The merge key \`<<\` takes a mapping, an alias of one (\`<<: *base\`) or a list of them (\`<<: [*a, *b]\`); ${what}`, 9],
      ]);
      expect(wordingFaults(result.diagnostics)).toEqual([]);
    });
  }
});
