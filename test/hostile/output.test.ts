/**
 * Output a file can take over (issue 13, part 3): file names, keys and values reach every format and
 * stderr escaped or made visible, names are reported as they are, and one file's huge key cannot
 * stop the report of the others.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLEAN, Scratch, expectClean } from './helpers.js';

let s: Scratch;
beforeEach(() => {
  s = new Scratch();
});
afterEach(() => s.remove());

/** A committed file name that would put a workflow command on its own line. */
const INJECTING_NAME = 'x\n::error file=README.md,line=1::Injected\n.json';
const INJECTING_SHOWN = 'x\\n::error file=README.md,line=1::Injected\\n.json';
/** A key that sets the terminal title, clears the screen, holds a NUL, reverses the text after it and starts a line with a workflow command. */
const EVIL_KEY = 'k\u001b]0;owned\u0007\u001b[2J\u0000\u202eevil\r\n::error::x';
const EVIL_KEY_SHOWN = 'k\\x1b]0;owned\\x07\\x1b[2J\\x00\\u202eevil';

/** CLEAN with the hostile key in a custom step (unknown-key) and a fixable misspelling (misspelled-key). */
function hostile(): string {
  const doc = JSON.parse(CLEAN.replace('"preDefinedEvents"', '"predefinedEvents"')) as { paths: Record<string, Record<string, Record<string, unknown>>> };
  doc.paths['/contacts']!['post']!['x-cdp-operation-settings'] = { customSteps: [{ name: 'a', provider: 'b', [EVIL_KEY]: 1 }] };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Characters that act on a terminal or a log instead of being shown. */
const ACTING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function expectInert(text: string): void {
  expect(text).not.toMatch(ACTING);
  for (const line of text.split('\n')) expect(line.startsWith('::error file=README.md') || line.startsWith('::error::x'), line).toBe(false);
}

describe('text a file controls', () => {
  it('is escaped or made visible in every format and on stderr', () => {
    s.write(INJECTING_NAME, hostile());
    for (const format of ['stylish', 'github', 'junit', 'sarif', 'json']) {
      const r = s.run(['.', '--format', format]);
      expectClean(r);
      expect(r.code, format).toBe(1);
      expectInert(r.stdout);
      expect(r.stderr).toBe('');
    }
    const stylish = s.run(['.']).stdout.split('\n');
    expect(stylish[0]).toBe(INJECTING_SHOWN);
    expect(stylish[1]).toContain(`Unknown key \`${EVIL_KEY_SHOWN} ::error::x\` in \`customSteps[0]\``);
    const github = s.run(['.', '--format', 'github']).stdout;
    expect(github).toContain(`file=x\\n%3A%3Aerror file=README.md%2Cline=1%3A%3AInjected\\n.json,`);
    expect(github).toContain(`Unknown key \`${EVIL_KEY_SHOWN}%0D%0A::error::x\``);
    const junit = s.run(['.', '--format', 'junit']).stdout;
    expect(junit).toContain(`<testsuite name="${INJECTING_SHOWN}"`);
    expect(junit).toContain(`Unknown key \`${EVIL_KEY_SHOWN}\\r\\n::error::x\``);
    // JSON and SARIF keep the exact values: escapes of JSON itself, which a parser undoes.
    const json = s.run(['.', '--format', 'json']).stdout;
    expect(json).toContain('\\u202e');
    const report = JSON.parse(json) as { files: Array<{ path: string; diagnostics: Array<{ pointer: string }> }> };
    expect(report.files[0]!.path).toBe(INJECTING_NAME);
    expect(report.files[0]!.diagnostics.some((d) => d.pointer.endsWith(`/customSteps/0/${EVIL_KEY}`))).toBe(true);
    const sarif = JSON.parse(s.run(['.', '--format', 'sarif']).stdout) as { runs: Array<{ results: Array<{ message: { text: string } }> }> };
    expect(sarif.runs[0]!.results.some((r) => r.message.text.includes(EVIL_KEY))).toBe(true);
  });

  it('is made visible in what --fix and usage errors say on stderr', () => {
    s.write(INJECTING_NAME, hostile());
    const fixed = s.run(['.', '--fix', '--format', 'json']);
    expectClean(fixed);
    expect(fixed.stderr).toBe(`cdp-lint: fixed 1 problem in ${INJECTING_SHOWN}\n`);
    s.write('.cdp-lint.yaml', 'rules:\n  "unknown-key\\e[2J\\u202e": off\n');
    const refused = s.run(['.']);
    expect({ code: refused.code, stdout: refused.stdout }).toEqual({ code: 2, stdout: '' });
    expect(refused.stderr).toBe('cdp-lint: .cdp-lint.yaml: rules: unknown rule "unknown-key\\x1b[2J\\u202e"; did you mean "unknown-key"?\n');
  });

  it('is written to a baseline as JSON escapes, and the baseline still matches it', () => {
    s.write(INJECTING_NAME, hostile());
    const generated = s.run(['.', '--generate-baseline', 'baseline.json']);
    expectClean(generated);
    expect(generated.stdout).toBe(`Wrote a baseline of 2 problems in 1 file to baseline.json\n`);
    const text = readFileSync(s.path('baseline.json'), 'utf8');
    expectInert(text);
    const entries = (JSON.parse(text) as { entries: Array<{ file: string; pointer: string }> }).entries;
    expect(entries.map((e) => e.file)).toEqual([INJECTING_NAME, INJECTING_NAME]);
    expect(entries.some((e) => e.pointer.endsWith(`/customSteps/0/${EVIL_KEY}`))).toBe(true);
    expect(s.run(['.', '--baseline', 'baseline.json'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('reports a file named dir\\evil.json as itself, not as dir/evil.json', () => {
    s.write('dir\\evil.json', CLEAN.replace('"/contacts/get"', '"/contacts/put"'));
    s.write('dir/evil.json', CLEAN);
    const r = s.run(['.']);
    expectClean(r);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('dir\\evil.json');
    const sarif = JSON.parse(s.run(['.', '--format', 'sarif']).stdout) as { runs: Array<{ artifacts: Array<{ location: { uri: string } }> }> };
    expect(sarif.runs[0]!.artifacts.map((a) => a.location.uri)).toEqual(['dir/evil.json', 'dir%5Cevil.json']);
    expect(s.run(['.', '--format', 'github']).stdout).toMatch(/^::error file=dir\\evil\.json,line=/);
    expect(s.run(['.', '--format', 'junit']).stdout).toContain('<testsuite name="dir\\evil.json" tests="1" failures="1" errors="0">');
  });

  it('survives a 600 KB key among a thousand problems, and still reports the other files', () => {
    const doc = JSON.parse(CLEAN) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const steps: Array<Record<string, unknown>> = Array.from({ length: 1000 }, () => ({ name: 'a', vendor: 'x' }));
    steps[0]!['k'.repeat(600_000)] = 1;
    doc.paths['/contacts']!['post']!['x-cdp-operation-settings'] = { customSteps: steps };
    s.write('big.json', JSON.stringify(doc));
    s.write('other.json', CLEAN.replace('"/contacts/get"', '"/contacts/put"'));
    const r = s.run(['big.json', 'other.json']);
    expectClean(r);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.slice(-3)).toEqual(['✖ 1002 problems (1 error, 1001 warnings, 0 infos)', '  1000 problems can be fixed with --fix', '']);
    expect(lines).toContain('other.json');
    const long = lines.find((l) => l.includes('Unknown key `kkk'))!;
    // The message quotes the key's first and last 250 characters (the stylish cut at 1,000 is not needed).
    expect(long).toContain(`Unknown key \`${'k'.repeat(250)}…(599500 characters)…${'k'.repeat(250)}\``);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(2000);
  });
});
