/**
 * Rate limits beyond their JSON Schema: cdp-schema already checks `ratePerSecond` > 0,
 * `delayAfterRateLimitInSecond` >= 0 and that each error code is an integer from 100 to 999, so
 * this rule reports only what a schema cannot say: an error code listed twice.
 */
import { defineRule } from './types.js';
import { isObject, own } from '../model/json.js';

/** Rate-limit error codes are listed once each. */
export const rateLimit = defineRule({
  meta: {
    id: 'rate-limit',
    description: 'A rate limit lists each of its `errorCodes` once.',
    messages: {
      duplicate:
        'Error code {{code}} is listed twice in `errorCodes` (first as `errorCodes[{{first}}]`): a repeat is a copy-paste slip, often where another code was meant; list each code once',
    },
  },
  create(context) {
    return {
      OperationSettings(node, info) {
        const config = own(node, 'rateLimitConfig');
        const params = isObject(config) ? own(config, 'rateLimitParameters') : undefined;
        const codes = isObject(params) ? own(params, 'errorCodes') : undefined;
        if (!Array.isArray(codes)) return;
        const ptr = info.ptr.concat(['rateLimitConfig', 'rateLimitParameters', 'errorCodes']);
        const first = new Map<number, number>();
        codes.forEach((code, i) => {
          if (typeof code !== 'number') return; // a code of the wrong type is cdp-schema's
          const seen = first.get(code);
          if (seen === undefined) first.set(code, i);
          else context.report({ messageId: 'duplicate', data: { code, first: seen }, ptr: ptr.child(i) });
        });
      },
    };
  },
});
