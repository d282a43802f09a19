/** A hand-built lint result shared by the formatter tests. */
import type { FormatOptions } from '../../src/report/options.js';
import { summarize, type FileResult, type LintResult } from '../../src/types.js';

export const CWD = '/repo';

/** Exercises every escaping rule at once: % , : newline < & and both quote kinds. */
export const TRICKY_MESSAGE =
  `operation "listContacts": 100% of responses lack a <schema>, & 'x-cdp-fields' is empty\nadd a schema to each response`;

export const files: FileResult[] = [
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
      },
      {
        ruleId: 'operation-response-schema',
        messageId: 'noSchema',
        severity: 'error',
        message: TRICKY_MESSAGE,
        pointer: '/paths/~1contacts/get/responses',
        range: { start: { line: 12, column: 7 }, end: { line: 14, column: 20 } },
        fix: [{ start: 10, end: 12, text: 'x' }],
      },
      {
        ruleId: 'description-style',
        messageId: 'noPeriod',
        severity: 'info',
        message: 'description should end with a period',
        pointer: '/info/description',
        // Zero-width: formats that need a non-empty region must widen it.
        range: { start: { line: 103, column: 16 }, end: { line: 103, column: 16 } },
      },
    ],
  },
  { path: 'connectors/clean/hub.json', layout: 'hub', diagnostics: [] },
];

export const result: LintResult = { files, summary: summarize(files) };

/** Options as the CLI would pass them; `description-style` is deliberately missing from the rules. */
export function makeOptions(overrides: Partial<FormatOptions> = {}): FormatOptions {
  return {
    color: false,
    verbose: false,
    cwd: CWD,
    toolVersion: '0.1.0',
    rules: new Map([
      [
        'operation-response-schema',
        { description: 'Every response declares a schema.', helpUri: 'https://cdp-lint.dev/rules/operation-response-schema' },
      ],
      [
        'path-methods-complete',
        { description: 'Collection paths offer the full set of methods.', helpUri: 'https://cdp-lint.dev/rules/path-methods-complete' },
      ],
    ]),
    ...overrides,
  };
}
