// The OpenAPI 3.1 schema the build compiles (scripts/build.mjs): OAI's current one, as shipped by
// @seriousme/openapi-schema-validator (schemas/v3.1/schema.json), with the fixes below applied.
//
// swagger-parser ships OAI's 2021-04-15 3.1 schema, which OAI has since corrected: it rejects a
// Path Item `$ref`, a Server Variable `description`, a Link `server` and a License with only
// `name` (and lets `identifier` and `url` stand together), and accepts a Link `body`. The current
// schema has all of these right. One defect is still there and is fixed here, by name.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** OAI's current OpenAPI 3.1 schema (a fresh copy), with the fixes of FIXES applied. */
export function oas31Schema() {
  const schema = structuredClone(require('@seriousme/openapi-schema-validator/schemas/v3.1/schema.json'));
  for (const fix of FIXES) fix.apply(schema);
  return schema;
}

/** Each fix: what it corrects and where the OpenAPI specification says so. */
export const FIXES = [
  {
    name: 'callback-extensions',
    // OpenAPI 3.1.0, Callback Object: "This object MAY be extended with Specification Extensions",
    // whose values may be of any type. The schema validates every key of a Callback, `x-` keys
    // included, as a Path Item, so `x-internal: true` is rejected ("must be object").
    apply(schema) {
      const callbacks = schema.$defs.callbacks;
      if (!callbacks || callbacks.additionalProperties === undefined) throw new Error('oas31-fixes: $defs.callbacks changed shape; review the callback-extensions fix');
      callbacks.patternProperties = { ...callbacks.patternProperties, '^x-': true };
    },
  },
];
