/**
 * OpenAPI 3.x, Paths Object: "Templated paths with the same hierarchy but different templated
 * names MUST NOT exist as they are identical." `/orders/{orderId}` and `/orders/{id}` are one path
 * written twice: a request matches both, and which operation serves it is undefined.
 */
import { defineRule } from './types.js';

/** No two path keys differ only in the names of their `{parameters}`. */
export const identicalPaths = defineRule({
  meta: {
    id: 'identical-paths',
    description: 'No two paths differ only in the names of their path parameters (`/orders/{orderId}` and `/orders/{id}`).',
    messages: {
      identical:
        'Path `{{path}}` is the same path as `{{first}}`: they differ only in the names of their parameters, so a request matches both and OpenAPI forbids it; merge the two into one path',
    },
  },
  create(context) {
    return {
      Paths(node, info) {
        const first = new Map<string, string>();
        for (const path of Object.keys(node)) {
          if (!path.startsWith('/') || !path.includes('{')) continue;
          const shape = templateShape(path);
          const seen = first.get(shape);
          if (seen === undefined) first.set(shape, path);
          else context.report({ messageId: 'identical', data: { path, first: seen }, ptr: info.ptr.child(path), target: 'key' });
        }
      },
    };
  },
});

/** The path with every `{name}` replaced by `{}`: two paths with the same shape are identical. */
export function templateShape(path: string): string {
  return path.replace(/\{[^{}]*\}/g, '{}');
}
