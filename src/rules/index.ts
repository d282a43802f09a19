/** The one registry of rules: id -> rule. A test fails when a registered rule lacks fixtures or docs. */
import type { Rule } from './types.js';
import { connectorLayout, duplicateKey, encoding, inputLimit, syntaxError } from './parse-rules.js';
import { oasSchema } from './oas-schema.js';
import { openapiVersion } from './openapi-version.js';
import { cdpSchema, misspelledKey, unknownKey } from './cdp-schema.js';
import { remoteRef, unresolvedRef } from './unresolved-ref.js';
import { enrichmentPoint, resourcePath, webhookPath } from './resource-path.js';
import { recordsLocator } from './records-locator.js';

const all: Rule[] = [
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
];

export const RULES: ReadonlyMap<string, Rule> = new Map(all.map((r) => [r.meta.id, r]));

/** Where a rule's documentation page lives. */
export const DOCS_BASE_URL = 'https://github.com/cdp-lint/cdp-lint/blob/main/docs/rules/';

/** The docs URL of a rule. */
export function docsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
