/**
 * Cross-references from the connector's lists into its OpenAPI document: resourcePaths of actions,
 * events, polling configs and enrichment points, and the root `testResourcePath` (the call the
 * platform makes to test a connection, platform-model.md), name an existing path and method.
 */
import { defineRule, type RuleContext } from './types.js';
import { isObject, own, type JsonObject } from '../model/json.js';
import { resolveOperation, type Connector } from '../model/connector.js';
import type { Ptr } from '../model/pointer.js';
import { didYouMean, listing, nearestList, Suggester, suggesterFor } from '../util/text.js';

export const resourcePath = defineRule({
  meta: {
    id: 'resource-path',
    description: 'Every resourcePath (actions, events, polling configs, enrichment points, testResourcePath) names an existing path and method.',
    fixable: true,
    messages: {
      malformed: '`{{value}}` is not a resourcePath: expected `<path>/<method>`, for example `/contacts/post`',
      noPath: '`{{value}}` names path `{{path}}`, which is not in `paths`{{hint}}',
      noPaths: '`{{value}}` names path `{{path}}`, but the connector has no OpenAPI `paths`',
      noMethod: '`{{value}}`: path `{{path}}` has {{methods}}; no {{method}}',
      methodCase: '`{{value}}`: HTTP methods are lowercase in OpenAPI; path `{{path}}` has `{{lower}}`',
    },
  },
  create(context) {
    return {
      Action: (node, info) => checkField(context, node, info.ptr),
      Event: (node, info) => checkField(context, node, info.ptr),
      EnrichmentPoint: (node, info) => checkField(context, node, info.ptr),
      // The root carries `testResourcePath`: a hub/storage root is a ConnectorRoot, an OpenAPI-root connector's root an OpenAPI node.
      ConnectorRoot: (node, info) => checkField(context, node, info.ptr, 'testResourcePath'),
      OpenAPI: (node, info) => {
        if (info.parentType === null) checkField(context, node, info.ptr, 'testResourcePath');
      },
      PollingConfig: (_node, info) => {
        // The key itself is the resourcePath.
        checkPath(context, info.key, info.ptr, 'key');
      },
    };
  },
});

function checkField(context: RuleContext, node: JsonObject, ptr: Ptr, field = 'resourcePath'): void {
  const value = own(node, field);
  // Required-ness and type are the connector schema's job (cdp-schema): one diagnostic for a non-string.
  if (typeof value !== 'string') return;
  checkPath(context, value, ptr.child(field), 'value');
}

/** Check one resourcePath string; `target` says whether it is written as a key or a value. */
export function checkPath(context: RuleContext, value: string, ptr: Ptr, target: 'key' | 'value'): void {
  const c: Connector = context.connector;
  const r = resolveOperation(c, 'path', value);
  if (r.ok) return;
  switch (r.reason) {
    case 'noDocument':
    case 'unresolvedItem': // unresolved-ref reports the Path Item's $ref; its operations cannot be judged
      return;
    case 'malformed':
      context.report({ messageId: 'malformed', data: { value }, ptr, target });
      return;
    case 'noMap':
      context.report({ messageId: 'noPaths', data: { value, path: r.path }, ptr, target });
      return;
    case 'noKey':
      context.report({ messageId: 'noPath', data: { value, path: r.path, hint: didYouMean(r.path, suggesterFor(c.paths, () => c.paths.keys())) }, ptr, target });
      return;
    case 'methodCase': {
      const lower = r.meant.method;
      const fix = target === 'value' ? context.fix.replaceInString(ptr, '/' + r.method, '/' + lower) : context.fix.renameKey(ptr, `${r.path}/${lower}`);
      context.report({ messageId: 'methodCase', data: { value, path: r.path, lower }, ptr, target, fix });
      return;
    }
    case 'noMethod':
      context.report({ messageId: 'noMethod', data: { value, path: r.path, method: r.method, methods: r.methods.length ? listing(r.methods) : 'no operations' }, ptr, target });
  }
}

export const webhookPath = defineRule({
  meta: {
    id: 'webhook-path',
    description: 'Every preDefinedEventListener\'s webhookPath names an existing webhook and method.',
    fixable: true,
    messages: {
      malformed: '`{{value}}` is not a webhookPath: expected `<webhook name>/<method>`, for example `contactEvent/post`',
      noWebhook: '`{{value}}` names webhook `{{name}}`, which is not in `webhooks`{{hint}}',
      noWebhooks: '`{{value}}` names webhook `{{name}}`, but the OpenAPI document has no `webhooks`{{hint}}',
      noMethod: '`{{value}}`: webhook `{{name}}` has {{methods}}; no {{method}}',
      methodCase: '`{{value}}`: HTTP methods are lowercase in OpenAPI; webhook `{{name}}` has `{{lower}}`',
    },
  },
  create(context) {
    return {
      Listener(node, info) {
        const c = context.connector;
        const value = own(node, 'webhookPath');
        const ptr = info.ptr.child('webhookPath');
        if (typeof value !== 'string') return; // missing or not a string: cdp-schema reports it
        const r = resolveOperation(c, 'webhook', value);
        if (r.ok) return;
        switch (r.reason) {
          case 'noDocument':
          case 'unresolvedItem':
            return;
          case 'malformed':
            context.report({ messageId: 'malformed', data: { value }, ptr });
            return;
          case 'noMap':
          case 'noKey': {
            const name = r.path;
            const inPaths = c.paths.has(name) || c.paths.has('/' + name);
            const hint = inPaths ? `; \`${name}\` is under \`paths\`, but listeners read \`webhooks\`` : didYouMean(name, suggesterFor(c.webhooks, () => c.webhooks.keys()));
            context.report({ messageId: c.webhooks.size || c.unresolvedItems.webhook.size ? 'noWebhook' : 'noWebhooks', data: { value, name, hint }, ptr });
            return;
          }
          case 'methodCase':
            context.report({ messageId: 'methodCase', data: { value, name: r.path, lower: r.meant.method }, ptr, fix: context.fix.replaceInString(ptr, '/' + r.method, '/' + r.meant.method) });
            return;
          case 'noMethod':
            context.report({ messageId: 'noMethod', data: { value, name: r.path, method: r.method, methods: r.methods.length ? listing(r.methods) : 'no operations' }, ptr });
        }
      },
    };
  },
});

export const enrichmentPoint = defineRule({
  meta: {
    id: 'enrichment-point',
    description: 'Every enrichment of an action or event names an enrichment point defined in `enrichmentPoints`.',
    messages: {
      unknown: 'Enrichment point `{{name}}` is not defined in `enrichmentPoints`{{hint}}',
      none: 'Enrichment point `{{name}}` is used, but the connector defines no `enrichmentPoints`',
    },
  },
  create(context) {
    const points = own(context.connector.root, 'enrichmentPoints');
    const names = new Set(isObject(points) ? Object.keys(points) : []);
    let suggester: Suggester | undefined;
    return {
      Enrichment(node, info) {
        const name = own(node, 'enrichmentPoint');
        if (typeof name !== 'string') return;
        if (names.has(name)) return;
        const ptr = info.ptr.child('enrichmentPoint');
        if (names.size === 0) {
          context.report({ messageId: 'none', data: { name }, ptr });
          return;
        }
        // Named once per file; a message names the few nearest points, never all of them.
        suggester ??= new Suggester(names);
        context.report({ messageId: 'unknown', data: { name, hint: didYouMean(name, suggester) || `; defined: ${nearestList(name, suggester)}` }, ptr });
      },
    };
  },
});
