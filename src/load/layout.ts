/** Which of the three connector layouts (dialect.md) a parsed file uses. */
import type { Layout } from '../types.js';
import { isObject } from '../model/json.js';

const STORAGE_TYPES = new Set(['amazon.s3', 'azure.blob', 'googlecloud', 'sftp']);
const CONNECTOR_ROOT_KEYS = ['preDefinedActions', 'preDefinedEvents', 'preDefinedEventListeners', 'pollingConfigs', 'enrichmentPoints', 'configSchema'];

/** Detect the layout of a parsed file's value. */
export function detectLayout(value: unknown): Layout {
  if (!isObject(value)) return 'unknown';
  const resources = value['resources'];
  if (isObject(resources)) {
    if ('openapi' in resources || 'swagger' in resources || 'paths' in resources) return 'hub';
    const t = resources['type'];
    if ('read' in resources || 'write' in resources || (typeof t === 'string' && STORAGE_TYPES.has(t)) || isStorageType(value['type'])) {
      return 'storage';
    }
    return 'hub';
  }
  if ('openapi' in value || 'swagger' in value) return 'openapi';
  if (isStorageType(value['type'])) return 'storage';
  if (CONNECTOR_ROOT_KEYS.some((k) => k in value)) return 'hub';
  return 'unknown';
}

function isStorageType(t: unknown): boolean {
  return typeof t === 'string' && t.toLowerCase() === 'cloudstorage';
}

/**
 * Whether a file found by walking a directory is worth linting: a connector, or text that
 * clearly tries to be one (so a broken connector is still reported, while package.json is skipped).
 */
export function looksLikeConnector(text: string, value: unknown, parsed: boolean): boolean {
  if (parsed) {
    const layout = detectLayout(value);
    if (layout === 'hub' || layout === 'storage') return true;
    if (layout === 'openapi') return /preDefined|x-cdp-/.test(text);
    return false;
  }
  return /preDefined(Actions|Events|EventListeners)|x-cdp-|"resources"\s*:|^resources\s*:/m.test(text);
}
