/**
 * Configuration files (`.cdp-lint.yaml`, `.cdp-lint.yml`, `.cdp-lint.json`): found by walking up
 * from each linted file's folder, or named with --config. A config is validated as a whole when it
 * is read; any mistake in it is a usage error naming the file and the key.
 */
import { lstatSync } from 'node:fs';
import { readSmallFile, smallFileReason, statIfPresent } from '../util/fs.js';
import { defaultLimits } from '../load/source.js';
import { jsonSyntaxError } from '../load/json.js';
import { yamlMessage } from '../load/yaml.js';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { yamlLib } from '../util/deps.js';
import { compileGlobs, GlobError } from './glob.js';
import { PRESET_NAMES, severitiesFor, type PresetName } from './presets.js';
import type { Severity, SeverityOrOff } from '../types.js';
import { suggest } from '../util/text.js';

/** File names looked for in each folder, in this order; the first one present wins. */
export const CONFIG_NAMES = ['.cdp-lint.yaml', '.cdp-lint.yml', '.cdp-lint.json'] as const;

const KEYS = ['extends', 'rules', 'ignore', 'suppressions'];
const SUPPRESSION_KEYS = ['files', 'rule', 'pointer', 'reason'];
const SEVERITIES: readonly SeverityOrOff[] = ['off', 'info', 'warning', 'error'];

/** A mistake in a configuration file: the CLI prints it as one line and exits 2. */
export class ConfigError extends Error {
  /** Absolute path of the configuration file at fault, when it is a file. */
  file?: string;
}

/** A validated configuration file. */
export interface Config {
  /** Absolute path of the file. */
  path: string;
  extends?: PresetName;
  rules: Record<string, SeverityOrOff>;
  /** Globs relative to the config file's folder. */
  ignore: string[];
  /** True when a file (absolute path) matches one of the ignore globs. */
  ignores(file: string): boolean;
  /** Problems to silence, each with its reason. */
  suppressions: ConfigSuppression[];
}

/** One entry of `suppressions`: silence `rule` at `pointer` (and below it) in the files `files` matches. */
export interface ConfigSuppression {
  /** Index in the file's `suppressions` list. */
  index: number;
  /** Glob relative to the config file's folder (as written; `**` when absent). */
  files: string;
  rule: string;
  /** RFC 6901 JSON pointer; "" (the default) is the whole file. */
  pointer: string;
  reason: string;
  /** True when a file (absolute path) is one `files` matches. */
  matches(file: string): boolean;
}

/**
 * Read and validate one configuration file; `ruleIds` are the registered rules. Only a regular file
 * of at most `maxBytes` is read (a FIFO or a device would never end).
 */
