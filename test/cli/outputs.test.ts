import { describe, expect, it } from 'vitest';
import { planOutputs, type FlagEvent } from '../../src/cli/outputs.js';

const f = (value: string): FlagEvent => ({ flag: 'format', value });
const o = (value: string): FlagEvent => ({ flag: 'output', value });

describe('planOutputs', () => {
  it('defaults to stylish on stdout, or in the lone --output', () => {
    expect(planOutputs([], '/w')).toEqual([{ format: 'stylish', file: undefined }]);
    expect(planOutputs([o('r.txt')], '/w')).toEqual([{ format: 'stylish', file: 'r.txt' }]);
  });

  it('gives each --output to the nearest --format before it, the format without one going to stdout', () => {
    expect(planOutputs([f('sarif'), o('a.sarif'), f('junit'), o('a.xml'), f('stylish')], '/w')).toEqual([
      { format: 'sarif', file: 'a.sarif' },
      { format: 'junit', file: 'a.xml' },
      { format: 'stylish', file: undefined },
    ]);
    expect(planOutputs([f('stylish'), f('sarif'), o('x.sarif')], '/w')).toEqual([
      { format: 'stylish', file: undefined },
      { format: 'sarif', file: 'x.sarif' },
    ]);
    expect(planOutputs([f('stylish'), f('json'), o('a.json'), f('sarif'), o('b.sarif')], '/w')).toEqual([
      { format: 'stylish', file: undefined },
      { format: 'json', file: 'a.json' },
      { format: 'sarif', file: 'b.sarif' },
    ]);
  });

  it('gives an --output written before every --format to the first format', () => {
    expect(planOutputs([o('a.json'), f('json')], '/w')).toEqual([{ format: 'json', file: 'a.json' }]);
    expect(planOutputs([o('a.json'), f('json'), f('sarif'), o('b.sarif')], '/w')).toEqual([
      { format: 'json', file: 'a.json' },
      { format: 'sarif', file: 'b.sarif' },
    ]);
  });

  it('refuses two reports on stdout and two outputs for one format', () => {
    expect(() => planOutputs([f('json'), f('sarif')], '/w')).toThrow('Only one report can go to stdout, but json and sarif have no --output: give all but one an --output file');
    expect(() => planOutputs([f('json'), f('sarif'), f('github')], '/w')).toThrow('Only one report can go to stdout, but json, sarif and github have no --output');
    expect(() => planOutputs([f('json'), f('sarif'), o('a'), o('b')], '/w')).toThrow('--format sarif has two outputs, a and b: give one --output after each --format');
    expect(() => planOutputs([o('a'), f('json'), o('b')], '/w')).toThrow('--format json has two outputs, a and b');
    expect(() => planOutputs([o('a'), o('b'), f('json')], '/w')).toThrow('--output a and --output b both come before the first --format');
  });

  it('refuses unknown formats and one file for two formats', () => {
    expect(() => planOutputs([f('xml')], '/w')).toThrow('Unknown format "xml"; expected one of: stylish, json, sarif, junit, github');
    expect(() => planOutputs([f('json'), o('a'), f('sarif'), o('./x/../a')], '/w')).toThrow('--output ./x/../a is given twice; each format needs its own file');
  });
});
