/**
 * SARIF for GitHub code scanning: every rule carries shortDescription, fullDescription, help (text and
 * Markdown, from docs/rules/<id>.md) and helpUri; --fix's edits are SARIF `fixes`. Microsoft's SARIF
 * validator (the @microsoft/sarif-multitool devDependency, a self-contained .NET program inside the
 * npm package: no network, no .NET install) checks the log with GitHub's rule kinds.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BROKEN_JSON, FIXED_JSON, Workspace } from './cli.js';
import { parseRuleDocs } from '../../src/rules/docs.js';

// The validator is a 95 MB program that starts slowly on a busy machine.
vi.setConfig({ testTimeout: 300_000 });

const REPO = new URL('../../', import.meta.url);
const MULTITOOL = join(dirname(createRequire(import.meta.url).resolve('@microsoft/sarif-multitool-linux/package.json')), 'Sarif.Multitool');
const BROKEN_REFERENCES = readFileSync(new URL('fixtures/invalid/hub/broken-references.json', REPO), 'utf8');

type Json = any;

let w: Workspace;
beforeAll(() => {
  w = new Workspace();
  w.write('broken.json', BROKEN_JSON);
  w.write('references.json', BROKEN_REFERENCES);
  // Suppressed problems, by comments and by a configuration file: results with `suppressions`.
  w.write('suppressed/c.yaml', readFileSync(new URL('fixtures/rules/suppression/valid/silenced.yaml', REPO), 'utf8'));
  w.write('suppressed/broken.json', BROKEN_JSON);
  w.write('suppressed/.cdp-lint.yaml', 'suppressions:\n  - rule: misspelled-key\n    reason: renamed in the v2 API\n');
});
afterAll(() => w.remove());

/** What the validator finds in `file` (in the workspace) with the GitHub rule kinds: [level, rule id, message] of each. */
function validateWithMultitool(file: string): Array<[string, string, string]> {
  const out = `${file}.validation.sarif`;
  const r = spawnSync(MULTITOOL, ['validate', '--rule-kind', 'Gh;Ghas', '--level', 'Error;Warning;Note', '--output', out, file], {
    cwd: w.dir,
    encoding: 'utf8',
    // A self-contained .NET program: without ICU libraries it needs invariant globalization.
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
  });
  expect(r.stdout + r.stderr).toContain('Analysis completed successfully.');
  expect(r.status).toBe(0);
  const log = JSON.parse(w.read(out));
  return (log.runs[0].results as Json[]).map((res) => [res.level ?? 'warning', res.ruleId, res.message?.text ?? res.message?.arguments?.join(' ') ?? '']);
}

function sarifOf(...args: string[]): Json {
  const r = w.run('-f', 'sarif', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(1);
  return JSON.parse(r.stdout);
}

describe('SARIF for code scanning', () => {
  it("passes Microsoft's SARIF validator with the GitHub rule kinds (Gh, Ghas): no error, warning or note", () => {
    const log = sarifOf('broken.json', 'references.json', 'suppressed');
    expect(log.runs[0].results.filter((r: Json) => r.suppressions).map((r: Json) => r.suppressions[0].kind)).toEqual(['external', 'inSource', 'inSource']);
    w.write('all.sarif', JSON.stringify(log));
    expect(validateWithMultitool('all.sarif')).toEqual([]);
  });

  it('the validator does catch a rule without fullDescription and help (so the test above can fail)', () => {
    const log = sarifOf('broken.json');
    delete log.runs[0].tool.driver.rules[0].fullDescription;
    delete log.runs[0].tool.driver.rules[0].help;
    w.write('stripped.sarif', JSON.stringify(log));
    const found = validateWithMultitool('stripped.sarif');
    expect(found.map(([level, id]) => [level, id])).toEqual([
      ['error', 'GH2012'],
      ['error', 'GH2012'],
    ]);
  });

  it('each rule has descriptions, help from its docs page and its link', () => {
    const log = sarifOf('broken.json', 'references.json');
    // Its validity against the SARIF 2.1.0 schema (in ../shared): test/corpus/sarif-schema.test.ts.
    const rules: Json[] = log.runs[0].tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(['enrichment-point', 'misspelled-key', 'oas-schema', 'records-locator', 'resource-path', 'unknown-key', 'webhook-path']);
    for (const rule of rules) {
      const page = readFileSync(new URL(`docs/rules/${rule.id}.md`, REPO), 'utf8');
      const docs = parseRuleDocs(page);
      // What GitHub requires of each rule (GH2012), and what it shows.
      expect(Object.keys(rule)).toEqual(['id', 'name', 'shortDescription', 'fullDescription', 'help', 'helpUri', 'defaultConfiguration', ...(rule.properties ? ['properties'] : [])]);
      expect(rule.shortDescription.text).toBe(page.split('\n')[2]);
      expect(rule.fullDescription.text).toBe(docs.fullDescription);
      expect(rule.help).toEqual({ text: docs.text, markdown: docs.markdown });
      expect(rule.helpUri).toBe(`https://github.com/cdp-lint/cdp-lint/blob/main/docs/rules/${rule.id}.md`);
    }
    const resourcePath = rules.find((r) => r.id === 'resource-path');
    expect(resourcePath.name).toBe('ResourcePath');
    expect(resourcePath.fullDescription.text.startsWith('A `resourcePath` is `<path>/<method>`, split at the last `/`: `/contacts/{id}/put` is the `put` operation of path `/contacts/{id}`. This rule checks')).toBe(true);
    expect(resourcePath.help.markdown.startsWith('Every resourcePath (actions, events, polling configs, enrichment points, testResourcePath) names an existing path and method.\n\n## What it catches\n\nA `resourcePath`')).toBe(true);
    expect(resourcePath.help.text).toContain('\nWhat it catches\n');
    expect(resourcePath.help.text).not.toContain('```');
    expect(resourcePath.help.text).not.toContain('Default severity');
    expect(resourcePath.properties).toEqual({ fixable: true });
  });

  it("carries --fix's edits as SARIF fixes, which applied to the file give what --fix writes", () => {
    const log = sarifOf('broken.json');
    const results: Json[] = log.runs[0].results;
    expect(results.map((r) => [r.ruleId, r.fixes?.length ?? 0])).toEqual([
      ['unknown-key', 1],
      ['resource-path', 1],
      ['resource-path', 0],
      ['misspelled-key', 1],
    ]);
    expect(results[1].fixes[0]).toEqual({
      description: { text: 'cdp-lint --fix writes `/post` here' },
      artifactChanges: [
        {
          artifactLocation: { uri: 'broken.json', uriBaseId: '%SRCROOT%' },
          replacements: [{ deletedRegion: { charOffset: BROKEN_JSON.indexOf('/POST'), charLength: 5 }, insertedContent: { text: '/post' } }],
        },
      ],
    });
    const edits = results
      .flatMap((r) => r.fixes ?? [])
      .flatMap((f: Json) => f.artifactChanges[0].replacements)
      .sort((a: Json, b: Json) => b.deletedRegion.charOffset - a.deletedRegion.charOffset);
    let text = BROKEN_JSON;
    for (const e of edits) text = text.slice(0, e.deletedRegion.charOffset) + e.insertedContent.text + text.slice(e.deletedRegion.charOffset + e.deletedRegion.charLength);
    expect(text).toBe(FIXED_JSON);
  });
});
