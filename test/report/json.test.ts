import { describe, it, expect } from 'vitest';
import { formatJson } from '../../src/report/json.js';
import { makeOptions, result, TRICKY_MESSAGE } from './fixture.js';

describe('formatJson', () => {
  it('serialises files, diagnostics and summary with a fixed field order and a fixable flag instead of the fixes', () => {
    const out = formatJson(result, makeOptions());
    const parsed = JSON.parse(out);
    expect(parsed).toEqual({
      files: [
        {
          path: '/repo/connectors/acme/openapi.yaml',
          layout: 'openapi',
          diagnostics: [
            {
              ruleId: 'path-methods-complete',
              messageId: 'missingMethod',
              severity: 'warning',
              message: 'path /contacts has get, post; no put',
              pointer: '/paths/~1contacts',
              range: { start: { line: 8, column: 3 }, end: { line: 8, column: 14 } },
              fixable: false,
            },
            {
              ruleId: 'operation-response-schema',
              messageId: 'noSchema',
              severity: 'error',
              message: TRICKY_MESSAGE,
              pointer: '/paths/~1contacts/get/responses',
              range: { start: { line: 12, column: 7 }, end: { line: 14, column: 20 } },
              fixable: true,
            },
            {
              ruleId: 'description-style',
              messageId: 'noPeriod',
              severity: 'info',
              message: 'description should end with a period',
              pointer: '/info/description',
              range: { start: { line: 103, column: 16 }, end: { line: 103, column: 16 } },
              fixable: false,
            },
          ],
        },
        { path: 'connectors/clean/hub.json', layout: 'hub', diagnostics: [] },
      ],
      summary: { files: 2, errors: 1, warnings: 1, infos: 1 },
    });
    expect(Object.keys(parsed)).toEqual(['files', 'summary']);
    expect(Object.keys(parsed.files[0])).toEqual(['path', 'layout', 'diagnostics']);
    expect(Object.keys(parsed.files[0].diagnostics[1])).toEqual(['ruleId', 'messageId', 'severity', 'message', 'pointer', 'range', 'fixable']);
    expect(Object.keys(parsed.summary)).toEqual(['files', 'errors', 'warnings', 'infos']);
    expect(out).not.toContain('"fix"');
    expect(out.split('\n')[1]).toBe('  "files": [');
  });

  it('passes baseline counts through when present', () => {
    const withBaseline = { ...result, summary: { ...result.summary, baselined: 4, staleBaseline: 0 } };
    const parsed = JSON.parse(formatJson(withBaseline, makeOptions()));
    expect(parsed.summary).toEqual({ files: 2, errors: 1, warnings: 1, infos: 1, baselined: 4, staleBaseline: 0 });
    expect(Object.keys(parsed.summary)).toEqual(['files', 'errors', 'warnings', 'infos', 'baselined', 'staleBaseline']);
  });
});
