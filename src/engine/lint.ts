/**
 * The engine: load a file, run the enabled rules over one walk of its model, and turn reports into
 * positioned diagnostics. Only this module turns a pointer into a line and column.
 */
import type { Diagnostic, FileResult, Layout, Severity, SuppressedDiagnostic, TextEdit } from '../types.js';
import { loadSource, type Limits, type SourceFile } from '../load/source.js';
import { detectLayout } from '../load/layout.js';
import type { ParseProblem } from '../load/json.js';
import { defaultRefRoot } from '../model/ref-root.js';
import { buildConnector, walkRootOf, type Connector } from '../model/connector.js';
import { isObject } from '../model/json.js';
import { Ptr } from '../model/pointer.js';
import { emptyVisitors, walk, type FollowRef, type Visitors } from '../model/walk.js';
import type { RefResolver } from '../model/refs.js';
import { dirname, join, relative } from 'node:path';
import { refKindMismatch, valueKindMismatch, type NodeType } from '../model/node-types.js';
import type { FixBuilder, Report, Rule, RuleVisitors, WrittenValue } from '../rules/types.js';
import { didYouMean, fill } from '../util/text.js';
import { parseDirectives, type Directive } from './suppress-comments.js';

export interface LintOptions {
  /** Enabled rules and their severities (rules absent from the map are off). */
  severities: Map<string, Severity>;
  rules: Map<string, Rule>;
  limits: Limits;
  /** Folder that file $refs may not leave (absolute); default: see model/ref-root.ts `defaultRefRoot`. */
  refRoot?: string;
  /** Working directory for the default reference root; default: process.cwd(). */
  cwd?: string;
  /** Throw when a report's pointer does not resolve (tests), instead of falling back to its parent. */
  strictPointers?: boolean;
}

export type FileOutcome = { ok: true; result: FileResult; source: SourceFile } | { ok: false; message: string };

/** Lint one file from disk. A file that cannot be read at all is a usage failure, returned not thrown. */
export function lintFile(path: string, displayPath: string, options: LintOptions): FileOutcome {
  const loaded = loadSource(path, options.limits);
  if (!loaded.ok) return { ok: false, message: loaded.message };
  return { ok: true, result: lintSource(loaded.source, displayPath, options), source: loaded.source };
}

/**
 * The result of a file (or a folder) that should have been linted and could not be read: one
 * `read-error` diagnostic at its first position saying why (`message`, one line, the file system's
 * reason: "Permission denied: d/bad.json; it was not linted"), as ESLint reports a file it could not
 * parse, so that every report format shows it; no diagnostic when the rule is off.
 */
export function unreadableResult(displayPath: string, message: string, severities: Map<string, Severity>): FileResult {
  const severity = severities.get('read-error');
  const at = { line: 1, column: 1 };
  const diagnostics: Diagnostic[] = severity ? [{ ruleId: 'read-error', messageId: 'unreadable', severity, message, pointer: '', range: { start: at, end: at } }] : [];
  return { path: displayPath, layout: 'unknown', diagnostics };
}

/**
 * Lint a parsed source. Problems written in files its `$ref`s reach are in `referenced`: one
 * FileResult per such file (layout 'referenced'), sorted by path, each diagnostic once.
 */
export function lintSource(source: SourceFile, displayPath: string, options: LintOptions): FileResult {
  const collector = new Collector(source, options);
  collector.parseProblems(source.problems);
  if (source.encodingNote) collector.add('encoding', { messageId: 'utf16', data: { note: source.encodingNote }, ptr: Ptr.root });
  let layout: Layout = 'unknown';
  let referenced: FileResult[] = [];
  if (source.parsed) {
    layout = detectLayout(source.value);
    if (!isObject(source.value) || layout === 'unknown') {
      collector.add('connector-layout', { messageId: isObject(source.value) ? 'unknown' : 'notObject', data: { type: describe(source.value) }, ptr: Ptr.root });
    } else {
      const connector = runRules(source, source.value, options, collector);
      referenced = referencedResults(connector, collector, displayPath);
    }
  }
  const suppressed = source.format === 'yaml' ? applyDirectives(parseDirectives(source.text), collector, options) : [];
  const result: FileResult = { path: displayPath, layout, diagnostics: collector.finish() };
  if (suppressed.length > 0) result.suppressed = suppressed;
  if (referenced.length > 0) result.referenced = referenced;
  return result;
}

