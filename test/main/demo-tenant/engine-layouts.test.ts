import { describe, expect, it } from 'vitest';
import { OBJECT_QDATA } from '../../../src-main/crawl/app-walker';
import { defaultDemoSeed, generateTenant } from '../../../src-main/demo-tenant';
import { appContent } from '../../../src-main/demo-tenant/app-content';
import { fieldRecords, keyFields } from '../../../src-main/demo-tenant/data-model';
import { layoutOf, resolveQData, type LayoutContext } from '../../../src-main/demo-tenant/engine-layouts';
import { resolvePointer } from '../../../src-main/demo-tenant/json-pointer';

describe('demo tenant layouts', () => {
  const model = generateTenant({ seed: defaultDemoSeed, apps: 6 });

  it('resolves qData pointers to exactly what the whole layout holds, while computing only the entry asked for', () => {
    let compared = 0;
    for (const app of model.apps) {
      const content = appContent(model, app);
      const ctx: LayoutContext = { content, lookup: (id) => content.objects.get(id), allObjects: () => content.objects.values() };
      for (const object of content.objects.values()) {
        const full = layoutOf(object, ctx);
        const resolved = resolveQData(OBJECT_QDATA, object, ctx);
        for (const [name, pointer] of Object.entries(OBJECT_QDATA)) {
          const expected = resolvePointer(object.properties, pointer) ?? resolvePointer(full, pointer);
          expect(resolved[name], `${object.id} ${pointer}`).toEqual(expected);
          if (expected !== undefined) compared++;
        }
      }
    }
    // The pointers must have reached real layout entries (child lists, hypercubes), not only properties.
    expect(compared).toBeGreaterThan(500);
  });

  it('a partial layout holds the entry asked for and leaves the costly ones out', () => {
    const app = model.apps.find((a) => [...appContent(model, a).objects.values()].some((o) => 'qHyperCubeDef' in o.properties));
    const content = appContent(model, app ?? (model.apps[0] as (typeof model.apps)[number]));
    const ctx: LayoutContext = { content, lookup: (id) => content.objects.get(id), allObjects: () => content.objects.values() };
    const chart = [...content.objects.values()].find((o) => 'qHyperCubeDef' in o.properties);
    expect(chart).toBeDefined();
    const full = layoutOf(chart as NonNullable<typeof chart>, ctx);
    const onlyCube = layoutOf(chart as NonNullable<typeof chart>, ctx, 'qHyperCube');
    expect(onlyCube['qHyperCube']).toEqual(full['qHyperCube']);
    const onlyTitle = layoutOf(chart as NonNullable<typeof chart>, ctx, 'title');
    expect(onlyTitle['qHyperCube']).toBeUndefined();
    expect(onlyTitle['title']).toEqual(full['title']);
  });

  it('derives key fields and field records once per data model', () => {
    const content = appContent(model, model.apps[0] as (typeof model.apps)[number]);
    expect(fieldRecords(content.dataModel)).toBe(fieldRecords(content.dataModel));
    expect(keyFields(content.dataModel)).toBe(keyFields(content.dataModel));
  });
});
