/** Telling maps of author-chosen names (schema properties, headers, media types) from objects of settings. */
import { TYPES, type NodeType } from './node-types.js';
import type { VisitInfo } from './walk.js';

/** JSON Schema keywords whose value maps author-chosen names to subschemas. */
const SCHEMA_NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);

/** True when the visited object maps names the author chose to values, so its keys are not settings. */
export function isNameMap(info: VisitInfo): boolean {
  if (info.type !== 'Any') return false;
  if (SCHEMA_NAME_MAPS.has(info.key)) return true;
  const parent = info.parentType;
  if (!parent) return false;
  const propsOf = (t: NodeType) => TYPES[t].props;
  const lookup = (t: NodeType) => (Object.hasOwn(propsOf(t) ?? {}, info.key) ? propsOf(t)![info.key] : undefined);
  const child = lookup(parent) ?? (parent === 'OpenAPI' ? lookup('ConnectorRoot') : undefined);
  return typeof child === 'object' && 'mapOf' in child;
}