/**
 * Silence the problems that suppression comments name on their target lines, and report the
 * comments that give no reason, name no known rule, or silence nothing. Returns what was silenced.
 */
function applyDirectives(directives: Directive[], collector: Collector, options: LintOptions): SuppressedDiagnostic[] {
  const out: SuppressedDiagnostic[] = [];
  for (const d of directives) {
    const kind = d.target === d.line ? 'line' : 'next-line';
    if (d.ruleIds.length === 0) {
      collector.addAt('suppression', 'noRule', { kind }, d.span);
      continue;
    }
    const known = d.ruleIds.filter((id) => options.rules.has(id));
    for (const id of d.ruleIds) {
      if (!known.includes(id)) collector.addAt('suppression', 'unknownRule', { kind, rule: id, hint: didYouMean(id, [...options.rules.keys()]) }, d.span);
    }
    if (d.reason === '') {
      collector.addAt('suppression', 'noReason', { kind }, d.span);
      continue;
    }
    for (const id of known) {
      const taken = collector.take((p) => p.ruleId === id && p.range.start.line === d.target);
      for (const p of taken) out.push({ ...p, suppression: { kind: 'comment', reason: d.reason, source: `line ${d.line}` } });
      if (taken.length === 0) collector.addAt('suppression', 'unused', { kind, rule: id, target: d.target }, d.span);
    }
  }
  return out;
}

