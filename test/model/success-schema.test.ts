/** responseSchema / requestSchema: which response and which media type an operation's records are read from. */
import { describe, expect, it } from 'vitest';
import { requestSchema, responseSchema } from '../../src/model/schema-shape.js';
import { RefResolver } from '../../src/model/refs.js';
import { parseText, defaultLimits } from '../../src/load/source.js';
import { Ptr } from '../../src/model/pointer.js';
import type { JsonObject } from '../../src/model/json.js';

const resolver = (): RefResolver => {
  const source = parseText('/virtual/c.json', JSON.stringify({ openapi: '3.0.3', paths: {} }), defaultLimits);
  return new RefResolver({ source, oas: { value: source.value as JsonObject, ptr: Ptr.root }, refRoot: '/virtual', maxHops: 100 });
};
const body = (tag: string, type = 'application/json') => ({ description: tag, content: { [type]: { schema: { title: tag } } } });
const titleOf = (schema: unknown) => (schema as { title?: string } | undefined)?.title;

describe('responseSchema', () => {
  it('takes 200 wherever it is written, before an earlier 2xx', () => {
    expect(titleOf(responseSchema({ responses: { '201': body('201'), default: body('default'), '200': body('200') } }, resolver()))).toBe('200');
  });

  it('without 200, takes the first 2xx or 2XX in key order (numeric keys first, as JavaScript orders them), before default', () => {
    expect(titleOf(responseSchema({ responses: { default: body('default'), '2XX': body('2XX'), '404': body('404'), '201': body('201') } }, resolver()))).toBe('201');
    expect(titleOf(responseSchema({ responses: { default: body('default'), '404': body('404'), '2xx': body('2xx'), '2XX': body('2XX') } }, resolver()))).toBe('2xx');
  });

  it('takes default when no code is 2xx, and nothing when there is no default either', () => {
    expect(titleOf(responseSchema({ responses: { '404': body('404'), default: body('default') } }, resolver()))).toBe('default');
    expect(responseSchema({ responses: { '404': body('404'), '2000': body('2000') } }, resolver())).toBeUndefined();
  });

  it('takes the first media type that names json, else the first one', () => {
    const content = { 'text/plain': { schema: { title: 'text' } }, 'application/problem+JSON': { schema: { title: 'problem' } }, 'application/json': { schema: { title: 'json' } } };
    expect(titleOf(responseSchema({ responses: { '200': { description: 'ok', content } } }, resolver()))).toBe('problem');
    expect(titleOf(requestSchema({ requestBody: { content: { 'text/csv': { schema: { title: 'csv' } }, 'text/plain': {} } } }, resolver()))).toBe('csv');
    expect(requestSchema({ requestBody: { content: {} } }, resolver())).toBeUndefined();
  });
});
