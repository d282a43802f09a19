/** The real connectors of ../shared/corpus against schemas/: each produces only its known defects (corpus/README.md). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExtensions, run, type Json, type JsonObject } from '../helpers/schemas.js';
import { CORPUS } from '../helpers/shared.js';

/** Known defects of the corpus that these schemas must report (corpus/README.md); nothing else. */
const KNOWN: Record<string, string[]> = {
  'campaign-monitor.json': [
    '/resources/paths/~1import/post/x-cdp-operation-settings/customSteps/0/vendor additionalProperties',
    '/resources/paths/~1unsubscribe/post/x-cdp-operation-settings/customSteps/0/vendor additionalProperties',
    '/resources/paths/~1subscribers/get/x-cdp-operation-settings/customSteps/0/vendor additionalProperties',
  ],
  'google-bigquery.json': ['/predefinedEvents additionalProperties'],
};

const corpusFiles = readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort();

describe('corpus connectors', () => {
  it.each(corpusFiles)('%s has only its known schema errors', (file) => {
    const doc = JSON.parse(readFileSync(join(CORPUS, file), 'utf8')) as JsonObject;
    const found = new Set<string>(run('connector.schema.json', doc));
    if (doc['type'] === 'CloudStorage') {
      for (const e of run('connector.schema.json#/definitions/storageResources', doc['resources'], '/resources')) found.add(e);
    }
    for (const x of findExtensions(doc)) {
      for (const e of run(`${x.name}.schema.json`, x.value, x.ptr)) found.add(e);
    }
    expect([...found].sort()).toEqual([...(KNOWN[file] ?? [])].sort());
  });

  it('the root schema alone reaches the operation settings inside resources (editor use)', () => {
    const doc = JSON.parse(readFileSync(join(CORPUS, 'campaign-monitor.json'), 'utf8')) as JsonObject;
    expect(run('connector.schema.json', doc).sort()).toEqual([...KNOWN['campaign-monitor.json']!].sort());
  });

  it('finds the extensions the corpus uses', () => {
    const names = new Set<string>();
    for (const file of corpusFiles) {
      const doc = JSON.parse(readFileSync(join(CORPUS, file), 'utf8')) as Json;
      for (const x of findExtensions(doc)) names.add(x.name);
    }
    expect(names).toEqual(new Set(['x-cdp-operation-settings', 'x-cdp-schema-settings']));
  });
});
