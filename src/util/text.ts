/** Wording helpers shared by rule messages. */
import { distance, closest } from 'fastest-levenshtein';

/** The candidate nearest to `word` when it is near enough to be a plausible typo, else undefined. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates].filter((c) => c !== word);
  if (list.length === 0) return undefined;
  const lower = word.toLowerCase();
  const caseOnly = list.find((c) => c.toLowerCase() === lower);
  if (caseOnly) return caseOnly;
  const best = closest(word, list);
  const d = distance(word.toLowerCase(), best.toLowerCase());
  const limit = Math.max(1, Math.floor(Math.max(word.length, best.length) / 3));
  return d <= limit ? best : undefined;
}

/** " (did you mean `x`?)" or "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const s = suggest(word, candidates);
  return s === undefined ? '' : `; did you mean \`${s}\`?`;
}

/** "a, b and c". */
export function listing(items: string[], conj = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conj} ${items[items.length - 1]}`;
}

/** `a`, `b` and `c`. */
export function codeList(items: string[], conj = 'and'): string {
  return listing(
    items.map((i) => `\`${i}\``),
    conj,
  );
}

/** Fill `{{name}}` placeholders. */
export function fill(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

/** "a string", "an object", "`null`"; a comma list of types ("string,null") becomes "a string or `null`". */
export function article(type: string): string {
  if (type.includes(',')) return listing(type.split(',').map(article), 'or');
  if (type === 'null') return '`null`';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
