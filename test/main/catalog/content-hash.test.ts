/** The content hash must not change when its serialiser gets faster: stored versions keep matching. */
import { describe, expect, it } from 'vitest';
import { appContentHash, canonicalJson } from '../../../src-main/catalog/content-hash';
import { appContent, generateTenant } from '../../../src-main/demo-tenant';
import * as sample from './fixtures/sample-tenant';

/** The original implementation: JSON.stringify with a key-sorting replacer. */
function replacerCanonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

describe('content hash', () => {
  it('serialises exactly as the key-sorting JSON.stringify replacer did', () => {
    const awkward = {
      z: 1,
      a: [undefined, () => 1, NaN, -0, Infinity, 1e21, 'é"\\\n\u2028', null, { b: undefined, a: true }],
      10: 'ten',
      9: 'nine',
      '01': 'not an index',
      date: new Date('2025-01-01T00:00:00Z'),
      nested: { y: [[], {}], x: false },
      skipped: undefined,
    };
    expect(canonicalJson(awkward)).toBe(replacerCanonicalJson(awkward));
    const model = generateTenant({ seed: 7, apps: 8 });
    for (const app of model.apps) {
      const value = { layout: 1, app: app.record, content: appContent(model, app).truth };
      expect(canonicalJson(value)).toBe(replacerCanonicalJson(value));
    }
  });

  it('ignores property order and is stable', () => {
    const a = sample.app('app-a');
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    expect(appContentHash(reordered, sample.content())).toBe(appContentHash(a, sample.content()));
    expect(appContentHash(a, sample.content())).toMatch(/^[0-9a-f]{64}$/);
  });
});
