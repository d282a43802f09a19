/**
 * A remote $ref causes no network traffic: a server on 127.0.0.1 counts connections and requests
 * while the built CLI lints a connector pointing at it.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { BIN, Scratch, at, expectClean, withRef } from './helpers.js';

let s: Scratch;
let server: Server;
let port = 0;
const seen = { connections: 0, requests: 0 };

beforeEach(async () => {
  s = new Scratch();
  seen.connections = 0;
  seen.requests = 0;
  server = createServer((_req, res) => {
    seen.requests++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ type: 'object', properties: { name: { type: 'integer' } } }));
  });
  server.on('connection', () => seen.connections++);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
  s.remove();
});

/** Run the CLI without blocking this process's event loop, so that the server could answer. */
function runAsync(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: s.dir, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
}

it('the server counts a real request (so that zero below means something)', async () => {
  const res = await fetch(`http://127.0.0.1:${port}/schema.json`);
  expect(res.status).toBe(200);
  await res.text();
  expect(seen).toEqual({ connections: 1, requests: 1 });
});

it('a remote $ref is reported and never fetched', async () => {
  const url = `http://127.0.0.1:${port}/schema.json`;
  const text = withRef(url).replace('"#/components/schemas/Contact"', `"${url}#/properties/name"`);
  s.write('connector.json', text);
  const r = await runAsync(['connector.json', '--format', 'json']);
  expectClean(r);
  // Give a late connection from a stray child process the chance to arrive.
  await new Promise((done) => setTimeout(done, 200));
  expect(seen).toEqual({ connections: 0, requests: 0 });
  expect(r.code).toBe(0);
  // Both $refs are remote, so components.schemas.Contact is used by nothing (unused-component, info): not this test's business.
  const diagnostics = JSON.parse(r.stdout)
    .files[0].diagnostics.filter((d: { ruleId: string }) => d.ruleId !== 'unused-component')
    .map((d: { ruleId: string; severity: string; message: string; range: { start: unknown } }) => [d.ruleId, d.severity, d.message, d.range.start]);
  expect(diagnostics).toEqual([
    ['remote-ref', 'info', `\`${url}\` is a remote reference; cdp-lint never fetches it, so what it points at is not checked`, at(text, `"${url}"`)],
    ['remote-ref', 'info', `\`${url}#/properties/name\` is a remote reference; cdp-lint never fetches it, so what it points at is not checked`, at(text, `"${url}#/properties/name"`)],
  ]);
});
