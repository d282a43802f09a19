/** Which node type sits at a pointer, by following the type table from a typed root. */
import { TYPES, type NodeType } from './node-types.js';
import { childType } from './walk.js';

/** The node type at `segments` below a node of type `rootType` ('Any' where the table says nothing). */
export function typeAt(rootType: NodeType, segments: string[]): NodeType {
  let type: NodeType = rootType;
  let pending: NodeType | null = null;
  for (const seg of segments) {
    if (pending) {
      type = pending;
      pending = null;
      continue;
    }
    const child = childType(TYPES[type], type, seg);
    if (typeof child === 'string') type = child;
    else {
      pending = 'mapOf' in child ? child.mapOf : child.listOf;
      type = 'Any';
    }
  }
  return pending ? 'Any' : type;
}
