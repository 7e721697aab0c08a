/**
 * The explorer's one-call queries on a catalog seeded with the demo tenant's truth (12 apps, with
 * lineage stored the way a crawl stores it), checked against what the screens computed before.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog, type Catalog } from '../../../src-main/catalog';
import { connectionsUsedByScript } from '../../../src-renderer/screens/catalog/connections-used';
import { seedDemoCatalog } from '../../support/seed-demo-catalog';

let catalog: Catalog;
let withoutLineage: Catalog;

beforeAll(() => {
  catalog = openCatalog(seedDemoCatalog(mkdtempSync(join(tmpdir(), 'qme-explorer-')), { withLineage: true }).file, { readonly: true });
  withoutLineage = openCatalog(seedDemoCatalog(mkdtempSync(join(tmpdir(), 'qme-explorer-'))).file, { readonly: true });
});

afterAll(() => {
  catalog.close();
  withoutLineage.close();
});

const appNamed = (name: string) => {
  const app = catalog.apps().find((a) => a.name === name);
  if (!app) throw new Error(`no demo app ${name}`);
  return app;
};

describe('explorer queries on the seeded demo catalog', () => {
  it('unused fields of every app equal the fields where-used finds no use of, keys and system fields aside', () => {
    for (const app of catalog.apps()) {
      const model = catalog.dataModel(app.id);
      const keys = new Set(model.keyFields.map((f) => f.name));
      const checked = model.fields.filter((f) => !keys.has(f.name) && !f.isSystem && !f.name.startsWith('$'));
      const expected = checked.filter((f) => catalog.whereUsed(app.id, { kind: 'field', name: f.name }).length === 0).map((f) => f.name);
      expect(catalog.unusedFields(app.id), app.name).toEqual({ checkedCount: checked.length, unused: expected });
    }
    expect(catalog.unusedFields(appNamed('Sales Overview').id).unused).toEqual(['Quantity', 'Month']);
  });

  it('data connections of an app come from lineage: what its tables read and what they store', () => {
    const uses = (name: string) =>
      catalog.appDataConnections(appNamed(name).id).uses.map((u) => [u.label, u.connection?.name ?? null, u.access]);
    expect(uses('Sales Extract')).toEqual([
      ['Data Engineering:DataFiles', 'DataFiles', 'stores'],
      ['Data Engineering:Snowflake_PROD', 'Snowflake_PROD', 'reads'],
    ]);
    expect(uses('Sales Transform')).toEqual([['Data Engineering:DataFiles', 'DataFiles', 'reads-and-stores']]);
    expect(uses('Sales Overview')).toEqual([['Data Engineering:DataFiles', 'DataFiles', 'reads']]);
    const extract = catalog.appDataConnections(appNamed('Sales Extract').id);
    expect(extract.hasLineage).toBe(true);
    expect(extract.uses.every((u) => u.lines.length > 0)).toBe(true);
  });

  it('names the same connections the script fallback finds, for every demo app', () => {
    const connections = catalog.dataConnections();
    const spaces = catalog.spaces();
    for (const app of catalog.apps()) {
      const fromScript = connectionsUsedByScript(catalog.scriptOfApp(app.id).text ?? '', connections, spaces).map((u) => u.connection.id);
      const fromLineage = catalog.appDataConnections(app.id).uses.flatMap((u) => (u.connection ? [u.connection.id] : []));
      expect(new Set(fromLineage), app.name).toEqual(new Set(fromScript));
    }
  });

  it('says there is no lineage for snapshots written without it, so the screen falls back to the script', () => {
    const app = withoutLineage.apps()[0];
    expect(withoutLineage.appDataConnections(app?.id ?? '')).toEqual({ hasLineage: false, uses: [] });
  });

  it('search facets name owners instead of showing their user ids', () => {
    const owners = catalog.searchCatalog('revenue').facets.owner;
    expect(owners.length).toBeGreaterThan(0);
    const names = new Set(catalog.apps().flatMap((a) => (a.ownerName ? [a.ownerName] : [])));
    for (const owner of owners) expect(names.has(owner.label), owner.label).toBe(true);
    const filtered = catalog.searchCatalog('revenue', { ownerId: owners[0]?.value ?? '' });
    expect(filtered.hits.length).toBeGreaterThan(0);
  });

  it('lists the personal space with its app count after the shared spaces', () => {
    const spaces = catalog.spacesWithPersonal();
    const personalApps = catalog.appsInSpace(null).length;
    expect(personalApps).toBeGreaterThan(0);
    expect(spaces.at(-1)).toMatchObject({ id: 'personal', name: 'Personal', type: 'personal', appCount: personalApps });
    expect(spaces.slice(0, -1)).toEqual(catalog.spaces());
  });
});
