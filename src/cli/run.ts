/** The command line: parse flags, lint, format, write, and choose the exit code. */
import { Command, CommanderError, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { collectTargets, UsageError, type Target } from './files.js';
import { lintSource, type LintOptions } from '../engine/lint.js';
import { loadSource, defaultLimits, type Limits } from '../load/source.js';
import { looksLikeConnector } from '../load/layout.js';
import { RULES, docsUrl } from '../rules/index.js';
import { PRESET_NAMES, PRESETS, severitiesFor, type PresetName } from '../config/presets.js';
import { summarize, type FileResult, type LintResult, type Severity } from '../types.js';
import { FORMAT_NAMES, getFormatter, isFormatName, type FormatName, type FormatOptions } from '../report/index.js';

declare const __CDP_LINT_VERSION__: string | undefined;
export const VERSION = typeof __CDP_LINT_VERSION__ === 'string' ? __CDP_LINT_VERSION__ : '0.0.0-dev';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  isTTY: boolean;
}

interface Flags {
  format: string[];
  output: string[];
  preset: string;
  quiet?: boolean;
  failSeverity: string;
  maxWarnings?: string;
  refRoot?: string;
  maxFileSize?: string;
  maxDepth?: string;
  maxAliases?: string;
  maxRefHops?: string;
  verbose?: boolean;
  debug?: boolean;
  color?: boolean;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Run the CLI; resolves to the exit code (0 clean, 1 problems, 2 the run failed). */
export async function runCli(argv: string[], io: Io): Promise<number> {
  let exitCode = 0;
  const program = new Command('cdp-lint')
    .description('Lint CDP connector definitions (OpenAPI 3 + x-cdp extensions)')
    .version(VERSION, '-v, --version')
    .argument('[paths...]', 'files, directories or globs (default: .)')
    .option('-f, --format <name>', `output format: ${FORMAT_NAMES.join(', ')} (repeatable)`, collect, [])
    .option('-o, --output <file>', 'write the report of the matching --format to a file (repeatable)', collect, [])
    .addOption(new Option('--preset <name>', 'rule preset').choices(PRESET_NAMES as string[]).default('recommended'))
    .option('-q, --quiet', 'report errors only')
    .addOption(new Option('--fail-severity <severity>', 'lowest severity that makes the exit code 1').choices(['error', 'warning', 'info']).default('error'))
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .option('--ref-root <dir>', 'folder that file $refs may not leave (default: each connector\'s folder)')
    .option('--max-file-size <bytes>', `largest file read (default ${defaultLimits.maxFileSize})`)
    .option('--max-depth <n>', `deepest nesting read (default ${defaultLimits.maxDepth})`)
    .option('--max-aliases <n>', `most nodes YAML aliases may expand to (default ${defaultLimits.maxAliases})`)
    .option('--max-ref-hops <n>', `longest $ref chain followed (default ${defaultLimits.maxRefHops})`)
    .option('--verbose', 'show documentation links and clean files')
    .option('--debug', 'print stack traces of internal errors')
    .option('--no-color', 'disable colours')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: () => undefined })
    .action(async (paths: string[], flags: Flags) => {
      exitCode = await lintCommand(paths, flags, io);
    });
  program
    .command('rules')
    .description('list the rules with their default severity')
    .option('-f, --format <name>', 'text or json', 'text')
    .option('--preset <name>', 'preset whose severities are shown', 'recommended')
    .action((flags: { format: string; preset: string }) => {
      exitCode = rulesCommand(flags, io);
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0;
      io.stderr(`cdp-lint: ${e.message.replace(/^error: /, '')}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr(`cdp-lint: ${e.message}\n`);
      return 2;
    }
    const debug = argv.includes('--debug');
    io.stderr(`cdp-lint: internal error: ${(e as Error)?.message ?? String(e)}${debug ? '\n' + (e as Error)?.stack : ' (run with --debug for details)'}\n`);
    return 2;
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive integer, got "${raw}"`);
  return n;
}

async function lintCommand(paths: string[], flags: Flags, io: Io): Promise<number> {
  const formats = flags.format.length > 0 ? flags.format : ['stylish'];
  for (const f of formats) if (!isFormatName(f)) throw new UsageError(`Unknown format "${f}"; expected one of: ${FORMAT_NAMES.join(', ')}`);
  if (flags.output.length > formats.length) throw new UsageError('More --output than --format flags: give each --output after its --format');
  const limits: Limits = {
    maxFileSize: positiveInt('max-file-size', flags.maxFileSize, defaultLimits.maxFileSize),
    maxDepth: positiveInt('max-depth', flags.maxDepth, defaultLimits.maxDepth),
    maxAliases: positiveInt('max-aliases', flags.maxAliases, defaultLimits.maxAliases),
    maxRefHops: positiveInt('max-ref-hops', flags.maxRefHops, defaultLimits.maxRefHops),
  };
  const maxWarnings = flags.maxWarnings === undefined ? undefined : Number(flags.maxWarnings);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) throw new UsageError(`--max-warnings must be a non-negative integer, got "${flags.maxWarnings}"`);

  const targets = await collectTargets(paths, io.cwd);
  const options: LintOptions = {
    severities: severitiesFor(flags.preset as PresetName),
    rules: RULES as Map<string, never>,
    limits,
    refRoot: flags.refRoot ? resolve(io.cwd, flags.refRoot) : undefined,
  };
  const files = lintTargets(targets, options);
  if (files.length === 0) throw new UsageError(`No connector definitions found in ${paths.length ? paths.join(', ') : '.'}`);
  if (flags.quiet) for (const f of files) f.diagnostics = f.diagnostics.filter((d) => d.severity === 'error');
  const result: LintResult = { files, summary: summarize(files) };

  const formatOptions: FormatOptions = {
    color: flags.color !== false && io.isTTY && !io.env['NO_COLOR'],
    verbose: flags.verbose === true,
    cwd: io.cwd,
    toolVersion: VERSION,
    rules: new Map([...RULES.values()].map((r) => [r.meta.id, { description: r.meta.description, helpUri: docsUrl(r.meta.id) }])),
  };
  for (let i = 0; i < formats.length; i++) {
    const format = formats[i] as FormatName;
    const output = flags.output[i];
    const text = (await getFormatter(format))(result, output ? { ...formatOptions, color: false } : formatOptions);
    if (output) writeFileSync(resolve(io.cwd, output), text.endsWith('\n') || text === '' ? text : text + '\n');
    else if (text !== '') io.stdout(text.endsWith('\n') ? text : text + '\n');
  }
  return exitCodeFor(result, flags.failSeverity as Severity, maxWarnings);
}

