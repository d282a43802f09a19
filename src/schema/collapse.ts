/**
 * Turn ajv's raw errors into one finding per real problem. With allErrors and oneOf/anyOf unions
 * (X | Reference, discriminated unions), ajv reports every failed branch and every ancestor union
 * that failed because of it. We keep the concrete constraint that failed, where it is written.
 */
import type { ErrorObject } from 'ajv';

export interface Finding {
  /** JSON pointer relative to the validated value. */
  instancePath: string;
  kind: 'unexpected' | 'missing' | 'type' | 'enum' | 'either' | 'exclusive' | 'union' | 'other';
  /** For unexpected: the property; for missing: the property; for either: the alternatives. */
  property?: string;
  alternatives?: string[];
  allowed?: unknown[];
  expectedType?: string;
  /** Raw ajv message for 'other'. */
  message?: string;
  keyword: string;
  schemaPath: string;
}

const UNION_KEYWORDS = new Set(['oneOf', 'anyOf', 'if', 'allOf']);

/** Collapse raw errors into findings, one per real problem, without duplicates. */
export function collapse(errors: ErrorObject[]): Finding[] {
  let raw = dedupe(errors).filter((e) => !isReferenceNoise(e));
  const findings: Finding[] = [];
  raw = mergeEitherBranches(raw, findings);
  raw = pickParameterLocation(raw);
  const merged = findings.map((f) => f.instancePath);
  raw = raw.filter((e) => !(UNION_KEYWORDS.has(e.keyword) && (hasDeeperOrSame(raw, e) || merged.some((p) => p === e.instancePath || p.startsWith(e.instancePath + '/')))));
  for (const e of raw) findings.push(toFinding(e));
  return dedupeFindings(findings);
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.instancePath}\u0000${e.keyword}\u0000${JSON.stringify(e.params)}\u0000${e.keyword === 'oneOf' ? e.schemaPath : ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The Reference branch of `X | Reference`: "must have required property '$ref'". */
function isReferenceNoise(e: ErrorObject): boolean {
  return e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === '$ref';
}

function hasDeeperOrSame(all: ErrorObject[], e: ErrorObject): boolean {
  return all.some((o) => o !== e && !UNION_KEYWORDS.has(o.keyword) && (o.instancePath === e.instancePath || o.instancePath.startsWith(e.instancePath + '/')));
}

/**
 * A oneOf whose inline branches each failed only on `required` ("schema" | "content") is one
 * problem: "needs either schema or content".
 */
function mergeEitherBranches(raw: ErrorObject[], findings: Finding[]): ErrorObject[] {
  const groups = new Map<string, ErrorObject[]>();
  for (const e of raw) {
    const m = /^(.*\/(?:oneOf|anyOf))\/\d+\/required$/.exec(e.schemaPath);
    if (!m || e.keyword !== 'required') continue;
    const key = `${e.instancePath}\u0000${m[1]}`;
    const list = groups.get(key) ?? [];
    list.push(e);
    groups.set(key, list);
  }
  const consumed = new Set<ErrorObject>();
  for (const [key, list] of groups) {
    if (list.length < 2) continue;
    const [instancePath, unionPath] = key.split('\u0000') as [string, string];
    for (const e of list) consumed.add(e);
    for (const e of raw) if (e.keyword === 'oneOf' && e.instancePath === instancePath && e.schemaPath === unionPath) consumed.add(e);
    findings.push({
      instancePath,
      kind: 'either',
      alternatives: list.map((e) => (e.params as { missingProperty: string }).missingProperty),
      keyword: 'oneOf',
      schemaPath: unionPath,
    });
  }
  return raw.filter((e) => !consumed.has(e));
}

/**
 * Parameter location is a oneOf over `in` (path | query | header | cookie). Keep the errors of the
 * branch whose `in` matches; if none matches, keep one error for `in` itself.
 */
function pickParameterLocation(raw: ErrorObject[]): ErrorObject[] {
  const branchOf = (e: ErrorObject) => /ParameterLocation\/oneOf\/(\d+)\//.exec(e.schemaPath)?.[1];
  const byParam = new Map<string, ErrorObject[]>();
  for (const e of raw) {
    if (branchOf(e) === undefined && !/ParameterLocation\/oneOf$/.test(e.schemaPath)) continue;
    const list = byParam.get(e.instancePath.replace(/\/(in|style|required)$/, '')) ?? [];
    list.push(e);
    byParam.set(e.instancePath.replace(/\/(in|style|required)$/, ''), list);
  }
  const drop = new Set<ErrorObject>();
  for (const [param, list] of byParam) {
    const failedIn = new Set(list.filter((e) => e.instancePath === param + '/in' && e.keyword === 'enum').map(branchOf));
    const branches = new Set(list.map(branchOf).filter((b) => b !== undefined));
    const matching = [...branches].filter((b) => !failedIn.has(b));
    for (const e of list) {
      const b = branchOf(e);
      if (b === undefined) drop.add(e); // the oneOf summary
      else if (matching.length > 0 ? !matching.includes(b) : e !== list.find((x) => x.instancePath === param + '/in')) drop.add(e);
    }
    if (matching.length === 0) {
      const first = list.find((x) => x.instancePath === param + '/in' && x.keyword === 'enum');
      if (first) {
        const allowed = list.filter((x) => x.instancePath === param + '/in' && x.keyword === 'enum').flatMap((x) => (x.params as { allowedValues: unknown[] }).allowedValues);
        (first.params as { allowedValues: unknown[] }).allowedValues = [...new Set(allowed)];
      }
    }
  }
  return raw.filter((e) => !drop.has(e));
}

function toFinding(e: ErrorObject): Finding {
  const base = { instancePath: e.instancePath, keyword: e.keyword, schemaPath: e.schemaPath };
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return { ...base, kind: 'unexpected', property: String(p['additionalProperty'] ?? p['unevaluatedProperty']) };
    case 'required':
      return { ...base, kind: 'missing', property: String(p['missingProperty']) };
    case 'type':
      return { ...base, kind: 'type', expectedType: String(p['type']) };
    case 'enum':
      return { ...base, kind: 'enum', allowed: p['allowedValues'] as unknown[] };
    case 'const':
      return { ...base, kind: 'enum', allowed: [p['allowedValue']] };
    case 'not':
      return { ...base, kind: 'exclusive' };
    case 'oneOf':
    case 'anyOf':
      return { ...base, kind: 'union' };
    default:
      return { ...base, kind: 'other', message: e.message ?? e.keyword };
  }
}

function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.instancePath}\u0000${f.kind}\u0000${f.property ?? ''}\u0000${JSON.stringify(f.allowed ?? f.alternatives ?? f.expectedType ?? f.message ?? '')}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
