/** Connector texts shared by the API and language-server tests, which must agree on what they find. */

/**
 * An OpenAPI-root connector with one error (resource-path: `/contacts/put`), one fixable error
 * (misspelled-key: `predefinedEvents`) and strict-only findings (operation-description, operation-tags).
 */
export const ACME_CONNECTOR = `{
  "openapi": "3.0.3",
  "info": { "title": "Acme", "version": "1.0.0" },
  "paths": {
    "/contacts": { "post": { "operationId": "createContact", "responses": { "200": { "description": "ok" } } } }
  },
  "predefinedEvents": [],
  "preDefinedActions": [
    { "name": "Create", "resourcePath": "/contacts/put" }
  ]
}
`;
