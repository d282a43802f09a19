/**
 * The language server end to end: `cdp-lint lsp` as a process, driven over stdio by a real LSP client
 * library. Its diagnostics must be the CLI's for the same text and configuration. Build first.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  HoverRequest,
  type Diagnostic,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver-protocol/node';
import { cdpLint, Workspace } from '../e2e/cli.js';
import { LspClient, uri } from './client.js';
import { ACME_CONNECTOR } from '../helpers/connectors.js';

const SLOW = 300_000;
type EditorSchema = { properties: Record<string, { description: string }>; definitions: Record<string, unknown> };
const readSchema = (name: string) => JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as EditorSchema;
/** The editor schema of OpenAPI-root files, whose descriptions hover shows for them. */
const SCHEMA = readSchema('connector-openapi.schema.json');
/** The editor schema of the hub layout. */
const HUB_SCHEMA = readSchema('connector.schema.json');

const CONNECTOR = ACME_CONNECTOR;

const YAML_CONNECTOR = `openapi: 3.0.3
info: {title: Acme, version: 1.0.0}
paths:
  /contacts:
    get:
      responses:
        "200": {description: ok}
preDefinedEvents:
  - name: Contacts
    resourcePath: /contacts/GET
    x-cdp-unknown: 1
`;

interface CliDiagnostic {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** The CLI's JSON diagnostics for `rel` in `dir`, as the server should publish them. */
function cliAsLsp(dir: string, rel: string): Array<Pick<Diagnostic, 'code' | 'severity' | 'message' | 'range' | 'source'> & { href: string }> {
  const report = JSON.parse(cdpLint(['--format', 'json', rel], dir).stdout) as { files: Array<{ diagnostics: CliDiagnostic[] }> };
  return report.files[0]!.diagnostics.map((d) => ({
    code: d.ruleId,
    severity: ({ error: 1, warning: 2, info: 3 } as const)[d.severity],
    message: d.message,
    range: { start: { line: d.range.start.line - 1, character: d.range.start.column - 1 }, end: { line: d.range.end.line - 1, character: d.range.end.column - 1 } },
    source: 'cdp-lint',
    href: `https://github.com/cdp-lint/cdp-lint/blob/main/docs/rules/${d.ruleId}.md`,
  }));
}

function shape(list: Diagnostic[]) {
  return list.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range, source: d.source, href: d.codeDescription?.href }));
}

