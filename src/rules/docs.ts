/**
 * Rule documentation pages (docs/rules/<id>.md, shipped with the package), read on demand for the
 * reports that carry them (SARIF's fullDescription and help).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { statIfPresent } from '../util/fs.js';

/** A rule's documentation as SARIF wants it (SARIF 2.1.0 §3.49.10-3.49.12). */
export interface RuleDocs {
  /** The "What it catches" section, as one plain paragraph per paragraph. */
  fullDescription: string;
  /** The page without its title and default-severity line (which the configuration may change), plain. */
  text: string;
  /** The same in GitHub-flavoured Markdown. */
  markdown: string;
}

let folder: string | null | undefined;

/** docs/rules beside the bundle (dist/cli.cjs) or the sources (src/rules/docs.ts); null when absent. */
function docsFolder(): string | null {
  if (folder !== undefined) return folder;
  // The bundle defines import.meta.url as __filename (a path); the sources have a file URL.
  const url = import.meta.url;
  const here = dirname(url.startsWith('file:') ? fileURLToPath(url) : url);
  folder = [join(here, '..', 'docs', 'rules'), join(here, '..', '..', 'docs', 'rules')].find((d) => statIfPresent(d)?.isDirectory()) ?? null;
  return folder;
}

const cache = new Map<string, RuleDocs | undefined>();

/** The documentation of rule `id`, or undefined when its page cannot be read. */
export function ruleDocs(id: string): RuleDocs | undefined {
  if (cache.has(id)) return cache.get(id);
  const dir = docsFolder();
  let docs: RuleDocs | undefined;
  if (dir !== null && /^[a-z0-9-]+$/i.test(id)) {
    try {
      docs = parseRuleDocs(readFileSync(join(dir, `${id}.md`), 'utf8'));
    } catch {
      docs = undefined;
    }
  }
  cache.set(id, docs);
  return docs;
}

/** Split a rule page into what SARIF carries; exported for tests. */
export function parseRuleDocs(page: string): RuleDocs {
  const lines = page.replace(/\r\n?/g, '\n').split('\n');
  // Drop the title, and the severity line: the report's own level says what applies.
  const body = lines.filter((l, i) => !(i === 0 && l.startsWith('# ')) && !/^Default severity in the /.test(l));
  const markdown = body.join('\n').replace(/^\n+/, '').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
  const text = markdown
    .split('\n')
    .filter((l) => !l.startsWith('```'))
    .map((l) => l.replace(/^#+ /, ''))
    .join('\n');
  const start = lines.findIndex((l) => l === '## What it catches');
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  const section = start < 0 ? [] : lines.slice(start + 1, end < 0 ? undefined : end);
  const paragraphs = section.join('\n').trim().split(/\n{2,}/).map((p) => p.replace(/\s*\n\s*/g, ' '));
  const fallback = lines.find((l, i) => i > 0 && l.trim() !== '' && !l.startsWith('#')) ?? '';
  return { fullDescription: section.length ? paragraphs.join('\n\n') : fallback, text, markdown };
}
