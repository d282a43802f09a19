/** Work that must stay linear in the size of the input, checked in-process where a CLI run would mostly measure output. */
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/load/json.js';
import { parseYaml } from '../../src/load/yaml.js';
import { defaultLimits } from '../../src/load/source.js';

describe('positions of keys in a large object', () => {
  // A linear scan per lookup makes this 2 * 10^10 steps: the test would time out.
  const keys = Array.from({ length: 200_000 }, (_, i) => `k${i}`);

  it('JSON: every key of a 200,000-key object is found, at its own offset', () => {
    const text = `{${keys.map((k, i) => `"${k}": ${i}`).join(',')}}`;
    const out = parseJson(text, defaultLimits);
    let offset = 1;
    keys.forEach((k, i) => {
      const { span, resolvedDepth } = out.locations.find(out.value, [k], 'key');
      if (resolvedDepth !== 1 || span.start !== offset) expect({ k, resolvedDepth, start: span.start }).toEqual({ k, resolvedDepth: 1, start: offset });
      offset += `"${k}": ${i},`.length;
    });
  });

  it('YAML: a duplicated key resolves to its last occurrence', () => {
    const text = keys.slice(0, 1000).map((k, i) => `${k}: ${i}`).join('\n') + '\nk7: last\n';
    const out = parseYaml(text, defaultLimits);
    const { span } = out.locations.find(out.value, ['k7'], 'key');
    expect(span.start).toBe(text.lastIndexOf('k7:'));
    expect(out.problems.map((p) => [p.kind, p.pointer])).toEqual([['duplicate-key', '/k7']]);
  });
});
