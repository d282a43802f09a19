/**
 * The language server (`cdp-lint lsp`, LSP 3.17 over stdio): the CLI's findings for each open
 * connector while the author types, quick fixes for what `--fix` can fix, hover text from the
 * editor schema, and configuration files honoured and watched. All state lives in one server
 * instance; linting goes through the API's `lintTextIn`, so the editor and the CLI agree.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CodeAction,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintTextIn, openSession } from '../api/lint-text.js';
import { CONFIG_NAMES, ConfigError, configFromFileText } from '../config/config.js';
import { RULES } from '../rules/index.js';
import type { TextEdit } from '../types.js';
import { diagnosticKey, toLspDiagnostic, type DiagnosticData } from './convert.js';
import { describeKey, keyAt } from './hover.js';

/** Where the server reads and writes its messages (stdio by default; tests may pass streams). */
export interface ServerStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/** Settings a client may give in `initializationOptions`. */
export interface ServerSettings {
  /** Quiet time after the last change before a document is linted again, in milliseconds (default 200). */
  debounceMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 200;
const CONFIG_FILES = new Set<string>(CONFIG_NAMES);

/** Start a server on `streams` (default: the process's stdin and stdout); resolves nothing, runs until `exit`. */
export function startServer(streams?: ServerStreams): Connection {
  const connection = streams ? createConnection(streams.input, streams.output) : createConnection(process.stdin, process.stdout);
  new ConnectorServer(connection).listen();
  return connection;
}

function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

class ConnectorServer {
  private readonly documents = new TextDocuments(TextDocument);
  private debounceMs = DEFAULT_DEBOUNCE_MS;
  private root: string | undefined;
  private watchRegistration = false;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Linted document uri -> the uris it published diagnostics to (itself and the files it references). */
  private readonly publishedBy = new Map<string, Set<string>>();
  /** Target uri -> linted document uri -> that document's diagnostics for the target. */
  private readonly contributions = new Map<string, Map<string, LspDiagnostic[]>>();
  /** Open documents that were linted as connectors. */
  private readonly connectors = new Set<string>();
  /** Target uri -> diagnostic key -> its fix, for code actions from clients that do not echo `data`. */
  private readonly fixes = new Map<string, Map<string, TextEdit[]>>();
  /** Open document uri -> the version last linted. */
  private readonly lintedVersions = new Map<string, number>();
  /** Configuration files that have a diagnostic published on them. */
  private readonly badConfigs = new Set<string>();

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => {
      if (this.watchRegistration) {
        // A client that refuses costs only the watching: configuration files are then read at each lint anyway.
        connection.client
          .register(DidChangeWatchedFilesNotification.type, {
            watchers: [{ globPattern: '**/.cdp-lint.{yaml,yml,json}' }, { globPattern: '**/*.{json,yaml,yml}' }],
          })
          .catch((e: unknown) => connection.console.warn(`cdp-lint: file watching not registered: ${(e as Error)?.message ?? String(e)}`));
      }
    });
    documents.onDidOpen((e) => this.lintNow(e.document.uri));
    documents.onDidChangeContent((e) => {
      const { uri, version } = e.document;
      // onDidChangeContent also fires on open, whose version onDidOpen has linted already.
      if (this.lintedVersions.get(uri) === version) return;
      this.schedule(uri);
      // A file that is not a connector (a fragment that connectors reference) changes what they find.
      if (this.isConnector(uri)) return;
      for (const doc of this.documents.all()) if (doc.uri !== uri && this.isConnector(doc.uri)) this.schedule(doc.uri);
    });
    documents.onDidClose((e) => this.forget(e.document.uri));
    // A configuration file, or a file that connectors may reference, changed on disk: lint every
    // open connector again (an editor holds few; each lint is milliseconds to a few hundred).
    connection.onDidChangeWatchedFiles((params) => {
      const others = params.changes.filter((c) => !this.documents.get(c.uri));
      if (others.length > 0) this.relintAll();
    });
    connection.onCodeAction((params) => this.codeActions(params.textDocument?.uri, params.context?.diagnostics ?? []));
    connection.onHover((params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const found = keyAt(doc.getText(), doc.offsetAt(params.position));
      if (!found) return null;
      const text = describeKey(found.path, !found.rootKeys.includes('resources'));
      if (text === undefined) return null;
      return {
        contents: { kind: 'markdown', value: `**${found.path[found.path.length - 1]}**\n\n${text}` },
        range: { start: doc.positionAt(found.start), end: doc.positionAt(found.end) },
      };
    });
    connection.onShutdown(() => {
      for (const timer of this.timers.values()) clearTimeout(timer);
      this.timers.clear();
    });
    documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const settings = (params.initializationOptions ?? {}) as ServerSettings;
    if (typeof settings.debounceMs === 'number' && Number.isFinite(settings.debounceMs) && settings.debounceMs >= 0) this.debounceMs = settings.debounceMs;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    this.root = folder ? uriToPath(folder) : undefined;
    this.watchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
      },
      serverInfo: { name: 'cdp-lint' },
    };
  }

  private schedule(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.lintNow(uri);
      }, this.debounceMs),
    );
  }

  /** Whether the open document's last lint found it to be a connector (it published on itself). */
  private isConnector(uri: string): boolean {
    return this.connectors.has(uri);
  }

  private relintAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc.uri);
  }

  /** Lint one open document and publish what it found, in it and in the files it references. */
  private lintNow(uri: string): void {
    const doc = this.documents.get(uri);
    const path = uriToPath(uri);
    if (!doc || !path) return;
    this.lintedVersions.set(uri, doc.version);
    if (CONFIG_FILES.has(basename(path))) {
      this.checkConfig(uri, path, doc.getText());
      this.relintAll();
      return;
    }
    const found = new Map<string, LspDiagnostic[]>([[uri, []]]);
    const fixes = new Map<string, Map<string, TextEdit[]>>();
    try {
      const cwd = this.root && (path + sep).startsWith(this.root + sep) ? this.root : dirname(path);
      // A connector being edited stays one while its text is broken (`{"openapi": ` says little).
      const result = lintTextIn(openSession({ cwd }), doc.getText(), path, this.connectors.has(uri));
      if (result.files.length > 0) this.connectors.add(uri);
      else this.connectors.delete(uri);
      for (const file of result.files) {
        const abs = resolve(cwd, file.path);
        const target = abs === path ? uri : pathToFileURL(abs).href;
        const list = found.get(target) ?? [];
        const targetFixes = fixes.get(target) ?? new Map<string, TextEdit[]>();
        for (const d of file.diagnostics) {
          const lsp = toLspDiagnostic(d);
          list.push(lsp);
          if (d.fix) targetFixes.set(diagnosticKey(lsp), d.fix);
        }
        found.set(target, list);
        fixes.set(target, targetFixes);
      }
      this.clearConfigProblems();
    } catch (e) {
      if (!(e instanceof ConfigError)) {
        this.connection.console.error(`cdp-lint: ${(e as Error)?.message ?? String(e)}`);
        return;
      }
      this.publishConfigProblem(e);
    }
    this.publish(uri, found, fixes);
  }

  /** Replace what `source` contributed with `found`, and publish every target whose list changed. */
  private publish(source: string, found: Map<string, LspDiagnostic[]>, fixes: Map<string, Map<string, TextEdit[]>>): void {
    const before = this.publishedBy.get(source) ?? new Set<string>();
    const targets = new Set([...before, ...found.keys()]);
    for (const target of targets) {
      let byTarget = this.contributions.get(target);
      const list = found.get(target);
      if (list) {
        if (!byTarget) this.contributions.set(target, (byTarget = new Map()));
        byTarget.set(source, list);
      } else {
        byTarget?.delete(source);
      }
      if (byTarget?.size === 0) this.contributions.delete(target);
      const merged = [...(this.contributions.get(target)?.values() ?? [])].flat();
      const targetFixes = new Map<string, TextEdit[]>();
      for (const [key, edits] of fixes.get(target) ?? []) targetFixes.set(key, edits);
      if (targetFixes.size > 0) this.fixes.set(target, targetFixes);
      else this.fixes.delete(target);
      void this.connection.sendDiagnostics({ uri: target, diagnostics: merged });
    }
    this.publishedBy.set(source, new Set(found.keys()));
  }

  /** A document was closed: withdraw what it published, and keep nothing of it. */
  private forget(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    if (this.publishedBy.has(uri)) this.publish(uri, new Map(), new Map());
    this.publishedBy.delete(uri);
    this.fixes.delete(uri);
    this.lintedVersions.delete(uri);
    this.connectors.delete(uri);
  }

  private checkConfig(uri: string, path: string, text: string): void {
    try {
      configFromFileText(text, path, [...RULES.keys()]);
      if (this.badConfigs.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      this.publishConfigProblem(e, uri);
    }
  }

  private publishConfigProblem(e: ConfigError, uri = e.file ? pathToFileURL(e.file).href : undefined): void {
    if (!uri) return;
    this.badConfigs.add(uri);
    const diagnostic: LspDiagnostic = {
      range: this.configProblemRange(uri, e),
      severity: 1,
      source: 'cdp-lint',
      message: e.message,
    };
    void this.connection.sendDiagnostics({ uri, diagnostics: [diagnostic] });
  }

  /**
   * Where a configuration problem is: the first quoted name in the message (`unknown rule
   * "resource-pth"`) where the text has it as a key or value, else the start of the file.
   */
  private configProblemRange(uri: string, e: ConfigError): LspDiagnostic['range'] {
    const start = { line: 0, character: 0 };
    const named = /"([^"\n]+)"/.exec(e.message)?.[1];
    let text = this.documents.get(uri)?.getText();
    if (text === undefined && e.file) {
      try {
        text = readFileSync(e.file, 'utf8');
      } catch {
        text = undefined;
      }
    }
    if (!named || text === undefined) return { start, end: start };
    const at = text.split('\n').findIndex((line) => new RegExp(`(^|[\\s"'{,\\[-])${named.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(["'\\s:,}\\]]|$)`).test(line));
    if (at < 0) return { start, end: start };
    const line = text.split('\n')[at]!;
    const character = line.indexOf(named);
    return { start: { line: at, character }, end: { line: at, character: character + named.length } };
  }

  /** A lint went through: configuration files found broken before (and not open) are right now. */
  private clearConfigProblems(): void {
    for (const uri of [...this.badConfigs]) {
      if (this.documents.get(uri)) continue;
      this.badConfigs.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  private codeActions(uri: string | undefined, diagnostics: LspDiagnostic[]): CodeAction[] {
    const doc = uri === undefined ? undefined : this.documents.get(uri);
    if (!doc) return [];
    const actions: CodeAction[] = [];
    const yaml = /\.ya?ml$/i.test(doc.uri);
    for (const d of diagnostics) {
      if (d?.source !== 'cdp-lint' || !d.range) continue;
      // YAML has comments: offer a suppression comment on the line before (src/engine/suppress-comments.ts).
      if (yaml && typeof d.code === 'string' && d.code !== 'suppression') actions.push(disableAction(doc, d));
      const edits = (d.data as DiagnosticData | undefined)?.fix ?? this.fixes.get(doc.uri)?.get(diagnosticKey(d));
      if (!edits || edits.length === 0) continue;
      actions.push({
        title: `Fix ${String(d.code)}: ${describeEdits(doc.getText(), edits)}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [doc.uri]: edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.text })) } },
      });
    }
    return actions;
  }
}

/** The reason a suppression comment inserted by the editor starts with: a comment without one silences nothing. */
export const DISABLE_REASON_PLACEHOLDER = 'say why this is right here';

/**
 * "Disable <rule> for this line": a `# cdp-lint-disable-next-line <rule> -- <reason>` comment on its
 * own line above the diagnostic's first line, indented as that line is.
 */
function disableAction(doc: TextDocument, d: LspDiagnostic): CodeAction {
  const line = d.range.start.line;
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(text)![0];
  return {
    title: `Disable ${String(d.code)} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: {
      changes: {
        [doc.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# cdp-lint-disable-next-line ${String(d.code)} -- ${DISABLE_REASON_PLACEHOLDER}\n` }],
      },
    },
  };
}

/** `old` -> `new` for a one-edit fix, for the action's title. */
function describeEdits(text: string, edits: TextEdit[]): string {
  if (edits.length !== 1) return `${edits.length} edits`;
  const e = edits[0]!;
  const old = text.slice(e.start, e.end);
  const clip = (s: string) => `\`${s.length > 40 ? `${s.slice(0, 39)}…` : s}\``;
  return `replace ${clip(old)} with ${clip(e.text)}`;
}