export function loadConfig(path: string, ruleIds: readonly string[], shownAs: string = path, maxBytes: number = defaultLimits.maxFileSize): Config {
  let text: string;
  try {
    text = readSmallFile(path, maxBytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const error = new ConfigError(code === 'ENOENT' ? `Configuration file not found: ${shownAs}` : `Cannot read configuration file ${shownAs}: ${smallFileReason(e)}`);
    error.file = path;
    throw error;
  }
  return configFromFileText(text, path, ruleIds, shownAs);
}

/** Parse and validate a configuration file's text (an editor's buffer, say); throws ConfigError, whose `file` is `path`. */
export function configFromFileText(text: string, path: string, ruleIds: readonly string[], shownAs: string = path): Config {
  try {
    return validate(parseConfigText(text, path, shownAs), { path, shownAs, ruleIds });
  } catch (e) {
    if (e instanceof ConfigError) e.file ??= path;
    throw e;
  }
}

/**
 * Validate a configuration given as a value (the API's in-memory `config`), as a file's content
 * would be; `base` is the folder its `ignore` globs are relative to. Throws ConfigError on a mistake.
 */
export function configFromObject(raw: unknown, base: string, ruleIds: readonly string[], shownAs = 'config'): Config {
  return validate(raw, { path: join(base, CONFIG_NAMES[0]), shownAs, ruleIds });
}

function parseConfigText(text: string, path: string, shownAs: string): unknown {
  const json = path.toLowerCase().endsWith('.json');
  try {
    if (json) return JSON.parse(text.replace(/^\uFEFF/, ''));
    return yamlLib().parse(text, { uniqueKeys: true }) ?? {};
  } catch (e) {
    throw new ConfigError(`${shownAs}: not valid ${json ? 'JSON' : 'YAML'}: ${json ? jsonSyntaxError(text) : yamlSyntaxError(e)}`);
  }
}

/** The yaml package's error, without the excerpt of the text and the ": " it ends its first line with, and with the line and column at the end. */
function yamlSyntaxError(e: unknown): string {
  const error = e as { message?: unknown; linePos?: Array<{ line: number; col: number }> };
  const first = yamlMessage(String(error.message ?? e)).replace(/:$/, '');
  const at = error.linePos?.[0];
  return at ? `${first} (line ${at.line}, column ${at.col})` : first;
}

interface ValidateContext {
  path: string;
  shownAs: string;
  ruleIds: readonly string[];
}

function hint(word: string, candidates: readonly string[]): string {
  // A prefix counts too: `warn` (ESLint's spelling) means `warning`.
  const s = suggest(word, candidates) ?? (word.length >= 3 ? candidates.find((c) => c.startsWith(word)) : undefined);
  return s === undefined ? '' : `; did you mean "${s}"?`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function validate(raw: unknown, ctx: ValidateContext): Config {
  const where = ctx.shownAs;
  if (!isPlainObject(raw)) throw new ConfigError(`${where}: expected a mapping with ${KEYS.map((k) => `"${k}"`).join(', ')}`);
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) throw new ConfigError(`${where}: unknown key "${key}"${hint(key, KEYS)} (expected ${KEYS.map((k) => `"${k}"`).join(', ')})`);
  }
  const config: Config = { path: ctx.path, rules: {}, ignore: [], ignores: () => false, suppressions: [] };
  if (raw.extends !== undefined) {
    const ext = raw.extends;
    if (typeof ext !== 'string' || !(PRESET_NAMES as readonly string[]).includes(ext)) {
      const shown = typeof ext === 'string' ? `"${ext}"` : JSON.stringify(ext);
      throw new ConfigError(`${where}: extends: unknown preset ${shown}${typeof ext === 'string' ? hint(ext, PRESET_NAMES) : ''} (expected ${PRESET_NAMES.map((p) => `"${p}"`).join(' or ')})`);
    }
    config.extends = ext as PresetName;
  }
  if (raw.rules !== undefined && raw.rules !== null) {
    if (!isPlainObject(raw.rules)) throw new ConfigError(`${where}: rules: expected a mapping of rule id to off, info, warning or error`);
    for (const [id, severity] of Object.entries(raw.rules)) {
      if (!ctx.ruleIds.includes(id)) throw new ConfigError(`${where}: rules: unknown rule "${id}"${hint(id, ctx.ruleIds)}`);
      if (typeof severity !== 'string' || !(SEVERITIES as readonly string[]).includes(severity)) {
        const shown = typeof severity === 'string' ? `"${severity}"` : JSON.stringify(severity);
        throw new ConfigError(`${where}: rules.${id}: unknown severity ${shown}${typeof severity === 'string' ? hint(severity, SEVERITIES) : ''} (expected off, info, warning or error)`);
      }
      config.rules[id] = severity as SeverityOrOff;
    }
  }
  if (raw.ignore !== undefined && raw.ignore !== null) {
    const list = raw.ignore;
    if (!Array.isArray(list) || list.some((g) => typeof g !== 'string' || g === '')) throw new ConfigError(`${where}: ignore: expected a list of globs`);
    config.ignore = list as string[];
    try {
      config.ignores = ignoreMatcher(dirname(ctx.path), config.ignore);
    } catch (e) {
      if (!(e instanceof GlobError)) throw e;
      const glob = list.find((g) => globError(g as string) !== undefined) as string | undefined;
      throw new ConfigError(`${where}: ignore: ${glob === undefined ? '' : `\`${shortGlob(glob)}\`: `}${e.message}`);
    }
  }
  if (raw.suppressions !== undefined && raw.suppressions !== null) {
    if (!Array.isArray(raw.suppressions)) throw new ConfigError(`${where}: suppressions: expected a list of {files, rule, pointer, reason}`);
    config.suppressions = raw.suppressions.map((entry, index) => suppressionOf(entry, index, ctx));
  }
  return config;
}

function suppressionOf(entry: unknown, index: number, ctx: ValidateContext): ConfigSuppression {
  const where = `${ctx.shownAs}: suppressions[${index}]`;
  if (!isPlainObject(entry)) throw new ConfigError(`${where}: expected a mapping with "rule", "reason" and optionally "files" and "pointer"`);
  for (const key of Object.keys(entry)) {
    if (!SUPPRESSION_KEYS.includes(key)) throw new ConfigError(`${where}: unknown key "${key}"${hint(key, SUPPRESSION_KEYS)} (expected ${SUPPRESSION_KEYS.map((k) => `"${k}"`).join(', ')})`);
  }
  const { files = '**', rule, pointer = '', reason } = entry as Record<string, unknown>;
  if (typeof rule !== 'string' || rule === '') throw new ConfigError(`${where}: "rule" is required: the id of the rule whose problem is silenced`);
  if (!ctx.ruleIds.includes(rule)) throw new ConfigError(`${where}: rule: unknown rule "${rule}"${hint(rule, ctx.ruleIds)}`);
  if (typeof reason !== 'string' || reason.trim() === '') throw new ConfigError(`${where}: "reason" is required: say why this problem is accepted`);
  if (typeof files !== 'string' || files === '') throw new ConfigError(`${where}: files: expected a glob`);
  if (typeof pointer !== 'string' || (pointer !== '' && !pointer.startsWith('/'))) {
    throw new ConfigError(`${where}: pointer: expected a JSON pointer such as "/preDefinedActions/0", got ${JSON.stringify(pointer)}`);
  }
  let matches: (file: string) => boolean;
  try {
    matches = ignoreMatcher(dirname(ctx.path), [files]);
  } catch (e) {
    if (!(e instanceof GlobError)) throw e;
    throw new ConfigError(`${where}: files: \`${shortGlob(files)}\`: ${e.message}`);
  }
  return { index, files, rule, pointer, reason: reason.trim(), matches };
}

