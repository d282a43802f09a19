/**
 * Records locators (`recordsLocator`, `recordsLocatorPath`) reach something in the schema they
 * address: evaluated with jsonpath-plus against a skeleton instance built from that schema.
 */
import { JSONPath } from 'jsonpath-plus';
import { defineRule, type RuleContext } from './types.js';
import { isObject, own, type JsonObject } from '../model/json.js';
import { findOperation, splitResourcePath, type Connector } from '../model/connector.js';
import { isOpen, reachesPlainPath, requestSchema, responseSchema, skeleton } from '../model/schema-shape.js';
import type { Ptr } from '../model/pointer.js';
import { codeList, didYouMean } from '../util/text.js';

export const recordsLocator = defineRule({
  meta: {
    id: 'records-locator',
    description: 'Every records locator reaches something in the schema it reads records from.',
    messages: {
      nothing: '{{name}} `{{locator}}` reaches nothing in {{where}}: `{{missing}}` is not one of its properties ({{known}}){{hint}}',
      scalar: '{{name}} `{{locator}}` reaches nothing in {{where}}: {{what}} is {{type}}, which has no `{{missing}}`',
      invalid: '{{name}} `{{locator}}` is not a valid JSONPath expression',
    },
  },
  create(context) {
    const c = context.connector;
    return {
      Listener(node, info) {
        const op = listenerOperation(c, node);
        if (op) check(context, node, info.ptr, 'recordsLocator', requestSchema(op.value, c.refs), `the request body of webhook ${op.label}`);
      },
      PollingConfig(node, info) {
        const split = splitResourcePath(info.key);
        const op = split ? findOperation(c, 'path', split.path, split.method) : undefined;
        if (op) check(context, node, info.ptr, 'recordsLocator', responseSchema(op.value, c.refs), `the response of ${split!.method.toUpperCase()} ${split!.path}`);
      },
      OperationSettings(node, info) {
        if (info.parentType !== 'Operation' || !isObject(info.parent)) return;
        check(context, node, info.ptr, 'recordsLocatorPath', responseSchema(info.parent, c.refs), 'the operation\'s response');
      },
      SchemaSettings(node, info) {
        if (info.parentType !== 'Schema') return;
        check(context, node, info.ptr, 'recordsLocatorPath', info.parent, 'the schema it is set on');
      },
    };
  },
});

function listenerOperation(c: Connector, node: JsonObject): { value: JsonObject; label: string } | undefined {
  const path = own(node, 'webhookPath');
  if (typeof path !== 'string') return undefined;
  const i = path.lastIndexOf('/');
  if (i <= 0) return undefined;
  const op = findOperation(c, 'webhook', path.slice(0, i), path.slice(i + 1));
  return op ? { value: op.value, label: `\`${path.slice(0, i)}\`` } : undefined;
}

const MAX_LOCATOR_LENGTH = 2000;

function check(context: RuleContext, holder: JsonObject, holderPtr: Ptr, field: string, schema: unknown, where: string): void {
  const locator = own(holder, field);
  if (typeof locator !== 'string' || locator === '' || locator === '$' || schema === undefined) return;
  // jsonpath-plus splits a path with a regular expression that is quadratic in its length: a
  // 600 KB locator would take hours. No real locator comes near this, so such a one is not evaluated.
  if (locator.length > MAX_LOCATOR_LENGTH) return;
  const refs = context.connector.refs;
  // Each name can cross an array level too: two skeleton levels per locator segment are enough.
  const parts = locatorParts(locator);
  const segments = parts === undefined || parts.includes('..') ? undefined : parts.length;
  const plain = parts !== undefined && parts.every(isPlainName) ? parts : undefined;
  const instance = skeleton(schema, refs, 0, segments === undefined ? undefined : 2 * segments + 2, undefined, plain);
  if (isOpen(instance)) return;
  const ptr = holderPtr.child(field);
  // A plain path is answered without jsonpath-plus (a test holds the two to the same answers).
  if (plain !== undefined && reachesPlainPath(instance, plain)) return;
  let found: unknown[];
  try {
    // jsonpath-plus answers undefined, not [], for a string, number or boolean body.
    found = (JSONPath({ path: locator, json: instance as object, wrap: true, eval: false }) as unknown[] | undefined) ?? [];
  } catch (e) {
    // Filter and script expressions are valid JSONPath that is never evaluated here (eval: false): nothing to check.
    if (e instanceof Error && /prevented/.test(e.message)) return;
    context.report({ messageId: 'invalid', data: { name: field, locator }, ptr });
    return;
  }
  if (found.length > 0) return;
  const miss = parts === undefined ? undefined : firstMiss(parts, instance);
  if (!miss) return;
  if (miss.scalar !== undefined) {
    const what = miss.at.length === 0 ? 'it' : `\`${miss.at.join('.')}\``;
    context.report({ messageId: 'scalar', data: { name: field, locator, where, what, type: `a ${typeof miss.scalar}`, missing: miss.segment }, ptr });
    return;
  }
  context.report({
    messageId: 'nothing',
    data: { name: field, locator, where, missing: miss.segment, known: codeList(miss.known), hint: didYouMean(miss.segment, miss.known) },
    ptr,
  });
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
    if (isOpen(cur)) return undefined;
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
