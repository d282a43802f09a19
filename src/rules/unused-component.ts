/**
 * A component that no `$ref` of the document uses (nor a discriminator mapping) is dead weight,
 * and often a misspelt copy of the one that is used. Hygiene: reported as info by default.
 * Security schemes are left out: they are named by security requirements, and the platform may
 * use a connector's schemes without one.
 */
import { defineRule, type RuleContext } from './types.js';
import { isObject, own } from '../model/json.js';
import { Ptr } from '../model/pointer.js';

/** Component sections whose entries are used through `$ref`. */
const SECTIONS = ['schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers', 'links', 'callbacks', 'pathItems'];

export const unusedComponent = defineRule({
  meta: {
    id: 'unused-component',
    description: 'Every component (schema, response, parameter, ...) is used by some `$ref`.',
    messages: {
      unused: '{{kind}} `{{name}}` is never used: no `$ref` points at `#/components/{{section}}/{{name}}`; remove it, or point at it where it was meant to be used',
    },
  },
  create(context) {
    const used = new Set<string>();
    // The same reference is written many times (every operation naming one schema): parsed once.
    const noted = new Set<string>();
    const note = (ref: unknown) => {
      if (typeof ref !== 'string' || noted.has(ref)) return;
      noted.add(ref);
      if (ref.startsWith('#/components/')) {
        const [, section, name] = Ptr.parse(ref).segments();
        if (section !== undefined && name !== undefined) used.add(`${section}\u0000${name}`);
      } else if (!ref.includes('#') && !ref.includes('/')) used.add(`schemas\u0000${ref}`); // a discriminator mapping may name a schema by name
    };
    // A $ref in another file, or to another file, uses a component when it resolves into this
    // document's components (`../spec/openapi.yaml#/components/schemas/Item`); `#/components/...`
    // in another file names that file's own components.
    const resolved = (ref: unknown, holder: object) => {
      if (typeof ref !== 'string') return;
      const r = context.connector.refs.resolve(ref, holder);
      const oas = context.connector.oas;
      if (!r.ok || r.ptr === undefined || r.ptr.file !== undefined || !oas) return;
      const base = oas.ptr.segments();
      const at = r.ptr.segments();
      if (at.length < base.length + 3 || base.some((s, i) => at[i] !== s) || at[base.length] !== 'components') return;
      used.add(`${at[base.length + 1]!}\u0000${at[base.length + 2]!}`);
    };
    return {
      ref(node, info) {
        const ref = own(node, '$ref');
        if (info.ptr.file === undefined && typeof ref === 'string' && ref.startsWith('#')) note(ref);
        else resolved(ref, node);
      },
      refString(value, info) {
        if (info.ptr.file === undefined) note(value);
        else resolved(value, info.parent as object);
      },
      Discriminator(node) {
        const mapping = own(node, 'mapping');
        if (isObject(mapping)) for (const v of Object.values(mapping)) note(v);
      },
      end: () => report(context, used),
    };
  },
});

function report(context: RuleContext, used: Set<string>): void {
  const oas = context.connector.oas;
  const components = oas ? own(oas.value, 'components') : undefined;
  if (!oas || !isObject(components)) return;
  for (const section of SECTIONS) {
    const entries = own(components, section);
    if (!isObject(entries)) continue;
    for (const name of Object.keys(entries)) {
      if (used.has(`${section}\u0000${name}`)) continue;
      context.report({
        messageId: 'unused',
        data: { kind: KIND[section]!, section, name },
        ptr: oas.ptr.concat(['components', section, name]),
        target: 'key',
      });
    }
  }
}

const KIND: Record<string, string> = {
  schemas: 'Schema',
  responses: 'Response',
  parameters: 'Parameter',
  examples: 'Example',
  requestBodies: 'Request body',
  headers: 'Header',
  links: 'Link',
  callbacks: 'Callback',
  pathItems: 'Path Item',
};
