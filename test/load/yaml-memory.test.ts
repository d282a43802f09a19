/**
 * What the YAML fast path keeps per node: short scalars are shared, sequences are arrays of their
 * own length, as JSON.parse's values are. Measured as the heap a parse leaves behind, after full
 * collections (memory, not time: it does not depend on how busy the machine is).
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseYamlFast } from '../../src/load/yaml-fast.js';
import { defaultLimits } from '../../src/load/source.js';
import type { ParseOutput } from '../../src/load/json.js';

// The tests' own process only: a full collection before each reading.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Bytes the heap holds after parsing `text`, beyond what it held before, and the parse. */
function heapAfter(written: string): { bytes: number; out: ParseOutput | undefined } {
  // A flat string, as a file's text is (repeat() may give a tree of concatenations, which reading flattens).
  const text = Buffer.from(written, 'latin1').toString('latin1');
  gc();
  gc();
  const before = getHeapStatistics().used_heap_size;
  const out = parseYamlFast(text, defaultLimits);
  gc();
  gc();
  return { bytes: getHeapStatistics().used_heap_size - before, out };
}

const N = 100_000;
const MB = 1024 * 1024;

describe('YAML fast path: memory per node', () => {
  it('keeps one string for each short scalar spelling (100,000 `- integer` items: about the array and the text)', () => {
    const text = '- integer\n'.repeat(N);
    const { bytes, out } = heapAfter(text);
    const value = out?.value as string[];
    expect(value).toHaveLength(N);
    expect(value[0]).toBe('integer');
    expect(value[N - 1]).toBe('integer');
    // Measured: 2.1 MB (js-yaml's copy of the text, the array, the event log's indexes); with a
    // string per item, 4.6 MB.
    expect(bytes).toBeLessThan(3.3 * MB);
  });

  it('gives each sequence an array of its own length (100,000 one-item flow sequences)', () => {
    const text = '- [1]\n'.repeat(N);
    const { bytes, out } = heapAfter(text);
    const value = out?.value as number[][];
    expect(value).toHaveLength(N);
    expect(value[0]).toEqual([1]);
    expect(value[N - 1]).toEqual([1]);
    // Measured: 7.3 MB; as push() leaves them, with room for 17 elements each, 20.2 MB.
    expect(bytes).toBeLessThan(12 * MB);
  });

  it('reads more distinct short scalars than it shares, each as written', () => {
    const text = Array.from({ length: 70_000 }, (_, i) => `k${i}: v${i}\n`).join('');
    const out = parseYamlFast(text, defaultLimits);
    const value = out?.value as Record<string, string>;
    expect(Object.keys(value)).toHaveLength(70_000);
    expect(value['k0']).toBe('v0');
    expect(value['k69999']).toBe('v69999');
  });
});
