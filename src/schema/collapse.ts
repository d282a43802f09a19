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
  /** Raw ajv params for 'other' (the limit of minProperties, the pattern of pattern, ...). */
  params?: Record<string, unknown>;
  keyword: string;
  schemaPath: string;
}

const UNION_KEYWORDS = new Set(['oneOf', 'anyOf', 'if', 'allOf']);

/** Collapse raw errors into findings, one per real problem, without duplicates. */
export function collapse(errors: ErrorObject[]): Finding[] {
  let raw = dedupe(errors).filter((e) => !isReferenceNoise(e));
  const findings: Finding[] = [];
  // Location first: its path branch's `required` error is not one of the schema|content branches.
  raw = pickParameterLocation(raw);
  raw = mergeEitherBranches(raw, findings);
  // A union is dropped when an error of its own (not a union) or a merged finding is at or below it.
  const explained = atOrAbove([...raw.filter((o) => !isUnion(o)).map((o) => o.instancePath), ...findings.map((f) => f.instancePath)]);
  raw = raw.filter((e) => !(isUnion(e) && explained.has(e.instancePath)));
  for (const e of raw) findings.push(toFinding(e));
  return keepExplaining(dedupeFindings(findings));
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

/**
 * A failed union that says nothing of its own (its branches' errors do). A oneOf that failed
 * because several branches passed (OpenAPI 3.1: a parameter with both `schema` and `content`) is
 * a problem of its own: "may not have both".
 */
function isUnion(e: ErrorObject): boolean {
  return UNION_KEYWORDS.has(e.keyword) && !tooMany(e);
}

function tooMany(e: ErrorObject): boolean {
  return e.keyword === 'oneOf' && Array.isArray((e.params as { passingSchemas?: unknown }).passingSchemas);
}

/**
 * Every path of `paths` and each of its ancestors: "is something at or below p" in one lookup, in
 * time linear in the number of paths (each ancestor is added once; errors are many, and the old
 * pairwise comparison of 15,000 parameters' errors took seconds).
 */
export function atOrAbove(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const path of paths) {
    for (let p = path; !out.has(p); p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
      out.add(p);
      if (p === '') break;
    }
  }
  return out;
}

