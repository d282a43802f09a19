/**
 * Hostile and broken files through the built CLI: every input ends in exit 0/1 with a report (an
 * unusable file is a diagnostic on that file) or exit 2 with one line on stderr; never a stack
 * trace, never a hang.
 */
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLEAN, CLEAN_YAML, NO_PUT, Scratch, at, expectUsageError, position, settle, type Diag } from './helpers.js';

let s: Scratch;
beforeEach(() => {
  s = new Scratch();
});
afterEach(() => s.remove());

const DEPTH_512 = 'Nesting is deeper than 512 levels; cdp-lint stops here (raise --max-depth if this is intended)';

function diag(ruleId: string, severity: string, message: string, pointer: string, pos: { line: number; column: number }): Diag {
  return { ruleId, severity, message, pointer, ...pos };
}

/** Lint one file and return its exit code and diagnostics. */
function lintOne(name: string, args: string[] = []) {
  const { code, report } = s.lint([name, ...args]);
  expect(report.files.map((f) => f.path)).toEqual([name]);
  return { code, diagnostics: report.files[0]!.diagnostics, layout: report.files[0]!.layout };
}

describe('empty and non-text files', () => {
  it('empty file', () => {
    s.write('empty.json', '');
    expect(lintOne('empty.json')).toEqual({ code: 1, layout: 'unknown', diagnostics: [diag('syntax-error', 'error', 'The file is empty: expected a JSON object', '', { line: 1, column: 1 })] });
  });

  it('empty YAML file', () => {
    s.write('empty.yaml', '');
    expect(lintOne('empty.yaml').diagnostics).toEqual([diag('syntax-error', 'error', 'The file is empty: expected a YAML mapping', '', { line: 1, column: 1 })]);
  });

  it('whitespace only', () => {
    s.write('blank.json', '  \n\t\r\n   \n');
    expect(lintOne('blank.json')).toEqual({
      code: 1,
      layout: 'unknown',
      diagnostics: [diag('syntax-error', 'error', 'The file contains only whitespace: expected a JSON object', '', { line: 1, column: 1 })],
    });
  });

  it('whitespace and comments only, in YAML', () => {
    s.write('blank.yaml', '\n   \n');
    s.write('comments.yaml', '# nothing here\n   # still nothing\n');
    const { code, report } = s.lint(['blank.yaml', 'comments.yaml']);
    expect(code).toBe(1);
    expect(report.files.map((f) => f.diagnostics)).toEqual([
      [diag('syntax-error', 'error', 'The file contains only whitespace: expected a YAML mapping', '', { line: 1, column: 1 })],
      [diag('syntax-error', 'error', 'The file contains only comments: expected a YAML mapping', '', { line: 1, column: 1 })],
    ]);
  });

  it('binary garbage (a PNG named .json)', () => {
    s.write('logo.json', Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
    expect(lintOne('logo.json')).toEqual({
      code: 1,
      layout: 'unknown',
      diagnostics: [diag('syntax-error', 'error', 'The file is not valid UTF-8: byte 0x89 at byte 0 (save it as UTF-8)', '', { line: 1, column: 1 })],
    });
  });

  it('binary garbage that happens to be valid UTF-8 (NUL bytes)', () => {
    s.write('blob.yaml', Buffer.from([0x7b, 0x0a, 0x41, 0x00, 0x01, 0x02, 0x03]));
    expect(lintOne('blob.yaml').diagnostics).toEqual([
      diag('syntax-error', 'error', 'The file contains a NUL byte at byte 3: it is binary, or UTF-16 without a byte order mark (save it as UTF-8)', '', { line: 2, column: 2 }),
    ]);
  });

  it('pseudo-random bytes', () => {
    let x = 0x2545f491;
    const bytes = Buffer.alloc(100_000, 0).map(() => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x & 0xff;
    });
    s.write('noise.json', bytes);
    const { code, diagnostics } = lintOne('noise.json');
    expect(code).toBe(1);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ ruleId: 'syntax-error', severity: 'error', pointer: '' });
    expect(diagnostics[0]!.message).toMatch(/^The file (is not valid UTF-8: byte 0x[0-9A-F]{2} at byte \d+|contains a NUL byte at byte \d+: .*) \(save it as UTF-8\)$/);
  });
});

