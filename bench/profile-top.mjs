#!/usr/bin/env node
// Summarise V8 CPU profiles (`node --cpu-prof`): the functions with the most self time, with
// file:line, then self time by source file and by coarse area (start-up, parse, model, rules, GC...).
// Idle time (waiting on I/O or on worker threads) is counted apart, not as CPU.
//
//   node bench/profile-top.mjs <file.cpuprofile | dir>... [--top 15] [--files 10]
//
// Several profiles (a directory, or the main thread and each worker thread of one run) are added
// up. When a script has a source map beside it (`<script>.map`, as the bench's unminified bundle
// has), locations are mapped back to the original source, e.g. `src/load/json.ts:120`; otherwise
// they are the script's own file:line. Lines are 1-based.
//
// Also usable as a module: `summarise(paths, { top, files })` returns the rows, and
// `formatSummary(summary)` the printable text.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceMap } from 'node:module';

/** Expand directories to the .cpuprofile files they hold. */
function profileFiles(paths) {
  const out = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) if (f.endsWith('.cpuprofile')) out.push(join(p, f));
    } else out.push(p);
  }
  return out;
}

/**
 * Self time per node id, in microseconds, from the samples and their time deltas. timeDeltas[i] is
 * the gap before samples[i], and it is counted to that sample: a thread blocked in a system call (a
 * read of a 10 MB file) is sampled only when the call returns, so the gap belongs to the call, not
 * to whatever ran before it.
 */
function selfTimes(profile) {
  const self = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + Math.max(0, timeDeltas[i] ?? 0));
  return self;
}

