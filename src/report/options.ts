/** Options every formatter takes; the CLI builds them once from flags and the rule registry. */

export interface RuleMeta {
  description: string;
  helpUri: string;
  /** The rule's documentation page, read on first call (SARIF only); undefined when there is none. */
  docs?: () => { fullDescription: string; text: string; markdown: string } | undefined;
  /** Whether the rule can carry fixes. */
  fixable?: boolean;
}

export interface FormatOptions {
  /** Emit ANSI colour codes (stylish only). */
  color: boolean;
  /** Add documentation links and list clean files (stylish only). */
  verbose: boolean;
  /** Paths in SARIF, GitHub, JUnit and stylish output are shown relative to this directory. */
  cwd: string;
  toolVersion: string;
  /** Columns of the terminal, to wrap stylish lines at (no wrapping when undefined). */
  width?: number;
  /** Metadata of known rules, keyed by rule id; diagnostics of unknown ids are still printed. */
  rules: Map<string, RuleMeta>;
}
