/**
 * Records locators (`recordsLocator`, `recordsLocatorPath`) reach something in the schema they
 * address: evaluated with jsonpath-plus against a skeleton instance built from that schema.
 */
import { JSONPath } from 'jsonpath-plus';
import { defineRule, type RuleContext } from './types.js';
import { isObject, own, type JsonObject } from '../model/json.js';
import { operationOf, type Connector } from '../model/connector.js';
import { defaultSkeletonLimits, isOpen, reachesPlainPath, requestSchema, responseSchema, SkeletonBuilder } from '../model/schema-shape.js';
import type { Ptr } from '../model/pointer.js';
import { didYouMean, nearestList, Suggester } from '../util/text.js';

export const recordsLocator = defineRule({
  meta: {
    id: 'records-locator',
    description: 'Every records locator reaches something in the schema it reads records from.',
    messages: {
      nothing: '{{name}} `{{locator}}` reaches nothing in {{where}}: `{{missing}}` is not one of its properties ({{known}}){{hint}}',
      scalar: '{{name}} `{{locator}}` reaches nothing in {{where}}: {{what}} is {{type}}, which has no `{{missing}}`',
      invalid: '{{name}} `{{locator}}` is not a valid JSONPath expression',
      tooCostly: '{{name}} `{{locator}}` was not checked: {{why}}',
    },
  },
  create(context) {
    const c = context.connector;
    const state: FileState = { skeletons: new SkeletonBuilder(c.refs), stepsLeft: MAX_DOCUMENT_STEPS };
    const check = (node: JsonObject, ptr: Ptr, field: string, schema: unknown, where: string) => checkLocator({ context, state, holder: node, holderPtr: ptr, field, schema, where });
    return {
      Listener(node, info) {
        const op = listenerOperation(c, node);
        if (op) check(node, info.ptr, 'recordsLocator', requestSchema(op.value, c.refs), `the request body of webhook ${op.label}`);
      },
      PollingConfig(node, info) {
        const op = operationOf(c, 'path', info.key);
        if (op) check(node, info.ptr, 'recordsLocator', responseSchema(op.value, c.refs), `the response of ${op.method.toUpperCase()} ${op.key}`);
      },
      OperationSettings(node, info) {
        if (info.parentType !== 'Operation' || !isObject(info.parent)) return;
        // Most operations have no locator: their response schema is not looked up.
        if (typeof own(node, 'recordsLocatorPath') !== 'string') return;
        check(node, info.ptr, 'recordsLocatorPath', responseSchema(info.parent, c.refs), 'the operation\'s response');
      },
      SchemaSettings(node, info) {
        if (info.parentType !== 'Schema') return;
        check(node, info.ptr, 'recordsLocatorPath', info.parent, 'the schema it is set on');
      },
    };
  },
});

function listenerOperation(c: Connector, node: JsonObject): { value: JsonObject; label: string } | undefined {
  const op = operationOf(c, 'webhook', own(node, 'webhookPath'));
  return op ? { value: op.value, label: `\`${op.key}\`` } : undefined;
}

const MAX_LOCATOR_LENGTH = 2000;
/**
 * Steps (jsonpath-plus trace calls: one per value a locator segment is tried on) one locator may
 * take, and all the locators of one file together. `$..*..*..*` multiplies the values met at each
 * recursive descent: ten of them over a 20,000-node skeleton would take longer than anyone waits.
 */
const MAX_STEPS = 100_000;
const MAX_DOCUMENT_STEPS = 1_000_000;

// jsonpath-plus caches parsed paths in a plain object: a locator named `constructor`, `toString` or
// `__proto__` found Object.prototype's members there and was called invalid. An object with no
// prototype has no such members.
JSONPath.cache = Object.create(null);

/** Per linted file: one skeleton builder (merges and node budget shared) and the steps left. */
interface FileState {
  skeletons: SkeletonBuilder;
  stepsLeft: number;
}

interface LocatorCheck {
  context: RuleContext;
  state: FileState;
  holder: JsonObject;
  holderPtr: Ptr;
  field: string;
  schema: unknown;
  where: string;
}

function checkLocator({ context, state, holder, holderPtr, field, schema, where }: LocatorCheck): void {
  const locator = own(holder, field);
  if (typeof locator !== 'string' || locator === '' || locator === '$' || schema === undefined) return;
  // jsonpath-plus splits a path with a regular expression that is quadratic in its length: a
  // 600 KB locator would take hours. No real locator comes near this, so such a one is not evaluated.
  if (locator.length > MAX_LOCATOR_LENGTH) return;
  const ptr = holderPtr.child(field);
  // Each name can cross an array level too: two skeleton levels per locator segment are enough.
  const parts = locatorParts(locator);
  const segments = parts === undefined || parts.includes('..') ? undefined : parts.length;
  const plain = parts !== undefined && parts.every(isPlainName) ? parts : undefined;
  const built = state.skeletons.build(schema, { maxDepth: segments === undefined ? undefined : 2 * segments + 2, focus: plain });
  const instance = built.instance;
  const data = { name: field, locator, where };
  // An object whose keys are all unknown cannot be judged; one that lists keys beside being open
  // (additionalProperties) still answers for the keys it lists.
  if (isOpen(instance) && Object.keys(instance as object).length === 0) {
    if (built.limited) tooCostly(context, data, built.limited, ptr);
    return;
  }
  // A plain path is answered without jsonpath-plus (a test holds the two to the same answers).
  if (plain !== undefined && reachesPlainPath(instance, plain)) return;
  const evaluated = evaluate(locator, instance, state);
  if (evaluated === 'steps' || evaluated === 'document steps') {
    tooCostly(context, data, evaluated, ptr);
    return;
  }
  if (evaluated === 'invalid') {
    context.report({ messageId: 'invalid', data: { name: field, locator }, ptr });
    return;
  }
  if (evaluated === 'found' || evaluated === 'unchecked') return;
  const miss = parts === undefined ? undefined : firstMiss(parts, instance);
  if (!miss) {
    // Nothing found, but the skeleton was cut short: the locator may reach what was left out.
    if (built.limited) tooCostly(context, data, built.limited, ptr);
    return;
  }
  if (miss.scalar !== undefined) {
    const what = miss.at.length === 0 ? 'it' : `\`${miss.at.join('.')}\``;
    context.report({ messageId: 'scalar', data: { name: field, locator, where, what, type: `a ${typeof miss.scalar}`, missing: miss.segment }, ptr });
    return;
  }
  const known = new Suggester(miss.known);
  context.report({
    messageId: 'nothing',
    data: { name: field, locator, where, missing: miss.segment, known: nearestList(miss.segment, known), hint: didYouMean(miss.segment, known) },
    ptr,
  });
}

