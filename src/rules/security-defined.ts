/**
 * A security requirement names a scheme of `components.securitySchemes`: the platform authorises
 * a call with the scheme the requirement names, so a name defined nowhere leaves it nothing to send.
 * A hub connector's root credential forms (`securitySchemes` beside `resources`) count as defined.
 */
import { defineRule } from './types.js';
import { isObject, own } from '../model/json.js';
import { codeList, didYouMean } from '../util/text.js';

export const securityDefined = defineRule({
  meta: {
    id: 'security-defined',
    description: 'Every security requirement names a scheme defined in `components.securitySchemes`.',
    messages: {
      undefined: 'Security requirement `{{name}}` names no scheme of `components.securitySchemes`, so the platform has no credentials to send{{hint}}',
    },
  },
  create(context) {
    const c = context.connector;
    const components = c.oas ? own(c.oas.value, 'components') : undefined;
    const schemes = isObject(components) ? own(components, 'securitySchemes') : undefined;
    const forms = c.layout === 'openapi' ? undefined : own(c.root, 'securitySchemes');
    const defined = [...(isObject(schemes) ? Object.keys(schemes) : []), ...(isObject(forms) ? Object.keys(forms) : [])];
    return {
      SecurityRequirement(node, info) {
        for (const name of Object.keys(node)) {
          if (defined.includes(name)) continue;
          const hint = didYouMean(name, defined) || (defined.length ? `; defined: ${codeList(defined)}` : '; the document defines none');
          context.report({ messageId: 'undefined', data: { name, hint }, ptr: info.ptr.child(name), target: 'key' });
        }
      },
    };
  },
});
