/** JUnit XML output for CI systems that render test reports. */
import type { Diagnostic, FileResult, LintResult } from '../types.js';
import { relativePath, toRegion } from './common.js';
import type { FormatOptions } from './options.js';
import { shown } from './escape.js';

// Everything outside XML 1.0's Char production: C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
const ILLEGAL_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Parsers normalise raw whitespace in attribute values to spaces, so keep it as character references.
const ATTRIBUTE_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Escape text content for XML 1.0, dropping characters XML cannot represent at all. */
export function escapeXmlText(value: string): string {
  return value.replace(ILLEGAL_XML, '').replace(/[&<>"']/g, (ch) => TEXT_ESCAPES[ch]!);
}

/** Escape an XML 1.0 attribute value, keeping tabs and line breaks as character references. */
export function escapeXmlAttribute(value: string): string {
  return value.replace(ILLEGAL_XML, '').replace(/[&<>"'\t\n\r]/g, (ch) => ATTRIBUTE_ESCAPES[ch]!);
}

function isFailure(d: Diagnostic): boolean {
  return d.severity === 'error' || d.severity === 'warning';
}

function testcase(d: Diagnostic, name: string): string {
  const { startLine, startColumn } = toRegion(d.range);
  const at = `${startLine}:${startColumn}`;
  // Line breaks too: a report printed to a CI log must not start a line with text a file chose.
  const message = shown(d.message);
  const open = `    <testcase classname="${escapeXmlAttribute(name)}" name="${escapeXmlAttribute(`${d.ruleId} at ${at}`)}">`;
  const body = escapeXmlText(`${at} ${d.severity} ${message} ${d.ruleId} (${shown(d.pointer)})`);
  const inner = isFailure(d)
    ? `      <failure type="${d.severity}" message="${escapeXmlAttribute(message)}">${body}</failure>`
    : `      <system-out>${body}</system-out>`;
  return [open, inner, '    </testcase>'].join('\n');
}

function testsuite(file: FileResult, options: FormatOptions): string {
  const name = shown(relativePath(file.path, options.cwd));
  const attr = escapeXmlAttribute(name);
  const tests = Math.max(1, file.diagnostics.length);
  const failures = file.diagnostics.filter(isFailure).length;
  const cases =
    file.diagnostics.length === 0
      ? [`    <testcase classname="${attr}" name="no problems"/>`]
      : file.diagnostics.map((d) => testcase(d, name));
  return [
    `  <testsuite name="${attr}" tests="${tests}" failures="${failures}" errors="0">`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

/** Format a lint result as JUnit XML: one suite per file, one failing case per error or warning. */
export function formatJunit(result: LintResult, options: FormatOptions): string {
  const suites = result.files.map((f) => testsuite(f, options));
  const tests = result.files.reduce((n, f) => n + Math.max(1, f.diagnostics.length), 0);
  const failures = result.files.reduce((n, f) => n + f.diagnostics.filter(isFailure).length, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cdp-lint" tests="${tests}" failures="${failures}">`,
    ...suites,
    '</testsuites>',
  ].join('\n');
}
