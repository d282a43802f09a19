/**
 * A real editor: headless Neovim (0.7 or later: its built-in LSP client) starts `cdp-lint lsp`, opens
 * a connector, and writes down the diagnostics it received; they must be the CLI's. Needs `nvim` on
 * PATH (Debian: `apt-get install neovim`); run with `npm run test:editor` after a build. CI installs it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BIN, cdpLint, Workspace } from '../e2e/cli.js';

const SLOW = 300_000;

const CONNECTOR = `openapi: 3.0.3
info: {title: Acme, version: 1.0.0}
paths:
  /contacts:
    post:
      responses:
        "200": {description: ok}
predefinedEvents: []
preDefinedActions:
  - name: Create
    resourcePath: /contacts/put
`;

/** Neovim's Lua: start the client, attach it to the buffer, wait for diagnostics, write them as JSON. */
const SCRIPT = `
local bin, file, out = BIN, FILE, OUT
local client = vim.lsp.start_client({ cmd = { vim.env.CDP_NODE, bin, 'lsp', '--stdio' }, root_dir = vim.fn.getcwd(), init_options = { debounceMs = 20 } })
vim.cmd('edit ' .. vim.fn.fnameescape(file))
vim.lsp.buf_attach_client(0, client)
local got = vim.wait(120000, function() return #vim.diagnostic.get(0) > 0 end, 20)
local list = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(list, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, message = d.message, source = d.source, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) })
end
table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
vim.fn.writefile({ vim.fn.json_encode({ waited = got, diagnostics = list }) }, out)
vim.lsp.stop_client(client)
vim.cmd('qa!')
`;

const ws = new Workspace();
afterAll(() => ws.remove());

function nvimVersion(): string | undefined {
  const out = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.split('\n')[0] : undefined;
}

describe('Neovim', () => {
  it('receives the same diagnostics as the CLI prints', () => {
    const version = nvimVersion();
    if (!version) throw new Error('Neovim (nvim) is not installed: `apt-get install neovim` (or your system\'s package), then `npm run test:editor`');
    const file = ws.write('connectors/acme.yaml', CONNECTOR);
    const script = ws.write('client.lua', SCRIPT.replace('BIN, FILE, OUT', [BIN, file, ws.path('out.json')].map((s) => JSON.stringify(s)).join(', ')));
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${script}`], {
      cwd: ws.dir,
      encoding: 'utf8',
      timeout: SLOW,
      env: { ...process.env, CDP_NODE: process.execPath },
    });
    expect(run.status, `${version}: ${run.stderr}`).toBe(0);
    const got = JSON.parse(readFileSync(ws.path('out.json'), 'utf8')) as { waited: boolean; diagnostics: Array<Record<string, unknown>> };
    expect(got.waited).toBe(true);
    const cli = JSON.parse(cdpLint(['--format', 'json', 'connectors/acme.yaml'], ws.dir).stdout) as {
      files: Array<{ diagnostics: Array<{ ruleId: string; severity: string; message: string; range: { start: { line: number; column: number }; end: { line: number; column: number } } }> }>;
    };
    const expected = cli.files[0]!.diagnostics.map((d) => ({
      lnum: d.range.start.line - 1,
      col: d.range.start.column - 1,
      end_lnum: d.range.end.line - 1,
      end_col: d.range.end.column - 1,
      severity: ({ error: 1, warning: 2, info: 3 } as Record<string, number>)[d.severity],
      message: d.message,
      source: 'cdp-lint',
      code: d.ruleId,
    }));
    expect(expected.map((d) => d.code)).toEqual(['misspelled-key', 'resource-path']);
    expect(got.diagnostics).toEqual(expected);
  }, SLOW);
});
