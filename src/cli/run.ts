/** The command line: parse flags, dispatch to the lint or rules command, and map failures to exit code 2. */
import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from './files.js';
import { lintCommand, type CommandIo, type LintFlags } from './lint-command.js';
import type { FlagEvent } from './outputs.js';
import { defaultLimits } from '../load/source.js';
import { PRESET_NAMES } from '../config/presets.js';
import { rulesCommand, type RulesFlags } from './rules-command.js';
import { ConfigError } from '../config/config.js';
import { BaselineError } from '../engine/baseline.js';
import { FORMAT_NAMES } from '../report/index.js';
import { shown } from '../report/escape.js';
import { WriteRefused } from '../util/safe-write.js';

declare const __CDP_LINT_VERSION__: string | undefined;
export const VERSION = typeof __CDP_LINT_VERSION__ === 'string' ? __CDP_LINT_VERSION__ : '0.0.0-dev';

/** The process as the CLI sees it (tests pass their own). */
export type Io = Omit<CommandIo, 'version'>;

type Flags = LintFlags & { format?: string[]; output?: string[]; debug?: boolean };

/** Run the CLI; resolves to the exit code (0 clean, 1 problems, 2 the run failed). */
export async function runCli(argv: string[], io: Io): Promise<number> {
  let exitCode = 0;
  // Commander keeps repeated values per option; the pairing of --format and --output needs their order.
  const events: FlagEvent[] = [];
  const program = new Command('cdp-lint')
    .description('Lint CDP connector definitions (OpenAPI 3 + x-cdp extensions)')
    .version(VERSION, '-v, --version')
    .argument('[paths...]', 'files, directories or globs (default: .)')
    // No default value: commander would print `(default: [])` in --help.
    .option('-f, --format <name>', `output format: ${FORMAT_NAMES.join(', ')}; default stylish (repeatable)`, collect)
    .option('-o, --output <file>', 'write the report of the --format written before it to this file (repeatable)', collect)
    .option('-c, --config <file>', 'configuration file for every linted file (default: the nearest .cdp-lint.yaml, .cdp-lint.yml or .cdp-lint.json above each file)')
    .addOption(new Option('--preset <name>', 'rule preset; overrides `extends` in configuration files (default: their `extends`, else recommended)').choices(PRESET_NAMES as string[]))
    .option('-q, --quiet', 'report errors only (warnings still count for --max-warnings and --fail-severity)')
    .addOption(new Option('--fail-severity <severity>', 'lowest severity that makes the exit code 1').choices(['error', 'warning', 'info']).default('error'))
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .option('--fix', 'apply safe fixes to the files, then report what is left')
    .option('--baseline <file>', 'hide the problems recorded in this baseline file')
    .option('--generate-baseline <file>', 'record every current problem in a baseline file, and exit 0')
    .option('--only-connectors', 'skip named files that are not connector definitions too, and succeed when nothing is left (for pre-commit and lint-staged)')
    .option('--ref-root <dir>', 'folder that file $refs may not leave (default: the git work tree holding the connector, else the working directory when it holds it, else its folder)')
    .option('--max-file-size <bytes>', `largest file read (default ${defaultLimits.maxFileSize})`)
    .option('--max-depth <n>', `deepest nesting read (default ${defaultLimits.maxDepth})`)
    .option('--max-aliases <n>', `most nodes YAML aliases may expand to (default ${defaultLimits.maxAliases}, at most 1000000)`)
    .option('--max-ref-hops <n>', `longest $ref chain followed (default ${defaultLimits.maxRefHops})`)
    .option('--threads <n>', 'threads that lint: off (the main thread only), a number, or auto (default: from the number of files and cores)')
    .option('--verbose', 'show documentation links, clean files, and files skipped as not connectors')
    .option('--debug', 'print stack traces of internal errors')
    .option('--color', 'colours, even when stdout is not a terminal (default: on a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR=1 or 0 forces them on or off)')
    .option('--no-color', 'no colours')
    .showHelpAfterError(false)
    // Without it the root's -f/--format swallows `cdp-lint rules --format json`.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: () => undefined })
    .action(async (paths: string[], flags: Flags) => {
      exitCode = await lintCommand(paths, flags, events, { ...io, version: VERSION });
    });
  program.on('option:format', (value: string) => events.push({ flag: 'format', value }));
  program.on('option:output', (value: string) => events.push({ flag: 'output', value }));
  program
    .command('rules')
    .description('list the rules with the severities in effect in this folder, and the configuration file they come from')
    .option('-f, --format <name>', 'text or json', 'text')
    .option('-c, --config <file>', 'use this configuration file instead of the nearest one')
    .option('--preset <name>', 'preset whose severities are shown; overrides `extends` (default: the configuration\'s `extends`, else recommended)')
    .action((flags: RulesFlags) => {
      exitCode = rulesCommand(flags, io);
    });
  program
    .command('lsp')
    .description('start the language server (LSP over stdin and stdout) for editors')
    .option('--stdio', 'talk over stdin and stdout (the only transport; editors pass it)')
    .action(async () => {
      exitCode = await runLanguageServer();
    });
  // `cdp-lint help [command]`: a program with an action of its own gets no help command unless asked.
  program.helpCommand('help [command]', 'show help for a command');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0;
      io.stderr(`cdp-lint: ${shown(e.message.replace(/^error: /, ''))}\n`);
      return 2;
    }
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof BaselineError || e instanceof WriteRefused) {
      // Names, keys and values in these messages come from files and arguments: one visible line.
      io.stderr(`cdp-lint: ${shown(e.message)}\n`);
      return 2;
    }
    const debug = argv.includes('--debug');
    io.stderr(`cdp-lint: internal error: ${shown((e as Error)?.message ?? String(e))}${debug ? '\n' + (e as Error)?.stack : ' (run with --debug for details)'}\n`);
    return 2;
  }
}

declare const __CDP_LINT_LSP_BUNDLE__: string | undefined;

/**
 * Serve until the client says `exit` (vscode-languageserver then ends the process) or closes stdin.
 * The server and its LSP library are a bundle of their own (dist/lsp.cjs), loaded only here, so a
 * lint's start-up never reads them.
 */
async function runLanguageServer(): Promise<number> {
  const server: typeof import('../lsp/server.js') =
    typeof __CDP_LINT_LSP_BUNDLE__ === 'string' ? createRequire(import.meta.url)(__CDP_LINT_LSP_BUNDLE__) : await import(SERVER_MODULE);
  const connection = server.startServer();
  return new Promise((done) => connection.onExit(() => done(0)));
}

/** A specifier the bundler leaves alone (the bundle loads dist/lsp.cjs instead). */
const SERVER_MODULE = '../lsp/server.js';

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
