/**
 * The real connectors in ../shared/corpus/hub and the defects its README lists: each must be
 * reported at its pointer with at least its severity; hubspot and aws-s3 must have no error.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { lintPath } from '../helpers/lint.js';
import { CORPUS } from '../helpers/shared.js';

type Expected = { pointer: string; severity: 'error' | 'warn+' };

const paths = (prefix: string, suffixes: string[]) => suffixes.map((s) => prefix + s);
const e = (pointer: string): Expected => ({ pointer, severity: 'error' });
const w = (pointer: string): Expected => ({ pointer, severity: 'warn+' });

const facebookBody = '/resources/paths/~1{PIXEL_ID}~1events/post/requestBody/content/application~1json/schema/properties/data';
const wooSchemas = ['orderSchema', 'orderWebhookSchema'].flatMap((s) =>
  ['date_paid', 'date_paid_gmt', 'date_completed', 'date_completed_gmt', 'line_items/items/properties/parent_name'].map(
    (p) => `/resources/components/schemas/${s}/properties/${p}/type`,
  ),
);

const DEFECTS: Record<string, Expected[]> = {
  'google-bigquery.json': [
    e('/predefinedEvents'),
    e('/resources/paths/~1v2~1projects~1queries/get/parameters/0'),
    w('/resources/components/securitySchemes/keys'),
    // `oAuth2` is required, and defined nowhere (security-defined).
    e('/resources/security/0/oAuth2'),
  ],
  'campaign-monitor.json': ['~1import/post', '~1unsubscribe/post', '~1subscribers/get'].map((op) =>
    w(`/resources/paths/${op}/x-cdp-operation-settings/customSteps/0/vendor`),
  ),
  'intercom.json': [
    e('/resources/externalDocs'),
    ...paths('/resources/paths/', ['~1contacts/post', '~1contacts~1{id}/put', '~1contacts~1search/post', '~1contacts~1{userId}~1tags/get', '~1contacts~1{userId}~1segments/get']).map(
      (p) => e(`${p}/responses/200`),
    ),
    e('/resources/paths/~1contacts~1{userId}~1tags/get/parameters/0/type'),
    e('/resources/paths/~1contacts~1{userId}~1segments/get/parameters/0/type'),
  ],
  'woocommerce.json': [e('/resources/paths/CustomerUpserted'), e('/resources/paths/OrderUpserted'), ...wooSchemas.map(e)],
  'facebook-conversion-api.json': [
    e('/resources/paths/~1{PIXEL_ID}~1events/post'),
    e(`${facebookBody}/additionalItems`),
    e(`${facebookBody}/items/properties/contents/additionalItems`),
  ],
  // The README also names "the same key under the PUT request body schema": that body is a $ref to
  // updateMember, so the defect is written once and must be reported once, in the component.
  'mailchimp.json': [e('/resources/components/schemas/updateMember/properties/marketing_permissions/additionalItems')],
  'hubspot.json': [],
  'aws-s3.json': [],
};

describe('corpus: every listed defect, at its pointer, once', () => {
  it('covers every corpus file', () => {
    expect(readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort()).toEqual(Object.keys(DEFECTS).sort());
  });

  for (const [file, defects] of Object.entries(DEFECTS)) {
    describe(file, () => {
      const result = lintPath(join(CORPUS, file));
      for (const d of defects) {
        it(`reports ${d.pointer} (${d.severity})`, () => {
          const found = result.diagnostics.filter((x) => x.pointer === d.pointer);
          expect(found.length, `diagnostics at ${d.pointer}`).toBeGreaterThanOrEqual(1);
          const severities = found.map((x) => x.severity);
          if (d.severity === 'error') expect(severities).toContain('error');
          else expect(severities.some((s) => s === 'error' || s === 'warning')).toBe(true);
        });
      }
      it('reports each listed defect once per rule (no cascades)', () => {
        for (const d of defects) {
          const rules = result.diagnostics.filter((x) => x.pointer === d.pointer).map((x) => x.ruleId);
          expect(new Set(rules).size).toBe(rules.length);
        }
      });
      if (file === 'hubspot.json' || file === 'aws-s3.json') {
        it('has no error', () => {
          expect(result.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
        });
      }
    });
  }

  it('reports a problem inside a component once, not again at the $ref that reaches it (mailchimp PUT body)', () => {
    const r = lintPath(join(CORPUS, 'mailchimp.json'));
    const additional = r.diagnostics.filter((d) => d.pointer.endsWith('/additionalItems'));
    expect(additional.map((d) => [d.pointer, d.range.start.line, d.range.start.column])).toEqual([
      ['/resources/components/schemas/updateMember/properties/marketing_permissions/additionalItems', 616, 29],
    ]);
  });

  it('reports mailchimp\'s misspelt, never used `sendMessagesResponsee` schema as info (unused-component)', () => {
    const r = lintPath(join(CORPUS, 'mailchimp.json'));
    const found = r.diagnostics.filter((d) => d.pointer === '/resources/components/schemas/sendMessagesResponsee');
    expect(found.map((d) => [d.ruleId, d.severity])).toEqual([['unused-component', 'info']]);
  });

  it('gives the exact position and message of the misspelt root key', () => {
    const r = lintPath(join(CORPUS, 'google-bigquery.json'));
    const d = r.diagnostics.find((x) => x.pointer === '/predefinedEvents')!;
    expect(d).toMatchObject({
      ruleId: 'misspelled-key',
      severity: 'error',
      range: { start: { line: 153, column: 2 }, end: { line: 153, column: 20 } },
    });
    expect(d.message).toBe(
      '`predefinedEvents` is not a key the platform reads; did you mean `preDefinedEvents`? Keys are case-sensitive, so everything under `predefinedEvents` is ignored',
    );
  });

  it('collapses the additionalItems cascade (13 raw ajv errors in facebook) to one diagnostic per place', () => {
    const r = lintPath(join(CORPUS, 'facebook-conversion-api.json'));
    expect(r.diagnostics.filter((d) => d.ruleId === 'oas-schema').map((d) => [d.ruleId, d.pointer, d.range.start.line, d.range.start.column])).toEqual([
      ['oas-schema', '/resources/paths/~1{PIXEL_ID}~1events/post', 22, 17],
      ['oas-schema', `${facebookBody}/items/properties/contents/additionalItems`, 162, 12],
      ['oas-schema', `${facebookBody}/additionalItems`, 224, 9],
    ]);
  });
});
