/** Helpers comparing the OpenAPI validator compiled at build time with SwaggerParser.validate (see test/swagger-parser.test.ts). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { ErrorObject } from 'ajv';
import * as oas30 from '../../src/generated/oas30.js';
import type * as Oas31 from '../../src/generated/oas31.cjs';
import { CONNECTOR_ROOT_KEYS } from '../../src/rules/oas-schema.js';
import { parseText, defaultLimits } from '../../src/load/source.js';
import { detectLayout } from '../../src/load/layout.js';

const oas31 = createRequire(import.meta.url)('../../src/generated/oas31.cjs') as typeof Oas31;

export type Doc = Record<string, unknown>;

export const OPTIONS = {
  resolve: { external: false, file: false, http: false },
  dereference: { circular: 'ignore' as const },
  validate: { spec: false },
};

/** The raw errors SwaggerParser.validate reports for `doc` (none when it accepts it). */
export async function swaggerParserErrors(doc: Doc): Promise<ErrorObject[]> {
  try {
    await SwaggerParser.validate(structuredClone(doc) as never, OPTIONS as never);
    return [];
  } catch (e) {
    const details = (e as { details?: ErrorObject[] }).details;
    if (!details) throw e;
    return details;
  }
}

/** The raw errors of our compiled validator on `doc`. */
export function compiledErrors(doc: Doc): ErrorObject[] {
  const validate = /^3\.1\./.test(String(doc['openapi'])) ? oas31.document : oas30.document;
  validate(doc);
  return [...(validate.errors ?? [])];
}

/** The document swagger-parser validates: `doc` dereferenced with the same options. */
export async function dereferenced(doc: Doc): Promise<Doc> {
  return (await new SwaggerParser().dereference(structuredClone(doc) as never, OPTIONS as never)) as unknown as Doc;
}

export const keyOf = (e: ErrorObject) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`;
export const keys = (errors: ErrorObject[]) => errors.map(keyOf).sort();

/** The OpenAPI part of a connector file: `resources` of a hub connector, the root minus the connector's keys otherwise. */
export function openApiPart(path: string): Doc {
  const source = parseText(path, readFileSync(path, 'utf8'), defaultLimits);
  const root = source.value as Doc;
  if (detectLayout(root) === 'hub') return root['resources'] as Doc;
  return Object.fromEntries(Object.entries(root).filter(([k]) => !CONNECTOR_ROOT_KEYS.has(k)));
}
