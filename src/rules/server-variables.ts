/**
 * `{name}` in a server URL is an OpenAPI server variable: without a `variables` entry of that name
 * nothing fills it in, and the braces go out in every request URL. (`$name` and `${name}` are the
 * platform's configuration variables, undefined-variable's business, and are not server variables.)
 */
import { defineRule } from './types.js';
import { isObject, own } from '../model/json.js';
import { codeList, didYouMean } from '../util/text.js';

export const serverVariables = defineRule({
  meta: {
    id: 'server-variables',
    description: 'Every `{name}` in a server URL has a server variable of that name.',
    messages: {
      undefined: 'Server URL `{{url}}` uses `{{{name}}}`, but the server defines no variable `{{name}}`, so the braces are sent as written{{hint}}',
    },
  },
  create(context) {
    return {
      Server(node, info) {
        const url = own(node, 'url');
        if (typeof url !== 'string') return;
        const vars = own(node, 'variables');
        const names = isObject(vars) ? Object.keys(vars) : [];
        // `${name}` is a configuration variable: drop those before looking for `{name}`.
        const text = url.replace(/\$\{[^}]*\}/g, '');
        const reported = new Set<string>();
        for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
          const name = m[1]!;
          if (names.includes(name) || reported.has(name)) continue;
          reported.add(name);
          const hint = didYouMean(name, names) || (names.length ? `; it defines ${codeList(names)}` : '; add `"variables": {"' + name + '": {"default": "..."}}`');
          context.report({ messageId: 'undefined', data: { url, name, hint }, ptr: info.ptr.child('url') });
        }
      },
    };
  },
});
