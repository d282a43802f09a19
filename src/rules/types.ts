/** The contract between rules and the engine (ESLint's meta + create, Redocly's typed visitors). */
import type { TextEdit } from '../types.js';
import type { Connector } from '../model/connector.js';
import type { Ptr } from '../model/pointer.js';
import type { NodeType } from '../model/node-types.js';
import type { NodeVisitor, StringVisitor } from '../model/walk.js';
import type { Target } from '../load/locations.js';
import type { SourceFormat } from '../load/source.js';

export interface RuleMeta {
  id: string;
  /** One line, shown by `cdp-lint rules` and in SARIF. */
  description: string;
  /** Message templates keyed by message id; `{{name}}` is replaced from the report's data. */
  messages: Record<string, string>;
  /** Whether reports may carry safe fixes. */
  fixable?: boolean;
}

export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  ptr: Ptr;
  /** Point at the key (an unexpected property) or at the value (default). */
  target?: Target;
  fix?: TextEdit[];
}

/** Text edits computed by the engine from recorded positions (rules never compute offsets). */
export interface FixBuilder {
  /** Replace the key at `ptr` with `newKey`. */
  renameKey(ptr: Ptr, newKey: string): TextEdit[] | undefined;
  /** Replace the last occurrence of `search` inside the string value at `ptr`. */
  replaceInString(ptr: Ptr, search: string, replacement: string): TextEdit[] | undefined;
}

/**
 * How a value is written in its file, for a message to say how to write it otherwise (`summary:
 * {id}` is a YAML mapping; quoted it is text). Rules read it to choose words, never positions.
 */
export interface WrittenValue {
  /** The format of the file the value is written in (another file's, for a value a `$ref` reaches there). */
  format: SourceFormat;
  /** The value's text as written, at most WRITTEN_TEXT_MAX (200) UTF-16 code units. */
  text: string;
  /** Whether `text` is the value's whole text (false when it was cut). */
  whole: boolean;
  /** The key's text as written (when at most 200 code units), when the value is an object entry that starts on its key's line; else undefined. */
  keyOnLine?: string;
}

export interface RuleContext {
  readonly connector: Connector;
  readonly fix: FixBuilder;
  /** How the value at `ptr` is written; undefined when the pointer does not resolve in its file. */
  written(ptr: Ptr): WrittenValue | undefined;
  report(report: Report): void;
}

export type RuleVisitors = {
  [T in NodeType]?: NodeVisitor;
} & {
  /** Every object node. */
  any?: NodeVisitor;
  /** Every {$ref} object in a typed position. */
  ref?: NodeVisitor;
  /** Every string value. */
  string?: StringVisitor;
  /** Every string under a `$ref` key (a reference the walk may not have typed): cheaper than `string` when only these matter. */
  refString?: StringVisitor;
  /** After the walk: cross-reference rules report here. */
  end?: () => void;
};

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): RuleVisitors;
}

/** Identity helper that keeps a rule's type checked. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
