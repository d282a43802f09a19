/**
 * Bounded work, round three (issue 13, part 2): one long key repeated in the pointers and messages
 * of many problems, and the pairwise work of ajv's generated validators, must not make a file under
 * 1 MB run for minutes. Each input is generated here (never committed); each run has a generous
 * time limit (a busy two-core machine) that the old code overran by minutes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLEAN, Scratch, at, expectUsageError, type Diag } from './helpers.js';

vi.setConfig({ testTimeout: 120_000 });

let s: Scratch;
beforeEach(() => {
  s = new Scratch();
});
afterEach(() => s.remove());

/** CLEAN with one more path, `key`, whose GET has `parameters`. */
function withPath(key: string, parameters: unknown[]): string {
  const doc = JSON.parse(CLEAN) as { paths: Record<string, unknown> };
  doc.paths[key] = { get: { tags: ['Events'], summary: 'List', operationId: 'listLong', parameters, responses: { '200': { description: 'OK' } } } };
  return JSON.stringify(doc);
}

/** A value as a message quotes it: up to 500 characters, else its first and last 250 and the count left out. */
function quoted(value: string): string {
  return value.length <= 500 ? value : `${value.slice(0, 250)}…(${value.length - 500} characters)…${value.slice(-250)}`;
}

const LONG = '/' + 'a'.repeat(600_000);
const escaped = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

describe('a 600 KB path key with a thousand parameters under it', () => {
  it('reports the problems that fit the report budget, then one input-limit diagnostic at the first left out', () => {
    const params = Array.from({ length: 1000 }, (_, i) => ({ name: `p${i}`, in: 'path', required: true, schema: { type: 'string' } }));
    const text = withPath(LONG, params);
    expect(text.length).toBeLessThan(1024 * 1024);
    s.write('long.json', text);
    const { code, report } = s.lint(['long.json'], 100_000);
    expect(code).toBe(1);
    const diags = report.files[0]!.diagnostics;
    const param = (i: number) => `/paths/${escaped(LONG)}/get/parameters/${i}`;
    const notInTemplate = (i: number): Diag => ({
      ruleId: 'path-params',
      severity: 'error',
      message: `Path parameter \`p${i}\` of ${quoted(`GET ${LONG}`)} is not in the path template \`${quoted(LONG)}\`, so the platform has nowhere to put its value; remove the parameter or add \`{p${i}}\` to the path`,
      pointer: param(i),
      ...at(text, `{"name":"p${i}"`),
    });
    // Each problem costs its 600 KB pointer and the path quoted twice: five fit 10,000,000 characters.
    const reported = diags.filter((d) => d.ruleId === 'path-params');
    expect(reported).toEqual([0, 1, 2, 3, 4].map(notInTemplate));
    expect(diags.filter((d) => d.ruleId === 'input-limit')).toEqual([
      {
        ruleId: 'input-limit',
        severity: 'error',
        message:
          "The problems of this file fill the report's limit of 10,000,000 characters (their pointers and quoted values: long keys repeated in many pointers); this problem was found, but it and 995 more problems found after it are not reported (shorten the long keys or values, or fix the problems reported)",
        pointer: param(5),
        ...at(text, '{"name":"p5"'),
      },
    ]);
    expect(diags).toHaveLength(6);
  });

  it('with an unknown key in each parameter: oas-schema explains what fits its budget and says where it stopped', () => {
    const params = Array.from({ length: 1000 }, (_, i) => ({ name: `q${i}`, in: 'query', bogus: 1, schema: { type: 'string' } }));
    const text = withPath(LONG, params);
    s.write('long.json', text);
    const r = s.run(['long.json', '--format', 'json'], 100_000);
    expect(r.code).toBe(1);
    const full = (JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ ruleId: string; messageId: string; severity: string; message: string; pointer: string; range: { start: { line: number; column: number } } }> }> }).files[0]!.diagnostics;
    const oasFull = full.filter((d) => d.ruleId === 'oas-schema');
    expect(oasFull.map((d) => d.messageId)).toEqual(['unexpected', 'unexpected', 'unexpected', 'tooLong']);
    expect(oasFull[3]).toMatchObject({ ruleId: 'oas-schema', messageId: 'tooLong' });
    const oas: Diag[] = oasFull.map((d) => ({ ruleId: d.ruleId, severity: d.severity, message: d.message, pointer: d.pointer, ...d.range.start }));
    const param = (i: number) => `/paths/${escaped(LONG)}/get/parameters/${i}`;
    const unexpected = (i: number): Diag => ({
      ruleId: 'oas-schema',
      severity: 'error',
      message: `\`bogus\` is not allowed in ${quoted(`parameter \`q${i}\` of GET ${LONG}`)}; custom keys must start with \`x-\``,
      pointer: `${param(i)}/bogus`,
      ...at(text, '"bogus"', i),
    });
    // 16 of ajv's errors fit 10,000,000 characters of paths (to q5); what they explain then fills the
    // report budget after q2 (an input-limit diagnostic, as above).
    expect(oas).toEqual([
      ...[0, 1, 2].map(unexpected),
      {
        ruleId: 'oas-schema',
        severity: 'error',
        message:
          'The structure check stops explaining problems here (2,984 of its findings are left unexplained): their locations would hold more than 10,000,000 characters (long keys repeated in many locations); shorten the long keys, or fix the problems reported',
        pointer: param(5),
        ...at(text, '{"name":"q5"'),
      },
    ]);
  });
});

