/**
 * Keys of an action's or event's `configValues` preset configuration variables, so each must be a
 * configSchema property; any other key sets nothing.
 */
import { defineRule, type RuleContext } from './types.js';
import { isObject, own, type JsonObject } from '../model/json.js';
import type { VisitInfo } from '../model/walk.js';
import { codeList, didYouMean, suggesterFor } from '../util/text.js';

/** Rule: configValues keys of actions and events that are not configSchema properties. */
export const configValuesKey = defineRule({
  meta: {
    id: 'config-values-key',
    description: 'Every key of a preDefinedAction\'s, preDefinedEvent\'s or preDefinedEventListener\'s `configValues` is a configSchema property.',
    messages: {
      unknown: '`configValues` key `{{key}}` of {{owner}} is not a property of `configSchema`, so the value sets nothing{{hint}}',
      noConfigSchema: '`configValues` key `{{key}}` of {{owner}} presets a configuration variable, but the connector has no `configSchema` to define `{{key}}`',
    },
  },
  create(context) {
    return {
      Action: (node, info) => check(context, node, info, 'action'),
      Event: (node, info) => check(context, node, info, 'event'),
      // The platform's SDK gives listeners `configValues` too (platform-model.md).
      Listener: (node, info) => check(context, node, info, 'listener'),
    };
  },
});

function check(context: RuleContext, node: JsonObject, info: VisitInfo, kind: string): void {
  const values = own(node, 'configValues');
  if (!isObject(values)) return;
  const props = context.connector.configProperties;
  const name = own(node, 'name');
  // A list entry without a name by its place, counted from 1 (`action #3` is preDefinedActions[2]).
  const owner = typeof name === 'string' ? `${kind} "${name}"` : /^\d+$/.test(String(info.key)) ? `${kind} #${Number(info.key) + 1}` : `${kind} ${String(info.key)}`;
  for (const key of Object.keys(values)) {
    if (props?.has(key)) continue;
    const ptr = info.ptr.child('configValues').child(key);
    if (!props) {
      context.report({ messageId: 'noConfigSchema', data: { key, owner }, ptr, target: 'key' });
      continue;
    }
    const names = [...props.keys()];
    const hint = didYouMean(key, suggesterFor(props, () => props.keys())) || (names.length > 0 && names.length <= 8 ? `; its properties are ${codeList(names)}` : names.length === 0 ? '; `configSchema` has no properties' : '');
    context.report({ messageId: 'unknown', data: { key, owner, hint }, ptr, target: 'key' });
  }
}
