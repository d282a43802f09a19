/**
 * Path templates and path parameters agree: every `{name}` in a path is declared `in: path` (on the
 * operation or its Path Item, following $refs), and every declared path parameter is in the
 * template. `required: true` on path parameters is oas-schema's check, not repeated here.
 */
import { defineRule, type RuleContext } from './types.js';
import { isObject, own, type JsonObject } from '../model/json.js';
import { HTTP_METHODS } from '../model/node-types.js';
import type { Located } from '../model/connector.js';
import type { Ptr } from '../model/pointer.js';
import { codeList, listing, suggest } from '../util/text.js';

interface DeclaredParam {
  name: string;
  in: string;
  ptr: Ptr;
}

interface Declared {
  params: DeclaredParam[];
  /** Some entry could not be resolved: what it declares is unknown. */
  uncertain: boolean;
}

/** Path parameters match the `{name}`s of their path template. */
export const pathParams = defineRule({
  meta: {
    id: 'path-params',
    description: 'Every `{name}` in a path is declared as a path parameter, and every declared path parameter is in the path.',
    messages: {
      notInTemplate: 'Path parameter `{{name}}` of {{where}} is not in the path template `{{path}}`, so the platform has nowhere to put its value; {{fix}}',
      undeclaredAll:
        '`{{{name}}}` in path `{{path}}` is not declared as a path parameter by {{methods}}{{hint}}; add `{"name": "{{name}}", "in": "path", "required": true, "schema": {"type": "string"}}` to the path\'s or each operation\'s `parameters`',
      undeclared:
        '{{where}} does not declare the path parameter `{{name}}` that its path `{{path}}` uses{{hint}}; add `{"name": "{{name}}", "in": "path", "required": true, "schema": {"type": "string"}}` to its `parameters`',
    },
  },
  create(context) {
    return {
      end() {
        for (const [path, item] of context.connector.paths) if (path.startsWith('/')) checkPath(context, path, item);
      },
    };
  },
});

/** The `{name}`s of a path template, in order, without repeats. */
export function templateNames(path: string): string[] {
  const out: string[] = [];
  for (const m of path.matchAll(/\{([^{}]+)\}/g)) if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

function checkPath(context: RuleContext, path: string, item: Located): void {
  const names = templateNames(path);
  const shared = declared(context, own(item.value, 'parameters'), item.ptr.child('parameters'));
  const ops = HTTP_METHODS.filter((m) => isObject(own(item.value, m)));
  if (ops.length === 0) return;
  const reported = new Set<string>();
  for (const p of shared.params) {
    if (p.in !== 'path' || names.includes(p.name) || reported.has(p.name)) continue;
    reported.add(p.name);
    context.report({ messageId: 'notInTemplate', data: { name: p.name, where: 'the Path Item (shared by all its operations)', path, fix: fixFor(p.name, names) }, ptr: p.ptr });
  }
  const missing = new Map<string, { method: string; declared: DeclaredParam[] }[]>();
  for (const method of ops) {
    const op = own(item.value, method) as JsonObject;
    const opPtr = item.ptr.child(method);
    // An Operation written as a `$ref` (oas-schema's error) declares what its target declares: unknown here.
    if (own(op, '$ref') !== undefined) continue;
    const opParams = declared(context, own(op, 'parameters'), opPtr.child('parameters'));
    const where = `${method.toUpperCase()} ${path}`;
    for (const p of opParams.params) {
      if (p.in !== 'path' || names.includes(p.name)) continue;
      context.report({ messageId: 'notInTemplate', data: { name: p.name, where, path, fix: fixFor(p.name, names) }, ptr: p.ptr });
    }
    if (shared.uncertain || opParams.uncertain) continue;
    const all = [...shared.params, ...opParams.params];
    const explained = misnamed(all, names);
    for (const name of names) {
      if (explained.has(name) || all.some((p) => p.in === 'path' && p.name === name)) continue;
      const list = missing.get(name) ?? [];
      list.push({ method, declared: all });
      missing.set(name, list);
    }
  }
  for (const [name, list] of missing) reportMissing(context, { path, item, name, list, allOps: ops.length });
}

function reportMissing(
  context: RuleContext,
  m: { path: string; item: Located; name: string; list: { method: string; declared: DeclaredParam[] }[]; allOps: number },
): void {
  if (m.list.length === m.allOps && m.allOps > 1) {
    const hint = undeclaredHint(m.name, m.list[0]!.declared);
    const methods = `any of its operations (${listing(m.list.map((x) => x.method.toUpperCase()))})`;
    context.report({ messageId: 'undeclaredAll', data: { name: m.name, path: m.path, methods, hint }, ptr: m.item.ptr, target: 'key' });
    return;
  }
  for (const { method, declared: d } of m.list) {
    context.report({
      messageId: 'undeclared',
      data: { name: m.name, path: m.path, where: `${method.toUpperCase()} ${m.path}`, hint: undeclaredHint(m.name, d) },
      ptr: m.item.ptr.child(method),
      target: 'key',
    });
  }
}

function fixFor(name: string, names: string[]): string {
  const near = suggest(name, names);
  if (near !== undefined) return `did you mean \`${near}\`? Names must match the template exactly`;
  const has = names.length ? ` (the template has ${codeList(names.map((n) => `{${n}}`))})` : '';
  return `remove the parameter or add \`{${name}}\` to the path${has}`;
}

/** Template names that a declared, misspelt path parameter already accounts for (reported once, at the parameter). */
function misnamed(params: DeclaredParam[], names: string[]): Set<string> {
  const out = new Set<string>();
  for (const p of params) {
    if (p.in !== 'path' || names.includes(p.name)) continue;
    const near = suggest(p.name, names);
    if (near !== undefined) out.add(near);
  }
  return out;
}

function undeclaredHint(name: string, params: DeclaredParam[]): string {
  const sameName = params.find((p) => p.name === name);
  if (sameName) return `; \`${name}\` is declared \`in: ${sameName.in}\`, not \`in: path\``;
  const near = suggest(name, params.filter((p) => p.in === 'path').map((p) => p.name));
  return near === undefined ? '' : `; a path parameter \`${near}\` is declared: names must match the template exactly`;
}

function declared(context: RuleContext, list: unknown, listPtr: Ptr): Declared {
  const out: Declared = { params: [], uncertain: false };
  if (list === undefined) return out;
  if (!Array.isArray(list)) return { params: [], uncertain: true };
  list.forEach((entry, i) => {
    const r = context.connector.refs.deref(entry);
    if (!r.ok || !isObject(r.value)) {
      out.uncertain = true;
      return;
    }
    const name = own(r.value, 'name');
    const where = own(r.value, 'in');
    if (typeof name !== 'string' || typeof where !== 'string') {
      out.uncertain = true;
      return;
    }
    out.params.push({ name, in: where, ptr: listPtr.child(i) });
  });
  return out;
}
