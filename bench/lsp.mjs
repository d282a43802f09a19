#!/usr/bin/env node
// The language server under a real client (vscode-languageserver-protocol over stdio): how long after
// its debounce the diagnostics of an edited 1 MB connector arrive, and whether its memory stays flat
// over many edits. Run by `npm run bench` after the CLI's scenarios, or alone:
//
//   node bench/lsp.mjs [--edits 20] [--soak 1000] [--debounce 200]
//
// 1. Generates a ~1 MB connector with shared/tools/gen-connector.mjs (CDP_SHARED overrides where
//    shared/ is), opens it, then makes `--edits` edits one at a time (each changes one description,
//    a full-text change as editors send after a paste), waiting for each one's diagnostics. Latency
//    = time from sending the change to receiving its diagnostics, less the debounce. Median and max.
// 2. Soak: `--soak` more edits with no debounce, each waited for; the server's resident memory
//    (VmRSS, /proc) after the first 10% and at the end, and the growth between them.
// Goals (issue 18): median latency <= 150 ms; memory flat (growth under 10%).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const P = require('vscode-languageserver-protocol/node');
const shared = process.env.CDP_SHARED ?? join(root, '..', 'shared');
const generator = join(shared, 'tools', 'gen-connector.mjs');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const EDITS = option('edits', 20);
const SOAK = option('soak', 1000);
const DEBOUNCE = option('debounce', 200);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

const gen = spawnSync(process.execPath, [generator, '--resources', '210'], { encoding: 'utf8', maxBuffer: 64 << 20 });
if (gen.status !== 0) throw new Error(`gen-connector failed: ${gen.stderr}`);
const base = gen.stdout;
const file = join(root, 'bench-lsp-connector.json');
const uri = pathToFileURL(file).href;

async function session(debounceMs) {
  const child = spawn(process.execPath, [join(root, 'bin', 'cdp-lint.cjs'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = P.createProtocolConnection(new P.StreamMessageReader(child.stdout), new P.StreamMessageWriter(child.stdin));
  let waiting;
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
    if (p.uri === uri && waiting) {
      const w = waiting;
      waiting = undefined;
      w(p.diagnostics);
    }
  });
  conn.listen();
  await conn.sendRequest(P.InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {}, initializationOptions: { debounceMs } });
  conn.sendNotification(P.InitializedNotification.type, {});
  const next = () => new Promise((resolve) => (waiting = resolve));
  let opened = next();
  conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text: base } });
  const first = await opened;
  let version = 1;
  const edit = async (i) => {
    version++;
    const text = base.replace('"description": "', `"description": "edit ${i} `);
    const arrived = next();
    const sent = performance.now();
    conn.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    await arrived;
    return performance.now() - sent;
  };
  const stop = async () => {
    await conn.sendRequest(P.ShutdownRequest.type);
    conn.sendNotification(P.ExitNotification.type);
    conn.dispose();
  };
  return { child, edit, stop, first };
}

const load = loadavg()[0].toFixed(1);
const a = await session(DEBOUNCE);
const latencies = [];
for (let i = 0; i < EDITS; i++) latencies.push((await a.edit(i)) - DEBOUNCE);
await a.stop();

const b = await session(0);
const early = Math.max(1, Math.floor(SOAK / 10));
let rssEarly = 0;
for (let i = 0; i < SOAK; i++) {
  await b.edit(i);
  if (i + 1 === early) rssEarly = rssMb(b.child.pid);
}
const rssEnd = rssMb(b.child.pid);
await b.stop();

const med = median(latencies);
const growth = (rssEnd - rssEarly) / rssEarly;
const lines = [
  `language server (cdp-lint lsp), ${(Buffer.byteLength(base) / 1048576).toFixed(2)} MB connector, ${a.first.length} diagnostics; load average ${load}`,
  `  after the ${DEBOUNCE} ms debounce, ${EDITS} edits: median ${med.toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms  (goal <= 150 ms: ${med <= 150 ? 'met' : 'NOT met'})`,
  `  memory over ${SOAK} edits: ${rssEarly.toFixed(0)} MB after ${early}, ${rssEnd.toFixed(0)} MB after ${SOAK} (${(growth * 100).toFixed(1)}%; goal flat, < 10%: ${growth < 0.1 ? 'met' : 'NOT met'})`,
];
process.stdout.write(lines.join('\n') + '\n');
