/** SARIF 2.1.0 output, shaped for GitHub code scanning uploads. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, LintResult, Severity, SuppressedDiagnostic } from '../types.js';
import { isOutside, relativePath, toRegion } from './common.js';
import type { FormatOptions } from './options.js';
import { escapeJsonText } from './escape.js';

const SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/cdp-lint';
const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';

const LEVELS: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };
const RANK: Record<Level, number> = { error: 3, warning: 2, note: 1 };

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** A path under cwd becomes a relative URI against %SRCROOT%; anything else an absolute file URI. */
function artifactLocation(file: string, cwd: string): ArtifactLocation {
  const rel = relativePath(file, cwd);
  if (isOutside(rel)) return { uri: pathToFileURL(path.resolve(cwd, file)).href };
  return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** The directory URI must end with a slash so relative URIs resolve inside it. */
function srcRootUri(cwd: string): string {
  const href = pathToFileURL(path.resolve(cwd)).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** The most severe level each fired rule was reported at, keyed by rule id. */
function firedRules(result: LintResult): Map<string, Level> {
  const fired = new Map<string, Level>();
  for (const file of result.files) {
    for (const d of [...file.diagnostics, ...(file.suppressed ?? [])]) {
      const level = LEVELS[d.severity];
      const seen = fired.get(d.ruleId);
      if (!seen || RANK[level] > RANK[seen]) fired.set(d.ruleId, level);
    }
  }
  return fired;
}

/**
 * A rule as code scanning shows it beside each alert: short and full descriptions, help (text and
 * Markdown, from the rule's docs page) and its link; GitHub requires all of them (GH2012).
 */
function ruleDescriptor(id: string, level: Level, options: FormatOptions): Record<string, unknown> {
  const meta = options.rules.get(id);
  const short = meta?.description ?? id;
  const docs = meta?.docs?.();
  const rule: Record<string, unknown> = { id, name: ruleName(id), shortDescription: { text: short }, fullDescription: { text: docs?.fullDescription || short } };
  const more = meta?.helpUri ? `Documentation: ${meta.helpUri}` : '';
  rule.help = docs
    ? { text: docs.text, markdown: docs.markdown }
    : { text: [short, more].filter(Boolean).join('\n\n'), markdown: [short, meta?.helpUri ? `[Documentation](${meta.helpUri})` : ''].filter(Boolean).join('\n\n') };
  if (meta?.helpUri) rule.helpUri = meta.helpUri;
  rule.defaultConfiguration = { level };
  if (meta?.fixable) rule.properties = { fixable: true };
  return rule;
}

/** `resource-path` -> `ResourcePath`: SARIF's rule name is an identifier-like word (§3.49.7). */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/gi, (_m, _dash: string, c: string) => c.toUpperCase());
}

/** --fix's edits as a SARIF fix (§3.55): replacements by UTF-16 offset, as columnKind says. */
function sarifFix(d: Diagnostic, location: ArtifactLocation): Record<string, unknown> | undefined {
  if (!d.fix || d.fix.length === 0) return undefined;
  const replacements = d.fix.map((e) => ({ deletedRegion: { charOffset: e.start, charLength: e.end - e.start }, insertedContent: { text: e.text } }));
  const texts = d.fix.map((e) => `\`${e.text}\``).join(', ');
  return { description: { text: `cdp-lint --fix writes ${texts} here` }, artifactChanges: [{ artifactLocation: location, replacements }] };
}

function sarifResult(d: Diagnostic, ruleIndex: number, location: ArtifactLocation): Record<string, unknown> {
  const result: Record<string, unknown> = {
    ruleId: d.ruleId,
    ruleIndex,
    level: LEVELS[d.severity],
    message: { text: d.message },
    locations: [{ physicalLocation: { artifactLocation: location, region: toRegion(d.range) } }],
  };
  const fix = sarifFix(d, location);
  if (fix) result.fixes = [fix];
  const suppression = (d as Partial<SuppressedDiagnostic>).suppression;
  // SARIF 2.1.0 §3.35: a comment in the file is `inSource`, a configuration file entry `external`.
  if (suppression) result.suppressions = [{ kind: suppression.kind === 'comment' ? 'inSource' : 'external', status: 'accepted', justification: `${suppression.reason} (${suppression.source})` }];
  result.properties = { pointer: d.pointer };
  return result;
}

/** Format a lint result as a SARIF 2.1.0 log with one run. */
export function formatSarif(result: LintResult, options: FormatOptions): string {
  const fired = firedRules(result);
  const ruleIds = [...fired.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const artifacts = result.files.map((f) => ({ location: artifactLocation(f.path, options.cwd) }));
  // Suppressed problems are results too, marked with their suppression: code scanning shows them as dismissed.
  const results = result.files.flatMap((f, i) =>
    [...f.diagnostics, ...(f.suppressed ?? [])].map((d) => sarifResult(d, ruleIndex.get(d.ruleId)!, artifacts[i]!.location)),
  );
  const log = {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cdp-lint',
            version: options.toolVersion,
            informationUri: INFORMATION_URI,
            rules: ruleIds.map((id) => ruleDescriptor(id, fired.get(id)!, options)),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: srcRootUri(options.cwd) } },
        artifacts,
        // Columns are UTF-16 offsets of the decoded text, as the engine computes them.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return escapeJsonText(JSON.stringify(log, null, 2));
}