/** Source maps by script path, loaded once; null when a script has none. */
const maps = new Map();
function sourceMapFor(scriptPath) {
  if (!maps.has(scriptPath)) {
    let map = null;
    const mapPath = `${scriptPath}.map`;
    if (existsSync(mapPath)) {
      try {
        map = { sm: new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8'))), dir: join(mapPath, '..') };
      } catch {
        map = null;
      }
    }
    maps.set(scriptPath, map);
  }
  return maps.get(scriptPath);
}

const cwd = process.cwd();
const short = (p) => {
  const r = relative(cwd, p);
  return r.startsWith('..') ? p : r;
};

/** Where a call frame is written: original source when mapped, else the script itself. */
function locate(callFrame) {
  const { url, lineNumber, columnNumber } = callFrame;
  if (!url) return { file: '', line: 0, where: '' };
  let path = url;
  if (url.startsWith('file://')) path = fileURLToPath(url);
  else if (url.startsWith('node:')) return { file: url, line: lineNumber + 1, where: `${url}:${lineNumber + 1}` };
  const map = path.startsWith('/') ? sourceMapFor(path) : null;
  if (map && lineNumber >= 0) {
    const entry = map.sm.findEntry(lineNumber, columnNumber);
    if (entry && entry.originalSource) {
      const src = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : join(map.dir, entry.originalSource);
      const file = short(src);
      return { file, line: entry.originalLine + 1, where: `${file}:${entry.originalLine + 1}` };
    }
  }
  const file = short(path);
  return { file, line: lineNumber + 1, where: `${file}:${lineNumber + 1}` };
}

/** Coarse areas of cdp-lint's time, for a one-line picture of where it goes. */
function areaOf(file, name) {
  if (name === '(garbage collector)') return 'GC';
  if (!file) return 'other';
  if (/^node:internal\/(modules|bootstrap)|^node:internal\/process\/pre_execution/.test(file)) return 'node start-up + module loading';
  if (/(^|\/)src\/load\//.test(file)) return 'src/load (read, decode, parse)';
  if (/(^|\/)src\/generated\//.test(file)) return 'src/generated (ajv standalone validators)';
  if (/(^|\/)src\/model\//.test(file)) return 'src/model (model, walk, refs)';
  if (/(^|\/)src\/(rules|schema)\//.test(file)) return 'src/rules + src/schema';
  if (/(^|\/)src\//.test(file)) return 'src (cli, engine, report, config)';
  if (/^(ajv|fast-uri|ajv-formats|json-schema-traverse|fast-deep-equal)\//.test(file)) return 'ajv runtime (compiling schemas at run time)';
  if (file.startsWith('node:') || /^[a-zA-Z]+$/.test(file)) return 'node internals (fs, buffer, encoding, ...)';
  if (file.includes('/') && !file.startsWith('/')) return `other dependencies`;
  return 'other';
}

/** Shorten node_modules paths to package/file so the table stays readable. */
function displayFile(file) {
  const i = file.lastIndexOf('node_modules/');
  return i >= 0 ? file.slice(i + 'node_modules/'.length) : file;
}

export function summarise(paths, { top = 15, files = 10 } = {}) {
  const list = profileFiles(paths);
  const byFunction = new Map();
  const byFile = new Map();
  const byArea = new Map();
  let total = 0;
  let idle = 0;
  const perProfile = [];
  for (const f of list) {
    const profile = JSON.parse(readFileSync(f, 'utf8'));
    const before = { total, idle };
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    for (const [id, us] of selfTimes(profile)) {
      const node = nodes.get(id);
      if (!node) continue;
      const cf = node.callFrame;
      // Idle time (waiting for I/O or for workers) is not CPU work: count it apart.
      if (cf.functionName === '(idle)') {
        idle += us;
        continue;
      }
      total += us;
      const loc = locate(cf);
      const name = cf.functionName || (cf.url ? '(anonymous)' : '');
      const key = `${name}\u0000${loc.where}`;
      const row = byFunction.get(key) ?? { name, where: displayFile(loc.where), us: 0 };
      row.us += us;
      byFunction.set(key, row);
      const fileKey = loc.file ? displayFile(loc.file) : name; // (program), (garbage collector), ...
      byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
      const area = areaOf(loc.file ? displayFile(loc.file) : '', name);
      byArea.set(area, (byArea.get(area) ?? 0) + us);
    }
    perProfile.push({ file: f, us: total - before.total, idleUs: idle - before.idle });
  }
  const fnRows = [...byFunction.values()].sort((a, b) => b.us - a.us).slice(0, top);
  const fileRows = [...byFile.entries()].map(([file, us]) => ({ file, us })).sort((a, b) => b.us - a.us).slice(0, files);
  const areaRows = [...byArea.entries()].map(([area, us]) => ({ area, us })).sort((a, b) => b.us - a.us);
  return { profiles: list.length, perProfile, totalUs: total, idleUs: idle, functions: fnRows, files: fileRows, areas: areaRows };
}

export function formatSummary(s) {
  const ms = (us) => (us / 1000).toFixed(1).padStart(8);
  const pct = (us) => `${((100 * us) / (s.totalUs || 1)).toFixed(1).padStart(5)}%`;
  const lines = [`${s.profiles} profile(s), ${(s.totalUs / 1000).toFixed(0)} ms of CPU sampled (plus ${(s.idleUs / 1000).toFixed(0)} ms idle)`];
  if (s.perProfile.length > 1) {
    // One profile per thread (Node names them CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile).
    const parts = s.perProfile.map((p) => `${(p.us / 1000).toFixed(0)} ms (+${(p.idleUs / 1000).toFixed(0)} idle)`);
    lines.push(`  per thread: ${parts.join(', ')}`);
  }
  lines.push(`  self ms      %  function  (file:line)`);
  for (const r of s.functions) lines.push(`${ms(r.us)} ${pct(r.us)}  ${r.name || '(root)'}${r.where ? `  ${r.where}` : ''}`);
  lines.push(`  by source file:`);
  for (const r of s.files) lines.push(`${ms(r.us)} ${pct(r.us)}  ${r.file}`);
  lines.push(`  by area:`);
  for (const r of s.areas) lines.push(`${ms(r.us)} ${pct(r.us)}  ${r.area}`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    if (i < 0) return dflt;
    const v = Number(args[i + 1]);
    args.splice(i, 2);
    return v;
  };
  const top = opt('--top', 15);
  const files = opt('--files', 10);
  if (args.length === 0) {
    process.stderr.write('usage: node bench/profile-top.mjs <file.cpuprofile | dir>... [--top 15] [--files 10]\n');
    process.exit(2);
  }
  process.stdout.write(formatSummary(summarise(args, { top, files })) + '\n');
}
