/**
 * Configuration variables (`"$name"`, `${name}`) that name no configSchema property: the platform
 * has nothing to substitute, so the literal text goes out in the request (or the URL is broken).
 */
import { defineRule } from './types.js';
import { LAST_RUN_TIME, credentialNames, hasVariables, isBuiltIn, isNotTemplate, isProse, isSubstituted, variablesIn } from '../model/variables.js';
import { codeList, didYouMean, Suggester } from '../util/text.js';

/** Rule: `$name` / `${name}` variables that name no configSchema property. */
export const undefinedVariable = defineRule({
  meta: {
    id: 'undefined-variable',
    description: 'Every `$name` / `${name}` variable names a configSchema property.',
    messages: {
      undefined: '`{{raw}}` refers to configuration variable `{{name}}`, which is not a property of `configSchema`{{hint}}',
      noConfigSchema: '`{{raw}}` refers to configuration variable `{{name}}`, but the connector has no `configSchema`: add one with a `{{name}}` property, or write the value itself',
    },
  },
  create(context) {
    if (!hasVariables(context.connector)) return {};
    const layout = context.connector.layout;
    const props = context.connector.configProperties;
    // A credential field the author refers to by name is filled in by the platform as well.
    const credentials = credentialNames(context.connector.root);
    const reported = new Set<string>();
    let plain: Suggester | undefined;
    let timed: Suggester | undefined;
    return {
      string(value, info) {
        if (!value.includes('$') || isProse(info) || isNotTemplate(info) || !isSubstituted(info, layout)) return;
        for (const use of variablesIn(value)) {
          if (isBuiltIn(use) || props?.has(use.name) || credentials.has(use.name)) continue;
          if (!props) {
            // Without a configSchema every variable is undefined: say so once per name, not at every use.
            if (reported.has(use.name)) continue;
            reported.add(use.name);
            context.report({ messageId: 'noConfigSchema', data: { raw: use.raw, name: use.name }, ptr: info.ptr });
            continue;
          }
          // Built once per file: a file of thousands of undefined variables compares each with a few names, not all.
          const withTime = use.form === 'embedded' && use.format !== undefined;
          const candidates = withTime ? (timed ??= new Suggester([...props.keys(), LAST_RUN_TIME])) : (plain ??= new Suggester(props.keys()));
          const hint = didYouMean(use.name, candidates) || (props.size > 0 && props.size <= 8 ? `; its properties are ${codeList([...props.keys()])}` : props.size === 0 ? '; `configSchema` has no properties' : '');
          context.report({ messageId: 'undefined', data: { raw: use.raw, name: use.name, hint }, ptr: info.ptr });
        }
      },
    };
  },
});
