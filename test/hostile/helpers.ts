/**
 * Helpers for the hostile-input suite: run the built CLI (bin/cdp-lint.cjs -> dist/cli.cjs) in a
 * fresh temporary folder, with a time limit, and read its JSON report. Build first
 * (`node scripts/build.mjs`; `npm test` does).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TempDir } from '../helpers/tempdir.js';
export { at, position } from '../helpers/text.js';
import { expect } from 'vitest';

export const BIN = fileURLToPath(new URL('../../bin/cdp-lint.cjs', import.meta.url));
/** The uid and gid of `nobody`, which runUnprivileged runs as when the tests run as root. */
export const NOBODY = 65534;
const DIST = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface Diag {
  ruleId: string;
  severity: string;
  message: string;
  pointer: string;
  line: number;
  column: number;
}

export interface Report {
  files: Array<{ path: string; layout: string; diagnostics: Diag[] }>;
  summary: { files: number; errors: number; warnings: number; infos: number };
}

/** A temporary folder to run the CLI in. */
export class Scratch extends TempDir {
  constructor() {
    super('cdp-lint-hostile-');
  }

  /** Run `cdp-lint ...args` here; a run that outlives `timeout` ms is killed and fails the test. */
  run(args: string[], timeout = 300_000): Run {
    if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`node scripts/build.mjs\` first`);
    const started = performance.now();
    const out = spawnSync(process.execPath, [BIN, ...args], {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout,
      killSignal: 'SIGKILL',
      maxBuffer: 512 * 1024 * 1024,
    });
    const ms = Math.round(performance.now() - started);
    if (out.error && (out.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') throw new Error(`cdp-lint ${args.join(' ')} did not finish in ${timeout} ms`);
    return { code: out.status, signal: out.signal, stdout: out.stdout, stderr: out.stderr, ms };
  }

  /**
   * Run `cdp-lint ...args` here as a user without privileges, for what only permissions can refuse
   * (mode 000 files, files the user may not write). Root reads and writes anything, so as root the
   * child runs as `nobody` (uid and gid 65534, through util-linux's setpriv) and this folder is
   * opened to it; any other user already has no privileges and runs it directly.
   */
  runUnprivileged(args: string[], timeout = 300_000): Run {
    if (process.getuid?.() !== 0) return this.run(args, timeout);
    chmodSync(this.dir, 0o777);
    const out = spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, BIN, ...args], {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout,
      killSignal: 'SIGKILL',
    });
    if (out.error) throw out.error;
    if (out.status === 127 || /setpriv: /.test(out.stderr)) throw new Error(`setpriv could not drop privileges: ${out.stderr}`);
    return { code: out.status, signal: out.signal, stdout: out.stdout, stderr: out.stderr, ms: 0 };
  }

  /** Run with `--format json` and return the exit code and the report's diagnostics in a compact form. */
  lint(args: string[], timeout?: number): { code: number | null; report: Report; stderr: string; ms: number } {
    const r = this.run([...args, '--format', 'json'], timeout);
    expectClean(r);
    let report: Report;
    try {
      report = JSON.parse(r.stdout) as Report;
    } catch {
      throw new Error(`not a JSON report (exit ${r.code}):\n${r.stdout.slice(0, 2000)}\n${r.stderr.slice(0, 2000)}`);
    }
    for (const f of report.files) {
      f.diagnostics = f.diagnostics.map((d) => {
        const full = d as unknown as { ruleId: string; severity: string; message: string; pointer: string; range: { start: { line: number; column: number } } };
        return { ruleId: full.ruleId, severity: full.severity, message: full.message, pointer: full.pointer, line: full.range.start.line, column: full.range.start.column };
      });
    }
    return { code: r.code, report, stderr: r.stderr, ms: r.ms };
  }

  /**
   * `d/good.json` (`good`), `d/bad.json` (`broken`, mode 000) and `d/locked/hidden.json` (`broken`,
   * in a folder of mode 000), then `run()` as a user without privileges (see runUnprivileged);
   * the folder is opened again afterwards, so that remove() can delete it.
   */
  withUnreadable<T>(good: string, broken: string, run: () => T): T {
    this.write('d/good.json', good);
    this.write('d/bad.json', broken);
    this.write('d/locked/hidden.json', broken);
    chmodSync(this.path('d/bad.json'), 0o000);
    chmodSync(this.path('d/locked'), 0o000);
    try {
      return run();
    } finally {
      chmodSync(this.path('d/locked'), 0o755);
    }
  }

  private readonly writers: ChildProcess[] = [];

  /**
   * A FIFO with a writer blocked on opening it: the writer gets through, and creates `marker`,
   * only if some process opens the FIFO for reading. No marker after a run proves that cdp-lint
   * never opened it. `remove()` ends the writer.
   */
  watchedFifo(path: string, marker: string): void {
    mkdirSync(dirname(path), { recursive: true });
    // Node has no mkfifo; the command is everywhere the suite runs (Linux, macOS).
    const made = spawnSync('mkfifo', [path]);
    if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
    this.writers.push(spawn('sh', ['-c', 'exec 3>"$1"; : > "$2"', 'sh', path, marker], { stdio: 'ignore' }));
  }

  override remove(): void {
    for (const w of this.writers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    super.remove();
  }
}

