/**
 * Lint text held in memory (an editor's unsaved buffer) as if it were the file at `filePath`: the
 * same configuration lookup, rules, severities and limits as the CLI, so the editor and the CLI agree.
 */
import { resolve } from 'node:path';
import { lintSource, type LintOptions as EngineOptions } from '../engine/lint.js';
import { parseText, defaultLimits, type Limits } from '../load/source.js';
import { looksLikeConnector } from '../load/layout.js';
import { RULES } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import { ConfigResolver, configFromObject, type Config } from '../config/config.js';
import { PRESET_NAMES, type PresetName } from '../config/presets.js';
import { relativePath } from '../report/common.js';
import { UsageError } from '../cli/files.js';
import { statIfPresent } from '../util/fs.js';
import { suggest } from '../util/text.js';
import { summarize, type LintResult, type SeverityOrOff } from '../types.js';

/** A configuration given as a value instead of a file: the keys of `.cdp-lint.yaml`. */
export interface ConfigObject {
  extends?: PresetName;
  /** Rule id -> `off`, `info`, `warning` or `error`. */
  rules?: Record<string, SeverityOrOff>;
  /** Globs relative to `cwd`. */
  ignore?: string[];
}

/** Options shared by `lint` and `lintText`. */
export interface CommonOptions {
  /** Folder that relative paths, display paths and an in-memory config's globs are relative to; default `process.cwd()`. */
  cwd?: string;
  /**
   * A configuration file's path (relative to `cwd`), or a configuration value; either is used for every
   * file and no configuration file is looked for. Default: the nearest `.cdp-lint.yaml`, `.cdp-lint.yml`
   * or `.cdp-lint.json` above each file, as the CLI does.
   */
  config?: string | ConfigObject;
  /** Overrides the configuration's `extends` (as `--preset`). */
  preset?: PresetName;
  /** Input limits (as `--max-file-size` and friends); missing ones take the CLI's defaults. */
  limits?: Partial<Limits>;
  /** Folder that file `$ref`s may not leave (as `--ref-root`), relative to `cwd`. */
  refRoot?: string;
}

/** Options of `lintText`. */
export interface LintTextOptions extends CommonOptions {
  /** The path the text stands for (relative to `cwd`): it selects JSON or YAML, the configuration, and the folder `$ref`s resolve against. Required. */
  filePath: string;
  /** Lint the text even when it does not look like a connector (default true, as for a file named on the command line). */
  explicit?: boolean;
}

/** Everything a lint needs besides the file: built once per call, never kept between calls. */
export interface Session {
  cwd: string;
  configs: ConfigResolver;
  limits: Limits;
  refRoot?: string;
}


/** Resolve the options every entry point shares. Throws ConfigError for an invalid configuration, UsageError for a bad option. */
export function openSession(options: CommonOptions, warn?: (message: string) => void): Session {
  const cwd = resolve(options.cwd ?? process.cwd());
  if (options.preset !== undefined && !(PRESET_NAMES as readonly string[]).includes(options.preset)) {
    throw new UsageError(`Unknown preset "${String(options.preset)}"; expected ${PRESET_NAMES.join(' or ')}`);
  }
  const ruleIds = [...RULES.keys()];
  let given: Config | undefined;
  let explicit: string | undefined;
  if (typeof options.config === 'string') explicit = resolve(cwd, options.config);
  else if (options.config !== undefined) given = configFromObject(options.config, cwd, ruleIds, 'options.config');
  const limits: Limits = { ...defaultLimits };
  for (const [key, value] of Object.entries(options.limits ?? {}) as Array<[keyof Limits, number | undefined]>) {
    if (value === undefined) continue;
    if (!(key in defaultLimits)) throw new UsageError(`Unknown limit "${key}"; expected ${Object.keys(defaultLimits).join(', ')}`);
    if (!Number.isInteger(value) || value <= 0) throw new UsageError(`limits.${key} must be a positive integer, got ${String(value)}`);
    limits[key] = value;
  }
  const configs = new ConfigResolver({
    explicit,
    given,
    ruleIds,
    preset: options.preset,
    // A configuration file named in the options as it was written; found ones relative to cwd.
    display: (abs) => (abs === explicit ? (options.config as string) : relativePath(abs, cwd)),
    maxBytes: limits.maxFileSize,
    warn,
  });
  const refRoot = options.refRoot === undefined ? undefined : resolve(cwd, options.refRoot);
  // A reference root that is not a folder would refuse every file reference, each as a diagnostic.
  if (refRoot !== undefined && statIfPresent(refRoot)?.isDirectory() !== true) throw new UsageError(`The reference root ${options.refRoot} is not a folder`);
  return { cwd, configs, limits, refRoot };
}

