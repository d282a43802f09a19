/**
 * An event or polling config reads records from its operation's success response. An operation
 * whose `responses` has no 2xx (nor `2XX`, nor `default`) describes no success at all: the platform
 * has no schema to find the records in, and the event reads nothing.
 */
import { defineRule, type RuleContext } from './types.js';
import { isObject, own } from '../model/json.js';
import { operationsAt, splitResourcePath, type OperationRef } from '../model/connector.js';
import { operationLabel } from '../model/operation-usage.js';

export const eventSuccessResponse = defineRule({
  meta: {
    id: 'event-success-response',
    description: 'An operation named by a preDefinedEvent or a polling config has a 2xx response.',
    messages: {
      noSuccess: '{{op}} is read by {{user}}, but its `responses` has no 2xx response ({{codes}}): there is no success body to read records from; add a `"200"` response with the records\' schema',
    },
  },
  create(context) {
    return { end: () => check(context) };
  },
});

function check(context: RuleContext): void {
  const c = context.connector;
  if (!c.oas) return;
  const users = new Map<OperationRef, string>();
  const add = (rp: unknown, user: string) => {
    const split = typeof rp === 'string' ? splitResourcePath(rp) : undefined;
    if (!split) return;
    const op = operationsAt(c, 'path', split.path).find((o) => o.method === split.method);
    if (op && !users.has(op)) users.set(op, user);
  };
  const events = own(c.root, 'preDefinedEvents');
  if (Array.isArray(events)) events.forEach((e, i) => isObject(e) && add(own(e, 'resourcePath'), `preDefinedEvents[${i}]`));
  const polling = own(c.root, 'pollingConfigs');
  if (isObject(polling)) for (const k of Object.keys(polling)) add(k, `the polling config \`${k}\``);
  for (const [op, user] of users) {
    const r = c.refs.deref(own(op.value, 'responses'));
    if (!r.ok || !isObject(r.value)) continue; // missing responses: oas-schema's to report
    const codes = Object.keys(r.value).filter((k) => !k.startsWith('x-'));
    if (codes.some((k) => /^2(\d\d|XX)$/i.test(k) || k === 'default')) continue;
    context.report({ messageId: 'noSuccess', data: { op: operationLabel(op), user, codes: codes.length ? `it has ${codes.join(', ')}` : 'it is empty' }, ptr: op.ptr.child('responses') });
  }
}
