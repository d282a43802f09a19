/**
 * Where the tests of `npm run test:corpus` (test/corpus/) find the files that are not part of this
 * repository: the folder shared/ beside the checkout (CDP_SHARED overrides it), with the real
 * connectors (corpus/hub) and the SARIF 2.1.0 schema (external/). `npm test` never reads it.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared/ folder: $CDP_SHARED, else ../shared beside the checkout. */
export const SHARED = process.env['CDP_SHARED'] ? resolve(process.env['CDP_SHARED']) : resolve(ROOT, '..', 'shared');

/** The real connectors (hub layout), read only. */
export const CORPUS = join(SHARED, 'corpus', 'hub');

/** The JSON Schema of SARIF 2.1.0 (draft-04), as published by OASIS. */
export const SARIF_SCHEMA = join(SHARED, 'external', 'sarif-schema-2.1.0.json');
