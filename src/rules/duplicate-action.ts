/**
 * Actions, events and listeners are told apart by `name` (users pick them by it) and `id` (the
 * platform keys them by it). Two entries of one list sharing either are a copy-paste slip: one of
 * them shadows the other. Several actions calling the same operation under different names are fine.
 */
import { defineRule } from './types.js';
import { isObject, own } from '../model/json.js';
import { Ptr } from '../model/pointer.js';

const LISTS = ['preDefinedActions', 'preDefinedEvents', 'preDefinedEventListeners'] as const;

const NOUN: Record<(typeof LISTS)[number], string> = {
  preDefinedActions: 'action',
  preDefinedEvents: 'event',
  preDefinedEventListeners: 'listener',
};

/** No two actions (events, listeners) share a name or an id. */
export const duplicateAction = defineRule({
  meta: {
    id: 'duplicate-action',
    description: 'No two preDefinedActions (or two events, or two listeners) have the same `name` or the same `id`.',
    messages: {
      name: '{{list}}[{{index}}] has the same name `{{value}}` as {{list}}[{{first}}]: users cannot tell the two {{noun}}s apart; give each a distinct name',
      id: '{{list}}[{{index}}] has the same id `{{value}}` as {{list}}[{{first}}]: ids tell {{noun}}s apart, so the platform would take one for the other; give each its own id',
    },
  },
  create(context) {
    return {
      end() {
        const root = context.connector.root;
        for (const list of LISTS) {
          const items = own(root, list);
          if (!Array.isArray(items)) continue;
          for (const field of ['name', 'id'] as const) {
            const first = new Map<string, number>();
            items.forEach((item, index) => {
              const value = isObject(item) ? own(item, field) : undefined;
              if (typeof value !== 'string' || value.trim() === '') return;
              const seen = first.get(value.trim());
              if (seen === undefined) first.set(value.trim(), index);
              else context.report({ messageId: field, data: { list, index, first: seen, value, noun: NOUN[list] }, ptr: Ptr.of(list, index, field) });
            });
          }
        }
      },
    };
  },
});