describe('encodings', () => {
  const utf16 = 'The file is UTF-16LE; it was decoded, but connector definitions should be saved as UTF-8';
  const withPut = CLEAN.replace('"/contacts/post"', '"/contacts/put"');

  it('UTF-16 LE with a byte order mark is decoded, with a warning, and positions are those of the text', () => {
    s.write('le.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(withPut, 'utf16le')]));
    expect(lintOne('le.json')).toEqual({
      code: 1,
      layout: 'openapi',
      diagnostics: [
        diag('encoding', 'warning', utf16, '', { line: 1, column: 1 }),
        diag('resource-path', 'error', NO_PUT, '/preDefinedActions/0/resourcePath', at(withPut, '"/contacts/put"')),
      ],
    });
  });

  it('UTF-16 BE with a byte order mark is decoded, with a warning', () => {
    const be = Buffer.from(CLEAN, 'utf16le').swap16();
    s.write('be.json', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    expect(lintOne('be.json')).toEqual({
      code: 0,
      layout: 'openapi',
      diagnostics: [diag('encoding', 'warning', utf16.replace('UTF-16LE', 'UTF-16BE'), '', { line: 1, column: 1 })],
    });
  });

  it('UTF-16 without a byte order mark is reported as not UTF-8', () => {
    s.write('nobom.json', Buffer.from(CLEAN, 'utf16le'));
    expect(lintOne('nobom.json').diagnostics).toEqual([
      diag('syntax-error', 'error', 'The file contains a NUL byte at byte 1: it is binary, or UTF-16 without a byte order mark (save it as UTF-8)', '', { line: 1, column: 2 }),
    ]);
  });

  it('a UTF-16 byte order mark followed by an odd number of bytes', () => {
    s.write('odd.json', Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d]));
    expect(lintOne('odd.json').diagnostics).toEqual([
      diag('syntax-error', 'error', 'The file starts with a UTF-16LE byte order mark but is not valid UTF-16LE (save it as UTF-8)', '', { line: 1, column: 1 }),
    ]);
  });

  it('UTF-8 with a byte order mark: no diagnostic, and columns do not count the mark', () => {
    s.write('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(withPut)]));
    s.write('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CLEAN_YAML)]));
    const { code, report } = s.lint(['bom.json', 'bom.yaml']);
    expect(code).toBe(1);
    expect(report.files.map((f) => f.diagnostics)).toEqual([[diag('resource-path', 'error', NO_PUT, '/preDefinedActions/0/resourcePath', at(withPut, '"/contacts/put"'))], []]);
  });

  it('invalid UTF-8 bytes: reported at their line and column', () => {
    const text = CLEAN.replace('"List contacts"', '"List contacts \u0000"');
    const bytes = Buffer.from(text);
    const nul = bytes.indexOf(0);
    bytes[nul] = 0xc3; // a lead byte followed by `"`: not UTF-8
    s.write('latin1.json', bytes);
    expect(lintOne('latin1.json')).toEqual({
      code: 1,
      layout: 'unknown',
      diagnostics: [diag('syntax-error', 'error', `The file is not valid UTF-8: byte 0xC3 at byte ${nul} (save it as UTF-8)`, '', at(text, '\u0000'))],
    });
  });
});

describe('values that are not connectors', () => {
  const cases: Array<[string, string, string]> = [
    ['array.json', '[{"openapi": "3.0.3"}]\n', 'an array'],
    ['string.json', '"openapi"\n', 'a string'],
    ['number.json', '42\n', 'a number'],
    ['null.json', 'null\n', 'null'],
    ['string.yaml', 'just some text\n', 'a string'],
    ['list.yaml', '- openapi: 3.0.3\n', 'an array'],
  ];
  for (const [name, text, type] of cases) {
    it(`top-level ${type} (${name})`, () => {
      s.write(name, text);
      expect(lintOne(name)).toEqual({
        code: 1,
        layout: 'unknown',
        diagnostics: [diag('connector-layout', 'error', `This is not a connector definition: the top level is ${type}, expected an object`, '', { line: 1, column: 1 })],
      });
    });
  }

  it('a Swagger 2.0 document', () => {
    const text = '{\n  "swagger": "2.0",\n  "info": {"title": "Pets", "version": "1"},\n  "paths": {}\n}\n';
    s.write('swagger.json', text);
    const { code, diagnostics, layout } = lintOne('swagger.json');
    expect({ code, layout }).toEqual({ code: 1, layout: 'openapi' });
    expect(diagnostics).toContainEqual(
      diag(
        'openapi-version',
        'error',
        'Swagger 2.0 is not supported: connector definitions are OpenAPI 3.0 documents (`"openapi": "3.0.3"`); convert the document first',
        '/swagger',
        at(text, '"2.0"'),
      ),
    );
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId)).toEqual(['openapi-version']);
  });

  it('a JSON file that is not a connector, named explicitly', () => {
    s.write('package.json', '{\n  "name": "my-connectors",\n  "version": "1.0.0"\n}\n');
    expect(lintOne('package.json')).toEqual({
      code: 1,
      layout: 'unknown',
      diagnostics: [
        diag(
          'connector-layout',
          'error',
          'This is not a connector definition: expected an OpenAPI document (`openapi`), a hub connector (`resources`, `preDefinedActions`, ...) or a storage connector',
          '',
          { line: 1, column: 1 },
        ),
      ],
    });
  });

  it('a JSON file that is not a connector, found in a folder, is skipped', () => {
    s.write('package.json', '{"name": "my-connectors", "version": "1.0.0"}\n');
    s.write('connector.json', CLEAN);
    const { code, report } = s.lint(['.']);
    expect(code).toBe(0);
    expect(report.files.map((f) => f.path)).toEqual(['connector.json']);
  });
});

