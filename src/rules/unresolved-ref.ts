/** Every $ref resolves: to a local pointer, or to a file inside the reference root. */
import { defineRule, type RuleContext } from './types.js';
import type { JsonObject } from '../model/json.js';
import { isObject } from '../model/json.js';
import type { VisitInfo } from '../model/walk.js';
import type { Ptr } from '../model/pointer.js';
import { didYouMean, suggesterFor } from '../util/text.js';

export const unresolvedRef = defineRule({
  meta: {
    id: 'unresolved-ref',
    description: 'Every `$ref` points at something that exists, inside the connector\'s folder.',
    messages: {
      missing: '`{{ref}}` does not resolve: {{reason}}{{hint}}',
      refused: '`{{ref}}` is not followed: {{reason}}',
      refusedOnce: '`{{ref}}` is not followed: {{reason}}; neither {{more}} (reported here only)',
      notString: '`$ref` must be a string such as "#/components/schemas/Contact"',
    },
  },
  create(context) {
    const run: RefCheck = { context, loops: new Set(), overBudget: [] };
    const check = (node: JsonObject, info: VisitInfo) => checkRef(run, node, info);
    return { ref: check, any: (node, info) => (node['$ref'] !== undefined ? check(node, info) : undefined), end: () => reportBudget(run) };
  },
});

interface RefCheck {
  context: RuleContext;
  /** Members of $ref loops already reported: a loop is one problem, reported at the first member met. */
  loops: Set<unknown>;
  /** The $refs refused because the files read through references reached their budget, in walk order. */
  overBudget: Array<{ ref: string; reason: string; ptr: Ptr }>;
}

/**
 * The budget of files read through references is one problem, however many `$ref`s meet it: it
 * is reported at the first, with how many more were not followed (each reported alone, a connector
 * of 5,000 references would bury every other diagnostic under the same sentence).
 */
function reportBudget(run: RefCheck): void {
  const [first, ...rest] = run.overBudget;
  if (first === undefined) return;
  const { ref, reason, ptr } = first;
  if (rest.length === 0) run.context.report({ messageId: 'refused', data: { ref, reason }, ptr });
  else run.context.report({ messageId: 'refusedOnce', data: { ref, reason, more: rest.length === 1 ? 'is the other `$ref` to a file not read yet' : `are the ${rest.length.toLocaleString('en-US')} other \`$ref\`s to files not read yet` }, ptr });
}

export const remoteRef = defineRule({
  meta: {
    id: 'remote-ref',
    description: 'Remote `$ref`s (http/https) are never fetched; what they point at is not checked.',
    messages: { remote: '`{{ref}}` is a remote reference; cdp-lint never fetches it, so what it points at is not checked' },
  },
  create(context) {
    const check = (node: JsonObject, info: VisitInfo) => {
      const ref = node['$ref'];
      if (typeof ref === 'string' && /^https?:/i.test(ref)) context.report({ messageId: 'remote', data: { ref }, ptr: info.ptr.child('$ref') });
    };
    return { ref: check, any: (node, info) => (typeof node['$ref'] === 'string' ? check(node, info) : undefined) };
  },
});

function checkRef(run: RefCheck, node: JsonObject, info: VisitInfo): void {
  const { context } = run;
  const ref = node['$ref'];
  const ptr = info.ptr.child('$ref');
  // configSchema is compiled alone by the platform (its `$ref`s and `$id`s are JSON Schema's, resolved
  // inside it): config-schema-valid checks them there, with the platform's rules.
  if (info.ptr.segments()[0] === 'configSchema') return;
  if (typeof ref !== 'string') {
    // `$ref` inside a schema's `properties` is a property named "$ref", not a reference.
    if (info.type === 'Any' || info.type === 'ConfigSchema') return;
    context.report({ messageId: 'notString', ptr });
    return;
  }
  if (/^https?:/i.test(ref)) return; // remote-ref
  const resolved = context.connector.refs.resolve(ref, node); // from where it is written: a file's own $refs resolve against it
  if (resolved.ok) {
    const chain = context.connector.refs.deref(node); // from the $ref itself, so that --max-ref-hops counts every hop
    if (!chain.ok && chain.reason === 'cycle' && !firstOfLoop(run, node)) return;
    if (!chain.ok && (chain.reason === 'cycle' || chain.reason === 'too-many-hops')) {
      context.report({ messageId: 'missing', data: { ref, reason: chain.message, hint: '' }, ptr });
    }
    return;
  }
  if (resolved.reason === 'budget') {
    run.overBudget.push({ ref, reason: resolved.message, ptr });
    return;
  }
  if (resolved.reason === 'outside-root' || resolved.reason === 'special-file') {
    context.report({ messageId: 'refused', data: { ref, reason: resolved.message }, ptr });
    return;
  }
  let reason = resolved.message;
  let hint = '';
  if (resolved.parent && isObject(resolved.parent.value)) {
    const parent = resolved.parent.value;
    reason = `there is no \`${resolved.parent.missing}\` there`;
    hint = didYouMean(resolved.parent.missing, suggesterFor(parent, () => Object.keys(parent)));
  }
  context.report({ messageId: 'missing', data: { ref, reason, hint }, ptr });
}

/** Whether `node` is a member of a $ref loop not reported yet (a $ref that only leads into a loop is not). */
function firstOfLoop(run: RefCheck, node: JsonObject): boolean {
  const refs = run.context.connector.refs;
  const chain: unknown[] = [];
  let cur: unknown = node;
  while (isObject(cur) && typeof cur['$ref'] === 'string' && chain.length <= refs.maxHops) {
    const i = chain.indexOf(cur);
    if (i >= 0) {
      const loop = chain.slice(i);
      // A loop wholly inside referenced files has no member here: the $ref leading into it reports it.
      const here = loop.some((m) => refs.inLintedFile(m));
      if ((here && !loop.includes(node)) || loop.some((m) => run.loops.has(m))) return false;
      for (const m of loop) run.loops.add(m);
      return true;
    }
    chain.push(cur);
    const r = refs.resolve(cur['$ref'], cur);
    if (!r.ok) return false;
    cur = r.value;
  }
  return false;
}