/** The GlobError a glob alone gives, if any. */
function globError(glob: string): GlobError | undefined {
  try {
    compileGlobs([glob.replace(/\/+$/, '')]);
    return undefined;
  } catch (e) {
    if (e instanceof GlobError) return e;
    throw e;
  }
}

/** A glob as a message shows it: at most 60 characters. */
function shortGlob(glob: string): string {
  return glob.length <= 60 ? glob : `${glob.slice(0, 57)}...`;
}

/**
 * Globs are matched against the path relative to the config's folder (forward slashes); a glob that
 * matches a folder (`legacy`, `legacy/`) ignores everything under it, as in .gitignore.
 */
function ignoreMatcher(base: string, globs: string[]): (file: string) => boolean {
  if (globs.length === 0) return () => false;
  const match = compileGlobs(globs.map((g) => g.replace(/\/+$/, '')));
  return (file) => {
    const rel = relative(base, file).split(sep).join('/');
    if (rel === '' || rel.startsWith('../') || rel === '..') return false;
    return match(rel, true);
  };
}

/** How configurations are found and what overrides them. */
export interface ResolverOptions {
  /** --config, absolute; when given, no config files are looked for. */
  explicit?: string;
  /** An already validated configuration for every file (the API's in-memory `config`); no files are looked for. */
  given?: Config;
  ruleIds: readonly string[];
  /** --preset, which overrides every config's `extends`. */
  preset?: PresetName;
  /** How to show a config's path in messages. */
  display?: (path: string) => string;
  /** Largest configuration file read, in bytes (default: the default --max-file-size). */
  maxBytes?: number;
  /** Told, once per file, about a configuration file that is found but not trusted (see untrustedConfig). */
  warn?: (message: string) => void;
}

