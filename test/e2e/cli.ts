/**
 * End-to-end helpers: run the built CLI (bin/cdp-lint.cjs -> dist/cli.cjs) as a user would, in a
 * fresh temporary folder with real files. Build first: `node scripts/build.mjs` (`npm test` does).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TempDir } from '../helpers/tempdir.js';
import { at } from '../helpers/text.js';

export const BIN = fileURLToPath(new URL('../../bin/cdp-lint.cjs', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `cdp-lint ...args` in `cwd` with the current Node, no terminal, no colours and no COLUMNS to wrap at. */
export function cdpLint(args: string[], cwd: string): RunResult {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`node scripts/build.mjs\` first`);
  const out = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, COLUMNS: undefined }, timeout: 300_000 });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** A temporary folder; `remove()` deletes it. */
export class Workspace extends TempDir {
  constructor() {
    super('cdp-lint-e2e-');
  }

  read(rel: string): string {
    return readFileSync(this.path(rel), 'utf8');
  }

  bytes(rel: string): Buffer {
    return readFileSync(this.path(rel));
  }

  run(...args: string[]): RunResult {
    return cdpLint(args, this.dir);
  }
}

export { at };

/** A connector with no problem under either preset except missing operationIds (strict only). */
export const CLEAN_JSON = `{
  "openapi": "3.0.3",
  "info": { "title": "Contacts", "version": "1.0.0" },
  "paths": {
    "/contacts": {
      "get": {
        "tags": ["Events"],
        "summary": "List contacts",
        "responses": { "200": { "description": "Contacts" } }
      },
      "post": {
        "tags": ["Actions"],
        "summary": "Create a contact 📇",
        "x-cdp-operation-settings": {
          "customSteps": [{ "name": "datasource.write", "provider": "idx" }]
        },
        "responses": { "201": { "description": "Created" } }
      }
    }
  },
  "preDefinedActions": [
    { "resourcePath": "/contacts/post", "name": "Create contact" }
  ],
  "preDefinedEvents": [
    { "resourcePath": "/contacts/get", "name": "Contacts changed" }
  ]
}
`;

/** CLEAN_JSON with one warning: `vendor` for `provider` in a custom step (fixable). */
export const WARNING_JSON = CLEAN_JSON.replace('"provider": "idx"', '"vendor": "idx"');

/**
 * Four problems: three fixable (`vendor`, `/contacts/POST`, `predefinedEvents`) and one that is
 * not (`/contacts/put`: the path has no put).
 */
export const BROKEN_JSON = WARNING_JSON.replace('"/contacts/post"', '"/contacts/POST"')
  .replace('"name": "Create contact" }', '"name": "Create contact" },\n    { "resourcePath": "/contacts/put", "name": "Replace contact" }')
  .replace('"preDefinedEvents"', '"predefinedEvents"');

/** BROKEN_JSON once --fix has run: only the put action is left. */
export const FIXED_JSON = BROKEN_JSON.replace('"vendor": "idx"', '"provider": "idx"')
  .replace('"/contacts/POST"', '"/contacts/post"')
  .replace('"predefinedEvents"', '"preDefinedEvents"');

/** The same four problems in YAML, with comments, quotes and flow style that --fix must keep. */
export const BROKEN_YAML = `# Contacts connector (kept by --fix)
openapi: 3.0.3
info: {title: Contacts, version: "1.0.0"}
paths:
  /contacts:
    get:
      tags: [Events]
      summary: List contacts   # trailing comment
      responses:
        "200":
          description: Contacts
    post:
      tags: [Actions]
      summary: "Créer un contact 📇"
      x-cdp-operation-settings:
        customSteps:
          - name: datasource.write
            vendor: idx      # the platform reads provider
      responses:
        "201":
          description: Created
preDefinedActions:
  - resourcePath: '/contacts/Post'
    name: Create contact
  - resourcePath: /contacts/put
    name: Replace contact
predefinedEvents:
  - resourcePath: /contacts/get
    name: Contacts changed
`;

export const FIXED_YAML = BROKEN_YAML.replace('vendor: idx', 'provider: idx')
  .replace("'/contacts/Post'", "'/contacts/post'")
  .replace('predefinedEvents:', 'preDefinedEvents:');

/** Messages of the planted problems, as the rules word them. */
export const MESSAGES = {
  vendor: 'Unknown key `vendor` in `customSteps[0]`: the platform ignores it; did you mean `provider`?',
  postCase: '`/contacts/POST`: HTTP methods are lowercase in OpenAPI; path `/contacts` has `post`',
  noPut: '`/contacts/put`: path `/contacts` has get and post; no put',
  predefinedEvents:
    '`predefinedEvents` is not a key the platform reads; did you mean `preDefinedEvents`? Keys are case-sensitive, so everything under `predefinedEvents` is ignored',
};

/** The diagnostics of BROKEN_JSON in report order, with exact positions. */
export function brokenJsonDiagnostics(text = BROKEN_JSON) {
  return [
    { ruleId: 'unknown-key', severity: 'warning', pointer: '/paths/~1contacts/post/x-cdp-operation-settings/customSteps/0/vendor', message: MESSAGES.vendor, ...at(text, '"vendor"') },
    { ruleId: 'resource-path', severity: 'error', pointer: '/preDefinedActions/0/resourcePath', message: MESSAGES.postCase, ...at(text, '"/contacts/POST"') },
    { ruleId: 'resource-path', severity: 'error', pointer: '/preDefinedActions/1/resourcePath', message: MESSAGES.noPut, ...at(text, '"/contacts/put"') },
    { ruleId: 'misspelled-key', severity: 'error', pointer: '/predefinedEvents', message: MESSAGES.predefinedEvents, ...at(text, '"predefinedEvents"') },
  ];
}
