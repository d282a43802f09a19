import { describe, it, expect } from 'vitest';
import { formatStylish, loadColors } from '../../src/report/stylish.js';
import { summarize, type FileResult } from '../../src/types.js';
import { makeOptions, result } from './fixture.js';

const ESC = '\u001b';

// Positions and severities are aligned; nothing is padded after a message.
const EXPECTED = [
  'connectors/acme/openapi.yaml',
  `    8:3   warning  path /contacts has get, post; no put  path-methods-complete`,
  `   12:7   error    operation "listContacts": 100% of responses lack a <schema>, & 'x-cdp-fields' is empty add a schema to each response  operation-response-schema`,
  `  103:16  info     description should end with a period  description-style`,
  '',
  '✖ 3 problems (1 error, 1 warning, 1 info)',
  '  1 problem can be fixed with --fix',
].join('\n');

describe('formatStylish', () => {
  it('prints an aligned table per file with problems and a summary, skipping clean files', () => {
    expect(formatStylish(result, makeOptions())).toBe(EXPECTED);
  });

  it('adds docs links for known rules and lists clean files when verbose', () => {
    const docsIndent = ' '.repeat(19);
    expect(formatStylish(result, makeOptions({ verbose: true }))).toBe(
      [
        'connectors/acme/openapi.yaml',
        `    8:3   warning  path /contacts has get, post; no put  path-methods-complete`,
        `${docsIndent}Docs: https://cdp-lint.dev/rules/path-methods-complete`,
        `   12:7   error    operation "listContacts": 100% of responses lack a <schema>, & 'x-cdp-fields' is empty add a schema to each response  operation-response-schema`,
        `${docsIndent}Docs: https://cdp-lint.dev/rules/operation-response-schema`,
        `  103:16  info     description should end with a period  description-style`,
        '',
        'connectors/clean/hub.json: no problems',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '  1 problem can be fixed with --fix',
      ].join('\n'),
    );
  });

  it('colours severities, underlines the path and dims rule ids, and only then', async () => {
    await loadColors();
    const out = formatStylish(result, makeOptions({ color: true }));
    expect(out.split('\n')[0]).toBe(`${ESC}[4mconnectors/acme/openapi.yaml${ESC}[24m`);
    expect(out).toContain(`${ESC}[33mwarning${ESC}[39m  path`);
    expect(out).toContain(`${ESC}[31merror${ESC}[39m    operation`);
    expect(out).toContain(`${ESC}[34minfo${ESC}[39m     description`);
    expect(out).toContain(`${ESC}[2moperation-response-schema${ESC}[22m`);
    expect(out.split('\n').slice(-2)).toEqual([
      `${ESC}[31m${ESC}[1m✖ 3 problems (1 error, 1 warning, 1 info)${ESC}[22m${ESC}[39m`,
      `  ${ESC}[31m${ESC}[1m1 problem can be fixed with --fix${ESC}[22m${ESC}[39m`,
    ]);
    // Colour must not change the layout: stripped of escapes it is the plain output.
    expect(out.replace(/\u001b\[\d+m/g, '')).toBe(EXPECTED);
    expect(formatStylish(result, makeOptions())).not.toContain(ESC);
  });

  it('reports a clean run with the file count only', () => {
    const clean: FileResult[] = [
      { path: '/repo/a.yaml', layout: 'openapi', diagnostics: [] },
      { path: '/repo/b.json', layout: 'hub', diagnostics: [] },
    ];
    expect(formatStylish({ files: clean, summary: summarize(clean) }, makeOptions())).toBe('✔ No problems found in 2 files');
    expect(formatStylish({ files: clean, summary: summarize(clean) }, makeOptions({ verbose: true }))).toBe(
      ['a.yaml: no problems', 'b.json: no problems', '', '✔ No problems found in 2 files'].join('\n'),
    );
    const one = clean.slice(0, 1);
    expect(formatStylish({ files: one, summary: summarize(one) }, makeOptions())).toBe('✔ No problems found in 1 file');
  });

  it('uses singular words and separates several files with one blank line', () => {
    const two: FileResult[] = [
      {
        path: '/repo/a.yaml',
        layout: 'openapi',
        diagnostics: [
          { ruleId: 'r1', messageId: 'm', severity: 'warning', message: 'm', pointer: '', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } },
        ],
      },
      {
        path: '/repo/b.yaml',
        layout: 'openapi',
        diagnostics: [
          { ruleId: 'r2', messageId: 'm', severity: 'warning', message: 'n', pointer: '/x', range: { start: { line: 2, column: 5 }, end: { line: 2, column: 6 } } },
        ],
      },
    ];
    expect(formatStylish({ files: two, summary: summarize(two) }, makeOptions())).toBe(
      ['a.yaml', '  1:1  warning  m  r1', '', 'b.yaml', '  2:5  warning  n  r2', '', '✖ 2 problems (0 errors, 2 warnings, 0 infos)'].join('\n'),
    );
  });

  it('puts a message with any kind of line break on one row', () => {
    for (const br of ['\n', '\r\n', '\r']) {
      const one: FileResult[] = [
        {
          path: '/repo/a.yaml',
          layout: 'openapi',
          diagnostics: [{ ruleId: 'r1', messageId: 'm', severity: 'error', message: `first  ${br}  second`, pointer: '', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } }],
        },
      ];
      expect(formatStylish({ files: one, summary: summarize(one) }, makeOptions()).split('\n')[1]).toBe('  1:1  error  first second  r1');
    }
  });

  it('wraps at spaces to the width, continuing under the message, and never pads', () => {
    const out = formatStylish(result, makeOptions({ width: 60 }));
    expect(out).toBe(
      [
        'connectors/acme/openapi.yaml',
        '    8:3   warning  path /contacts has get, post; no put',
        '                   path-methods-complete',
        '   12:7   error    operation "listContacts": 100% of',
        '                   responses lack a <schema>, &',
        "                   'x-cdp-fields' is empty add a schema to",
        '                   each response  operation-response-schema',
        '  103:16  info     description should end with a period',
        '                   description-style',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '  1 problem can be fixed with --fix',
      ].join('\n'),
    );
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('keeps a word longer than the width whole, on a line of its own, and indents less when the message column leaves too little', async () => {
    const long: FileResult[] = [
      {
        path: '/repo/a.yaml',
        layout: 'openapi',
        diagnostics: [
          { ruleId: 'r1', messageId: 'm', severity: 'error', message: 'see https://example.com/a/very/long/address/that/cannot/break here', pointer: '', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } },
        ],
      },
    ];
    expect(formatStylish({ files: long, summary: summarize(long) }, makeOptions({ width: 40 })).split('\n')).toEqual([
      'a.yaml',
      '  1:1  error  see',
      '              https://example.com/a/very/long/address/that/cannot/break',
      '              here  r1',
      '',
      '✖ 1 problem (1 error, 0 warnings, 0',
      '  infos)',
    ]);
    expect(formatStylish({ files: long, summary: summarize(long) }, makeOptions({ width: 30 })).split('\n').slice(1, 4)).toEqual([
      '  1:1  error  see',
      '    https://example.com/a/very/long/address/that/cannot/break',
      '    here  r1',
    ]);
    await loadColors();
    // Colours do not count as columns.
    const coloured = formatStylish(result, makeOptions({ width: 60, color: true }));
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatStylish(result, makeOptions({ width: 60 })));
  });
});