type Limit = 'skeleton' | 'document' | 'steps' | 'document steps';

/** Report a locator left unchecked because `limit` was reached. */
function tooCostly(context: RuleContext, data: { name: string; locator: string; where: string }, limit: Limit, ptr: Ptr): void {
  const n = (x: number) => x.toLocaleString('en-US');
  const why = {
    skeleton: `${data.where} has more than ${n(defaultSkeletonLimits.perSkeleton)} schema nodes to evaluate it against`,
    document: `the records locators of this file have used up their ${n(defaultSkeletonLimits.perDocument)} schema nodes`,
    steps: `evaluating it against ${data.where} takes more than ${n(MAX_STEPS)} steps`,
    'document steps': `the records locators of this file have used up their ${n(MAX_DOCUMENT_STEPS)} evaluation steps`,
  }[limit];
  context.report({ messageId: 'tooCostly', data: { name: data.name, locator: data.locator, why }, ptr });
}

/** jsonpath-plus's instance method that every step of an evaluation goes through (not in its type definitions). */
interface Traced {
  _trace: (...args: unknown[]) => unknown;
  evaluate: () => unknown;
}

const FOUND = Symbol('found');
const OUT_OF_STEPS = Symbol('out of steps');

/**
 * Whether `locator` reaches anything in the skeleton: evaluated with jsonpath-plus, stopped at the
 * first value found, and counted: each step (a call of jsonpath-plus's `_trace`) is taken from the
 * locator's and the file's budget. 'unchecked' for filter and script expressions, valid JSONPath
 * that is never evaluated here (eval: false).
 */
function evaluate(locator: string, instance: unknown, state: FileState): 'found' | 'nothing' | 'invalid' | 'unchecked' | 'steps' | 'document steps' {
  const limit = Math.min(MAX_STEPS, state.stepsLeft);
  const fromDocument = state.stepsLeft < MAX_STEPS;
  let steps = 0;
  const jp = JSONPath({
    path: locator,
    json: instance as object,
    wrap: true,
    eval: false,
    autostart: false,
    callback: () => {
      throw FOUND;
    },
  }) as unknown as Traced;
  const trace = jp._trace;
  jp._trace = function (this: unknown, ...args: unknown[]) {
    if (++steps > limit) throw OUT_OF_STEPS;
    return trace.apply(this, args);
  };
  try {
    // jsonpath-plus answers undefined, not [], for a string, number or boolean body.
    jp.evaluate();
    return 'nothing';
  } catch (e) {
    if (e === FOUND) return 'found';
    if (e === OUT_OF_STEPS) return fromDocument ? 'document steps' : 'steps';
    if (e instanceof Error && /prevented/.test(e.message)) return 'unchecked';
    return 'invalid';
  } finally {
    state.stepsLeft -= Math.min(steps, limit);
  }
}

interface Miss {
  segment: string;
  known: string[];
  /** The names before `segment`. */
  at: string[];
  /** Set when the locator goes on into a string, number or boolean (the skeleton's '', 0 or false). */
  scalar?: string | number | boolean;
}

/** Walk a simple locator's parts through the skeleton to the first name that is not there (undefined if an open object is entered). */
function firstMiss(parts: string[], instance: unknown): Miss | undefined {
  let cur: unknown = instance;
  for (const [i, part] of parts.entries()) {
    while (Array.isArray(cur) && !/^\d+$/.test(part) && part !== '*') cur = cur[0];
    if (isOpen(cur) && !(isObject(cur) && Object.hasOwn(cur, part))) return undefined;
    if (part === '*' || part === '..' || /^\d+$/.test(part) || /[?()@]/.test(part)) return undefined;
    if (typeof cur === 'string' || typeof cur === 'number' || typeof cur === 'boolean') return { segment: part, known: [], at: parts.slice(0, i), scalar: cur };
    if (!isObject(cur)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, part)) return { segment: part, known: Object.keys(cur), at: parts.slice(0, i) };
    cur = cur[part];
  }
  return undefined;
}

/** A locator's segments, `$` left out; undefined when it cannot be parsed. */
function locatorParts(locator: string): string[] | undefined {
  try {
    return (JSONPath.toPathArray(locator) as string[]).filter((p) => p !== '$');
  } catch {
    return undefined;
  }
}

/** A segment that names a property: not a wildcard, index, recursive descent, filter or jsonpath-plus operator (`^`, `~`, `@`). */
function isPlainName(part: string): boolean {
  return /^[A-Za-z_][\w-]*$/.test(part);
}