/** One result per file the connector's references read: its display path is the linted file's, moved by the relative path between them. */
function referencedResults(connector: Connector, collector: Collector, displayPath: string): FileResult[] {
  const refs = connector.refs;
  if (refs.sources.size === 0) return [];
  const from = dirname(refs.lintedRealPath());
  const out: FileResult[] = [];
  for (const [real, source] of refs.sources) {
    const shown = join(dirname(displayPath), relative(from, real)).replace(/\\/g, '/');
    out.push({ path: shown, layout: 'referenced', diagnostics: collector.forFile(real, source).finish() });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function runRules(source: SourceFile, root: Record<string, unknown>, options: LintOptions, collector: Collector): Connector {
  const refRoot = options.refRoot !== undefined ? { dir: options.refRoot, kind: 'option' as const } : defaultRefRoot(source.path, options.cwd ?? process.cwd());
  const connector: Connector = buildConnector(source, root, {
    refRoot: refRoot.dir,
    refRootKind: refRoot.kind,
    maxRefHops: options.limits.maxRefHops,
    limits: options.limits,
  });
  collector.refs = connector.refs;
  const visitors: Visitors = emptyVisitors();
  const fix = fixBuilder(source, connector.refs);
  const written = writtenReader(source, connector.refs);
  const ends: Array<() => void> = [];
  for (const [id, rule] of options.rules) {
    if (!options.severities.has(id)) continue;
    const guard = guardFor(id, collector, options.strictPointers === true);
    try {
      register(visitors, guard.wrap(rule.create({ connector, fix, written, report: (r) => collector.add(id, r) })), ends);
    } catch (e) {
      guard.fail(e);
    }
  }
  try {
    const walked = walk(walkRootOf(connector), visitors, followInto(connector));
    connector.fragments = walked.map((w) => ({ value: w.fragment.value, ptr: w.fragment.ptr, type: w.type, referrers: w.referrers }));
    for (const end of ends) end();
  } catch (e) {
    if (!isStackOverflow(e)) throw e;
    collector.add('input-limit', { messageId: 'exceeded', data: { message: TOO_DEEP_TO_CHECK }, ptr: Ptr.root });
  }
  return connector;
}

const TOO_DEEP_TO_CHECK = 'The document is nested too deeply to check (the walk ran out of stack); flatten it or lower --max-depth';

/**
 * V8's stack overflow ("Maximum call stack size exceeded"): the walk went deeper than the stack
 * allows, a property of the document. Any other RangeError (an invalid array length, a bad
 * `toFixed` argument) is a bug in whoever threw it.
 */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/**
 * What a $ref reaches in another file (the walk goes on there); nothing for references within the
 * linted file, nor for one that names a component of another kind than its place holds
 * (`lib.yaml#/components/parameters/Limit` as a Schema): ref-target-type reports that at the $ref,
 * and the component, right where it is, is not checked as the wrong kind.
 */
function followInto(connector: Connector): FollowRef {
  const refs = connector.refs;
  return (node, info) => {
    const ref = node['$ref'] as string;
    if (ref.startsWith('#') && refs.inLintedFile(node)) return undefined;
    if (refKindMismatch(ref, info.type) !== undefined) return undefined;
    const r = refs.resolve(ref, node);
    if (!r.ok || r.ptr === undefined || r.ptr.file === undefined) return undefined;
    // A Parameter reached where a Response belongs: ref-target-type reports it at the $ref.
    if (valueKindMismatch(r.value, info.type) !== undefined) return undefined;
    return { value: r.value, ptr: r.ptr };
  };
}

/** The span of the key or value at `ptr` in the file it is in (the linted one, or one its $refs reach), with that file. */
function spanFinder(main: SourceFile, refs: RefResolver): (ptr: Ptr, target: 'key' | 'value') => { start: number; end: number; text: string; source: SourceFile } | undefined {
  return (ptr, target) => {
    const file = ptr.file;
    const source = file === undefined ? main : refs.sources.get(file);
    if (source === undefined) return undefined;
    const segments = ptr.segments();
    const found = source.locations.find(source.value, segments, target);
    return found.resolvedDepth === segments.length ? { start: found.span.start, end: found.span.end, text: source.text, source } : undefined;
  };
}

/** Longest value text RuleContext.written gives (a message quotes it; a longer value is cut), and longest key it gives. */
const WRITTEN_TEXT_MAX = 200;

function writtenReader(main: SourceFile, refs: RefResolver): (ptr: Ptr) => WrittenValue | undefined {
  const spanOf = spanFinder(main, refs);
  return (ptr) => {
    const value = spanOf(ptr, 'value');
    if (!value) return undefined;
    const end = Math.min(value.end, value.start + WRITTEN_TEXT_MAX);
    const out: WrittenValue = { format: value.source.format, text: value.text.slice(value.start, end), whole: end === value.end };
    const key = spanOf(ptr, 'key');
    // In a list the key's span is the value's own; a line break between them puts the value on a line of its own.
    if (key && key.end <= value.start && key.end - key.start <= WRITTEN_TEXT_MAX && !/[\r\n]/.test(value.text.slice(key.end, value.start))) out.keyOnLine = value.text.slice(key.start, key.end);
    return out;
  };
}

function fixBuilder(main: SourceFile, refs: RefResolver): FixBuilder {
  const spanOf = spanFinder(main, refs);
  return {
    renameKey(ptr, newKey) {
      const span = spanOf(ptr, 'key');
      if (!span) return undefined;
      const raw = span.text.slice(span.start, span.end);
      const quote = raw[0] === '"' || raw[0] === "'" ? raw[0] : '';
      if (raw.includes('\\')) return undefined;
      return [{ start: span.start, end: span.end, text: quote + newKey + quote }];
    },
    replaceInString(ptr, search, replacement) {
      const span = spanOf(ptr, 'value');
      if (!span) return undefined;
      const raw = span.text.slice(span.start, span.end);
      if (raw.includes('\\')) return undefined;
      const idx = raw.lastIndexOf(search);
      if (idx < 0) return undefined;
      return [{ start: span.start + idx, end: span.start + idx + search.length, text: replacement }];
    },
  };
}

/**
 * A bug in one rule must not stop the run or hide the other rules' findings: its visitors are
 * wrapped, and a throw becomes one error diagnostic on this file under the rule's id, after which
 * the rule is skipped. Tests (strictPointers) let it propagate so they fail loudly.
 */
function guardFor(id: string, collector: Collector, rethrow: boolean) {
  let failed = false;
  const fail = (e: unknown) => {
    // A stack overflow inside a visitor is the walk's depth, not this rule's fault: the walk reports it.
    if (rethrow || isStackOverflow(e)) throw e;
    if (failed) return;
    failed = true;
    collector.internal(id, e);
  };
  const wrap = (created: RuleVisitors): RuleVisitors => {
    const out: Record<string, unknown> = {};
    for (const [key, fn] of Object.entries(created)) {
      if (typeof fn !== 'function') continue;
      // Two fixed parameters (every visitor takes node and info, `end` none): a rest parameter
      // would allocate an array at each of the walk's hundreds of thousands of calls.
      const visitor = fn as (a?: unknown, b?: unknown) => void;
      out[key] = (a?: unknown, b?: unknown) => {
        if (failed) return;
        try {
          visitor(a, b);
        } catch (e) {
          fail(e);
        }
      };
    }
    return out as RuleVisitors;
  };
  return { wrap, fail };
}

function register(visitors: Visitors, created: RuleVisitors, ends: Array<() => void>): void {
  for (const [key, fn] of Object.entries(created)) {
    if (!fn) continue;
    if (key === 'end') ends.push(fn as () => void);
    else if (key === 'any') visitors.any.push(fn as Visitors['any'][number]);
    else if (key === 'ref') visitors.ref.push(fn as Visitors['ref'][number]);
    else if (key === 'string') visitors.string.push(fn as Visitors['string'][number]);
    else if (key === 'refString') visitors.refString.push(fn as Visitors['refString'][number]);
    else {
      const list = visitors.nodes.get(key as NodeType) ?? [];
      list.push(fn as Visitors['any'][number]);
      visitors.nodes.set(key as NodeType, list);
    }
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/** The messageId of a diagnostic that says a rule itself failed (it is in no rule's `meta.messages`). */
export const INTERNAL_ERROR = 'internalError';

/**
 * UTF-16 code units the problems of one lint (the linted file and the files its `$ref`s reach) may
 * take in a report: their pointers plus the values quoted in their messages, counted before any text
 * is built; this many, or REPORT_BUDGET_PER_CHARACTER times the linted file's length when that is
 * more. A thousand problems under one 600 KB key would otherwise repeat that key in a thousand
 * pointers and messages (1.2 billion characters: minutes, gigabytes, then "Invalid string length").
 */
export const REPORT_BUDGET = 10_000_000;
export const REPORT_BUDGET_PER_CHARACTER = 8;

/** The report budget one lint shares between its collectors, and what it left out. */
class ReportBudget {
  readonly limit: number;
  left: number;
  /** Problems not reported because the budget was spent. */
  dropped = 0;
  /** The diagnostic that says so, at the first problem left out. */
  notice: Diagnostic | undefined;

  constructor(textLength: number) {
    this.limit = Math.max(REPORT_BUDGET, REPORT_BUDGET_PER_CHARACTER * textLength);
    this.left = this.limit;
  }

  /** Take `cost` from the budget; false (and the problem is counted as left out) when it is spent. */
  take(cost: number): boolean {
    if (this.dropped === 0 && cost <= this.left) {
      this.left -= cost;
      return true;
    }
    this.dropped++;
    return false;
  }

  /** The notice's text, with the count of problems left out so far. */
  message(): string {
    const more = this.dropped - 1;
    const others = more === 0 ? 'it is' : `it and ${more.toLocaleString('en-US')} more problems found after it are`;
    return `The problems of this file fill the report's limit of ${this.limit.toLocaleString('en-US')} characters (their pointers and quoted values: long keys repeated in many pointers); this problem was found, but ${others} not reported (shorten the long keys or values, or fix the problems reported)`;
  }
}

/** What a report will cost the budget: its pointer and the values quoted in its message (lengths only, no text is built). */
function reportCost(ptr: Ptr, data: Record<string, string | number> | undefined): number {
  let n = ptr.textLength();
  if (data) for (const k in data) n += typeof data[k] === 'string' ? (data[k] as string).length : 16;
  return n;
}

/**
 * Gathers reports, attaches severity and position, sorts and de-duplicates. A report whose pointer
 * is in another file (Ptr.file) goes to that file's collector, made on first use.
 */
class Collector {
  private readonly out: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  /** Each diagnostic reported inside a YAML alias's copy -> the pointer where that node is written. */
  private readonly viaAlias = new Map<Diagnostic, string>();
  /** Set once the connector is built: where the sources of referenced files are. */
  refs: RefResolver | undefined;
  private readonly others = new Map<string, Collector>();

  constructor(
    private readonly source: SourceFile,
    private readonly options: LintOptions,
    /** Shared by the collectors of one lint. */
    private readonly budget = new ReportBudget(source.text.length),
  ) {}

  /**
   * Charge a problem to the report budget; false when it is spent. The first problem left out gets,
   * in its place, one input-limit diagnostic that says how many were left out.
   */
  private afford(cost: number, pointer: () => string, span: () => { start: number; end: number }): boolean {
    if (this.budget.take(cost)) return true;
    if (this.budget.dropped === 1) {
      const severity = this.options.severities.get('input-limit');
      if (severity) {
        this.budget.notice = { ruleId: 'input-limit', messageId: 'exceeded', severity, message: '', pointer: pointer(), range: this.source.lines.range(span()) };
        this.out.push(this.budget.notice);
      }
    }
    return false;
  }

  /** The collector of a referenced file (its parse problems, such as duplicate keys, are reported once there). */
  forFile(path: string, source: SourceFile): Collector {
    let c = this.others.get(path);
    if (c === undefined) {
      c = new Collector(source, this.options, this.budget);
      c.parseProblems(source.problems);
      this.others.set(path, c);
    }
    return c;
  }

  private route(ptr: Ptr): Collector {
    const file = ptr.file;
    if (file === undefined) return this;
    const source = this.refs?.sources.get(file);
    return source === undefined ? this : this.forFile(file, source);
  }

  parseProblems(problems: ParseProblem[]): void {
    for (const p of problems) {
      const [ruleId, messageId, data] =
        p.kind === 'duplicate-key'
          ? ['duplicate-key', 'duplicate', { key: p.message }]
          : p.kind === 'depth' || p.kind === 'limit'
            ? ['input-limit', 'exceeded', { message: p.message }]
            : ['syntax-error', 'syntax', { message: p.message }];
      const severity = this.options.severities.get(ruleId);
      if (!severity) continue;
      const span = { start: p.offset, end: p.end };
      if (!this.afford((p.pointer?.length ?? 0) + p.message.length, () => p.pointer ?? '', () => span)) continue;
      this.push({
        ruleId,
        messageId,
        severity,
        message: this.text(ruleId, messageId, data),
        pointer: p.pointer ?? '',
        range: this.source.lines.range({ start: p.offset, end: p.end }),
      });
    }
  }

  add(ruleId: string, report: Report): void {
    const target = this.route(report.ptr);
    if (target !== this) return target.add(ruleId, report);
    const severity = this.options.severities.get(ruleId);
    if (!severity) return;
    const segments = report.ptr.segments();
    const locate = () => this.source.locations.find(this.source.value, segments, report.target ?? 'value');
    if (!this.afford(reportCost(report.ptr, report.data), () => report.ptr.toString(), () => locate().span)) return;
    const found = locate();
    if (found.resolvedDepth < segments.length && this.options.strictPointers) {
      throw new Error(`Rule ${ruleId} reported pointer ${report.ptr.toString()} that does not resolve`);
    }
    const pointer = report.ptr.toString();
    const writtenAt = this.source.locations.writtenAt(pointer);
    const diagnostic: Diagnostic = {
      ruleId,
      messageId: report.messageId,
      severity,
      message: this.text(ruleId, report.messageId, report.data),
      pointer,
      range: this.source.lines.range(found.span),
    };
    if (report.fix) diagnostic.fix = report.fix as TextEdit[];
    if (writtenAt !== pointer) this.viaAlias.set(diagnostic, writtenAt);
    this.push(diagnostic);
  }

  /** Report at a span of the text that no pointer reaches (a comment). */
  addAt(ruleId: string, messageId: string, data: Record<string, string | number>, span: { start: number; end: number }): void {
    const severity = this.options.severities.get(ruleId);
    if (!severity) return;
    this.push({ ruleId, messageId, severity, message: this.text(ruleId, messageId, data), pointer: '', range: this.source.lines.range(span) });
  }

  /** Remove and return the diagnostics collected so far that `match`. */
  take(match: (d: Diagnostic) => boolean): Diagnostic[] {
    const taken: Diagnostic[] = [];
    let kept = 0;
    for (const d of this.out) {
      if (match(d)) taken.push(d);
      else this.out[kept++] = d;
    }
    this.out.length = kept;
    return taken;
  }

  /** The rule's template for `messageId`, filled with `data`; an unknown id is a bug in the rule. */
  private text(ruleId: string, messageId: string, data: Record<string, string | number> | undefined): string {
    const template = this.options.rules.get(ruleId)?.meta.messages[messageId];
    if (template === undefined) throw new Error(`Rule ${ruleId} has no message ${messageId}`);
    return fill(template, data);
  }

  /** A rule threw: say so on this file, in one line, instead of failing the whole run. */
  internal(ruleId: string, e: unknown): void {
    const severity = this.options.severities.get(ruleId) ?? 'error';
    const reason = e instanceof Error ? e.message : String(e);
    this.push({
      ruleId,
      messageId: INTERNAL_ERROR,
      severity: severity === 'info' ? 'info' : 'error',
      message: `Internal error in rule ${ruleId} (this file was only partly checked by it; please report it): ${reason}`,
      pointer: '',
      range: this.source.lines.range({ start: 0, end: 0 }),
    });
  }

  private push(d: Diagnostic): void {
    const key = `${d.ruleId}\u0000${d.pointer}\u0000${d.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.out.push(d);
  }

  /**
   * A node written once and reused through YAML aliases is one place: a problem a rule reports both
   * at the anchor and in an alias's copy is kept at the anchor only, and copies that report the
   * same problem (rule and messageId) of the same place are one diagnostic, the first, also when
   * their messages name the use (`Response 200 of GET /a`, `... of GET /b`): the anchor is not
   * checked itself when it sits under an `x-` key, and the fix is made once, where it is written.
   * A problem only one copy has (it depends on where the alias is used) stays where that alias is.
   */
  private withoutAliasCopies(): Diagnostic[] {
    if (this.viaAlias.size === 0) return this.out;
    const atAnchor = new Set<string>();
    for (const d of this.out) if (!this.viaAlias.has(d)) atAnchor.add(`${d.ruleId}\u0000${d.messageId}\u0000${d.pointer}`);
    const copies = new Set<string>();
    return this.out.filter((d) => {
      const writtenAt = this.viaAlias.get(d);
      if (writtenAt === undefined) return true;
      if (atAnchor.has(`${d.ruleId}\u0000${d.messageId}\u0000${writtenAt}`)) return false;
      const copy = `${d.ruleId}\u0000${d.messageId}\u0000${writtenAt}`;
      if (copies.has(copy)) return false;
      copies.add(copy);
      return true;
    });
  }

  finish(): Diagnostic[] {
    if (this.budget.notice) this.budget.notice.message = this.budget.message();
    return this.withoutAliasCopies().sort(
      (a, b) =>
        a.range.start.line - b.range.start.line ||
        a.range.start.column - b.range.start.column ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
        (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
    );
  }
}
