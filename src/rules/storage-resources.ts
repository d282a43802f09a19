/**
 * A storage connector's `resources` names a known store and uses setting names the store reads.
 * Setting names are known only for `amazon.s3` (from the hub's aws-s3 connector); for it, a key
 * that is a near miss of a known one is reported (a typo the platform would ignore). Other keys,
 * and every key of `azure.blob`, `googlecloud` and `sftp`, are accepted: the platform may read settings no sample shows.
 */
import { defineRule, type RuleContext } from './types.js';
import { isObject, jsonType, own, type JsonObject } from '../model/json.js';
import type { Ptr } from '../model/pointer.js';
import { codeList, didYouMean, suggest } from '../util/text.js';

/** The file stores the platform connects to (dialect.md; `googlecloud` from the platform's SDK, platform-model.md). */
export const STORAGE_TYPES = ['amazon.s3', 'azure.blob', 'googlecloud', 'sftp'];

/** Setting names known per store and direction. */
const KNOWN_KEYS: Record<string, { read: string[]; write: string[] }> = {
  'amazon.s3': {
    read: ['bucketName', 'objectKeyPrefix', 'fileNameRegex', 'moveAfterIngest', 'format'],
    write: ['bucketName', 'objectKeyPrefix', 'fileName', 'format'],
  },
};

const RESOURCE_KEYS = ['type', 'read', 'write'];

/** Storage resources name a known store and known settings. */
export const storageResources = defineRule({
  meta: {
    id: 'storage-resources',
    description: 'A storage connector\'s `resources.type` is `amazon.s3`, `azure.blob`, `googlecloud` or `sftp`, and its `read`/`write` settings are spelt as the store expects.',
    messages: {
      noType: 'Storage `resources` has no `type`: the platform cannot tell which store to connect to; add `"type"` with {{known}}',
      unknownType: 'Storage type `{{value}}` is not one the platform connects to; use {{known}}{{hint}}',
      notObject: '`{{key}}` must be an object of settings (for example `{"bucketName": "$bucketName"}`), not {{actual}}',
      misspeltKey: '`{{key}}` is not a {{direction}} setting of `{{type}}`; did you mean `{{suggestion}}`? The platform ignores settings it does not know',
      misspeltResource: '`{{key}}` is not a key of storage `resources`; did you mean `{{suggestion}}`? Storage `resources` has {{known}}',
    },
  },
  create(context) {
    return {
      Storage(node, info) {
        checkStorage(context, node, info.ptr);
      },
    };
  },
});

function checkStorage(context: RuleContext, node: JsonObject, ptr: Ptr): void {
  for (const key of Object.keys(node)) {
    if (RESOURCE_KEYS.includes(key)) continue;
    const s = suggest(key, RESOURCE_KEYS);
    if (s !== undefined && own(node, s) === undefined) {
      context.report({ messageId: 'misspeltResource', data: { key, suggestion: s, known: codeList(RESOURCE_KEYS) }, ptr: ptr.child(key), target: 'key' });
    }
  }
  const type = own(node, 'type');
  if (type === undefined) {
    context.report({ messageId: 'noType', data: { known: codeList(STORAGE_TYPES.map((t) => `"${t}"`), 'or') }, ptr });
  } else if (typeof type === 'string' && !STORAGE_TYPES.includes(type)) {
    context.report({ messageId: 'unknownType', data: { value: type, known: codeList(STORAGE_TYPES, 'or'), hint: didYouMean(type, STORAGE_TYPES) }, ptr: ptr.child('type') });
  }
  for (const direction of ['read', 'write'] as const) {
    const settings = own(node, direction);
    if (settings === undefined) continue;
    if (!isObject(settings)) {
      context.report({ messageId: 'notObject', data: { key: direction, actual: withArticle(jsonType(settings)) }, ptr: ptr.child(direction) });
      continue;
    }
    const known = typeof type === 'string' ? KNOWN_KEYS[type]?.[direction] : undefined;
    if (known) checkKeys(context, { settings, ptr: ptr.child(direction), known, direction, type: type as string });
  }
}

function checkKeys(context: RuleContext, a: { settings: JsonObject; ptr: Ptr; known: string[]; direction: string; type: string }): void {
  for (const key of Object.keys(a.settings)) {
    if (a.known.includes(key)) continue;
    const s = suggest(key, a.known);
    if (s === undefined || own(a.settings, s) !== undefined) continue;
    context.report({ messageId: 'misspeltKey', data: { key, direction: a.direction, type: a.type, suggestion: s }, ptr: a.ptr.child(key), target: 'key' });
  }
}

function withArticle(t: string): string {
  return `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`;
}
