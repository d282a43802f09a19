/**
 * A real LSP client for tests: starts `cdp-lint lsp --stdio` (the built bin) as a process and talks
 * to it with vscode-languageserver-protocol, the protocol library VS Code's own client is built on.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const BIN = fileURLToPath(new URL('../../bin/cdp-lint.cjs', import.meta.url));

/** How long a test waits for a notification before it fails (a bound against a hang, not a timing goal). */
const WAIT_MS = 60_000;

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcessWithoutNullStreams;
  stderr = '';
  private readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters: Array<{ uri: string; resolve: (p: PublishDiagnosticsParams) => void }> = [];

  constructor(cwd: string) {
    this.child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString('utf8')));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const i = this.waiters.findIndex((w) => w.uri === p.uri);
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(p);
      else this.published.push(p);
    });
    // What a client does when the server registers a capability (file watching): accept it.
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations.map((r) => r.method));
    });
    this.connection.listen();
  }

  /** Methods the server registered dynamically. */
  readonly registrations: string[] = [];

  initialize(rootDir: string, initializationOptions: object = { debounceMs: 20 }, watch = true): Promise<InitializeResult> {
    return this.connection
      .sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: uri(rootDir),
        workspaceFolders: [{ uri: uri(rootDir), name: 'ws' }],
        capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: watch } }, textDocument: { publishDiagnostics: {} } },
        initializationOptions,
      })
      .then((r) => {
        void this.connection.sendNotification(InitializedNotification.type, {});
        return r;
      });
  }

  /** The next diagnostics published for `fileUri` (one already received and not yet taken comes first). */
  diagnostics(fileUri: string): Promise<Diagnostic[]> {
    const i = this.published.findIndex((p) => p.uri === fileUri);
    if (i >= 0) return Promise.resolve(this.published.splice(i, 1)[0]!.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${fileUri} in ${WAIT_MS} ms; server stderr: ${this.stderr}`)), WAIT_MS);
      this.waiters.push({
        uri: fileUri,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p.diagnostics);
        },
      });
    });
  }

  /** Diagnostics published and not yet taken, for checking that nothing else arrived. */
  pending(): PublishDiagnosticsParams[] {
    return [...this.published];
  }

  /** shutdown, exit, and the process's exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

/** A file URI for an absolute path. */
export function uri(path: string): string {
  return pathToFileURL(path).href;
}