/** Apply LSP text edits (non-overlapping) to a text. */
function applyEdits(text: string, edits: LspTextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

const ws = new Workspace();
afterAll(() => ws.remove());

describe('cdp-lint lsp', () => {
  it('publishes the CLI\'s diagnostics on open, again after a change, and clears them on close', async () => {
    const file = ws.write('a/acme.json', CONNECTOR);
    const yamlFile = ws.write('a/events.yaml', YAML_CONNECTOR);
    const client = new LspClient(ws.dir);
    const init = await client.initialize(ws.dir);
    expect(init.capabilities).toMatchObject({ textDocumentSync: { openClose: true, change: 2 }, hoverProvider: true, codeActionProvider: { codeActionKinds: ['quickfix'] } });

    client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'json', version: 1, text: CONNECTOR } });
    const opened = await client.diagnostics(uri(file));
    expect(client.registrations).toEqual(['workspace/didChangeWatchedFiles']);
    expect(shape(opened)).toEqual(cliAsLsp(ws.dir, 'a/acme.json'));
    expect(opened.map((d) => d.code)).toEqual(['misspelled-key', 'resource-path']);

    client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(yamlFile), languageId: 'yaml', version: 1, text: YAML_CONNECTOR } });
    expect(shape(await client.diagnostics(uri(yamlFile)))).toEqual(cliAsLsp(ws.dir, 'a/events.yaml'));

    // An incremental change that fixes the resourcePath (not saved: the file on disk keeps the error).
    const line = CONNECTOR.split('\n').findIndex((l) => l.includes('/contacts/put'));
    const character = CONNECTOR.split('\n')[line]!.indexOf('/contacts/put') + '/contacts/'.length;
    client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri(file), version: 2 },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 3 } }, text: 'post' }],
    });
    const changed = await client.diagnostics(uri(file));
    writeFileSync(file, CONNECTOR.replace('/contacts/put', '/contacts/post'));
    expect(shape(changed)).toEqual(cliAsLsp(ws.dir, 'a/acme.json'));
    expect(changed.map((d) => d.code)).toEqual(['misspelled-key']);

    // Cut down to a broken start while typing, it is still linted as the connector it was.
    client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(file), version: 3 }, contentChanges: [{ text: '{"openapi": ' }] });
    expect((await client.diagnostics(uri(file))).map((d) => [d.code, d.range.start])).toEqual([['syntax-error', { line: 0, character: 12 }]]);

    client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uri(file) } });
    expect(await client.diagnostics(uri(file))).toEqual([]);
    expect(await client.stop()).toBe(0);
    expect(client.stderr).toBe('');
  }, SLOW);

  it('debounces: a burst of changes is linted once, for the last text', async () => {
    const file = ws.write('b/acme.json', CONNECTOR);
    const client = new LspClient(ws.dir);
    await client.initialize(ws.dir, { debounceMs: 300 });
    client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'json', version: 1, text: CONNECTOR } });
    await client.diagnostics(uri(file));
    let text = CONNECTOR;
    for (let v = 2; v <= 6; v++) {
      text = text.replace(v === 6 ? '"predefinedEvents"' : '"Acme', v === 6 ? '"preDefinedEvents"' : '"Acme!');
      client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(file), version: v }, contentChanges: [{ text }] });
    }
    const last = await client.diagnostics(uri(file));
    expect(last.map((d) => d.code)).toEqual(['resource-path']);
    expect(await client.stop()).toBe(0);
    expect(client.pending()).toEqual([]);
  }, SLOW);

  it('offers the fix --fix would apply as a quick fix', async () => {
    const file = ws.write('c/acme.json', CONNECTOR);
    const client = new LspClient(ws.dir);
    await client.initialize(ws.dir);
    client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'json', version: 1, text: CONNECTOR } });
    const diagnostics = await client.diagnostics(uri(file));
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(file) },
      range: diagnostics[0]!.range,
      // Without `data`, as clients that do not echo it send them: the server finds the fix itself.
      context: { diagnostics: diagnostics.map(({ data: _data, ...d }) => d) },
    });
    expect(actions).toHaveLength(1);
    const action = actions![0] as { title: string; kind: string; edit: { changes: Record<string, LspTextEdit[]> } };
    expect(action.title).toBe('Fix misspelled-key: replace `"predefinedEvents"` with `"preDefinedEvents"`');
    expect(action.kind).toBe('quickfix');
    // A request without context (some clients' "all actions here") gets none, not an error.
    expect(await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri(file) }, range: diagnostics[0]!.range } as never)).toEqual([]);
    const fixed = applyEdits(CONNECTOR, action.edit.changes[uri(file)]!);
    expect(cdpLint(['--fix', 'c/acme.json'], ws.dir).code).toBe(1);
    expect(fixed).toBe(readFileSync(file, 'utf8'));
    expect(await client.stop()).toBe(0);
  }, SLOW);

  it('offers, in YAML, a comment that disables the rule for the line, which the CLI then honours', async () => {
    const file = ws.write('c2/events.yaml', YAML_CONNECTOR.replace('    x-cdp-unknown: 1\n', ''));
    const text = readFileSync(file, 'utf8');
    const client = new LspClient(ws.dir);
    await client.initialize(ws.dir);
    client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'yaml', version: 1, text } });
    const diagnostics = await client.diagnostics(uri(file));
    expect(diagnostics.map((d) => d.code)).toEqual(['resource-path']);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri(file) }, range: diagnostics[0]!.range, context: { diagnostics } })) as Array<{
      title: string;
      edit: { changes: Record<string, LspTextEdit[]> };
    }>;
    expect(actions.map((a) => a.title)).toEqual(['Disable resource-path for this line', 'Fix resource-path: replace `/GET` with `/get`']);
    const disabled = applyEdits(text, actions[0]!.edit.changes[uri(file)]!);
    expect(disabled).toBe(text.replace('    resourcePath: /contacts/GET\n', '    # cdp-lint-disable-next-line resource-path -- say why this is right here\n    resourcePath: /contacts/GET\n'));
    writeFileSync(file, disabled);
    const cli = JSON.parse(cdpLint(['--format', 'json', 'c2/events.yaml'], ws.dir).stdout) as { files: Array<{ diagnostics: CliDiagnostic[]; suppressed?: unknown[] }> };
    expect(cli.files[0]!.diagnostics).toEqual([]);
    expect(cli.files[0]!.suppressed).toHaveLength(1);
    expect(await client.stop()).toBe(0);
  }, SLOW);

  it('says nothing about files that are not connectors', async () => {
    const pkg = ws.write('d/package.json', '{"name": "x", "version": "1.0.0"}\n');
    const workflow = ws.write('d/ci.yaml', 'on: push\njobs: {}\n');
    const client = new LspClient(ws.dir);
    await client.initialize(ws.dir);
    client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(pkg), languageId: 'json', version: 1, text: readFileSync(pkg, 'utf8') } });
    client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(workflow), languageId: 'yaml', version: 1, text: readFileSync(workflow, 'utf8') } });
    expect(await client.diagnostics(uri(pkg))).toEqual([]);
    expect(await client.diagnostics(uri(workflow))).toEqual([]);
    expect(await client.stop()).toBe(0);
  }, SLOW);

  it('honours and watches configuration files, and shows an invalid one on itself', async () => {
    const file = ws.write('e/acme.json', CONNECTOR);
    const config = ws.write('e/.cdp-lint.yaml', 'rules:\n  resource-path: warning\n');
    const client = new LspClient(ws.dir);
    await client.initialize(ws.dir);
    client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'json', version: 1, text: CONNECTOR } });
    expect((await client.diagnostics(uri(file))).map((d) => [d.code, d.severity])).toEqual([
      ['misspelled-key', 1],
      ['resource-path', 2],
    ]);

    writeFileSync(config, 'rules:\n  resource-path: off\n');
    client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(config), type: FileChangeType.Changed }] });
    expect((await client.diagnostics(uri(file))).map((d) => d.code)).toEqual(['misspelled-key']);

    writeFileSync(config, 'rules:\n  resource-pth: off\n');
    client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(config), type: FileChangeType.Changed }] });
    const onConfig = await client.diagnostics(uri(config));
    expect(onConfig.map((d) => [d.severity, d.message, d.range])).toEqual([
      [1, 'e/.cdp-lint.yaml: rules: unknown rule "resource-pth"; did you mean "resource-path"?', { start: { line: 1, character: 2 }, end: { line: 1, character: 14 } }],
    ]);
    expect(await client.diagnostics(uri(file))).toEqual([]);

    // Editing the configuration in the editor checks the buffer; a valid one clears its diagnostic.
    client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(config), languageId: 'yaml', version: 1, text: 'rules:\n  resource-path: error\n' } });
    expect(await client.diagnostics(uri(config))).toEqual([]);
    expect(await client.stop()).toBe(0);
  }, SLOW);

  it('lints connectors again when a file they reference changes on disk', async () => {
    const text =
      'openapi: 3.0.3\ninfo: {title: x, version: "1"}\npaths:\n  /contacts:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {$ref: ./schemas/contact.yaml}\n      responses:\n        "200": {description: ok}\npreDefinedActions:\n  - name: a\n    resourcePath: /contacts/post\n';
    const file = ws.write('f/acme.yaml', text);
    const client = new LspClient(ws.dir);
    await client.initialize(ws.dir);
    client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'yaml', version: 1, text } });
    expect((await client.diagnostics(uri(file))).map((d) => d.code)).toEqual(['unresolved-ref']);
    const fragment = ws.write('f/schemas/contact.yaml', 'type: object\nproperties:\n  email: {type: string}\n');
    client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(fragment), type: FileChangeType.Created }] });
    expect(await client.diagnostics(uri(file))).toEqual([]);
    expect(await client.stop()).toBe(0);
  }, SLOW);

  it('publishes problems written in referenced files on those files, and resolves path items written there', async () => {
    const text =
      'openapi: 3.0.3\ninfo: {title: x, version: "1"}\npaths:\n  /contacts:\n    $ref: ./paths/contacts.yaml\npreDefinedEvents:\n  - name: Contacts\n    resourcePath: /contacts/get\n';
    const file = ws.write('h/acme.yaml', text);
    const fragment = ws.write(
      'h/paths/contacts.yaml',
      'get:\n  responses:\n    "200":\n      description: ok\n      content:\n        application/json:\n          schema:\n            type: object\n            x-cdp-schema-settings: {recordsLocatorPath: contact}\n            properties:\n              contacts: {type: array, items: {type: object}}\n',
    );
    const client = new LspClient(ws.dir);
    await client.initialize(ws.dir);
    client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'yaml', version: 1, text } });
    // Nothing is wrong in the connector itself: its resourcePath reaches the get of the referenced path item.
    expect(await client.diagnostics(uri(file))).toEqual([]);
    const inFragment = await client.diagnostics(uri(fragment));
    const cli = JSON.parse(cdpLint(['--format', 'json', 'h/acme.yaml'], ws.dir).stdout) as { files: Array<{ path: string; diagnostics: CliDiagnostic[] }> };
    const cliFragment = cli.files.find((f) => f.path === 'h/paths/contacts.yaml')!;
    expect(cliFragment.diagnostics.map((d) => d.ruleId)).toEqual(['records-locator']);
    expect(inFragment.map((d) => [d.code, d.message, d.range.start])).toEqual(
      cliFragment.diagnostics.map((d) => [d.ruleId, d.message, { line: d.range.start.line - 1, character: d.range.start.column - 1 }]),
    );
    // Closing the connector withdraws what it published on the fragment.
    client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uri(file) } });
    const cleared = [await client.diagnostics(uri(file)), await client.diagnostics(uri(fragment))];
    expect(cleared).toEqual([[], []]);
    expect(await client.stop()).toBe(0);
  }, SLOW);

  it('describes connector keys and x-cdp extensions on hover, from the editor schema', async () => {
    const file = ws.write(
      'g/acme.yaml',
      YAML_CONNECTOR.replace('    x-cdp-unknown: 1\n', '').replace('    get:\n', '    get:\n      x-cdp-operation-settings: {}\n') + 'x-cdp-authorization-settings: {}\n',
    );
    const text = readFileSync(file, 'utf8');
    const client = new LspClient(ws.dir);
    await client.initialize(ws.dir);
    client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'yaml', version: 1, text } });
    await client.diagnostics(uri(file));
    const lines = text.split('\n');
    const at = (word: string) => ({ line: lines.findIndex((l) => l.includes(word)), character: lines.find((l) => l.includes(word))!.indexOf(word) + 2 });
    const hover = (word: string) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file) }, position: at(word) });
    expect(await hover('preDefinedEvents')).toEqual({
      contents: { kind: 'markdown', value: `**preDefinedEvents**\n\n${SCHEMA.properties['preDefinedEvents']!.description}` },
      range: { start: { line: at('preDefinedEvents').line, character: 0 }, end: { line: at('preDefinedEvents').line, character: 'preDefinedEvents'.length } },
    });
    expect(((await hover('resourcePath'))?.contents as { value: string }).value).toMatch(/^\*\*resourcePath\*\*\n\n/);
    expect(((await hover('x-cdp-operation-settings'))?.contents as { value: string }).value).toBe(
      // The property's own description, where the schema places the extension.
      `**x-cdp-operation-settings**\n\n${(SCHEMA.definitions['openApiOperation'] as { properties: Record<string, { description: string }> }).properties['x-cdp-operation-settings']!.description}`,
    );
    // Misplaced (the root is no place for it), it is still described.
    expect(((await hover('x-cdp-authorization-settings'))?.contents as { value: string }).value).toBe(
      `**x-cdp-authorization-settings**\n\n${(SCHEMA.definitions['xCdpAuthorizationSettings'] as { description: string }).description}`,
    );
    expect(((await hover('openapi'))?.contents as { value: string }).value).toBe(`**openapi**\n\n${SCHEMA.properties['openapi']!.description}`);
    // Not on a key: nothing.
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file) }, position: { line: 0, character: 11 } })).toBeNull();

    // A hub-layout file: its keys are described by the hub schema.
    const hubText = '{\n  "name": "Acme",\n  "resources": {"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {}},\n  "preDefinedActions": []\n}\n';
    const hubFile = ws.write('g/hub.json', hubText);
    client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(hubFile), languageId: 'json', version: 1, text: hubText } });
    await client.diagnostics(uri(hubFile));
    const hubHover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(hubFile) }, position: { line: 2, character: 5 } });
    expect((hubHover?.contents as { value: string }).value).toBe(`**resources**\n\n${HUB_SCHEMA.properties['resources']!.description}`);
    expect(await client.stop()).toBe(0);
  }, SLOW);
});
