/** The one registry of rules: id -> rule. A test fails when a registered rule lacks fixtures or docs. */
import type { Rule } from './types.js';
import { connectorLayout, duplicateKey, encoding, inputLimit, readError, syntaxError } from './parse-rules.js';
import { oasSchema } from './oas-schema.js';
import { openapiVersion } from './openapi-version.js';
import { cdpSchema, misspelledKey, unknownKey } from './cdp-schema.js';
import { remoteRef, unresolvedRef } from './unresolved-ref.js';
import { enrichmentPoint, resourcePath, webhookPath } from './resource-path.js';
import { recordsLocator } from './records-locator.js';
import { pathParams } from './path-params.js';
import { identicalPaths } from './identical-paths.js';
import { pagingConfig } from './paging-config.js';
import { rateLimit } from './rate-limit.js';
import { recordsLocatorPath } from './records-locator-path.js';
import { metadataFields } from './metadata-fields.js';
import { enrichmentMapping } from './enrichment-mapping.js';
import { operationRoleTag } from './operation-role-tag.js';
import { deadOperation } from './dead-operation.js';
import { duplicateAction } from './duplicate-action.js';
import { duplicateOperationId } from './duplicate-operation-id.js';
import { connectorType } from './connector-type.js';
import { connectorTypeCase } from './connector-type-case.js';
import { connectorVersion } from './connector-version.js';
import { storageResources } from './storage-resources.js';
import { operationDescription } from './operation-description.js';
import { operationTags } from './operation-tags.js';
import { operationOperationId } from './operation-operationId.js';
import { misplacedSetting } from './misplaced-setting.js';
import { unknownExtension } from './unknown-extension.js';
import { undefinedVariable } from './undefined-variable.js';
import { lastRunTimeFormat } from './last-run-time-format.js';
import { configValuesKey } from './config-values-key.js';
import { unusedConfigProperty } from './unused-config-property.js';
import { configSchemaValid } from './config-schema-valid.js';
import { configSchemaScopes } from './config-schema-scopes.js';
import { configSchemaMisspelling } from './config-schema-misspelling.js';
import { securityDefined } from './security-defined.js';
import { valueFitsSchema } from './value-fits-schema.js';
import { unusedComponent } from './unused-component.js';
import { refTargetType } from './ref-target-type.js';
import { duplicateParameter } from './duplicate-parameter.js';
import { enumValues } from './enum-values.js';
import { eventSuccessResponse } from './event-success-response.js';
import { serverVariables } from './server-variables.js';
import { suppression } from './suppression.js';

const all: Rule[] = [
  readError,
  syntaxError,
  duplicateKey,
  inputLimit,
  encoding,
  connectorLayout,
  openapiVersion,
  oasSchema,
  cdpSchema,
  misspelledKey,
  unknownKey,
  unresolvedRef,
  remoteRef,
  resourcePath,
  webhookPath,
  enrichmentPoint,
  recordsLocator,
  pathParams,
  identicalPaths,
  pagingConfig,
  rateLimit,
  recordsLocatorPath,
  metadataFields,
  enrichmentMapping,
  operationRoleTag,
  deadOperation,
  duplicateAction,
  duplicateOperationId,
  connectorType,
  connectorTypeCase,
  connectorVersion,
  storageResources,
  operationDescription,
  operationTags,
  operationOperationId,
  misplacedSetting,
  unknownExtension,
  undefinedVariable,
  lastRunTimeFormat,
  configValuesKey,
  unusedConfigProperty,
  configSchemaValid,
  configSchemaScopes,
  configSchemaMisspelling,
  securityDefined,
  serverVariables,
  refTargetType,
  duplicateParameter,
  eventSuccessResponse,
  valueFitsSchema,
  enumValues,
  unusedComponent,
  suppression,
];

export const RULES: ReadonlyMap<string, Rule> = new Map(all.map((r) => [r.meta.id, r]));

/** Where a rule's documentation page lives. */
export const DOCS_BASE_URL = 'https://github.com/cdp-lint/cdp-lint/blob/main/docs/rules/';

/** The docs URL of a rule. */
export function docsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
