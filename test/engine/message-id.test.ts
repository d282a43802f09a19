/** Every diagnostic names the message template it was written from (issue 14, point 6). */
import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers/lint.js';
import { RULES } from '../../src/rules/index.js';

describe('messageId on diagnostics', () => {
  it('a rule report carries its messageId, and its message is that template filled in', () => {
    const text = JSON.stringify({
      name: 'x',
      type: 'Rest',
      version: '1.0.0.0',
      preDefinedActions: [{ resourcePath: '/a/put', name: 'a' }],
      resources: { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'ok' } } } } } },
    });
    const found = lintText(text).diagnostics.filter((d) => d.ruleId === 'resource-path');
    expect(found.map((d) => [d.messageId, d.message])).toEqual([['noMethod', '`/a/put`: path `/a` has get; no put']]);
    expect(RULES.get('resource-path')!.meta.messages.noMethod).toBe('`{{value}}`: path `{{path}}` has {{methods}}; no {{method}}');
  });

  it('problems found while reading the file carry the messageIds of syntax-error, duplicate-key and input-limit', () => {
    const dup = lintText('{"name": "x", "name": "y"}').diagnostics.find((d) => d.ruleId === 'duplicate-key');
    expect([dup?.messageId, dup?.message]).toEqual(['duplicate', 'Duplicate key `name`: only the last value is used, the earlier one is silently dropped']);
    const syntax = lintText('{"name": ').diagnostics.find((d) => d.ruleId === 'syntax-error');
    expect(syntax?.messageId).toBe('syntax');
    const deep = lintText('['.repeat(40) + ']'.repeat(40), 'deep.json', 'recommended', { maxDepth: 10 }).diagnostics.find((d) => d.ruleId === 'input-limit');
    expect(deep?.messageId).toBe('exceeded');
    for (const d of [syntax, deep]) expect(RULES.get(d!.ruleId)!.meta.messages[d!.messageId]).toBeDefined();
  });
});
