/**
 * Settings written where the platform never reads them: x-cdp-* extensions on the wrong kind of
 * object, root-only connector keys below the root, and x-cdp-schema-settings beside a `$ref`
 * (whose siblings OpenAPI 3.0 ignores). None of these fails to parse; each silently does nothing.
 */
import { defineRule, type RuleContext } from './types.js';
import { own, type JsonObject } from '../model/json.js';
import { typeName, type NodeType } from '../model/node-types.js';
import type { VisitInfo } from '../model/walk.js';
import { isNameMap } from '../model/name-maps.js';

/** Connector keys the platform reads only at the root of the file. */
export const ROOT_ONLY = ['preDefinedActions', 'preDefinedEvents', 'preDefinedEventListeners', 'pollingConfigs', 'enrichmentPoints', 'configSchema'];

const EXTRA_NAMES: Partial<Record<NodeType, string>> = {
  ConfigSchema: '`configSchema`',
  CredentialForm: 'a credential form in the root `securitySchemes`',
  OperationSettings: '`x-cdp-operation-settings`',
  SchemaSettings: '`x-cdp-schema-settings`',
  PathSettings: '`x-cdp-path-settings`',
  AuthorizationSettings: '`x-cdp-authorization-settings`',
  Paths: '`paths`',
  Webhooks: '`webhooks`',
  OAuthFlows: 'the `flows` of a Security Scheme',
  Storage: 'the storage `resources`',
};

function where(type: NodeType): string {
  return EXTRA_NAMES[type] ?? typeName(type);
}

/** Rule: x-cdp-* settings and root-only keys written where the platform never reads them. */
export const misplacedSetting = defineRule({
  meta: {
    id: 'misplaced-setting',
    description: 'x-cdp-* settings and root-only connector keys written where the platform never reads them.',
    messages: {
      schemaSettings: '`x-cdp-schema-settings` on {{where}} has no effect: the platform reads it only on a Schema Object{{hint}}',
      operationSettings: '`x-cdp-operation-settings` on {{where}} has no effect: the platform reads it only on an Operation (`get`, `post`, ... under a path){{hint}}',
      pathSettings: '`x-cdp-path-settings` on {{where}} has no effect: the platform reads it only on an Operation or a Path Item',
      authorizationSettings: '`x-cdp-authorization-settings` on {{where}} has no effect: the platform reads it only on an OAuth flow (for example `flows.authorizationCode`)',
      rootOnly: '`{{key}}` {{place}} has no effect: the platform reads it only at the root of the connector file{{hint}}',
      refSibling:
        '`x-cdp-schema-settings` next to `$ref` has no effect: OpenAPI 3.0 ignores every sibling of `$ref`; put it on the referenced schema `{{ref}}`, or replace the `$ref` with `allOf: [{"$ref": "{{ref}}"}]` and keep the setting beside `allOf`',
    },
  },
  create(context) {
    return {
      SchemaSettings: (_node, info) => {
        if (info.parentType === 'Schema' || !isKnownParent(info)) return;
        context.report({ messageId: 'schemaSettings', data: { where: where(info.parentType!), hint: schemaHint(info.parentType!) }, ptr: info.ptr, target: 'key' });
      },
      OperationSettings: (_node, info) => {
        if (info.parentType === 'Operation' || !isKnownParent(info)) return;
        const hint = info.parentType === 'PathItem' ? '; move it into each operation of this path' : '';
        context.report({ messageId: 'operationSettings', data: { where: where(info.parentType!), hint }, ptr: info.ptr, target: 'key' });
      },
      PathSettings: (_node, info) => {
        if (info.parentType === 'Operation' || info.parentType === 'PathItem' || !isKnownParent(info)) return;
        context.report({ messageId: 'pathSettings', data: { where: where(info.parentType!) }, ptr: info.ptr, target: 'key' });
      },
      AuthorizationSettings: (_node, info) => {
        if (info.parentType === 'OAuthFlow' || !isKnownParent(info)) return;
        context.report({ messageId: 'authorizationSettings', data: { where: where(info.parentType!) }, ptr: info.ptr, target: 'key' });
      },
      ref: (node, info) => checkRefSibling(context, node, info),
      any: (node, info) => checkRootOnly(context, node, info),
    };
  },
});

/** Only parents the walker typed: under an untyped (`Any`) object we cannot tell a Schema from data. */
function isKnownParent(info: VisitInfo): boolean {
  return info.parentType !== null && info.parentType !== 'Any' && info.parentType !== 'Data';
}

function schemaHint(parent: NodeType): string {
  if (parent === 'Operation' || parent === 'Response' || parent === 'RequestBody') return '; move it to the `schema` under `content.<media type>` of the response (or request body) it describes';
  if (parent === 'MediaType' || parent === 'Parameter' || parent === 'Header') return '; move it into this object\'s `schema`';
  return '';
}

function checkRefSibling(context: RuleContext, node: JsonObject, info: VisitInfo): void {
  if (info.type !== 'Schema' || own(node, 'x-cdp-schema-settings') === undefined) return;
  // OpenAPI 3.1 schemas are JSON Schema 2020-12, where siblings of $ref do apply.
  if (context.connector.oas?.version?.startsWith('3.1')) return;
  context.report({ messageId: 'refSibling', data: { ref: String(node['$ref']) }, ptr: info.ptr.child('x-cdp-schema-settings'), target: 'key' });
}

/** Called for every object of the file: a plain loop, no closure per call. */
function hasRootOnlyKey(node: JsonObject): boolean {
  for (let i = 0; i < ROOT_ONLY.length; i++) if (own(node, ROOT_ONLY[i]!) !== undefined) return true;
  return false;
}

function checkRootOnly(context: RuleContext, node: JsonObject, info: VisitInfo): void {
  if (info.ptr.isRoot || !hasRootOnlyKey(node) || isNameMap(info)) return;
  for (const key of ROOT_ONLY) {
    if (own(node, key) === undefined) continue;
    const c = context.connector;
    const inResources = info.ptr.depth === 1 && info.key === 'resources';
    const place = inResources ? 'inside `resources`' : `at \`${info.ptr.toString()}\``;
    const hint = c.layout === 'openapi' ? '; move it to the top level of the file' : '; move it to the top level of the file, beside `resources`';
    context.report({ messageId: 'rootOnly', data: { key, place, hint }, ptr: info.ptr.child(key), target: 'key' });
  }
}