describe('many problems that each quote one long value', () => {
  it('quotes at most 500 characters of it in each message, and the report stays small', () => {
    // A 600 KB operationId written once and used a thousand times through YAML aliases.
    const big = 'o'.repeat(600_000);
    let text = `openapi: 3.0.3\ninfo: {title: T, version: "1"}\nx-big: &big ${big}\npaths:\n`;
    for (let i = 0; i < 1000; i++) text += `  /p${i}:\n    get:\n      operationId: *big\n      responses: {"200": {description: OK}}\n`;
    text += 'preDefinedActions: []\npreDefinedEvents: []\n';
    s.write('aliases.yaml', text);
    const r = s.run(['aliases.yaml', '--format', 'json'], 100_000);
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeLessThan(20_000_000);
    const diags = (JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ message: string }> }> }).files[0]!.diagnostics;
    expect(diags.length).toBeGreaterThan(0);
    for (const d of diags) expect(d.message.length).toBeLessThan(2_000);
    expect(diags.some((d) => d.message.includes(`\`${'o'.repeat(250)}…(599500 characters)…${'o'.repeat(250)}\``))).toBe(true);
  });
});

describe('ajv\'s pairwise work', () => {
  it('15,000 parameters, each with an unknown key (1 MB), are checked within the time limit', () => {
    const params = Array.from({ length: 15_000 }, (_, i) => ({ name: `q${i}`, in: 'query', bogus: 1 }));
    const text = withPath('/many', params);
    expect(text.length).toBeLessThan(1024 * 1024);
    s.write('many.json', text);
    const { code, report } = s.lint(['many.json'], 60_000);
    expect(code).toBe(1);
    const oas = report.files[0]!.diagnostics.filter((d) => d.ruleId === 'oas-schema');
    expect(oas).toHaveLength(30_000); // an unknown key and no `schema` or `content`, in each
    expect(oas.find((d) => d.pointer.endsWith('/bogus'))).toEqual({ ruleId: 'oas-schema', severity: 'error', message: '`bogus` is not allowed in parameter `q0` of GET /many; custom keys must start with `x-`', pointer: '/paths/~1many/get/parameters/0/bogus', ...at(text, '"bogus"') });
  });
});

describe('a long enum list', () => {
  it('150,000 values in a configuration property\'s enum are checked for duplicates in linear time', () => {
    // The pairwise check compared 10^10 pairs (31 s) before it found the repeated first value.
    const doc = JSON.parse(CLEAN) as Record<string, unknown>;
    const values = [0, ...Array.from({ length: 150_000 }, (_, i) => i)];
    doc['configSchema'] = { type: 'object', properties: { region: { type: 'integer', enum: values } } };
    const text = JSON.stringify(doc);
    expect(text.length).toBeLessThan(1024 * 1024);
    s.write('enum.json', text);
    const { code, report } = s.lint(['enum.json'], 20_000);
    expect(code).toBe(1);
    const valid = report.files[0]!.diagnostics.filter((d) => d.ruleId === 'config-schema-valid');
    expect(valid.map((d) => [d.pointer, d.message])).toEqual([['/configSchema/properties/region/enum', '`enum` must not repeat an item']]);
  });
});

describe('--max-aliases', () => {
  it('is refused above 1,000,000 (a usage error), and taken up to it', () => {
    s.write('c.json', CLEAN);
    expectUsageError(s.run(['c.json', '--max-aliases', '1000001']), 'cdp-lint: --max-aliases must be at most 1000000 (every node an alias expands to is built in memory), got "1000001"');
    expectUsageError(s.run(['c.json', '--max-aliases', '1e15']), 'cdp-lint: --max-aliases must be at most 1000000 (every node an alias expands to is built in memory), got "1e15"');
    expect(s.run(['c.json', '--max-aliases', '1000000'])).toMatchObject({ code: 0, stderr: '' });
  });
});
