/** metadata-fields judges the fields of a record (what the event's records locator reaches), wherever that locator is written. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Workspace } from './cli.js';

vi.setConfig({ testTimeout: 60_000 });

const FIXTURE = readFileSync(new URL('../../fixtures/rules/metadata-fields/invalid/polling-locator.json', import.meta.url), 'utf8');

let w: Workspace;
beforeAll(() => {
  w = new Workspace();
});
afterAll(() => w.remove());

describe('metadata-fields with the records locator outside the schema', () => {
  it('names the fields of the record that pollingConfigs or the operation locate, not of the wrapper', () => {
    w.write('members.json', FIXTURE);
    expect(w.run('members.json')).toEqual({
      code: 1,
      stdout: [
        'members.json',
        '  40:90  error  deduplicationField `count` is not a field of the records that the recordsLocatorPath `items` of GET /leads reaches, so the platform would find no value there: `count` is not one of `leadId` or `createdAt`  metadata-fields',
        '  58:55  error  deduplicationField `total` is not a field of the records that the recordsLocator `results` of pollingConfigs `/members/get` reaches, so the platform would find no value there: `total` is not one of `id`, `memberEmail` or `updatedAt`  metadata-fields',
        '',
        '✖ 2 problems (2 errors, 0 warnings, 0 infos)',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it("accepts the record's fields, and suggests the nearest one", () => {
    w.write('ok.json', FIXTURE.replace('"deduplicationField": "total"', '"deduplicationField": "id"').replace('"deduplicationField": "count"', '"deduplicationField": "leadId"'));
    expect(w.run('ok.json')).toEqual({ code: 0, stdout: '✔ No problems found in 1 file\n', stderr: '' });
    w.write('typo.json', FIXTURE.replace('"deduplicationField": "total"', '"deduplicationField": "memberEmial"').replace('"deduplicationField": "count"', '"deduplicationField": "leadId"'));
    const r = w.run('-f', 'json', 'typo.json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).files[0].diagnostics.map((d: { message: string }) => d.message)).toEqual([
      'deduplicationField `memberEmial` is not a field of the records that the recordsLocator `results` of pollingConfigs `/members/get` reaches, so the platform would find no value there: `memberEmial` is not one of `id`, `memberEmail` or `updatedAt`; did you mean `memberEmail`?',
    ]);
  });
});
