/**
 * A minimal VS Code client for `cdp-lint lsp`: it starts the workspace's cdp-lint as a language server
 * over stdio for JSON and YAML files. Everything else (what is a connector, configuration, fixes,
 * hover) is the server's. Built by `npm run build:vscode` (in the repository's root) to dist/extension.js.
 */
import { join } from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The cdp-lint command: the `cdpLint.path` setting, else the first workspace folder's node_modules/.bin/cdp-lint. */
export function serverCommand(configured: string | undefined, folder: string | undefined): string {
  if (configured) return configured;
  return folder ? join(folder, 'node_modules', '.bin', 'cdp-lint') : 'cdp-lint';
}

export async function activate(context: ExtensionContext): Promise<void> {
  const command = serverCommand(workspace.getConfiguration('cdpLint').get<string>('path'), workspace.workspaceFolders?.[0]?.uri.fsPath);
  const server: ServerOptions = { command, args: ['lsp'], transport: TransportKind.stdio, options: { shell: process.platform === 'win32' } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['json', 'jsonc', 'yaml'].map((language) => ({ scheme: 'file', language })),
  };
  client = new LanguageClient('cdp-lint', 'cdp-lint', server, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