/** `items` grouped by `key`, in order. */
function groupBy<T>(items: Iterable<T>, key: (item: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * A oneOf whose inline branches each failed only on `required` ("schema" | "content") is one
 * problem: "needs either schema or content".
 */
function mergeEitherBranches(raw: ErrorObject[], findings: Finding[]): ErrorObject[] {
  const groups = new Map<string, ErrorObject[]>();
  for (const e of raw) {
    const m = /^(.*\/(?:oneOf|anyOf))\/\d+\/required$/.exec(e.schemaPath);
    if (!m || e.keyword !== 'required' || locationBranch(e)) continue;
    const key = `${e.instancePath}\u0000${m[1]}`;
    const list = groups.get(key) ?? [];
    list.push(e);
    groups.set(key, list);
  }
  const consumed = new Set<ErrorObject>();
  const unions = groupBy(raw, (e) => (e.keyword === 'oneOf' ? `${e.instancePath}\u0000${e.schemaPath}` : undefined));
  for (const [key, list] of groups) {
    if (list.length < 2) continue;
    const [instancePath, unionPath] = key.split('\u0000') as [string, string];
    for (const e of list) consumed.add(e);
    for (const e of unions.get(key) ?? []) consumed.add(e);
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

/** An error of one branch of OpenAPI 3.0's ParameterLocation (a oneOf over `in`: path | query | header | cookie). */
function locationBranch(e: ErrorObject): { param: string; branch: string } | undefined {
  // Schema paths are relative to the definition that failed (the validators are compiled with
  // inlineRefs: false), so ParameterLocation's are `#/oneOf/<branch>/...`.
  const field = /^#\/oneOf\/(\d+)\/properties\/[^/]+\/enum$/.exec(e.schemaPath);
  if (field && e.keyword === 'enum') return { param: e.instancePath.slice(0, e.instancePath.lastIndexOf('/')), branch: field[1]! };
  // The path branch alone requires a key, and that key is `required` (`required: true`).
  const required = /^#\/oneOf\/(\d+)\/required$/.exec(e.schemaPath);
  if (required && e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === 'required') return { param: e.instancePath, branch: required[1]! };
  return undefined;
}

/**
 * A Parameter's errors are explained by its own `in`: keep the errors of the branch whose `in`
 * matches (a path parameter without `required: true` is one error), drop the other locations'.
 * When no branch matches (`in: quer`), keep one error for `in` itself, listing every location.
 * A parameter without `in` keeps only that: its location cannot be judged.
 */
function pickParameterLocation(raw: ErrorObject[]): ErrorObject[] {
  const byParam = new Map<string, Array<{ e: ErrorObject; branch: string }>>();
  for (const e of raw) {
    const at = locationBranch(e);
    if (!at) continue;
    const list = byParam.get(at.param) ?? [];
    list.push({ e, branch: at.branch });
    byParam.set(at.param, list);
  }
  const drop = new Set<ErrorObject>();
  if (byParam.size === 0) return raw;
  const at = groupBy(raw, (e) => (byParam.has(e.instancePath) ? e.instancePath : undefined));
  for (const [param, list] of byParam) {
    const own = at.get(param) ?? [];
    const inErrors = list.filter((x) => x.e.instancePath === param + '/in');
    const noIn = own.some((e) => e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === 'in');
    if (inErrors.length === 0 && !noIn) continue; // not a ParameterLocation union
    for (const e of own) if (e.keyword === 'oneOf' && e.schemaPath === '#/oneOf') drop.add(e);
    const failedIn = new Set(inErrors.map((x) => x.branch));
    const matching = noIn ? [] : [...new Set(list.map((x) => x.branch))].filter((b) => !failedIn.has(b));
    const keep = noIn ? undefined : matching.length > 0 ? undefined : inErrors[0]!.e;
    for (const x of list) if ((matching.length === 0 || !matching.includes(x.branch)) && x.e !== keep) drop.add(x.e);
    if (keep) {
      const allowed = inErrors.flatMap((x) => (x.e.params as { allowedValues: unknown[] }).allowedValues);
      keep.params = { ...keep.params, allowedValues: [...new Set(allowed)] };
    }
  }
  return raw.filter((e) => !drop.has(e));
}

/**
 * One problem, one finding: a value of the wrong type explains every other complaint about it
 * (a Media Type written as `null` is "must be an object", not also "may not have both ..."); the
 * types a union accepts there become one finding; and a key that one branch of a union rejects
 * while another branch complains about its value is explained by the complaint about the value.
 */
function keepExplaining(findings: Finding[]): Finding[] {
  const types = new Map<string, Finding>();
  for (const f of findings) {
    if (f.kind !== 'type') continue;
    const first = types.get(f.instancePath);
    if (!first) types.set(f.instancePath, f);
    else if (!first.expectedType!.split(',').includes(f.expectedType!)) first.expectedType += ',' + f.expectedType!;
  }
  // Every finding's path and each of its ancestors: "is there a finding at or below p" in one lookup.
  const atOrBelow = new Set<string>();
  for (const f of findings) {
    for (let p = f.instancePath; !atOrBelow.has(p); p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
      atOrBelow.add(p);
      if (p === '') break;
    }
  }
  const deeper = (p: string) => atOrBelow.has(p);
  return findings.filter((f) => {
    const typed = types.get(f.instancePath);
    if (typed) return f === typed;
    if (f.kind === 'unexpected' && deeper(`${f.instancePath}/${f.property!.replace(/~/g, '~0').replace(/\//g, '~1')}`)) return false;
    return true;
  });
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
      return { ...base, kind: tooMany(e) ? 'exclusive' : 'union' };
    default:
      return { ...base, kind: 'other', message: e.message ?? e.keyword, params: p };
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
