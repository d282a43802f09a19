/** The JSON Schemas of schemas/, compiled together with ajv, and what the schema tests report with them. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const Ajv = AjvModule.default ?? AjvModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCHEMA_DIR = join(ROOT, 'schemas');
export const ID_BASE = 'https://cdp-lint.dev/schemas/';

export const EXTENSIONS = [
  'x-cdp-operation-settings',
  'x-cdp-schema-settings',
  'x-cdp-path-settings',
  'x-cdp-authorization-settings',
] as const;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function loadSchemas(): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json')).sort()) {
    out.set(file, JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as JsonObject);
  }
  return out;
}

export const schemas = loadSchemas();

function makeAjv() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const schema of schemas.values()) ajv.addSchema(schema);
  return ajv;
}

const ajv = makeAjv();

export function validator(ref: string): ValidateFunction {
  const v = ajv.getSchema(ref.startsWith('https:') ? ref : ID_BASE + ref);
  if (!v) throw new Error(`no schema ${ref}`);
  return v;
}

function escapeToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** One line per error: "<pointer> <keyword>", the pointer naming the offending key for unknown keys. */
function describeErrors(errors: ErrorObject[] | null | undefined, base = ''): string[] {
  return (errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? '/' + escapeToken(String(e.params['additionalProperty'])) : '';
    return `${base}${e.instancePath}${extra} ${e.keyword}`;
  });
}

export function run(ref: string, value: unknown, base = ''): string[] {
  const v = validator(ref);
  v(value);
  return describeErrors(v.errors, base);
}

/** Every value under an x-cdp-* key, with its JSON pointer. */
export function findExtensions(value: Json, ptr = ''): { name: string; ptr: string; value: Json }[] {
  const out: { name: string; ptr: string; value: Json }[] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...findExtensions(v, `${ptr}/${i}`)));
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const p = `${ptr}/${escapeToken(k)}`;
      if ((EXTENSIONS as readonly string[]).includes(k)) out.push({ name: k, ptr: p, value: v });
      out.push(...findExtensions(v, p));
    }
  }
  return out;
}