/** Give a writer woken by an open time to leave its marker. */
export async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 300));
}

/** The process ended by itself, and stderr has no stack trace and no raw error dump. */
export function expectClean(r: Run): void {
  expect(r.signal, 'killed by a signal').toBeNull();
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/\w*Error:/);
  expect(r.stderr).not.toMatch(/node:internal|UnhandledPromiseRejection/);
}

/** A usage failure: exit 2, nothing on stdout, exactly one line on stderr. */
export function expectUsageError(r: Run, line: string): void {
  expectClean(r);
  expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 2, stdout: '', stderr: line + '\n' });
}

/** A connector with no problem under either preset: an OpenAPI document with the connector lists at its root. */
export const CLEAN = `{
  "openapi": "3.0.3",
  "info": { "title": "Contacts", "version": "1.0.0" },
  "paths": {
    "/contacts": {
      "get": {
        "tags": ["Events"],
        "summary": "List contacts",
        "operationId": "listContacts",
        "responses": {
          "200": {
            "description": "Contacts",
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ContactList" } } }
          }
        }
      },
      "post": {
        "tags": ["Actions"],
        "summary": "Create a contact",
        "operationId": "createContact",
        "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Contact" } } } },
        "responses": { "201": { "description": "Created" } }
      }
    }
  },
  "components": {
    "schemas": {
      "Contact": { "type": "object", "properties": { "name": { "type": "string" } } },
      "ContactList": { "type": "object", "properties": { "results": { "type": "array", "items": { "$ref": "#/components/schemas/Contact" } } } }
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

/** The same connector in YAML. */
export const CLEAN_YAML = `openapi: 3.0.3
info: {title: Contacts, version: 1.0.0}
paths:
  /contacts:
    get:
      tags: [Events]
      summary: List contacts
      operationId: listContacts
      responses:
        "200":
          description: Contacts
    post:
      tags: [Actions]
      summary: Create a contact
      operationId: createContact
      responses:
        "201":
          description: Created
preDefinedActions:
  - resourcePath: /contacts/post
    name: Create contact
preDefinedEvents:
  - resourcePath: /contacts/get
    name: Contacts changed
`;

/** CLEAN with the request body schema's `$ref` replaced, and extra component schemas. */
export function withRef(ref: string, schemas: Record<string, unknown> = {}): string {
  const doc = JSON.parse(CLEAN) as { paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: unknown }> } }>>; components: { schemas: Record<string, unknown> } };
  doc.paths['/contacts']!['post']!.requestBody.content['application/json']!.schema = { $ref: ref };
  Object.assign(doc.components.schemas, schemas);
  return JSON.stringify(doc, null, 2) + '\n';
}

/** The message of resource-path for an action on `/contacts/put`, which CLEAN's path lacks. */
export const NO_PUT = '`/contacts/put`: path `/contacts` has get and post; no put';
