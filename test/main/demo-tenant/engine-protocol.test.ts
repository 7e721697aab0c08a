import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { appContent, startDemoTenant, type DemoTenant } from '../../../src-main/demo-tenant';
import { engineSession, type Qix } from './engine-client';

const sheetListDef = {
  qInfo: { qId: 'SheetList', qType: 'SheetList' },
  qAppObjectListDef: {
    qType: 'sheet',
    qData: {
      title: '/qMetaDef/title',
      description: '/qMetaDef/description',
      cells: '/cells',
      rank: '/rank',
      columns: '/columns',
      rows: '/rows',
    },
  },
};

let tenant: DemoTenant;
beforeAll(async () => {
  tenant = await startDemoTenant({ seed: 11 });
});
afterAll(async () => {
  await tenant.close();
});

async function withApp<T>(appId: string, body: (app: Qix, global: Qix) => Promise<T>, delta = true): Promise<T> {
  const session = engineSession(tenant, appId, { delta });
  try {
    const global: Qix = await session.open();
    const app: Qix = await global.openDoc(appId, '', '', '', false);
    return await body(app, global);
  } finally {
    await session.close();
  }
}

describe('QIX engine over the real enigma.js client', () => {
  it('pushes OnConnected before anything else', async () => {
    const appId = tenant.model.apps[0]!.record.id;
    const session = engineSession(tenant, appId);
    const seen = new Promise((resolve) => session.on('notification:OnConnected', resolve));
    await session.open();
    await expect(seen).resolves.toEqual({ qSessionState: 'SESSION_CREATED' });
    await session.close();
  });

  it('walks every app and every method, and the answers equal the generator truth', async () => {
    for (const demoApp of tenant.model.apps) {
      const truth = appContent(tenant.model, demoApp).truth;
      await withApp(demoApp.record.id, async (app, global) => {
        const active: Qix = await global.getActiveDoc();
        expect(active.id).toBe(demoApp.record.id);
        expect((await app.getAppLayout()).qTitle).toBe(demoApp.record.name);
        expect((await app.getAppProperties()).qTitle).toBe(demoApp.record.name);
        expect(await app.getScript()).toBe(truth.script);
        const lineage = await app.getLineage();
        expect(
          lineage.map((l: { qDiscriminator: string; qStatement?: string }) => ({
            discriminator: l.qDiscriminator,
            statement: l.qStatement ?? '',
          })),
        ).toEqual(truth.engineLineage);
        const { qtr, qk } = await app.getTablesAndKeys({ qcx: 1000, qcy: 1000 }, { qcx: 0, qcy: 0 }, 30, false, false);
        expect(qtr.map((t: { qName: string; qNoOfRows: number }) => ({ name: t.qName, rows: t.qNoOfRows }))).toEqual(
          truth.tables.map((t) => ({ name: t.name, rows: t.rowCount })),
        );
        expect(qk.map((k: { qKeyFields: string[] }) => k.qKeyFields[0]).sort()).toEqual(
          truth.fields
            .filter((f) => f.isKey)
            .map((f) => f.name)
            .sort(),
        );
        const firstField = truth.fields[0]!;
        const description = await app.getFieldDescription(firstField.name);
        expect(description.qSrcTables).toEqual(firstField.tables);

        const sheetList: Qix = await app.createSessionObject(sheetListDef);
        const sheetLayout = await sheetList.getLayout();
        const items = sheetLayout.qAppObjectList.qItems;
        expect(items.map((i: { qInfo: { qId: string } }) => i.qInfo.qId)).toEqual(truth.sheets.map((s) => s.id));
        expect(items.map((i: { qData: { title: string } }) => i.qData.title)).toEqual(truth.sheets.map((s) => s.title));
        const topLevel = truth.objects.filter((o) => o.parentId === null);
        const cells = items.flatMap((i: { qData: { cells: { name: string; col: number }[] } }) =>
          i.qData.cells.map((c) => ({ name: c.name, col: c.col })),
        );
        expect(cells).toEqual(topLevel.map((o) => ({ name: o.id, col: o.position?.col })));
        expect(await app.destroySessionObject('SheetList')).toBe(true);

        for (const sheetTruth of truth.sheets) {
          const sheet: Qix = await app.getObject(sheetTruth.id);
          const tree = await sheet.getFullPropertyTree();
          expect(tree.qProperty.qMetaDef.title).toBe(sheetTruth.title);
          const childInfos = await sheet.getChildInfos();
          for (const info of childInfos) {
            const child: Qix = await sheet.getChild(info.qId);
            const record = truth.objects.find((o) => o.id === info.qId)!;
            const props = await child.getEffectiveProperties();
            expect(props.visualization).toBe(record.type);
            if (props.qHyperCubeDef) {
              const dims = props.qHyperCubeDef.qDimensions.map((d: { qLibraryId: string; qDef: { qFieldDefs: string[] } }) => ({
                libraryId: d.qLibraryId || null,
                fieldDefs: d.qDef.qFieldDefs,
              }));
              expect(dims).toEqual(record.dimensions.map((d) => ({ libraryId: d.libraryId, fieldDefs: d.fieldDefs })));
              const measures = props.qHyperCubeDef.qMeasures.map((m: { qLibraryId: string; qDef: { qDef: string } }) => ({
                libraryId: m.qLibraryId || null,
                expression: m.qDef.qDef,
              }));
              expect(measures).toEqual(record.measures.map((m) => ({ libraryId: m.libraryId, expression: m.expression })));
            }
            const own = await child.getProperties();
            expect(own.qExtendsId || null).toBe(record.masterVisualizationId);
            await child.getLayout();
          }
        }

        const measureList: Qix = await app.createSessionObject({
          qInfo: { qType: 'MeasureList' },
          qMeasureListDef: { qType: 'measure', qData: { title: '/qMetaDef/title', tags: '/qMetaDef/tags' } },
        });
        const measureItems = (await measureList.getLayout()).qMeasureList.qItems;
        expect(measureItems.map((i: { qInfo: { qId: string } }) => i.qInfo.qId)).toEqual(truth.masterMeasures.map((m) => m.id));
        for (const m of truth.masterMeasures) {
          const measure: Qix = await app.getMeasure(m.id);
          expect((await measure.getProperties()).qMeasure.qDef).toBe(m.expression);
          expect((await measure.getLayout()).qMeta.title).toBe(m.title);
        }
        const dimensionList: Qix = await app.createSessionObject({
          qInfo: { qType: 'DimensionList' },
          qDimensionListDef: { qType: 'dimension', qData: { title: '/qMetaDef/title', grouping: '/qDim/qGrouping', info: '/qDimInfos' } },
        });
        const dimItems = (await dimensionList.getLayout()).qDimensionList.qItems;
        expect(dimItems.map((i: { qData: { grouping: string } }) => i.qData.grouping)).toEqual(
          truth.masterDimensions.map((d) => d.grouping),
        );
        for (const d of truth.masterDimensions) {
          const dimension: Qix = await app.getDimension(d.id);
          expect((await dimension.getProperties()).qDim.qFieldDefs).toEqual(d.fieldDefs);
          expect((await dimension.getLayout()).qDimInfos).toHaveLength(d.fieldDefs.length);
        }
        const masterList: Qix = await app.createSessionObject({
          qInfo: { qType: 'MasterObjectList' },
          qAppObjectListDef: {
            qType: 'masterobject',
            qData: { name: '/qMetaDef/title', visualization: '/visualization', hyperCube: '/qHyperCubeDef' },
          },
        });
        const masterItems = (await masterList.getLayout()).qAppObjectList.qItems;
        expect(masterItems.map((i: { qData: { name: string } }) => i.qData.name)).toEqual(truth.masterVisualizations.map((m) => m.title));
        for (const item of masterItems) expect(item.qData.hyperCube.qDimensions.length).toBeGreaterThan(0);

        const variableList: Qix = await app.createSessionObject({
          qInfo: { qType: 'VariableList' },
          qVariableListDef: { qType: 'variable', qShowReserved: true, qShowConfig: true, qData: { tags: '/tags' } },
        });
        const variables = (await variableList.getLayout()).qVariableList.qItems;
        expect(variables.map((v: { qName: string }) => v.qName)).toEqual(truth.variables.map((v) => v.name));
        for (const v of truth.variables.slice(-2)) {
          const variable: Qix = await app.getVariableById(v.id);
          expect((await variable.getProperties()).qDefinition).toBe(v.definition);
          await variable.getLayout();
        }
        const bookmarkList: Qix = await app.createSessionObject({
          qInfo: { qType: 'BookmarkList' },
          qBookmarkListDef: {
            qType: 'bookmark',
            qData: { title: '/qMetaDef/title', sheetId: '/sheetId', selectionFields: '/selectionFields' },
          },
        });
        const bookmarks = (await bookmarkList.getLayout()).qBookmarkList.qItems;
        expect(bookmarks.map((b: { qData: { sheetId: string } }) => b.qData.sheetId)).toEqual(truth.bookmarks.map((b) => b.sheetId));
        for (const b of truth.bookmarks) {
          const bookmark: Qix = await app.getBookmark(b.id);
          expect((await bookmark.getLayout()).qMeta.title).toBe(b.title);
          await bookmark.getProperties();
        }
        const fieldList: Qix = await app.createSessionObject({
          qInfo: { qType: 'FieldList' },
          qFieldListDef: { qShowSystem: false, qShowHidden: false, qShowSrcTables: true, qShowSemantic: true, qShowDerivedFields: true },
        });
        const fieldItems = (await fieldList.getLayout()).qFieldList.qItems;
        expect(fieldItems.map((f: { qName: string; qSrcTables: string[] }) => [f.qName, f.qSrcTables])).toEqual(
          truth.fields.map((f) => [f.name, f.tables]),
        );

        const objects = await app.getObjects({
          qTypes: ['sheet', 'masterobject'],
          qIncludeSessionObjects: false,
          qData: { title: '/qMetaDef/title' },
        });
        expect(objects).toHaveLength(truth.sheets.length + truth.masterVisualizations.length);
        const infos = await app.getAllInfos();
        expect(infos.filter((i: { qType: string }) => i.qType === 'sheet')).toHaveLength(truth.sheets.length);
      });
    }
  });

  it('unknown object ids resolve to OBJECT_NOT_FOUND, unknown apps to 1003, a second OpenDoc to 1002', async () => {
    const appId = tenant.model.apps[2]!.record.id;
    await withApp(appId, async (app, global) => {
      await expect(app.getObject('nope')).rejects.toMatchObject({ code: -2 });
      await expect(app.getMeasure('nope')).rejects.toMatchObject({ code: -2 });
      await expect(global.openDoc(appId)).rejects.toMatchObject({ code: 1002, message: 'App already open' });
    });
    const session = engineSession(tenant, 'no-such-app');
    const global: Qix = await session.open();
    await expect(global.openDoc('no-such-app')).rejects.toMatchObject({ code: 1003, message: 'App not found', parameter: 'no-such-app' });
    await session.close();
  });

  it('answers plain replies when delta is off, with the same values', async () => {
    const demoApp = tenant.model.apps[3]!;
    const withDelta = await withApp(demoApp.record.id, async (app) => [await app.getTablesAndKeys(), await app.getScript()]);
    const plain = await withApp(demoApp.record.id, async (app) => [await app.getTablesAndKeys(), await app.getScript()], false);
    expect(plain).toEqual(withDelta);
  });

  it('replies to raw JSON-RPC: named params, -32601, invalid handle, close on DestroySessionObject', async () => {
    const appId = tenant.model.apps[0]!.record.id;
    const ws = new WebSocket(`${tenant.url.replace('http', 'ws')}/app/${appId}`, { headers: { Authorization: `Bearer ${tenant.apiKey}` } });
    const messages: Record<string, unknown>[] = [];
    const waitFor = (id: number): Promise<Record<string, unknown>> =>
      new Promise((resolve) => {
        const check = (): void => {
          const found = messages.find((m) => m.id === id);
          if (found) resolve(found);
          else setTimeout(check, 5);
        };
        check();
      });
    ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as Record<string, unknown>));
    await new Promise((resolve) => ws.on('open', resolve));
    const call = (id: number, handle: number, method: string, params: unknown): Promise<Record<string, unknown>> => {
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, handle, method, params }));
      return waitFor(id);
    };
    expect((await call(1, -1, 'OpenDoc', { qDocName: appId, qNoData: true })).result).toEqual({
      qReturn: { qType: 'Doc', qHandle: 1, qGenericId: appId },
    });
    expect((await call(2, 1, 'NoSuchMethod', [])).error).toMatchObject({ code: -32601 });
    expect((await call(3, 99, 'GetLayout', [])).error).toMatchObject({ code: -32602 });
    const created = (await call(4, 1, 'CreateSessionObject', {
      qProp: { qInfo: { qId: 'L1', qType: 'SheetList' }, qAppObjectListDef: { qType: 'sheet' } },
    })) as {
      result: { qReturn: { qHandle: number } };
    };
    const destroyed = await call(5, 1, 'DestroySessionObject', ['L1']);
    expect(destroyed).toMatchObject({ result: { qSuccess: true }, close: [created.result.qReturn.qHandle] });
    expect((await call(6, 1, 'GetAppLayout', [])).result).toMatchObject({ qLayout: { qIsOpenedWithoutData: true } });
    expect(messages[0]).toMatchObject({ method: 'OnConnected' });
    ws.close();
  });
});
