/** The pre-commit hook, lint-staged and CI invocations the README documents, run as those tools would. */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BROKEN_JSON, CLEAN_JSON, MESSAGES, WARNING_JSON, Workspace } from './cli.js';

const ROOT = new URL('../../', import.meta.url);
const README = readFileSync(new URL('README.md', ROOT), 'utf8');

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  args?: string[];
}

const hooks = parse(readFileSync(new URL('.pre-commit-hooks.yaml', ROOT), 'utf8')) as Hook[];

let w: Workspace;
beforeEach(() => {
  w = new Workspace();
});
afterEach(() => w.remove());

/** A repository with connectors and the other JSON/YAML files a commit may touch. */
function repository(): string[] {
  w.write('package.json', '{"name": "acme-connectors", "private": true}\n');
  w.write('.github/workflows/ci.yml', 'on: push\njobs: {}\n');
  w.write('.cdp-lint.yaml', 'rules:\n  unknown-key: error\n');
  w.write('connectors/clean.json', CLEAN_JSON);
  w.write('connectors/warn.json', WARNING_JSON);
  w.write('README.md', '# connectors\n');
  return ['package.json', '.github/workflows/ci.yml', '.cdp-lint.yaml', 'connectors/clean.json', 'connectors/warn.json', 'README.md'];
}

describe('.pre-commit-hooks.yaml', () => {
  it('declares the cdp-lint hook as a node hook on JSON and YAML files', () => {
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ id: 'cdp-lint', entry: 'cdp-lint', language: 'node', files: '\\.(json|ya?ml)$', args: ['--only-connectors'] });
  });

  it('runs like pre-commit runs it: entry, args, then the staged files its pattern selects', () => {
    const staged = repository();
    const hook = hooks[0]!;
    const files = staged.filter((f) => new RegExp(hook.files).test(f));
    expect(files).toEqual(['package.json', '.github/workflows/ci.yml', '.cdp-lint.yaml', 'connectors/clean.json', 'connectors/warn.json']);
    const r = w.run(...(hook.args ?? []), ...files);
    expect(r).toEqual({
      code: 1,
      stdout: ['connectors/warn.json', `  15:57  error  ${MESSAGES.vendor}  unknown-key`, '', '✖ 1 problem (1 error, 0 warnings, 0 infos)', '  1 problem can be fixed with --fix', ''].join('\n'),
      stderr: '',
    });
    // A commit that touches no connector passes.
    expect(w.run(...(hook.args ?? []), 'package.json', '.github/workflows/ci.yml').code).toBe(0);
  });
});

describe('lint-staged', () => {
  it('accepts the absolute paths lint-staged passes, and --fix fixes the staged connector', () => {
    repository();
    w.write('connectors/broken.json', BROKEN_JSON);
    const r = w.run('--only-connectors', '--fix', w.path('package.json'), w.path('connectors/broken.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('cdp-lint: fixed 3 problems in connectors/broken.json\n');
    expect(r.stdout.split('\n')[0]).toBe('connectors/broken.json');
  });
});

describe('README examples', () => {
  it('the configuration example is a valid configuration', () => {
    const example = README.match(/```yaml\n(# \.cdp-lint\.yaml\n[\s\S]*?)```/)?.[1];
    expect(example).toBeDefined();
    w.write('.cdp-lint.yaml', example!);
    w.write('connectors/clean.json', CLEAN_JSON);
    w.write('legacy/broken.json', BROKEN_JSON);
    w.write('connectors/new.draft.json', BROKEN_JSON);
    const r = w.run('.', '-f', 'json');
    expect(r.stderr).toBe('');
    // extends: strict reports the missing operationIds; legacy/ and *.draft.json are ignored.
    const report = JSON.parse(r.stdout);
    expect(report.files.map((f: { path: string }) => f.path)).toEqual(['connectors/clean.json']);
    expect(report.summary).toEqual({ files: 1, errors: 0, warnings: 2, infos: 0 });
  });

  it('the GitHub Actions command writes SARIF for upload and stylish for the log', () => {
    const step = README.match(/- run: npx (cdp-lint connectors [^\n]+)/)?.[1];
    expect(step).toBe('cdp-lint connectors --format sarif --output cdp-lint.sarif --format stylish');
    w.write('connectors/warn.json', WARNING_JSON);
    const r = w.run(...step!.split(' ').slice(1));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('connectors/warn.json');
    const sarif = JSON.parse(w.read('cdp-lint.sarif'));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'connectors/warn.json', uriBaseId: '%SRCROOT%' });
  });
});
