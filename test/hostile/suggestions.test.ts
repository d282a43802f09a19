/**
 * Did-you-mean and "defined: ..." lists over thousands of candidates (issue 13, section 2): each
 * suggestion compares the word with a bounded number of candidates, and each message names a bounded
 * number of them. Asserted by the work counted and the messages, not by time (the generous time
 * limits of the whole-file cases only leave room for a shared, slow machine).
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers/lint.js';
import { Suggester, nearestList, suggest } from '../../src/util/text.js';

const N = 6_000;
const paths = Array.from({ length: N }, (_, i) => `/resource${i}/items`);

describe('Suggester over thousands of candidates', () => {
  it('finds a one-typo path among 6,000, comparing each word with at most 96 candidates', () => {
    const s = new Suggester(paths);
    const asked = [
      ['/resourcx1234/items', '/resource1234/items'],
      ['/resource1234/itemz', '/resource1234/items'],
      ['/Resource77/Items', '/resource77/items'],
      ['/resource5999/item', '/resource5999/items'],
      ['/rezource0/items', '/resource0/items'],
    ] as const;
    for (const [word, meant] of asked) expect(s.suggest(word), word).toBe(meant);
    for (let i = 0; i < N; i++) s.suggest(`/resource${i}/itemz`);
    // Comparing each word with every path, as before, was 36 million comparisons for these 6,000 words.
    expect(s.compared).toBeLessThanOrEqual((asked.length + N) * 2 * 2 * 24 + 2 * (asked.length + N));
   }, 60_000);

  it('answers as before for small sets: a case-only match first, then the nearest within a third of the length, ties to the first given', () => {
    expect(suggest('contacts', ['Contacts', 'contact'])).toBe('Contacts');
    expect(suggest('resourcePath', ['resourcePth', 'resourcePat'])).toBe('resourcePth');
    expect(suggest('abc', ['xyz'])).toBeUndefined();
    expect(suggest('same', ['same'])).toBeUndefined();
  });

  it('a list names every candidate up to 10, else the 3 nearest and how many more', () => {
    expect(nearestList('b', ['a', 'b', 'c'])).toBe('`a`, `b` and `c`');
    const names = Array.from({ length: 3_000 }, (_, i) => `point${i}`);
    expect(nearestList('point1234x', names)).toBe('`point1234`, `point123`, `point124` and 2,997 more');
    expect(nearestList('point1234x', names, 'or')).toBe('`point1234`, `point123`, `point124` or 2,997 more');
  });
});

/** A hub connector: `paths` (each with a POST), `webhooks` and the root lists given. */
function hub(lists: Record<string, unknown>, resources: Record<string, unknown>): string {
  return JSON.stringify({ name: 'X', type: 'Rest', version: '1.0.0.0', ...lists, resources: { openapi: '3.1.0', info: { title: 'X', version: '1' }, ...resources } }, null, 1);
}

const post = { post: { responses: { '200': { description: 'ok' } } } };

describe('files with thousands of broken references', () => {
  it('6,000 paths and 6,000 actions naming missing ones: each is suggested its path', () => {
    const text = hub(
      { preDefinedActions: paths.map((p, i) => ({ name: `a${i}`, resourcePath: `${p.replace('/items', '/itemz')}/post` })) },
      { paths: Object.fromEntries(paths.map((p) => [p, post])) },
    );
    const d = lintText(text).diagnostics.filter((x) => x.ruleId === 'resource-path');
    expect(d).toHaveLength(N);
    const wrong = d.filter((x, i) => !x.message.endsWith(`did you mean \`/resource${i}/items\`?`));
    expect(wrong.map((x) => x.message)).toEqual([]);
  }, 120_000);

  it('6,000 webhooks and 6,000 listeners naming missing ones: each is suggested its webhook', () => {
    const hooks = Array.from({ length: N }, (_, i) => `hook${i}event`);
    const text = hub(
      { preDefinedEventListeners: hooks.map((h, i) => ({ name: `l${i}`, webhookPath: `${h.replace('event', 'evnt')}/post` })) },
      { paths: {}, webhooks: Object.fromEntries(hooks.map((h) => [h, post])) },
    );
    const d = lintText(text).diagnostics.filter((x) => x.ruleId === 'webhook-path');
    expect(d).toHaveLength(N);
    const wrong = d.filter((x, i) => !x.message.endsWith(`did you mean \`hook${i}event\`?`));
    expect(wrong.map((x) => x.message)).toEqual([]);
  }, 120_000);

  it('3,000 enrichment points and 3,000 enrichments naming none of them: each message names 3 points, not 3,000', () => {
    const points = Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`point${i}`, { resourcePath: '/e/post' }]));
    const actions = Array.from({ length: 3_000 }, (_, i) => ({ name: `a${i}`, resourcePath: '/e/post', enrichments: [{ enrichmentPoint: `zzzz${i}qqqq` }] }));
    const text = hub({ enrichmentPoints: points, preDefinedActions: actions }, { paths: { '/e': post } });
    const d = lintText(text).diagnostics.filter((x) => x.ruleId === 'enrichment-point');
    expect(d).toHaveLength(3_000);
    expect(Math.max(...d.map((x) => x.message.length))).toBeLessThan(200);
    expect(d[0]!.message).toBe('Enrichment point `zzzz0qqqq` is not defined in `enrichmentPoints`; defined: `point9`, `point98`, `point99` and 2,997 more');
    expect(d[0]!.pointer).toBe('/preDefinedActions/0/enrichments/0/enrichmentPoint');
  }, 120_000);
});
