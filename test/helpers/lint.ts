/** Test helpers: lint text or files in-process with strict pointers (a pointer that does not resolve fails the test). */
import { resolve } from 'node:path';
import { lintFile, lintSource } from '../../src/engine/lint.js';
import { parseText, defaultLimits, type Limits } from '../../src/load/source.js';
import { RULES } from '../../src/rules/index.js';
import { severitiesFor, type PresetName } from '../../src/config/presets.js';
import type { Diagnostic, FileResult } from '../../src/types.js';
import type { Rule } from '../../src/rules/types.js';

export const FIXTURES = resolve(__dirname, '../../fixtures');

function options(preset: PresetName, limits: Partial<Limits> = {}) {
  return {
    severities: severitiesFor(preset),
    rules: RULES as Map<string, Rule>,
    limits: { ...defaultLimits, ...limits },
    strictPointers: true,
  };
}

/** Lint a file on disk. */
export function lintPath(path: string, preset: PresetName = 'recommended', limits: Partial<Limits> = {}): FileResult {
  const out = lintFile(path, path, options(preset, limits));
  if (!out.ok) throw new Error(out.message);
  return out.result;
}

/** Lint text as if it were the file `name` (its extension picks JSON or YAML). */
export function lintText(text: string, name = 'connector.json', preset: PresetName = 'recommended', limits: Partial<Limits> = {}): FileResult {
  const lim = { ...defaultLimits, ...limits };
  return lintSource(parseText(resolve(FIXTURES, name), text, lim), name, options(preset, limits));
}

/** The compact view tests assert on. */
export function brief(d: Diagnostic): { ruleId: string; severity: string; pointer: string; line: number; column: number } {
  return { ruleId: d.ruleId, severity: d.severity, pointer: d.pointer, line: d.range.start.line, column: d.range.start.column };
}
