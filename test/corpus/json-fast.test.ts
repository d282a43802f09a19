/** The JSON.parse fast path on the real connectors: the same value and positions as the position-recording parser. */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonFast } from '../../src/load/json-fast.js';
import { parseJson } from '../../src/load/json.js';
import { CORPUS } from '../helpers/shared.js';

const limits = { maxDepth: 512 };

describe('parseJsonFast on the corpus', () => {
  for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.json'))) {
    it(`matches parseJson on ${file}`, () => {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      const fast = parseJsonFast(text, limits)!;
      const slow = parseJson(text, limits);
      expect(fast).toBeDefined();
      expect(fast.value).toEqual(slow.value);
      for (const segments of [['resources', 'paths'], ['name'], ['resources', 'openapi']]) {
        for (const target of ['key', 'value'] as const) {
          expect(fast.locations.find(fast.value, segments, target)).toEqual(slow.locations.find(slow.value, segments, target));
        }
      }
    });
  }

});