/** What an option's value must be. */
export type OptionKind = 'string' | 'boolean' | 'object' | 'config' | 'function' | 'threads';

/** The options `lint` and `lintText` share, with their kinds (see checkOptions). */
export const COMMON_OPTIONS: Record<string, OptionKind> = {
  cwd: 'string',
  config: 'config',
  preset: 'string',
  limits: 'object',
  refRoot: 'string',
};

/**
 * The API's options, checked the way the CLI checks its flags: an options value that is not an
 * object, an unknown option (a misspelling would otherwise be ignored) or a value of the wrong type
 * is a UsageError naming it. `known` maps each option this entry point takes to its kind.
 */
export function checkOptions(options: unknown, known: Record<string, OptionKind>): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new UsageError(`options must be an object, got ${describe(options)}`);
  for (const [name, value] of Object.entries(options)) {
    const kind = known[name];
    if (kind === undefined) {
      const hint = suggest(name, Object.keys(known));
      throw new UsageError(`Unknown option "${name}"${hint ? `; did you mean "${hint}"?` : ''}`);
    }
    if (value === undefined) continue;
    const ok =
      kind === 'config' ? typeof value === 'string' || (value !== null && typeof value === 'object' && !Array.isArray(value))
      : kind === 'object' ? value !== null && typeof value === 'object' && !Array.isArray(value)
      : kind === 'threads' ? typeof value === 'string' || typeof value === 'number'
      : typeof value === kind;
    if (!ok) throw new UsageError(`Option "${name}" must be ${KIND_NAMES[kind]}, got ${describe(value)}`);
  }
}

const KIND_NAMES = { string: 'a string', boolean: 'true or false', object: 'an object', config: 'a file path or an object', function: 'a function', threads: '"off", "auto" or a number' } as const;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : typeof value;
}

/**
 * Lint `text` as the content of `options.filePath`, which need not exist on disk (and whose content on
 * disk, if any, is ignored). Returns the result object `--format json` prints, with one file (none when
 * the configuration ignores the path, or when `explicit` is false and the text is not a connector).
 * Throws ConfigError for an invalid configuration and UsageError for bad options; never for the text.
 */
export function lintText(text: string, options: LintTextOptions): LintResult {
  if (typeof text !== 'string') throw new UsageError(`lintText's text must be a string, got ${describe(text)}`);
  if (typeof options?.filePath !== 'string' || options.filePath === '') throw new UsageError('lintText needs options.filePath');
  checkOptions(options, { ...COMMON_OPTIONS, filePath: 'string', explicit: 'boolean' });
  return lintTextIn(openSession(options), text, options.filePath, options.explicit !== false);
}

/** `lintText` within an open session (the language server keeps none between lints, but shares one per lint). */
export function lintTextIn(session: Session, text: string, filePath: string, explicit: boolean): LintResult {
  const path = resolve(session.cwd, filePath);
  const empty: LintResult = { files: [], summary: summarize([]) };
  if (session.configs.configFor(path)?.ignores(path)) return empty;
  const source = parseText(path, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, session.limits);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > session.limits.maxFileSize) {
    source.problems.unshift({ kind: 'limit', message: `The text is ${bytes} bytes, over the ${session.limits.maxFileSize}-byte limit; cdp-lint does not lint it (raise maxFileSize if this is intended)`, offset: 0, end: 0 });
    source.parsed = false;
    source.value = undefined;
  }
  if (!explicit && !looksLikeConnector(source.text, source.value, source.parsed)) return empty;
  const engine: EngineOptions = {
    severities: session.configs.severitiesFor(path),
    rules: RULES as Map<string, Rule>,
    limits: session.limits,
    refRoot: session.refRoot,
    cwd: session.cwd,
  };
  // The files its $refs read come after it, each with the problems written in it.
  const { referenced, ...result } = lintSource(source, relativePath(path, session.cwd), engine);
  const files = [result, ...(referenced ?? [])];
  return { files, summary: summarize(files) };
}
