/**
 * `${lastRunTime:FORMAT}` with a format the platform does not know: the placeholder is not
 * replaced, so the incremental filter it sits in receives the literal text.
 */
import { defineRule } from './types.js';
import { LAST_RUN_TIME, hasVariables, isNotTemplate, isProse, isSubstituted, variablesIn } from '../model/variables.js';
import { suggest } from '../util/text.js';

const FORMATS = ['ISO', 'UNIX', 'UNIXMS'];

/** Rule: `${lastRunTime:FORMAT}` with a format other than ISO, UNIX or UNIXMS. */
export const lastRunTimeFormat = defineRule({
  meta: {
    id: 'last-run-time-format',
    description: '`${lastRunTime:FORMAT}` uses a format the platform knows: ISO, UNIX or UNIXMS.',
    fixable: true,
    messages: {
      unknown: '`{{raw}}`: `{{format}}` is not a lastRunTime format{{hint}}; the formats are `ISO`, `UNIX` (seconds) and `UNIXMS` (milliseconds)',
      missing: '`{{raw}}` has no format: write `${lastRunTime:ISO}`, `${lastRunTime:UNIX}` (seconds) or `${lastRunTime:UNIXMS}` (milliseconds)',
    },
  },
  create(context) {
    // `${lastRunTime:...}` is filled in where configuration variables are (model/variables.ts), nowhere else.
    if (!hasVariables(context.connector)) return {};
    const layout = context.connector.layout;
    return {
      string(value, info) {
        if (!value.includes('$') || isProse(info) || isNotTemplate(info) || !isSubstituted(info, layout)) return;
        for (const use of variablesIn(value)) {
          if (use.form !== 'embedded' || use.name !== LAST_RUN_TIME) continue;
          if (use.format === undefined || use.format === '') {
            context.report({ messageId: 'missing', data: { raw: use.raw }, ptr: info.ptr });
            continue;
          }
          if (FORMATS.includes(use.format)) continue;
          const suggestion = suggest(use.format, FORMATS);
          const caseOnly = suggestion !== undefined && suggestion.toLowerCase() === use.format.toLowerCase();
          const hint = caseOnly ? ` (formats are upper case: write \`${suggestion}\`)` : suggestion ? `; did you mean \`${suggestion}\`?` : '';
          // Only a change of case is a safe fix: the author's intent is then beyond doubt.
          const fix = caseOnly ? context.fix.replaceInString(info.ptr, use.raw, `\${${LAST_RUN_TIME}:${suggestion}}`) : undefined;
          context.report({ messageId: 'unknown', data: { raw: use.raw, format: use.format, hint }, ptr: info.ptr, fix });
        }
      },
    };
  },
});
