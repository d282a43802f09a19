/**
 * configSchema properties that nothing in the connector reads. Conservative on purpose (it is an
 * info): any mention counts as a use, parameters named like a property count (the platform fills
 * them from configuration), and a connector with custom steps is skipped, since their code reads
 * configuration by name where no definition shows it.
 */
import { defineRule } from './types.js';
import { isObject, own, type JsonObject } from '../model/json.js';
import { mentionedNames } from '../model/variables.js';

const TEMPLATE_PARAM = /\{([^{}]+)\}/g;

/** Rule: configSchema properties nothing in the connector uses (info, conservative). */
export const unusedConfigProperty = defineRule({
  meta: {
    id: 'unused-config-property',
    description: 'A configSchema property that no variable, configValues key or parameter uses.',
    messages: {
      unused:
        'configSchema property `{{name}}` is never used: no `${{name}}` or `${{{name}}}` variable, no `configValues` key and no parameter named `{{name}}` refers to it, so what a user enters there has no effect',
    },
  },
  create(context) {
    const c = context.connector;
    // Without configSchema properties there is nothing to find unused: no visitor at every string.
    const props = c.configProperties;
    if (!props) return {};
    const used = new Set<string>();
    let customSteps = false;
    const addKeys = (v: unknown) => {
      if (isObject(v)) for (const k of Object.keys(v)) used.add(k);
    };
    const noteSteps = (node: JsonObject) => {
      const steps = own(node, 'customSteps');
      if (Array.isArray(steps) && steps.length > 0) customSteps = true;
    };
    return {
      string(value, info) {
        if (value.includes('$')) for (const name of mentionedNames(value)) used.add(name);
        // Paging field names (pageSizeFieldName: "limit") are filled from the property of that name.
        if (info.key.endsWith('FieldName')) used.add(value);
        if (info.parentType === 'Server' && info.key === 'url') for (const m of value.matchAll(TEMPLATE_PARAM)) used.add(m[1]!);
      },
      Action: (node) => addKeys(own(node, 'configValues')),
      Event: (node) => addKeys(own(node, 'configValues')),
      EnrichmentPoint: (node) => addKeys(own(node, 'configValues')),
      Parameter(node) {
        const name = own(node, 'name');
        if (typeof name === 'string') used.add(name);
      },
      ServerVariable: (_node, info) => used.add(info.key),
      AuthorizationSettings: (node) => addKeys(own(node, 'parameters')),
      OperationSettings: noteSteps,
      PathSettings: noteSteps,
      end() {
        if (customSteps) return;
        for (const key of [...c.paths.keys(), ...c.webhooks.keys()]) for (const m of key.matchAll(TEMPLATE_PARAM)) used.add(m[1]!);
        for (const [name, ptr] of props) {
          if (!used.has(name)) context.report({ messageId: 'unused', data: { name }, ptr, target: 'key' });
        }
      },
    };
  },
});
