/** `cdp-lint rules`: the rules with the severities in effect here, and which configuration file sets them. */
import { join, resolve } from 'node:path';
import { UsageError } from './files.js';
import { RULES } from '../rules/index.js';
import { ConfigResolver, CONFIG_NAMES } from '../config/config.js';
import { PRESET_NAMES, type PresetName } from '../config/presets.js';
import { relativePath } from '../report/common.js';

/** The rules command's flags, as commander parses them. */
export interface RulesFlags {
  format: string;
  preset?: string;
  config?: string;
}

/** Where the command writes and the folder whose configuration it shows. */
export interface RulesIo {
  stdout: (text: string) => void;
  cwd: string;
}

/** One rule as `cdp-lint rules --format json` lists it. */
export interface RuleRow {
  id: string;
  severity: string;
  fixable: boolean;
  description: string;
}

/**
 * Print every rule with the severity a file in `io.cwd` would get: the configuration found as for
 * such a file (or --config), its preset (--preset, else its `extends`, else recommended) and its
 * `rules`. Throws UsageError for an unknown format or preset, ConfigError for a broken configuration.
 */
export function rulesCommand(flags: RulesFlags, io: RulesIo): number {
  if (flags.format !== 'text' && flags.format !== 'json') throw new UsageError(`Unknown format "${flags.format}" for rules; expected text or json`);
  if (flags.preset !== undefined && !(PRESET_NAMES as readonly string[]).includes(flags.preset)) throw new UsageError(`Unknown preset "${flags.preset}"; expected ${PRESET_NAMES.join(' or ')}`);
  const configs = new ConfigResolver({
    explicit: flags.config === undefined ? undefined : resolve(io.cwd, flags.config),
    ruleIds: [...RULES.keys()],
    preset: flags.preset as PresetName | undefined,
    display: (abs) => relativePath(abs, io.cwd),
  });
  // What a connector in this folder would get (only the file's folder is looked at).
  const here = join(io.cwd, 'connector.json');
  const config = configs.configFor(here);
  const severities = configs.severitiesFor(here);
  const preset = flags.preset ?? config?.extends ?? 'recommended';
  const presetSource = flags.preset !== undefined ? '--preset' : config?.extends !== undefined ? 'extends' : 'the default';
  const rows: RuleRow[] = [...RULES.values()].map((r) => ({
    id: r.meta.id,
    severity: severities.get(r.meta.id) ?? 'off',
    fixable: r.meta.fixable === true,
    description: r.meta.description,
  }));
  const configuration = config ? relativePath(config.path, io.cwd) : null;
  if (flags.format === 'json') {
    io.stdout(JSON.stringify({ configuration, preset, rules: rows }, null, 2) + '\n');
    return 0;
  }
  const lines = [
    configuration === null ? `Configuration: none (no ${CONFIG_NAMES.slice(0, -1).join(', ')} or ${CONFIG_NAMES[CONFIG_NAMES.length - 1]} in this folder or above)` : `Configuration: ${configuration}`,
    `Preset: ${preset} (${presetSource})${configuration !== null && Object.keys(config!.rules).length > 0 ? `, then the rules of ${configuration}` : ''}`,
    '',
  ];
  const w = Math.max('rule'.length, ...rows.map((r) => r.id.length));
  lines.push(`${'rule'.padEnd(w)}  severity  fixable  description`);
  for (const r of rows) lines.push(`${r.id.padEnd(w)}  ${r.severity.padEnd(8)}  ${(r.fixable ? 'yes' : '').padEnd(7)}  ${r.description}`);
  io.stdout(lines.join('\n') + '\n');
  return 0;
}
