/** Configuration files' `suppressions`: silence one rule's problems at a JSON pointer in the files a glob matches. */
import type { Config, ConfigSuppression } from '../config/config.js';
import type { FileResult, UnusedSuppression } from '../types.js';

/** A linted file: its absolute path and its result (changed in place). */
export interface SuppressTarget {
  path: string;
  result: FileResult;
}

/** True when `pointer` is `at` or below it (RFC 6901: segments, so `/a/1` does not cover `/a/10`). */
export function covers(at: string, pointer: string): boolean {
  return at === '' || pointer === at || pointer.startsWith(`${at}/`);
}

/**
 * Move every problem a suppression of its file's configuration matches into the file's
 * `suppressed` list, with the suppression's reason. Returns the suppressions that matched at least
 * one linted file but no problem there (a suppression whose files were not linted in this run, as
 * in a pre-commit run on a few files, is not judged).
 */
export function suppressByConfig(targets: SuppressTarget[], configFor: (file: string) => Config | undefined, display: (abs: string) => string): UnusedSuppression[] {
  const applicable = new Map<ConfigSuppression, Config>();
  const used = new Set<ConfigSuppression>();
  for (const t of targets) {
    const config = configFor(t.path);
    if (!config || config.suppressions.length === 0) continue;
    const entries = config.suppressions.filter((s) => s.matches(t.path));
    if (entries.length === 0) continue;
    for (const e of entries) applicable.set(e, config);
    const kept = [];
    const suppressed = t.result.suppressed ? [...t.result.suppressed] : [];
    for (const d of t.result.diagnostics) {
      const entry = entries.find((e) => e.rule === d.ruleId && covers(e.pointer, d.pointer));
      if (!entry) {
        kept.push(d);
        continue;
      }
      used.add(entry);
      suppressed.push({ ...d, suppression: { kind: 'config', reason: entry.reason, source: `${display(config.path)}#/suppressions/${entry.index}` } });
    }
    t.result = { ...t.result, diagnostics: kept };
    if (suppressed.length > 0) t.result.suppressed = suppressed;
  }
  const unused: UnusedSuppression[] = [];
  for (const [e, config] of applicable) {
    if (!used.has(e)) unused.push({ config: display(config.path), index: e.index, files: e.files, rule: e.rule, pointer: e.pointer, reason: e.reason });
  }
  return unused.sort((a, b) => (a.config < b.config ? -1 : a.config > b.config ? 1 : a.index - b.index));
}
