import { describe, expect, it } from 'vitest';
import { planOutputs, type FlagEvent } from '../../src/cli/outputs.js';

const f = (value: string): FlagEvent => ({ flag: 'format', value });
const o = (value: string): FlagEvent => ({ flag: 'output', value });

describe('planOutputs', () => {
  it('defaults to stylish on stdout, or in the lone --output', () => {
    expect(planOutputs([], '/w')).toEqual([{ format: 'stylish', file: undefined }]);
    expect(planOutputs([o('r.txt')], '/w')).toEqual([{ format: 'stylish', file: 'r.txt' }]);
  });

  it('pairs the i-th --output with the i-th --format, the rest going to stdout', () => {
    expect(planOutputs([f('sarif'), o('a.sarif'), f('junit'), o('a.xml'), f('stylish')], '/w')).toEqual([
      { format: 'sarif', file: 'a.sarif' },
      { format: 'junit', file: 'a.xml' },
      { format: 'stylish', file: undefined },
    ]);
    expect(planOutputs([f('json'), f('sarif'), o('a.json'), o('a.sarif')], '/w')).toEqual([
      { format: 'json', file: 'a.json' },
      { format: 'sarif', file: 'a.sarif' },
    ]);
    expect(planOutputs([o('a.json'), f('json')], '/w')).toEqual([{ format: 'json', file: 'a.json' }]);
  });

  it('refuses an --output that follows a format it does not belong to', () => {
    expect(() => planOutputs([f('stylish'), f('sarif'), o('x.sarif')], '/w')).toThrow(/^--output x\.sarif follows --format sarif, but .* would receive the stylish report/);
    expect(() => planOutputs([f('json'), o('a'), f('stylish'), f('sarif'), o('b')], '/w')).toThrow(/^--output b follows --format sarif/);
  });

  it('refuses unknown formats, surplus outputs and one file for two formats', () => {
    expect(() => planOutputs([f('xml')], '/w')).toThrow('Unknown format "xml"; expected one of: stylish, json, sarif, junit, github');
    expect(() => planOutputs([f('json'), o('a'), o('b')], '/w')).toThrow(/^More --output than --format/);
    expect(() => planOutputs([f('json'), o('a'), f('sarif'), o('./x/../a')], '/w')).toThrow('--output ./x/../a is given twice; each format needs its own file');
  });
});
