/** --fix through the built CLI: byte-exact edits, in-place writes, files it must not touch. */
import { chmodSync, linkSync, lstatSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BROKEN_JSON, BROKEN_YAML, FIXED_JSON, FIXED_YAML, MESSAGES, Workspace, at } from './cli.js';

let w: Workspace;
beforeEach(() => {
  w = new Workspace();
});
afterEach(() => w.remove());

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const crlf = (s: string) => s.replace(/\n/g, '\r\n');

/** The stylish report of what --fix leaves in a file: the put action. */
function leftOver(file: string, text: string): string {
  const { line, column } = at(text, file.endsWith('.json') ? '"/contacts/put"' : '/contacts/put');
  return [file, `  ${line}:${column}  error  ${MESSAGES.noPut}  resource-path`, '', '✖ 1 problem (1 error, 0 warnings, 0 infos)', ''].join('\n');
}

describe('--fix', () => {
  it('edits only the fixed characters of a JSON file, keeping its BOM, CRLF line endings and non-ASCII text', () => {
    w.write('broken.json', Buffer.concat([BOM, Buffer.from(crlf(BROKEN_JSON))]));
    const r = w.run('--fix', 'broken.json');
    expect(w.bytes('broken.json').equals(Buffer.concat([BOM, Buffer.from(crlf(FIXED_JSON))]))).toBe(true);
    expect(r).toEqual({ code: 1, stdout: leftOver('broken.json', FIXED_JSON), stderr: 'cdp-lint: fixed 3 problems in broken.json\n' });
  });

  it('edits only the fixed characters of a YAML file, keeping comments, quotes and flow style', () => {
    w.write('broken.yaml', BROKEN_YAML);
    const r = w.run('--fix', 'broken.yaml');
    expect(w.read('broken.yaml')).toBe(FIXED_YAML);
    expect(r).toEqual({ code: 1, stdout: leftOver('broken.yaml', FIXED_YAML), stderr: 'cdp-lint: fixed 3 problems in broken.yaml\n' });
  });

  it('rewrites a UTF-16 file in UTF-16 with its byte order mark', () => {
    const utf16 = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
    w.write('utf16.json', utf16(BROKEN_JSON));
    const r = w.run('--fix', 'utf16.json', '-f', 'json');
    expect(w.bytes('utf16.json').equals(utf16(FIXED_JSON))).toBe(true);
    expect(r.stderr).toBe('cdp-lint: fixed 3 problems in utf16.json\n');
    expect(JSON.parse(r.stdout).files[0].diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(['encoding', 'resource-path']);
  });

  it('writes in place, keeping the inode, its permissions and hard links', () => {
    const path = w.write('broken.json', BROKEN_JSON);
    chmodSync(path, 0o640);
    // A rename over the file would leave the hard link naming the old text.
    linkSync(path, w.path('same-file.json'));
    const inode = statSync(path).ino;
    w.run('--fix', 'broken.json');
    expect(w.read('broken.json')).toBe(FIXED_JSON);
    expect(w.read('same-file.json')).toBe(FIXED_JSON);
    expect(statSync(path).ino).toBe(inode);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(w.dir).sort()).toEqual(['broken.json', 'same-file.json']);
  });

  it('fixes the target of a symbolic link and keeps the link', () => {
    w.write('real/broken.json', BROKEN_JSON);
    symlinkSync('real/broken.json', w.path('link.json'));
    expect(w.run('--fix', 'link.json').stderr).toBe('cdp-lint: fixed 3 problems in link.json\n');
    expect(lstatSync(w.path('link.json')).isSymbolicLink()).toBe(true);
    expect(w.read('real/broken.json')).toBe(FIXED_JSON);
  });

  it('never touches a file with a syntax error, and still fixes the others', () => {
    const bad = BROKEN_JSON.replace('"preDefinedActions": [', '"preDefinedActions": [,');
    const badPath = w.write('bad.json', bad);
    const before = statSync(badPath);
    w.write('broken.json', BROKEN_JSON);
    const r = w.run('--fix', 'bad.json', 'broken.json', '-f', 'json');
    expect(w.read('bad.json')).toBe(bad);
    expect(statSync(badPath).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(badPath).ino).toBe(before.ino);
    expect(w.read('broken.json')).toBe(FIXED_JSON);
    expect(r.stderr).toBe('cdp-lint: fixed 3 problems in broken.json\n');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.files.map((f: { path: string; fixed?: number; diagnostics: Array<{ ruleId: string }> }) => [f.path, f.fixed, f.diagnostics.map((d) => d.ruleId)])).toEqual([
      ['bad.json', undefined, ['syntax-error']],
      ['broken.json', 3, ['resource-path']],
    ]);
  });

  it('leaves a file without fixable problems alone, and does not rename a key onto one that exists', () => {
    // Both spellings present: renaming would create a duplicate key, so misspelled-key offers no fix.
    const both = FIXED_JSON.replace('"preDefinedEvents": [', '"predefinedEvents": [],\n  "preDefinedEvents": [');
    const path = w.write('both.json', both);
    const inode = statSync(path).ino;
    const r = w.run('--fix', 'both.json', '-f', 'json');
    expect(r.stderr).toBe('');
    expect(statSync(path).ino).toBe(inode);
    expect(w.read('both.json')).toBe(both);
    expect(JSON.parse(r.stdout).files[0].diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(['resource-path', 'misspelled-key']);
  });

  it('exits 0 when the fixes leave nothing to report', () => {
    w.write('fixable.json', BROKEN_JSON.replace('"/contacts/put"', '"/contacts/get"'));
    expect(w.run('--fix', 'fixable.json')).toEqual({ code: 0, stdout: '✔ No problems found in 1 file\n', stderr: 'cdp-lint: fixed 3 problems in fixable.json\n' });
    expect(w.run('fixable.json').code).toBe(0);
  });

  it('does not offer to fix a problem in a file reached only through a $ref, which it never writes', () => {
    w.write('.git/HEAD', 'ref: refs/heads/main\n'); // the reference root: the workspace
    w.write('api/f.yaml', "openapi: 3.0.3\ninfo: {title: Split, version: '1'}\npaths:\n  /a: {$ref: ../ops/a.yaml}\n");
    const part = "get:\n  responses:\n    '200': {description: OK}\n  x-cdp-operation-settings:\n    customSteps:\n      - {name: s, vendor: idx}\n";
    w.write('ops/a.yaml', part);
    const report = 'ops/a.yaml\n  6:19  warning  Unknown key `vendor` in `customSteps[0]`: the platform ignores it; did you mean `provider`?  unknown-key\n\n✖ 1 problem (0 errors, 1 warning, 0 infos)\n';
    expect(w.run('api/f.yaml')).toEqual({ code: 0, stdout: report, stderr: '' });
    const json = JSON.parse(w.run('api/f.yaml', '-f', 'json').stdout);
    expect(json.files.map((f: { path: string; diagnostics: Array<{ fixable: boolean }> }) => [f.path, f.diagnostics.map((d) => d.fixable)])).toEqual([['api/f.yaml', []], ['ops/a.yaml', [false]]]);
    expect(w.run('--fix', 'api/f.yaml')).toEqual({ code: 0, stdout: report, stderr: '' });
    expect(w.read('ops/a.yaml')).toBe(part);
  });
});
