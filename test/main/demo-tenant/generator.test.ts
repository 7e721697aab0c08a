import { describe, expect, it } from 'vitest';
import { appContent, generateTenant } from '../../../src-main/demo-tenant';

describe('demo tenant generator', () => {
  it('tells the default story: 4 spaces, 12 apps, extract → transform → dashboards', () => {
    const model = generateTenant({ seed: 1 });
    expect(model.spaces.map((s) => s.record.name).sort()).toEqual(['Data Engineering', 'Finance', 'HR', 'Sales']);
    expect(model.apps).toHaveLength(12);
    expect(model.apps.map((a) => a.record.name)).toContain('Sales Overview');
    expect(model.apps.some((a) => a.record.spaceId === null)).toBe(true);
    const extract = model.apps.find((a) => a.role === 'extract');
    const script = appContent(model, extract!).truth.script ?? '';
    expect(script).toContain("LIB CONNECT TO 'Data Engineering:Snowflake_PROD'");
    const transform =
      appContent(
        model,
        model.apps.find((a) => a.role === 'transform')!,
      ).truth.script ?? '';
    for (const feature of [
      '///$tab',
      'MAPPING LOAD',
      'ApplyMap(',
      'LEFT JOIN',
      'RESIDENT',
      '$(Include=',
      'CROSSTABLE',
      '$(vRawPath)',
      '//',
    ])
      expect(transform).toContain(feature);
    expect(model.collections).toHaveLength(2);
    expect(model.automations.map((a) => a.record.runMode).sort()).toEqual(['manual', 'scheduled', 'webhook']);
  });

  it('same seed gives a deep-equal tenant, a different seed a different one', () => {
    const a = generateTenant({ seed: 7 });
    const b = generateTenant({ seed: 7 });
    expect(b).toEqual(a);
    expect(a.apps.map((x) => appContent(a, x).truth)).toEqual(b.apps.map((x) => appContent(b, x).truth));
    const c = generateTenant({ seed: 8 });
    expect(c.apps.map((x) => x.record.id)).not.toEqual(a.apps.map((x) => x.record.id));
  });

  it('charts reference only fields of the data model and master items of the app', () => {
    const model = generateTenant({ seed: 3 });
    for (const app of model.apps) {
      const c = appContent(model, app).truth;
      const fields = new Set(c.fields.map((f) => f.name));
      const masters = new Set([...c.masterMeasures, ...c.masterDimensions].map((m) => m.id));
      for (const o of c.objects) {
        for (const d of o.dimensions) {
          if (d.libraryId) expect(masters).toContain(d.libraryId);
          for (const f of d.fieldDefs) expect(fields).toContain(f);
        }
        for (const m of o.measures) {
          if (m.libraryId) expect(masters).toContain(m.libraryId);
          for (const ref of m.expression.matchAll(/\[([^\]]+)\]/g)) expect(fields).toContain(ref[1]);
        }
      }
      for (const d of c.masterDimensions) for (const f of d.fieldDefs) expect(fields).toContain(f);
    }
  });

  it('dashboards carry every chart type, a linked master visualization and nested objects', () => {
    const model = generateTenant({ seed: 1 });
    const c = appContent(
      model,
      model.apps.find((a) => a.role === 'dashboard')!,
    ).truth;
    const types = new Set(c.objects.map((o) => o.type));
    for (const t of ['barchart', 'linechart', 'kpi', 'table', 'pivot-table', 'combochart', 'filterpane', 'listbox', 'container'])
      expect(types).toContain(t);
    expect(c.objects.filter((o) => o.masterVisualizationId !== null)).toHaveLength(1);
    expect(c.objects.some((o) => o.parentId !== null && o.type === 'listbox')).toBe(true);
  });

  it('generates 1,000 apps cheaply and scales sheets and charts on demand', () => {
    const model = generateTenant({ seed: 2, apps: 1000, sheetsPerApp: 10, chartsPerSheet: 8 });
    expect(model.apps).toHaveLength(1000);
    const content = appContent(model, model.apps[999]!).truth;
    expect(content.sheets).toHaveLength(10);
    expect(content.objects.filter((o) => o.parentId === null && o.position !== null)).toHaveLength(80);
    // Cheap because app content is built on demand: the whole 1,000-app model weighs less than
    // the content of 100 apps. (How fast it generates is for npm run bench.)
    expect(JSON.stringify(model).length).toBeLessThan(100 * JSON.stringify(content).length);
  });
});
