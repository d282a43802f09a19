// The fields each OpenAPI object may have, read from the same JSON Schemas the oas-schema rule's
// validators are compiled from (scripts/build.mjs), so that a "did you mean" can never suggest a
// key the validator rejects, nor miss one it accepts.

/** Where each object type of src/model/node-types.ts is defined: [OpenAPI 3.0 definition, OpenAPI 3.1 $def]; '' is the document's root. */
const DEFINITIONS = {
  OpenAPI: ['', ''],
  Info: ['Info', 'info'],
  Server: ['Server', 'server'],
  ServerVariable: ['ServerVariable', 'server-variable'],
  Components: ['Components', 'components'],
  Schema: ['Schema', undefined], // OAI's 3.1 schema does not check Schema Objects (`$defs.schema` is `{type: [object, boolean]}`)
  Discriminator: ['Discriminator', undefined],
  Xml: ['XML', undefined],
  Response: ['Response', 'response'],
  MediaType: ['MediaType', 'media-type'],
  Example: ['Example', 'example'],
  Header: ['Header', 'header'],
  PathItem: ['PathItem', 'path-item'],
  Operation: ['Operation', 'operation'],
  Tag: ['Tag', 'tag'],
  ExternalDocs: ['ExternalDocumentation', 'external-documentation'],
  Parameter: ['Parameter', 'parameter'],
  RequestBody: ['RequestBody', 'request-body'],
  SecurityScheme: ['SecurityScheme', 'security-scheme'],
  OAuthFlows: ['OAuthFlows', 'oauth-flows'],
  // One NodeType for the four flows: their fields together (a `tokenUrl` is a near miss in any of them).
  OAuthFlow: [
    ['ImplicitOAuthFlow', 'PasswordOAuthFlow', 'ClientCredentialsFlow', 'AuthorizationCodeOAuthFlow'],
    ['oauth-flows/$defs/implicit', 'oauth-flows/$defs/password', 'oauth-flows/$defs/client-credentials', 'oauth-flows/$defs/authorization-code'],
  ],
  Link: ['Link', 'link'],
  Encoding: ['Encoding', 'encoding'],
};

/** Keywords whose subschemas describe the same object (a branch, a conditional part, a reference), so their `properties` are its fields. */
const SAME_OBJECT = ['allOf', 'oneOf', 'anyOf', 'then', 'else'];

/** The subschema at a local reference (`#/definitions/Info`, `#/$defs/oauth-flows/$defs/implicit`). */
function resolve(root, ref) {
  if (!ref.startsWith('#/')) throw new Error(`oas-fields: a non-local $ref ${ref}`);
  let at = root;
  for (const seg of ref.slice(2).split('/')) {
    at = at?.[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (at === undefined) throw new Error(`oas-fields: $ref ${ref} does not resolve`);
  }
  return at;
}

/** The `properties` names of `schema` and of every subschema that describes the same object, in schema order. */
function fieldsOf(root, schema, out = new Set(), seen = new Set()) {
  if (schema === null || typeof schema !== 'object' || seen.has(schema)) return out;
  seen.add(schema);
  for (const k of Object.keys(schema.properties ?? {})) out.add(k);
  // A pattern that lists its names (3.0's Path Item: `^(get|put|post|...)$`) names fields too.
  for (const p of Object.keys(schema.patternProperties ?? {})) {
    const names = /^\^\(([A-Za-z|]+)\)\$$/.exec(p);
    if (names) for (const k of names[1].split('|')) out.add(k);
  }
  if (typeof schema.$ref === 'string') fieldsOf(root, resolve(root, schema.$ref), out, seen);
  for (const kw of SAME_OBJECT) {
    const sub = schema[kw];
    for (const s of Array.isArray(sub) ? sub : sub ? [sub] : []) fieldsOf(root, s, out, seen);
  }
  for (const s of Object.values(schema.dependentSchemas ?? {})) fieldsOf(root, s, out, seen);
  return out;
}

/**
 * `{ '3.0': { Operation: ['tags', 'summary', ...], ... }, '3.1': {...} }`: the fields of each
 * OpenAPI object type, by version. Throws when a named definition is gone (the schema changed).
 */
export function oasFields(oas30, oas31) {
  const out = { '3.0': {}, '3.1': {} };
  for (const [type, [def30, def31]] of Object.entries(DEFINITIONS)) {
    for (const [version, schema, container, defs] of [['3.0', oas30, 'definitions', def30], ['3.1', oas31, '$defs', def31]]) {
      if (defs === undefined) continue;
      const fields = new Set();
      for (const def of Array.isArray(defs) ? defs : [defs]) {
        const at = def === '' ? schema : resolve(schema, `#/${container}/${def}`);
        fieldsOf(schema, at, fields);
      }
      if (fields.size === 0) throw new Error(`oas-fields: OpenAPI ${version}'s definition ${JSON.stringify(defs)} has no fields (the schema changed?)`);
      out[version][type] = [...fields];
    }
  }
  return out;
}
