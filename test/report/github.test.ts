import { describe, it, expect } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import type { FileResult } from '../../src/types.js';
import { summarize } from '../../src/types.js';
import { makeOptions, result } from './fixture.js';

describe('formatGithub', () => {
  it('emits one escaped workflow command per diagnostic and nothing for clean files', () => {
    expect(formatGithub(result, makeOptions())).toBe(
      [
        '::warning file=connectors/acme/openapi.yaml,line=8,col=3,endLine=8,endColumn=14,title=path-methods-complete::path /contacts has get, post; no put',
        `::error file=connectors/acme/openapi.yaml,line=12,col=7,endLine=14,endColumn=20,title=operation-response-schema::operation "listContacts": 100%25 of responses lack a <schema>, & 'x-cdp-fields' is empty%0Aadd a schema to each response`,
        '::notice file=connectors/acme/openapi.yaml,line=103,col=16,endLine=103,endColumn=17,title=description-style::description should end with a period',
      ].join('\n'),
    );
  });

  it('escapes property values, including the file path', () => {
    const files: FileResult[] = [
      {
        path: '/repo/odd,dir/a:b%.yaml',
        layout: 'openapi',
        diagnostics: [
          { ruleId: 'x:y,z', messageId: 'm', severity: 'error', message: 'a\r\nb', pointer: '', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } },
        ],
      },
    ];
    expect(formatGithub({ files, summary: summarize(files) }, makeOptions())).toBe(
      '::error file=odd%2Cdir/a%3Ab%25.yaml,line=1,col=1,endLine=1,endColumn=2,title=x%3Ay%2Cz::a%0D%0Ab',
    );
  });

  it('escapes % before the sequences it introduces', () => {
    expect(escapeData('%0A\n')).toBe('%250A%0A');
    expect(escapeProperty('%2C,:')).toBe('%252C%2C%3A');
  });

  it('prints nothing for a clean run', () => {
    const clean: FileResult[] = [{ path: '/repo/a.yaml', layout: 'openapi', diagnostics: [] }];
    expect(formatGithub({ files: clean, summary: summarize(clean) }, makeOptions())).toBe('');
  });
});
