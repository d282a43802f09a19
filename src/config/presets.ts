/** Severities live here, never in rules (as in Redocly's recommended.ts). */
import type { Severity, SeverityOrOff } from '../types.js';

export type PresetName = 'recommended' | 'strict';
export const PRESET_NAMES: readonly PresetName[] = ['recommended', 'strict'];

/** recommended: every error is a real defect, warnings are likely defects. */
const recommended: Record<string, SeverityOrOff> = {
  'read-error': 'error',
  'syntax-error': 'error',
  'duplicate-key': 'error',
  'input-limit': 'error',
  encoding: 'warning',
  'connector-layout': 'error',
  'openapi-version': 'error',
  'oas-schema': 'error',
  'cdp-schema': 'error',
  'misspelled-key': 'error',
  'unknown-key': 'warning',
  'unresolved-ref': 'error',
  'remote-ref': 'info',
  'resource-path': 'error',
  'webhook-path': 'error',
  'enrichment-point': 'error',
  'records-locator': 'error',
  'path-params': 'error',
  'identical-paths': 'error',
  'paging-config': 'error',
  'rate-limit': 'warning',
  'records-locator-path': 'error',
  'metadata-fields': 'error',
  'enrichment-mapping': 'error',
  'operation-role-tag': 'warning',
  'dead-operation': 'warning',
  'duplicate-action': 'error',
  'duplicate-operation-id': 'error',
  'connector-type': 'error',
  'connector-type-case': 'warning',
  'connector-version': 'warning',
  'storage-resources': 'error',
  'operation-description': 'off',
  'operation-tags': 'off',
  'operation-operationId': 'off',
  'misplaced-setting': 'error',
  'unknown-extension': 'warning',
  'undefined-variable': 'error',
  'last-run-time-format': 'error',
  'config-values-key': 'error',
  'unused-config-property': 'info',
  'config-schema-valid': 'error',
  'config-schema-scopes': 'error',
  'config-schema-misspelling': 'warning',
  // The platform fails, or silently does the wrong thing: no credentials, braces in the URL, an
  // object of the wrong kind, two values for one parameter, no success body to read records from.
  'security-defined': 'error',
  'server-variables': 'error',
  'ref-target-type': 'error',
  'duplicate-parameter': 'error',
  'event-success-response': 'error',
  // Likely defects.
  'value-fits-schema': 'warning',
  'enum-values': 'warning',
  // Hygiene.
  'unused-component': 'info',
  suppression: 'warning',
};

/** strict: recommended plus authoring hygiene. */
const strict: Record<string, SeverityOrOff> = {
  ...recommended,
  'operation-description': 'warning',
  'operation-tags': 'warning',
  'operation-operationId': 'warning',
};

export const PRESETS: Record<PresetName, Record<string, SeverityOrOff>> = { recommended, strict };

/** The enabled rules of a preset, with user overrides applied. */
export function severitiesFor(preset: PresetName, overrides: Record<string, SeverityOrOff> = {}): Map<string, Severity> {
  const merged = { ...PRESETS[preset], ...overrides };
  const out = new Map<string, Severity>();
  for (const [id, s] of Object.entries(merged)) if (s !== 'off') out.set(id, s);
  return out;
}
