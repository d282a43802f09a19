/**
 * unknown-key names only the three nearest keys and sends the reader to its docs page for the rest:
 * that page must list every key of every closed place, as the connector schema defines them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_ROOT_KEYS } from '../src/rules/cdp-schema.js';

const SCHEMA = JSON.parse(readFileSync(new URL('../schemas/connector.schema.json', import.meta.url), 'utf8'));
const DOCS = readFileSync(new URL('../docs/rules/unknown-key.md', import.meta.url), 'utf8');
const BEGIN = '<!-- keys: from schemas/connector.schema.json -->\n';
const END = '<!-- end of keys -->';

type Node = { title?: string; properties?: Record<string, unknown>; additionalProperties?: unknown };

/** "| place | keys |" rows for every object the schema closes, in schema order, the root first. */
function expectedRows(): string[] {
  const rows: string[] = [];
  const code = (keys: string[]) => keys.map((k) => `\`${k}\``).join(', ');
  const visit = (node: unknown, depth: number): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => visit(n, depth));
    const n = node as Node;
    if (n.additionalProperties === false && n.properties && n.title) {
      const keys = Object.keys(n.properties);
      if (depth === 0) {
        rows.push(`| connector root (hub and storage layouts) | ${code(keys)} |`);
        rows.push(`| connector root (openapi layout) | ${code([...new Set([...keys.filter((k) => k !== 'resources'), ...OPENAPI_ROOT_KEYS])])} |`);
      } else if (!rows.some((r) => r.startsWith(`| ${n.title} |`))) {
        rows.push(`| ${n.title} | ${code(keys)} |`);
      }
    }
    for (const v of Object.values(node)) visit(v, depth + 1);
  };
  visit(SCHEMA, 0);
  return rows;
}

describe('docs/rules/unknown-key.md', () => {
  it('lists the keys read in each closed place, as schemas/connector.schema.json defines them', () => {
    const at = DOCS.indexOf(BEGIN);
    expect(at, 'the keys section markers').toBeGreaterThan(0);
    const section = DOCS.slice(at + BEGIN.length, DOCS.indexOf(END));
    expect(section).toBe(['| place | keys |', '|---|---|', ...expectedRows(), ''].join('\n'));
  });
});
