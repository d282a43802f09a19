/** The wording check the fixture tests apply to every message catches what it is meant to (issue 14, point 6). */
import { describe, expect, it } from 'vitest';
import { wordingFaults } from '../helpers/messages.js';
import type { Diagnostic } from '../../src/types.js';

function d(message: string, messageId = 'noMethod'): Diagnostic {
  return { ruleId: 'resource-path', messageId, severity: 'error', message, pointer: '/x', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } };
}

describe('wordingFaults', () => {
  it('passes a plain message of a known template', () => {
    expect(wordingFaults([d('`/a/put`: path `/a` has get; no put')])).toEqual([]);
  });

  it('flags an unfilled placeholder, an empty text, ": :", a wrong article and an unknown messageId', () => {
    const faults = wordingFaults([d('`{{value}}`: path `/a` has get'), d(''), d('`x` is not allowed: : custom'), d('`x` is not allowed in a Xml'), d('A Any needs `url`'), d('ok', 'nope')]);
    expect(faults).toEqual([
      'resource-path/noMethod at /x: an unfilled {{placeholder}}: `{{value}}`: path `/a` has get',
      'resource-path/noMethod at /x: no text: ',
      'resource-path/noMethod at /x: an empty clause (": :"): `x` is not allowed: : custom',
      'resource-path/noMethod at /x: a wrong article ("a Example", "A Any"): `x` is not allowed in a Xml',
      'resource-path/noMethod at /x: a wrong article ("a Example", "A Any"): A Any needs `url`',
      'resource-path: messageId nope is not in its meta.messages',
    ]);
  });
});
