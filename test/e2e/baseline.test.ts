/** --generate-baseline and --baseline through the built CLI. */
import { unlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BROKEN_JSON, MESSAGES, WARNING_JSON, Workspace } from './cli.js';

let w: Workspace;
beforeEach(() => {
  w = new Workspace();
  w.write('connectors/broken.json', BROKEN_JSON);
  w.write('connectors/warn.json', WARNING_JSON);
});
afterEach(() => w.remove());

const VENDOR_POINTER = '/paths/~1contacts/post/x-cdp-operation-settings/customSteps/0/vendor';

function generate(): void {
  expect(w.run('connectors', '--generate-baseline', '.cdp-lint-baseline.json')).toEqual({
    code: 0,
    stdout: 'Wrote a baseline of 5 problems in 2 files to .cdp-lint-baseline.json\n',
    stderr: '',
  });
}

describe('--generate-baseline', () => {
  it('records every problem by file (relative to the baseline), rule and pointer, sorted, and exits 0', () => {
    generate();
    expect(JSON.parse(w.read('.cdp-lint-baseline.json'))).toEqual({
      version: 1,
      entries: [
        { file: 'connectors/broken.json', ruleId: 'misspelled-key', pointer: '/predefinedEvents', message: MESSAGES.predefinedEvents },
        { file: 'connectors/broken.json', ruleId: 'resource-path', pointer: '/preDefinedActions/0/resourcePath', message: MESSAGES.postCase },
        { file: 'connectors/broken.json', ruleId: 'resource-path', pointer: '/preDefinedActions/1/resourcePath', message: MESSAGES.noPut },
        { file: 'connectors/broken.json', ruleId: 'unknown-key', pointer: VENDOR_POINTER, message: MESSAGES.vendor },
        { file: 'connectors/warn.json', ruleId: 'unknown-key', pointer: VENDOR_POINTER, message: MESSAGES.vendor },
      ],
    });
    expect(w.read('.cdp-lint-baseline.json').endsWith('}\n')).toBe(true);
  });

  it('writes paths relative to the baseline file wherever it is', () => {
    expect(w.run('connectors/warn.json', '--generate-baseline', 'ci/baseline.json').code).toBe(0);
    expect(JSON.parse(w.read('ci/baseline.json')).entries.map((e: { file: string }) => e.file)).toEqual(['../connectors/warn.json']);
  });
});

describe('--baseline', () => {
  it('hides the recorded problems even when edits elsewhere shift their lines', () => {
    generate();
    // Three lines more at the top and a re-indented block: every line number changes.
    w.write('connectors/broken.json', BROKEN_JSON.replace('{\n', '{\n\n\n\n'));
    const r = w.run('connectors', '--baseline', '.cdp-lint-baseline.json');
    expect(r).toEqual({ code: 0, stdout: '✔ No problems found in 2 files\nBaseline: 5 problems hidden, 0 stale entries\n', stderr: '' });
  });

  it('still reports a new problem, and counts a fixed one as stale', () => {
    generate();
    // Fix the POST case, and add an action whose path has no delete (a new pointer: /preDefinedActions/2).
    const edited = BROKEN_JSON.replace('"/contacts/POST"', '"/contacts/post"').replace(
      '"name": "Replace contact" }',
      '"name": "Replace contact" },\n    { "resourcePath": "/contacts/delete", "name": "Delete contact" }',
    );
    w.write('connectors/broken.json', edited);
    const r = w.run('connectors', '--baseline', '.cdp-lint-baseline.json', '-f', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toEqual({ files: 2, errors: 1, warnings: 0, infos: 0, baselined: 4, staleBaseline: 1 });
    expect(report.files[0].diagnostics.map((d: { ruleId: string; pointer: string; message: string }) => [d.ruleId, d.pointer, d.message])).toEqual([
      ['resource-path', '/preDefinedActions/2/resourcePath', '`/contacts/delete`: path `/contacts` has get and post; no delete'],
    ]);
  });

  it('matches by rule and pointer, not by message', () => {
    generate();
    // The put action now names delete: same rule, same pointer, so the recorded entry still hides it.
    w.write('connectors/broken.json', BROKEN_JSON.replace('"/contacts/put"', '"/contacts/delete"'));
    expect(w.run('connectors', '--baseline', '.cdp-lint-baseline.json').stdout).toBe('✔ No problems found in 2 files\nBaseline: 5 problems hidden, 0 stale entries\n');
  });

  it('shows stale entries in the stylish summary', () => {
    generate();
    w.write('connectors/warn.json', WARNING_JSON.replace('"vendor"', '"provider"'));
    const r = w.run('connectors', '--baseline', '.cdp-lint-baseline.json');
    expect(r).toEqual({
      code: 0,
      stdout: '✔ No problems found in 2 files\nBaseline: 4 problems hidden, 1 stale entry (fixed since; regenerate the baseline to drop them)\n',
      stderr: '',
    });
  });

  it('matches as a multiset: one entry hides one occurrence', () => {
    w.write('.cdp-lint-baseline.json', JSON.stringify({ version: 1, entries: [{ file: 'connectors/warn.json', ruleId: 'unknown-key', pointer: VENDOR_POINTER }] }));
    w.write('copy/warn.json', WARNING_JSON);
    const r = w.run('connectors/warn.json', 'copy/warn.json', '--baseline', '.cdp-lint-baseline.json', '-f', 'json');
    const report = JSON.parse(r.stdout);
    expect(report.summary).toEqual({ files: 2, errors: 0, warnings: 1, infos: 0, baselined: 1, staleBaseline: 0 });
    expect(report.files.map((f: { path: string; diagnostics: unknown[] }) => [f.path, f.diagnostics.length])).toEqual([
      ['connectors/warn.json', 0],
      ['copy/warn.json', 1],
    ]);
  });

  it('counts entries of deleted files as stale, but not entries of files left out of this run', () => {
    generate();
    expect(w.run('connectors/broken.json', '--baseline', '.cdp-lint-baseline.json').stdout).toBe(
      '✔ No problems found in 1 file\nBaseline: 4 problems hidden, 0 stale entries\n',
    );
    unlinkSync(w.path('connectors/warn.json'));
    expect(w.run('connectors/broken.json', '--baseline', '.cdp-lint-baseline.json').stdout).toBe(
      '✔ No problems found in 1 file\nBaseline: 4 problems hidden, 1 stale entry (fixed since; regenerate the baseline to drop them)\n',
    );
  });

  it('rejects a missing or malformed baseline with exit code 2', () => {
    expect(w.run('connectors', '--baseline', 'none.json')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'cdp-lint: Baseline file not found: none.json (create it with --generate-baseline)\n',
    });
    w.write('bad.json', '[]');
    expect(w.run('connectors', '--baseline', 'bad.json')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'cdp-lint: bad.json: not a cdp-lint baseline (expected {"version": 1, "entries": [...]}; create one with --generate-baseline)\n',
    });
  });
});