/** Finds the config of each linted file, caching per folder, and the severities it implies. */
export class ConfigResolver {
  private readonly byDir = new Map<string, Config | null>();
  private readonly loaded = new Map<string, Config>();
  private readonly severities = new Map<Config | null, Map<string, Severity>>();
  private readonly explicit: Config | undefined;

  constructor(private readonly options: ResolverOptions) {
    if (options.given) this.explicit = options.given;
    else if (options.explicit) this.explicit = this.load(options.explicit);
  }

  /** The config that applies to `file` (absolute), or undefined when none is found. */
  configFor(file: string): Config | undefined {
    if (this.explicit) return this.explicit;
    const visited: string[] = [];
    let dir = dirname(file);
    let found: Config | null | undefined;
    for (;;) {
      found = this.byDir.get(dir);
      if (found !== undefined) break;
      visited.push(dir);
      const name = CONFIG_NAMES.map((n) => join(dir, n)).find(isFile);
      if (name && this.trusted(name)) {
        found = this.load(name);
        break;
      }
      const parent = dirname(dir);
      if (parent === dir) {
        found = null;
        break;
      }
      dir = parent;
    }
    for (const d of visited) this.byDir.set(d, found);
    return found ?? undefined;
  }

  /** The enabled rules and severities for `file`: the preset (--preset, else `extends`, else recommended) plus the config's `rules`. */
  severitiesFor(file: string): Map<string, Severity> {
    const config = this.configFor(file) ?? null;
    let out = this.severities.get(config);
    if (!out) {
      const preset = this.options.preset ?? config?.extends ?? 'recommended';
      out = severitiesFor(preset, config?.rules ?? {});
      this.severities.set(config, out);
    }
    return out;
  }

  private readonly distrusted = new Set<string>();

  /** False (after one warning) for a found configuration file that anyone could have put there. */
  private trusted(path: string): boolean {
    const why = untrustedConfig(path);
    if (why === undefined) return true;
    if (!this.distrusted.has(path)) {
      this.distrusted.add(path);
      this.options.warn?.(`ignoring ${this.options.display?.(path) ?? path}: ${why}`);
    }
    return false;
  }

  private load(path: string): Config {
    const abs = resolve(path);
    let config = this.loaded.get(abs);
    if (!config) {
      config = loadConfig(abs, this.options.ruleIds, this.options.display?.(abs) ?? abs, this.options.maxBytes);
      this.loaded.set(abs, config);
    }
    return config;
  }
}

function isFile(path: string): boolean {
  return statIfPresent(path)?.isFile() ?? false;
}

/**
 * Why a configuration file found by the upward search must not be used, or undefined when it may
 * be: it belongs to another user (not root) and lies under a folder everyone may write to (a sticky
 * /tmp or /shared), so anyone could have put it there to turn rules off for someone else's
 * connectors (git refuses such repositories for the same reason). A file named with --config is
 * the user's choice and is not checked.
 */
export function untrustedConfig(path: string, euid: number | undefined = process.geteuid?.()): string | undefined {
  if (euid === undefined) return undefined;
  let owner: number;
  try {
    owner = lstatSync(path).uid;
  } catch {
    return undefined;
  }
  if (owner === euid || owner === 0) return undefined;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const stat = statIfPresent(dir);
    if (stat && (stat.mode & 0o002) !== 0) {
      return `it belongs to another user (uid ${owner}) and ${dir} is writable by everyone, so anyone could have put it there (name it with --config to use it)`;
    }
    if (dirname(dir) === dir) return undefined;
  }
}
