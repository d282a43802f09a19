/**
 * `x-cdp-*` keys the platform does not define. Other `x-` extensions are anyone's business, but the
 * `x-cdp-` prefix is the platform's: an unknown name there is almost always a misspelt setting.
 */
import { defineRule } from './types.js';
import { EXTENSION_TYPES } from '../model/node-types.js';
import { isNameMap } from '../model/name-maps.js';
import { distance } from 'fastest-levenshtein';
import type { Ptr } from '../model/pointer.js';
import type { JsonObject } from '../model/json.js';
import { codeList, suggest } from '../util/text.js';

const KNOWN = Object.keys(EXTENSION_TYPES);

/** Rule: x-cdp-* keys outside the platform's four extensions. */
export const unknownExtension = defineRule({
  meta: {
    id: 'unknown-extension',
    description: 'x-cdp-* extension keys the platform does not define (the platform ignores them).',
    messages: {
      unknown: '`{{key}}` is not an extension the platform reads, so everything under it is ignored; did you mean `{{suggestion}}`?',
      unknownNoHint: '`{{key}}` is not an extension the platform reads, so everything under it is ignored; the known ones are {{known}}',
    },
  },
  create(context) {
    return {
      any(node, info) {
        // Cheap test first: this visitor sees every object of the document.
        if (!hasUnknownCdpKey(node)) return;
        // The connector root and the insides of x-cdp-* objects are closed shapes: unknown-key reports there.
        if (isNameMap(info) || info.type === 'ConnectorRoot' || insideExtension(info.ptr)) return;
        for (const key of Object.keys(node)) {
          // `X-...` is not an extension at all, which the OpenAPI schema check reports.
          if (!key.startsWith('x-') || !key.toLowerCase().startsWith('x-cdp-') || KNOWN.includes(key)) continue;
          const ptr = info.ptr.child(key);
          const suggestion = nearest(key);
          if (suggestion) {
            context.report({ messageId: 'unknown', data: { key, suggestion }, ptr, target: 'key' });
          } else {
            context.report({ messageId: 'unknownNoHint', data: { key, known: codeList(KNOWN, 'or') }, ptr, target: 'key' });
          }
        }
      },
    };
  },
});

/** Whether some key is `x-cdp-...` (in any case) and not a known extension; keys not starting with x- are passed over without lower-casing them. */
function hasUnknownCdpKey(node: JsonObject): boolean {
  for (const k in node) {
    if ((k.charCodeAt(0) | 0x20) !== 0x78 || k.charCodeAt(1) !== 0x2d) continue;
    if (k.toLowerCase().startsWith('x-cdp-') && !KNOWN.includes(k)) return true;
  }
  return false;
}

/** A known name only when it is a near miss: all four share `x-cdp-` and `-settings`, so the generic threshold is too loose. */
function nearest(key: string): string | undefined {
  const s = suggest(key, KNOWN);
  return s !== undefined && distance(key.toLowerCase(), s.toLowerCase()) <= 3 ? s : undefined;
}

function insideExtension(ptr: Ptr): boolean {
  return ptr.segments().some((s) => KNOWN.includes(s));
}