describe('large and deep input', () => {
  it('numbers with thousands of digits', () => {
    const digits = '1234567890'.repeat(500);
    const text = CLEAN.replace('"openapi": "3.0.3",', `"openapi": "3.0.3",\n  "x-big": ${digits},\n  "x-frac": -0.${digits}e-${digits},\n  "x-huge": ${digits}e${digits},`);
    s.write('numbers.json', text);
    expect(lintOne('numbers.json')).toEqual({ code: 0, layout: 'openapi', diagnostics: [] });
  });

  it('a malformed number with thousands of digits', () => {
    const digits = '9'.repeat(5000);
    const text = CLEAN.replace('"openapi": "3.0.3",', `"openapi": "3.0.3",\n  "x-big": 0${digits},`);
    s.write('numbers.json', text);
    expect(lintOne('numbers.json').diagnostics).toEqual([diag('syntax-error', 'error', 'Invalid number', '', at(text, `0${digits}`))]);
  });

  it('a 5 MB single line, with a problem at its end', () => {
    const doc = JSON.parse(CLEAN.replace('"/contacts/post"', '"/contacts/put"')) as Record<string, unknown>;
    const { preDefinedActions, preDefinedEvents, ...rest } = doc;
    const text = JSON.stringify({ ...rest, 'x-blob': 'a'.repeat(5 * 1024 * 1024), preDefinedActions, preDefinedEvents });
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
    s.write('line.json', text);
    const put = at(text, '"/contacts/put"');
    expect(put.line).toBe(1);
    expect(lintOne('line.json')).toEqual({ code: 1, layout: 'openapi', diagnostics: [diag('resource-path', 'error', NO_PUT, '/preDefinedActions/0/resourcePath', put)] });
  });

  it('100,000 levels of nesting in JSON', () => {
    const text = `{"openapi": "3.0.3", "x-deep": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    s.write('deep.json', text);
    // The root object is level 1: the 512th `[` opens level 513.
    expect(lintOne('deep.json')).toEqual({ code: 1, layout: 'unknown', diagnostics: [diag('input-limit', 'error', DEPTH_512, '', position(text, text.indexOf('[') + 511))] });
  });

  it('100,000 levels of nested objects in JSON', () => {
    const text = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    s.write('deep-objects.json', text);
    expect(lintOne('deep-objects.json').diagnostics).toEqual([diag('input-limit', 'error', DEPTH_512, '', { line: 1, column: 512 * 5 + 1 })]);
  });

  it('100,000 levels of flow nesting in YAML', () => {
    s.write('flow.yaml', '['.repeat(100_000) + ']'.repeat(100_000) + '\n');
    expect(lintOne('flow.yaml').diagnostics).toEqual([diag('input-limit', 'error', DEPTH_512, '', { line: 1, column: 513 })]);
  });

  it('100,000 levels of flow mappings in YAML', () => {
    s.write('flow-map.yaml', '{a: '.repeat(100_000) + '1' + '}'.repeat(100_000) + '\n');
    expect(lintOne('flow-map.yaml').diagnostics).toEqual([diag('input-limit', 'error', DEPTH_512, '', { line: 1, column: 512 * 4 + 1 })]);
  });

  it('100,000 levels of compact block sequences in YAML (`- - - …`)', () => {
    s.write('dashes.yaml', '- '.repeat(100_000) + 'x\n');
    expect(lintOne('dashes.yaml').diagnostics).toEqual([diag('input-limit', 'error', DEPTH_512, '', { line: 1, column: 512 * 2 + 1 })]);
  });

  it('1,000 levels of indented block mappings in YAML', () => {
    let text = '';
    for (let i = 0; i < 1000; i++) text += ' '.repeat(i) + 'k:\n';
    text += ' '.repeat(1000) + 'v: 1\n';
    s.write('block.yaml', text);
    expect(lintOne('block.yaml').diagnostics).toEqual([diag('input-limit', 'error', DEPTH_512, '', { line: 513, column: 513 })]);
  });

  it('a 600 KB records locator ends promptly (jsonpath-plus is quadratic in the path length)', () => {
    const text = CLEAN.replace('"preDefinedActions": [', `"pollingConfigs": {"/contacts/get": {"recordsLocator": "$${'.a'.repeat(300_000)}"}},\n  "preDefinedActions": [`);
    s.write('locator.json', text);
    expect(lintOne('locator.json')).toEqual({ code: 0, layout: 'openapi', diagnostics: [] });
  });

  it('a recursive schema with ten properties, under a long records locator, ends promptly', () => {
    const doc = JSON.parse(CLEAN) as Record<string, any>;
    doc['components']['schemas']['S'] = { type: 'object', properties: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i}`, { $ref: '#/components/schemas/S' }])) };
    doc['components']['schemas']['ContactList']['properties']['results']['items'] = { $ref: '#/components/schemas/S' };
    doc['pollingConfigs'] = { '/contacts/get': { recordsLocator: 'results.p1.p2.p3.p4.p5.p6.p7' } };
    s.write('wide.json', JSON.stringify(doc, null, 2));
    expect(lintOne('wide.json')).toEqual({ code: 0, layout: 'openapi', diagnostics: [] });
  });

  it('allOf chains naming the same schema ten times per level (10^20 paths) end promptly', () => {
    const doc = JSON.parse(CLEAN) as Record<string, any>;
    for (let i = 0; i < 20; i++) doc['components']['schemas'][`S${i}`] = { allOf: Array(10).fill({ $ref: `#/components/schemas/S${i + 1}` }) };
    doc['components']['schemas']['S20'] = { type: 'object', properties: { a: { type: 'string' } } };
    doc['components']['schemas']['ContactList']['properties']['results']['items'] = { $ref: '#/components/schemas/S0' };
    doc['pollingConfigs'] = { '/contacts/get': { recordsLocator: 'results.b' } };
    doc['paths']['/contacts']['get']['x-cdp-operation-settings'] = { recordsLocatorPath: 'results.b' };
    s.write('allof.json', JSON.stringify(doc, null, 2));
    const { code, diagnostics } = lintOne('allof.json');
    expect(code).toBe(1);
    expect(diagnostics.map((d) => [d.ruleId, d.pointer])).toEqual([
      ['records-locator', '/paths/~1contacts/get/x-cdp-operation-settings/recordsLocatorPath'],
      ['records-locator', '/pollingConfigs/~1contacts~1get/recordsLocator'],
    ]);
    expect(diagnostics.every((d) => d.message.includes('`b` is not one of its properties (`a`)'))).toBe(true);
  });

  it('20,000 unknown keys in one object: one warning each', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `"k${i}": ${i}`).join(', ');
    const text = CLEAN.replace('"openapi": "3.0.3",', `"openapi": "3.0.3", ${keys},`);
    s.write('keys.json', text);
    const { code, diagnostics } = lintOne('keys.json');
    expect(code).toBe(0);
    expect(diagnostics).toHaveLength(20_000);
    expect(diagnostics[19_999]).toMatchObject({ ruleId: 'unknown-key', pointer: '/k19999', ...at(text, '"k19999"') });
  });

  it('10 MB of `[` in YAML ends quickly, without exhausting memory', () => {
    s.write('brackets.yaml', '['.repeat(10 * 1024 * 1024));
    const started = performance.now();
    expect(lintOne('brackets.yaml').diagnostics).toEqual([diag('input-limit', 'error', DEPTH_512, '', { line: 1, column: 513 })]);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe('YAML aliases', () => {
  const laughs = (levels: number) => {
    let text = 'openapi: 3.0.3\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < levels; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    return text;
  };

  it('a billion laughs ends at the alias that crosses the budget', () => {
    const text = laughs(10);
    s.write('lol.yaml', text);
    // Expanded sizes: *a0 = 11 nodes, *a1 = 111, *a2 = 1111; 10*11 + 10*111 + 8*1111 > 10,000.
    expect(lintOne('lol.yaml')).toEqual({
      code: 1,
      layout: 'unknown',
      diagnostics: [diag('input-limit', 'error', 'YAML aliases expand to more than 10000 nodes; cdp-lint stops here (raise --max-aliases if this is intended)', '', at(text, '*a2', 7))],
    });
  });

  it('an alias inside its own anchor', () => {
    const text = 'openapi: 3.0.3\nx-loop: &loop [a, *loop]\n';
    s.write('loop.yaml', text);
    expect(lintOne('loop.yaml').diagnostics).toEqual([diag('syntax-error', 'error', 'Alias `*loop` is inside the node it refers to, which would repeat forever', '', at(text, '*loop'))]);
  });

  it('an alias with no anchor', () => {
    const text = 'openapi: 3.0.3\nx-a: *nowhere\n';
    s.write('alias.yaml', text);
    expect(lintOne('alias.yaml').diagnostics).toEqual([diag('syntax-error', 'error', 'Unknown alias `*nowhere`: no anchor `&nowhere` before it', '', at(text, '*nowhere'))]);
  });

  it('ordinary aliases are expanded and linted where they are used', () => {
    const text = CLEAN_YAML.replace('    post:\n      tags: [Actions]', '    post:\n      tags: &actions [Actions]') + 'x-tags: *actions\n';
    s.write('aliases.yaml', text);
    expect(lintOne('aliases.yaml')).toEqual({ code: 0, layout: 'openapi', diagnostics: [] });
  });

  it('a second YAML document', () => {
    const text = CLEAN_YAML + '---\nopenapi: 3.0.3\n';
    s.write('two.yaml', text);
    expect(lintOne('two.yaml').diagnostics).toEqual([
      diag('syntax-error', 'error', 'A second YAML document starts here; a connector definition is a single document (remove the extra `---` or split the file)', '', at(text, '---')),
    ]);
  });
});

describe('prototype keys', () => {
  // 31 keys are read at the root: the message names the three nearest (edit distance, then schema order).
  const NEAREST = new Map([
    ['__proto__', '`version`, `updated` and `paths`'],
    ['constructor', '`category`, `created` and `description`'],
    ['prototype', '`type`, `logoUrl` and `created`'],
  ]);
  const unknownRoot = (key: string) => `Unknown key \`${key}\` in the connector root: the platform ignores it; the nearest of the 31 keys read there are ${NEAREST.get(key)} (all are listed in the rule's docs)`;

  it('`__proto__`, `constructor` and `prototype` at the root are unknown keys like any other (JSON)', () => {
    const text = CLEAN.replace(
      '"openapi": "3.0.3",',
      '"openapi": "3.0.3",\n  "__proto__": {"polluted": true},\n  "constructor": {"prototype": {"polluted": true}},\n  "prototype": {"polluted": true},',
    );
    s.write('proto.json', text);
    expect(lintOne('proto.json')).toEqual({
      code: 0,
      layout: 'openapi',
      diagnostics: [
        diag('unknown-key', 'warning', unknownRoot('__proto__'), '/__proto__', at(text, '"__proto__"')),
        diag('unknown-key', 'warning', unknownRoot('constructor'), '/constructor', at(text, '"constructor"')),
        diag('unknown-key', 'warning', unknownRoot('prototype'), '/prototype', at(text, '"prototype"', 1)),
      ],
    });
  });

  it('`__proto__` deeper down, in YAML: an unknown key in an action, a path that is not a path', () => {
    const text = CLEAN_YAML.replace('    name: Create contact\n', '    name: Create contact\n    __proto__: {polluted: true}\n').replace('paths:\n', 'paths:\n  __proto__: {}\n');
    s.write('proto.yaml', text);
    const { code, diagnostics } = lintOne('proto.yaml');
    expect(code).toBe(1);
    expect(diagnostics).toEqual([
      diag('oas-schema', 'error', 'Path `__proto__` must start with `/`', '/paths/__proto__', at(text, '__proto__')),
      diag(
        'unknown-key',
        'warning',
        "Unknown key `__proto__` in `preDefinedActions[0]`: the platform ignores it; the nearest of the 6 keys read there are `name`, `description` and `id` (all are listed in the rule's docs)",
        '/preDefinedActions/0/__proto__',
        at(text, '__proto__', 1),
      ),
    ]);
  });
});

describe('the run itself', () => {
  it('a missing file', () => {
    expectUsageError(s.run(['missing.json']), 'cdp-lint: No such file or directory: missing.json');
  });

  it('a missing file among good ones stops the run (exit 2), naming it', () => {
    s.write('good.json', CLEAN);
    expectUsageError(s.run(['good.json', 'missing.json']), 'cdp-lint: No such file or directory: missing.json');
  });

  it('an empty directory', () => {
    s.write('empty/.keep', '');
    expectUsageError(s.run(['empty']), 'cdp-lint: No connector definitions found in empty');
  });

  it('an unknown flag', () => {
    s.write('good.json', CLEAN);
    expectUsageError(s.run(['--no-such-flag', 'good.json']), "cdp-lint: unknown option '--no-such-flag'");
  });

  it('a limit flag that is not a number', () => {
    s.write('good.json', CLEAN);
    expectUsageError(s.run(['--max-depth', 'deep', 'good.json']), 'cdp-lint: --max-depth must be a positive integer, got "deep"');
  });

  it('a FIFO named on the command line is refused without being opened', async () => {
    s.watchedFifo(s.path('pipe.json'), s.path('opened'));
    expectUsageError(s.run(['pipe.json'], 10_000), 'cdp-lint: pipe.json is not a regular file');
    await settle();
    expect(existsSync(s.path('opened'))).toBe(false);
  });

  it('a device named on the command line is refused', () => {
    expectUsageError(s.run(['/dev/zero'], 10_000), 'cdp-lint: /dev/zero is not a regular file');
  });

  it('one broken file among good ones: every file is reported', () => {
    const truncated = CLEAN.slice(0, CLEAN.indexOf('"preDefinedEvents": [') + '"preDefinedEvents": ['.length);
    s.write('a-good.json', CLEAN);
    s.write('b-broken.json', truncated);
    s.write('c-binary.json', Buffer.from([0xc0, 0xaf, 0x7b]));
    s.write('d-good.yaml', CLEAN_YAML);
    s.write('e-deep.json', `{"preDefinedActions": ${'['.repeat(1000)}`);
    const explicit = s.lint(['a-good.json', 'b-broken.json', 'c-binary.json', 'd-good.yaml', 'e-deep.json']);
    expect(explicit.code).toBe(1);
    const summary = explicit.report.files.map((f) => [f.path, f.diagnostics.map((d) => [d.ruleId, d.line, d.column])]);
    expect(summary).toEqual([
      ['a-good.json', []],
      ['b-broken.json', [['syntax-error', ...Object.values(position(truncated, truncated.length))]]],
      ['c-binary.json', [['syntax-error', 1, 1]]],
      ['d-good.yaml', []],
      ['e-deep.json', [['input-limit', 1, 534]]],
    ]);
    expect(explicit.report.files[1]!.diagnostics[0]!.message).toBe('Unexpected end of file; expected a value');
    expect(explicit.report.files[2]!.diagnostics[0]!.message).toBe('The file is not valid UTF-8: byte 0xC0 at byte 0 (save it as UTF-8)');
    // The same files found by walking the folder.
    const walked = s.lint(['.']);
    expect(walked.code).toBe(1);
    expect(walked.report.files.map((f) => f.path)).toEqual(['a-good.json', 'b-broken.json', 'd-good.yaml', 'e-deep.json']);
  });
});
