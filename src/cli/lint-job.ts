/** Lint one target as a self-contained job, so the same code runs on the main thread and in workers. */
import { lintSource, type LintOptions } from '../engine/lint.js';
import { loadSource, type SourceFile } from '../load/source.js';
import { looksLikeConnector } from '../load/layout.js';
import { RULES } from '../rules/index.js';
import { elided } from '../report/escape.js';
import type { Rule } from '../rules/types.js';
import type { Job, JobOptions, JobOutcome } from '../engine/parallel.js';

export interface JobRunOptions extends JobOptions {
  onlyConnectors: boolean;
}

/** What a user code cache made after the run holds the functions of: this thread linted JSON (1), YAML (2), or both. */
export const LINTED_JSON = 1;
export const LINTED_YAML = 2;

/** The formats this thread has linted, LINTED_JSON | LINTED_YAML; 0 before any. */
let linted = 0;

/**
 * The formats this thread has linted (LINTED_JSON, LINTED_YAML; 0 before any lint): bin/cdp-lint.cjs
 * writes the user's code cache only after a lint, as it holds the functions compiled so far (after
 * `--version`, or with every file in worker threads, few), and again when a run lints a format its
 * cache was not made with (a YAML file compiles the YAML reader, which a cache made on JSON lacks).
 */
export function lintedFormats(): number {
  return linted;
}

/** Load, decide whether it is a connector worth linting, and lint; the source is kept for --fix. */
export function runJobWithSource(job: Job, options: JobRunOptions): { outcome: JobOutcome; source?: SourceFile; lintOptions?: LintOptions } {
  const loaded = loadSource(job.path, options.limits);
  // A file found by walking may not be a connector, but unread it cannot be known: it is reported, never passed over.
  if (!loaded.ok) {
    // The path as the user wrote it (relative), not the absolute one it was read by.
    const message = loaded.message.split(job.path).join(elided(job.display));
    return { outcome: job.explicit && !job.globbed ? { kind: 'fatal', message } : { kind: 'unreadable', message } };
  }
  const { source } = loaded;
  if ((!job.explicit || options.onlyConnectors) && !looksLikeConnector(source.text, source.value, source.parsed)) return { outcome: { kind: 'skip' } };
  const lintOptions: LintOptions = { severities: new Map(job.severities), rules: RULES as Map<string, Rule>, limits: options.limits, refRoot: options.refRoot, cwd: options.cwd };
  const result = lintSource(source, job.display, lintOptions);
  linted |= source.format === 'yaml' ? LINTED_YAML : LINTED_JSON;
  return { outcome: { kind: 'result', result }, source, lintOptions };
}

/** The worker-side job runner: results only (sources stay in the worker). */
export function runJob(job: Job, options: JobOptions): JobOutcome {
  return runJobWithSource(job, options as JobRunOptions).outcome;
}