function lintTargets(targets: Target[], options: LintOptions): FileResult[] {
  const out: FileResult[] = [];
  for (const t of targets) {
    const loaded = loadSource(t.path, options.limits);
    if (!loaded.ok) {
      if (t.explicit) throw new UsageError(loaded.message);
      continue;
    }
    if (!t.explicit && !looksLikeConnector(loaded.source.text, loaded.source.value, loaded.source.parsed)) continue;
    out.push(lintSource(loaded.source, t.display, options));
  }
  return out;
}

function exitCodeFor(result: LintResult, failSeverity: Severity, maxWarnings: number | undefined): number {
  const threshold = SEVERITY_RANK[failSeverity];
  const failing = result.files.some((f) => f.diagnostics.some((d) => SEVERITY_RANK[d.severity] >= threshold));
  if (failing) return 1;
  if (maxWarnings !== undefined && result.summary.warnings > maxWarnings) return 1;
  return 0;
}

function rulesCommand(flags: { format: string; preset: string }, io: Io): number {
  if (flags.format !== 'text' && flags.format !== 'json') throw new UsageError(`Unknown format "${flags.format}" for rules; expected text or json`);
  if (!(PRESET_NAMES as readonly string[]).includes(flags.preset)) throw new UsageError(`Unknown preset "${flags.preset}"; expected ${PRESET_NAMES.join(' or ')}`);
  const preset = PRESETS[flags.preset as PresetName];
  const rows = [...RULES.values()].map((r) => ({ id: r.meta.id, severity: preset[r.meta.id] ?? 'off', description: r.meta.description }));
  if (flags.format === 'json') {
    io.stdout(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows) io.stdout(`${r.id.padEnd(w)}  ${r.severity.padEnd(7)}  ${r.description}\n`);
  return 0;
}
