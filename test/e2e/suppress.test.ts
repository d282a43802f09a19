/**
 * Silencing one finding: suppressions in a configuration file (file glob, rule, JSON pointer covering
 * what is below it, required reason) and comments in YAML files; what they silenced is listed with
 * its reason (JSON, SARIF), and suppressions that silence nothing are reported.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BROKEN_JSON, MESSAGES, Workspace } from './cli.js';

vi.setConfig({ testTimeout: 60_000 });

const FIXTURES = new URL('../../fixtures/rules/suppression/', import.meta.url);
const SILENCED_YAML = readFileSync(new URL('valid/silenced.yaml', FIXTURES), 'utf8');
const COMMENTS_YAML = readFileSync(new URL('invalid/comments.yaml', FIXTURES), 'utf8');

const VENDOR_PTR = '/paths/~1contacts/post/x-cdp-operation-settings/customSteps/0/vendor';

let w: Workspace;
beforeEach(() => {
  w = new Workspace();
});
afterEach(() => w.remove());

type Json = any;
const json = (...args: string[]): Json => JSON.parse(w.run('-f', 'json', ...args).stdout);

describe('comments in YAML files', () => {
  it('silence the named rule on the next line or their own line, and say so in the summary', () => {
    w.write('c.yaml', SILENCED_YAML);
    expect(w.run('c.yaml')).toEqual({ code: 0, stdout: '✔ No problems found in 1 file\n2 problems suppressed (each with its reason in --format json)\n', stderr: '' });
  });

  it('--format json lists what was suppressed, and why', () => {
    w.write('c.yaml', SILENCED_YAML);
    const report = json('c.yaml');
    expect(report.summary).toEqual({ files: 1, errors: 0, warnings: 0, infos: 0, suppressed: 2 });
    expect(report.files[0].diagnostics).toEqual([]);
    expect(report.files[0].suppressed.map((d: Json) => [d.ruleId, d.pointer, d.range.start.line, d.suppression])).toEqual([
      ['unknown-key', VENDOR_PTR, 20, { kind: 'comment', reason: "the platform's v2 reads vendor", source: 'line 19' }],
      ['resource-path', '/preDefinedActions/1/resourcePath', 27, { kind: 'comment', reason: 'put arrives with the v2 API', source: 'line 27' }],
    ]);
    expect(Object.keys(report.files[0].suppressed[0])).toEqual(['ruleId', 'messageId', 'severity', 'message', 'pointer', 'range', 'fixable', 'suppression']);
  });

  it('report a comment with no rule, an unknown rule, no reason, or nothing to silence', () => {
    w.write('c.yaml', COMMENTS_YAML);
    expect(w.run('c.yaml')).toEqual({
      code: 0,
      stdout: [
        'c.yaml',
        '   2:1   warning  `cdp-lint-disable-next-line` names no rule, so it silences nothing: write the id of the rule to silence after it  suppression',
        '  20:13  warning  `cdp-lint-disable-next-line` gives no reason, so it silences nothing: write ` -- ` and why after the rule id  suppression',
        `  21:13  warning  ${MESSAGES.vendor}  unknown-key`,
        '  28:35  warning  `cdp-lint-disable-line resource-path` silences nothing: no `resource-path` problem is on line 28; remove it  suppression',
        '  28:35  warning  `cdp-lint-disable-line` names `resource-pth`, which is not a rule; did you mean `resource-path`?  suppression',
        '',
        '✖ 5 problems (0 errors, 5 warnings, 0 infos)',
        '  1 problem can be fixed with --fix',
        '',
      ].join('\n'),
      stderr: '',
    });
  });
});

const CONFIG = `suppressions:
  - files: "connectors/*.json"
    rule: resource-path
    pointer: /preDefinedActions/1
    reason: put arrives with the v2 API
  - rule: unknown-key
    pointer: /paths/~1contacts/post
    reason: the platform's v2 reads vendor
  - files: connectors/broken.json
    rule: records-locator
    reason: nothing to silence any more
  - files: legacy/**
    rule: resource-path
    reason: not linted in this run, so not judged
`;

describe('suppressions in a configuration file', () => {
  it('silence a rule at a pointer and below it in the files the glob matches, and report the one that silences nothing', () => {
    w.write('.cdp-lint.yaml', CONFIG);
    w.write('connectors/broken.json', BROKEN_JSON);
    expect(w.run('connectors/broken.json')).toEqual({
      code: 1,
      stdout: [
        'connectors/broken.json',
        `  22:23  error  ${MESSAGES.postCase}  resource-path`,
        `  25:3   error  ${MESSAGES.predefinedEvents}  misspelled-key`,
        '',
        '✖ 2 problems (2 errors, 0 warnings, 0 infos)',
        '  2 problems can be fixed with --fix',
        '2 problems suppressed (each with its reason in --format json)',
        'Unused suppression .cdp-lint.yaml#/suppressions/2: no records-locator problem in the files connectors/broken.json matches; remove it',
        '',
      ].join('\n'),
      stderr: '',
    });
    const report = json('connectors/broken.json');
    expect(report.files[0].suppressed.map((d: Json) => [d.ruleId, d.pointer, d.suppression])).toEqual([
      ['unknown-key', VENDOR_PTR, { kind: 'config', reason: "the platform's v2 reads vendor", source: '.cdp-lint.yaml#/suppressions/1' }],
      ['resource-path', '/preDefinedActions/1/resourcePath', { kind: 'config', reason: 'put arrives with the v2 API', source: '.cdp-lint.yaml#/suppressions/0' }],
    ]);
    expect(report.unusedSuppressions).toEqual([{ config: '.cdp-lint.yaml', index: 2, files: 'connectors/broken.json', rule: 'records-locator', pointer: '', reason: 'nothing to silence any more' }]);
    expect(report.summary).toEqual({ files: 1, errors: 2, warnings: 0, infos: 0, suppressed: 2 });
  });

  it('a pointer covers what is below it, not its siblings (`/preDefinedActions/1` is not `/preDefinedActions/10`), and the glob limits the files', () => {
    w.write('.cdp-lint.yaml', 'suppressions:\n  - rule: resource-path\n    pointer: /preDefinedActions/0/resource\n    reason: a prefix of a key is not a parent\n  - files: other.json\n    rule: misspelled-key\n    reason: another file\n');
    w.write('broken.json', BROKEN_JSON);
    const report = json('broken.json');
    expect(report.files[0].diagnostics.map((d: Json) => d.ruleId)).toEqual(['unknown-key', 'resource-path', 'resource-path', 'misspelled-key']);
    expect(report.files[0].suppressed).toBeUndefined();
    // The entry for other.json is not judged (other.json was not linted); the other one silenced nothing.
    expect(report.unusedSuppressions.map((u: Json) => u.index)).toEqual([0]);
  });

  it('SARIF gives silenced problems as results with suppressions: inSource for comments, external for configuration files', () => {
    w.write('.cdp-lint.yaml', CONFIG);
    w.write('connectors/broken.json', BROKEN_JSON);
    w.write('connectors/c.yaml', SILENCED_YAML);
    const r = w.run('-f', 'sarif', 'connectors/broken.json', 'connectors/c.yaml');
    const results: Json[] = JSON.parse(r.stdout).runs[0].results;
    expect(results.filter((res) => res.suppressions).map((res) => [res.locations[0].physicalLocation.artifactLocation.uri, res.ruleId, res.suppressions])).toEqual([
      ['connectors/broken.json', 'unknown-key', [{ kind: 'external', status: 'accepted', justification: "the platform's v2 reads vendor (.cdp-lint.yaml#/suppressions/1)" }]],
      ['connectors/broken.json', 'resource-path', [{ kind: 'external', status: 'accepted', justification: 'put arrives with the v2 API (.cdp-lint.yaml#/suppressions/0)' }]],
      ['connectors/c.yaml', 'unknown-key', [{ kind: 'inSource', status: 'accepted', justification: "the platform's v2 reads vendor (line 19)" }]],
      ['connectors/c.yaml', 'resource-path', [{ kind: 'inSource', status: 'accepted', justification: 'put arrives with the v2 API (line 27)' }]],
    ]);
    expect(results.filter((res) => !res.suppressions).map((res) => res.ruleId)).toEqual(['resource-path', 'misspelled-key']);
  });

  it('silenced problems do not count for the exit code, nor go into a generated baseline', () => {
    w.write('.cdp-lint.yaml', 'suppressions:\n  - rule: resource-path\n    reason: both methods arrive with the v2 API\n  - rule: misspelled-key\n    reason: renamed in the v2 API\n');
    w.write('broken.json', BROKEN_JSON);
    expect(w.run('broken.json').code).toBe(0);
    expect(w.run('broken.json', '--generate-baseline', 'base.json').code).toBe(0);
    expect(JSON.parse(w.read('base.json')).entries.map((e: Json) => e.ruleId)).toEqual(['unknown-key']);
  });

  it('an entry without a reason, with an unknown key or rule, or with a pointer that is not one, is a usage error', () => {
    w.write('broken.json', BROKEN_JSON);
    const refused = (config: string, message: string) => {
      w.write('.cdp-lint.yaml', config);
      expect(w.run('broken.json')).toEqual({ code: 2, stdout: '', stderr: `cdp-lint: ${message}\n` });
    };
    refused('suppressions:\n  - rule: resource-path\n', '.cdp-lint.yaml: suppressions[0]: "reason" is required: say why this problem is accepted');
    refused('suppressions:\n  - rule: resource-path\n    reason: " "\n', '.cdp-lint.yaml: suppressions[0]: "reason" is required: say why this problem is accepted');
    refused('suppressions:\n  - rule: resource-path\n    reason: r\n    pointr: /a\n', '.cdp-lint.yaml: suppressions[0]: unknown key "pointr"; did you mean "pointer"? (expected "files", "rule", "pointer", "reason")');
    refused('suppressions:\n  - rule: resource-pth\n    reason: r\n', '.cdp-lint.yaml: suppressions[0]: rule: unknown rule "resource-pth"; did you mean "resource-path"?');
    refused('suppressions:\n  - reason: r\n', '.cdp-lint.yaml: suppressions[0]: "rule" is required: the id of the rule whose problem is silenced');
    refused('suppressions:\n  - rule: resource-path\n    pointer: preDefinedActions/1\n    reason: r\n', '.cdp-lint.yaml: suppressions[0]: pointer: expected a JSON pointer such as "/preDefinedActions/0", got "preDefinedActions/1"');
    refused('suppressions: {rule: resource-path}\n', '.cdp-lint.yaml: suppressions: expected a list of {files, rule, pointer, reason}');
  });
});
