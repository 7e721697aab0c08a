/**
 * Sheets, charts, master items, variables and bookmarks of one demo app, stored in Qlik's own
 * property shapes (protocol doc §1.7: sheet cells, qHyperCubeDef with qLibraryId/qDef, qMeasure,
 * qDim…) next to the crawl records they should crawl into. Charts only reference fields that
 * exist in the app's data model and master items that exist in the app.
 */
import type {
  BookmarkRecord,
  CellPosition,
  MasterDimensionRecord,
  MasterMeasureRecord,
  MasterVisualizationRecord,
  ObjectDimension,
  ObjectMeasure,
  SheetRecord,
  VariableRecord,
  VisualObjectRecord,
} from '../crawl/records';
import { ownerField, totalField, type ScriptVariable } from './app-script';
import type { DomainSpec } from './domains';
import type { Random } from './prng';
import type { AppRole, JsonObject, JsonValue, StoredObject } from './tenant-model';

export interface AppObjectsInput {
  readonly role: AppRole;
  readonly domain: DomainSpec;
  readonly variant: number;
  readonly revision: number;
  readonly sheetCount: number;
  readonly chartsPerSheet: number;
  readonly ownerId: string;
  readonly ownerSubject: string;
  readonly published: boolean;
  readonly approved: boolean;
  readonly publishTime: string | null;
  readonly createdDate: string;
  readonly modifiedDate: string;
  readonly scriptVariables: readonly ScriptVariable[];
}

export interface AppObjects {
  readonly objects: Map<string, StoredObject>;
  readonly sheets: SheetRecord[];
  readonly visualObjects: VisualObjectRecord[];
  readonly masterMeasures: MasterMeasureRecord[];
  readonly masterDimensions: MasterDimensionRecord[];
  readonly masterVisualizations: MasterVisualizationRecord[];
  readonly variables: VariableRecord[];
  readonly bookmarks: BookmarkRecord[];
}

/** A dimension or measure a chart can use: a master item (libraryId) or an inline definition. */
interface DimensionChoice {
  readonly libraryId: string | null;
  readonly field: string;
  readonly label: string;
}
interface MeasureChoice {
  readonly libraryId: string | null;
  readonly expression: string;
  readonly label: string;
}

const chartCycle = ['kpi', 'barchart', 'linechart', 'combochart', 'table', 'pivot-table', 'filterpane', 'container'] as const;
type ChartType = (typeof chartCycle)[number];

const sortCriterias: JsonValue = [{ qSortByAscii: 1, qSortByNumeric: 1, qSortByLoadOrder: 1 }];
const objectPrivileges: JsonValue = ['read', 'update', 'delete', 'exportdata'];

export function buildAppObjects(input: AppObjectsInput, rnd: Random): AppObjects {
  return new AppObjectsBuilder(input, rnd).build();
}

class AppObjectsBuilder {
  private readonly objects = new Map<string, StoredObject>();
  private readonly out: AppObjects;
  private readonly dimensionPool: DimensionChoice[] = [];
  private readonly measurePool: MeasureChoice[] = [];
  private masterVisualization: { id: string; record: MasterVisualizationRecord; properties: JsonObject } | null = null;

  constructor(
    private readonly input: AppObjectsInput,
    private readonly rnd: Random,
  ) {
    this.out = {
      objects: this.objects,
      sheets: [],
      visualObjects: [],
      masterMeasures: [],
      masterDimensions: [],
      masterVisualizations: [],
      variables: [],
      bookmarks: [],
    };
  }

  build(): AppObjects {
    this.addInternalObjects();
    if (this.input.role === 'dashboard') this.addMasterItems();
    this.fillPools();
    const sheetIds: string[] = [];
    for (let s = 0; s < this.input.sheetCount; s++) sheetIds.push(this.addSheet(s));
    this.addVariables();
    if (this.input.role === 'dashboard') this.addBookmarks(sheetIds);
    return this.out;
  }

  private meta(id: string, objectType: string, extra: JsonObject = {}): JsonObject {
    const i = this.input;
    return {
      _resourcetype: 'app.object',
      _objecttype: objectType,
      id,
      approved: i.approved,
      published: i.published,
      owner: i.ownerSubject,
      ownerId: i.ownerId,
      createdDate: i.createdDate,
      modifiedDate: i.modifiedDate,
      publishTime: i.publishTime ?? '',
      privileges: objectPrivileges,
      ...extra,
    };
  }

  private store(object: StoredObject): void {
    this.objects.set(object.id, object);
  }

  private addInternalObjects(): void {
    for (const id of ['AppPropsList', 'LoadModel']) {
      this.store({
        id,
        handleType: 'GenericObject',
        genericType: id,
        properties: { qInfo: { qId: id, qType: id }, qMetaDef: {} },
        parentId: null,
        childIds: [],
        meta: {},
        isInternal: true,
      });
    }
  }

  private addMasterItems(): void {
    const d = this.input.domain;
    const measures: { title: string; expression: string; description: string; tags: string[] }[] = [
      {
        title: d.amountTitle,
        expression: `Sum([${d.fact.amount}])`,
        description: `Total ${d.fact.amount} across all rows.`,
        tags: [d.key],
      },
      {
        title: `${d.fact.table} count`,
        expression: `Count(DISTINCT [${d.fact.id}])`,
        description: `Distinct ${d.fact.id} values.`,
        tags: [d.key, 'volume'],
      },
      { title: `Average ${d.detail.rate}`, expression: `Avg([${d.detail.rate}])`, description: '', tags: [] },
      {
        title: `${d.plan.value} attainment`,
        expression: `Sum([${d.fact.amount}]) / Sum([${d.plan.value}])`,
        description: `Actual ${d.fact.amount} as a share of ${d.plan.value}.`,
        tags: [d.key, 'kpi'],
      },
    ];
    for (const m of measures) {
      const id = this.rnd.shortId();
      const qMeasure: JsonObject = {
        qLabel: m.title,
        qDef: m.expression,
        qGrouping: 'N',
        qExpressions: [],
        qActiveExpression: 0,
        qLabelExpression: '',
      };
      this.store({
        id,
        handleType: 'GenericMeasure',
        genericType: 'measure',
        properties: {
          qInfo: { qId: id, qType: 'measure' },
          qMeasure,
          qMetaDef: { title: m.title, description: m.description, tags: m.tags },
        },
        parentId: null,
        childIds: [],
        meta: this.meta(id, 'measure', { title: m.title, description: m.description, tags: m.tags }),
      });
      this.out.masterMeasures.push({
        id,
        title: m.title,
        description: m.description,
        expression: m.expression,
        label: m.title,
        tags: m.tags,
      });
    }
    const dimensions: { title: string; fields: string[]; grouping: string; description: string; tags: string[] }[] = [
      {
        title: d.dim.group,
        fields: [d.dim.group],
        grouping: 'N',
        description: `${d.dim.group} of the ${d.dim.table.toLowerCase()} row.`,
        tags: [d.key],
      },
      { title: d.dim.name, fields: [d.dim.name], grouping: 'N', description: '', tags: [] },
      {
        title: 'Calendar drill-down',
        fields: ['Year', 'Quarter', 'YearMonth'],
        grouping: 'H',
        description: 'Year → quarter → month.',
        tags: ['time'],
      },
    ];
    for (const m of dimensions) {
      const id = this.rnd.shortId();
      this.store({
        id,
        handleType: 'GenericDimension',
        genericType: 'dimension',
        properties: {
          qInfo: { qId: id, qType: 'dimension' },
          qDim: { qGrouping: m.grouping, qFieldDefs: m.fields, qFieldLabels: m.fields, qLabelExpression: '', title: m.title },
          qMetaDef: { title: m.title, description: m.description, tags: m.tags },
        },
        parentId: null,
        childIds: [],
        meta: this.meta(id, 'dimension', { title: m.title, description: m.description, tags: m.tags }),
      });
      this.out.masterDimensions.push({
        id,
        title: m.title,
        description: m.description,
        fieldDefs: m.fields,
        grouping: m.grouping,
        tags: m.tags,
      });
    }
    const [revenue] = this.out.masterMeasures;
    const [group] = this.out.masterDimensions;
    if (!revenue || !group) return;
    const id = this.rnd.shortId();
    const title = `${revenue.title} by ${group.title}`;
    const dims: DimensionChoice[] = [{ libraryId: group.id, field: '', label: group.title }];
    const meas: MeasureChoice[] = [{ libraryId: revenue.id, expression: '', label: revenue.title }];
    const properties: JsonObject = {
      qInfo: { qId: id, qType: 'masterobject' },
      qMetaDef: { title, description: 'Reusable bar chart', tags: [this.input.domain.key] },
      ...this.chartBody('barchart', title, dims, meas),
    };
    this.store({
      id,
      handleType: 'GenericObject',
      genericType: 'masterobject',
      properties,
      parentId: null,
      childIds: [],
      meta: this.meta(id, 'masterobject', { title }),
    });
    const record: MasterVisualizationRecord = {
      id,
      title,
      description: 'Reusable bar chart',
      type: 'barchart',
      dimensions: dims.map(toObjectDimension),
      measures: meas.map(toObjectMeasure),
      tags: [this.input.domain.key],
    };
    this.out.masterVisualizations.push(record);
    this.masterVisualization = { id, record, properties };
  }

  private fillPools(): void {
    const d = this.input.domain;
    const isDashboard = this.input.role === 'dashboard';
    const lib = (i: number): DimensionChoice | null => {
      const m = this.out.masterDimensions[i];
      return m ? { libraryId: m.id, field: '', label: m.title } : null;
    };
    const libM = (i: number): MeasureChoice | null => {
      const m = this.out.masterMeasures[i];
      return m ? { libraryId: m.id, expression: '', label: m.title } : null;
    };
    const inlineDims: DimensionChoice[] = [
      { libraryId: null, field: d.dim.group, label: d.dim.group },
      { libraryId: null, field: d.dim.name, label: d.dim.name },
      { libraryId: null, field: isDashboard ? ownerField(d) : d.fact.date, label: isDashboard ? ownerField(d) : d.fact.date },
    ];
    const inlineMeasures: MeasureChoice[] = [
      { libraryId: null, expression: `Sum([${d.fact.amount}])`, label: `Total ${d.fact.amount}` },
      { libraryId: null, expression: `Sum([${d.detail.quantity}])`, label: d.detail.quantity },
      { libraryId: null, expression: `Avg([${d.detail.rate}])`, label: `Avg ${d.detail.rate}` },
      this.input.role === 'transform'
        ? { libraryId: null, expression: `Sum([${totalField(d)}])`, label: totalField(d) }
        : { libraryId: null, expression: `Count(DISTINCT [${d.fact.id}])`, label: `${d.fact.table} count` },
    ];
    if (isDashboard) inlineMeasures.push({ libraryId: null, expression: `Sum([${d.plan.value}])`, label: d.plan.value });
    for (let i = 0; i < 3; i++) {
      const master = lib(i);
      if (master) this.dimensionPool.push(master);
      this.dimensionPool.push(inlineDims[i] as DimensionChoice);
    }
    for (let i = 0; i < inlineMeasures.length; i++) {
      const master = libM(i);
      if (master) this.measurePool.push(master);
      this.measurePool.push(inlineMeasures[i] as MeasureChoice);
    }
  }

  private timeDimension(): DimensionChoice {
    const field = this.input.role === 'dashboard' ? 'YearMonth' : this.input.domain.fact.date;
    return { libraryId: null, field, label: field };
  }

  private pickDims(count: number): DimensionChoice[] {
    const start = this.rnd.int(0, this.dimensionPool.length - 1);
    return Array.from({ length: count }, (_, i) => this.dimensionPool[(start + i) % this.dimensionPool.length] as DimensionChoice);
  }

  private pickMeasures(count: number): MeasureChoice[] {
    const start = this.rnd.int(0, this.measurePool.length - 1);
    return Array.from({ length: count }, (_, i) => this.measurePool[(start + i) % this.measurePool.length] as MeasureChoice);
  }

  private sheetTitle(s: number): string {
    const i = this.input;
    const titles =
      i.role === 'dashboard'
        ? (i.domain.dashboards[i.variant]?.sheetTitles ?? [])
        : i.role === 'extract'
          ? ['Extract checks', 'Row counts', 'Freshness']
          : ['Transform checks', 'Mapping quality', 'Output sizes'];
    const base = titles[s] ?? `Sheet ${s + 1}`;
    return s === 0 && i.revision > 0 ? `${base} (rev ${i.revision})` : base;
  }

  private addSheet(s: number): string {
    const i = this.input;
    const sheetId = this.rnd.guid();
    const title = this.sheetTitle(s);
    const description = s === 0 ? `Start here: key figures for ${i.domain.label}.` : '';
    const count = i.chartsPerSheet;
    const perRow = Math.max(1, Math.min(count, 4));
    const rowCount = Math.max(1, Math.ceil(count / perRow));
    const colspan = Math.floor(24 / perRow);
    const rowspan = Math.max(1, Math.floor(12 / rowCount));
    const rows = Math.max(12, rowCount * rowspan);
    const cells: JsonObject[] = [];
    const childIds: string[] = [];
    for (let k = 0; k < count; k++) {
      const type = chartCycle[(s * 3 + k) % chartCycle.length] as ChartType;
      const position: CellPosition = {
        col: (k % perRow) * colspan,
        row: Math.floor(k / perRow) * rowspan,
        colspan,
        rowspan,
        bounds: {
          x: round2((((k % perRow) * colspan) / 24) * 100),
          y: round2(((Math.floor(k / perRow) * rowspan) / rows) * 100),
          width: round2((colspan / 24) * 100),
          height: round2((rowspan / rows) * 100),
        },
      };
      const linkToMaster = s === 0 && type === 'barchart' && this.masterVisualization !== null;
      const objectId = linkToMaster ? this.addLinkedChart(sheetId, position) : this.addChart(type, sheetId, sheetId, position);
      childIds.push(objectId);
      cells.push({ name: objectId, type: linkToMaster ? 'barchart' : type, ...position, bounds: { ...position.bounds } } as JsonObject);
    }
    const properties: JsonObject = {
      qInfo: { qId: sheetId, qType: 'sheet' },
      qMetaDef: { title, description },
      rank: s,
      thumbnail: { qStaticContentUrlDef: {} },
      columns: 24,
      rows,
      cells,
      qChildListDef: { qData: { title: '/title' } },
      customRowBase: 12,
      gridResolution: 'small',
      layoutOptions: { mobileLayout: 'LIST', extendable: false },
      gridMode: 'simpleEdit',
    };
    this.store({
      id: sheetId,
      handleType: 'GenericObject',
      genericType: 'sheet',
      properties,
      parentId: null,
      childIds,
      meta: this.meta(sheetId, 'sheet', { title, description }),
    });
    this.out.sheets.push({
      id: sheetId,
      title,
      description,
      rank: s,
      columns: 24,
      rows,
      ownerId: i.ownerId,
      published: i.published,
      approved: i.approved,
      createdDate: i.createdDate,
      modifiedDate: i.modifiedDate,
    });
    return sheetId;
  }

  /** A cell linked to the master visualization: thin properties, the definition comes from qExtendsId. */
  private addLinkedChart(sheetId: string, position: CellPosition): string {
    const master = this.masterVisualization;
    if (!master) throw new Error('addLinkedChart without a master visualization');
    const id = this.rnd.shortId();
    this.store({
      id,
      handleType: 'GenericObject',
      genericType: 'barchart',
      properties: { qInfo: { qId: id, qType: 'barchart' }, qExtendsId: master.id, qMetaDef: {}, qStateName: '', visualization: 'barchart' },
      parentId: sheetId,
      childIds: [],
      meta: this.meta(id, 'barchart'),
    });
    this.out.visualObjects.push({
      id,
      sheetId,
      parentId: null,
      type: 'barchart',
      title: master.record.title,
      subtitle: '',
      masterVisualizationId: master.id,
      position,
      dimensions: master.record.dimensions,
      measures: master.record.measures,
    });
    return id;
  }

  private chartBody(type: string, title: string, dims: readonly DimensionChoice[], measures: readonly MeasureChoice[]): JsonObject {
    return {
      qExtendsId: '',
      qStateName: '',
      visualization: type,
      version: '1.34.0',
      showTitles: true,
      title,
      subtitle: '',
      footnote: '',
      qHyperCubeDef: {
        qDimensions: dims.map((d) => this.dimensionDef(d)),
        qMeasures: measures.map((m) => this.measureDef(m)),
        qInterColumnSortOrder: Array.from({ length: dims.length + measures.length }, (_, i) => i),
        qSuppressZero: false,
        qSuppressMissing: true,
        qInitialDataFetch: [{ qLeft: 0, qTop: 0, qWidth: 10, qHeight: 500 }],
        qMode: type === 'pivot-table' ? 'P' : 'S',
        qColumnOrder: [],
        qCalcCondition: { qCond: { qv: '' }, qMsg: { qv: '' } },
      },
    };
  }

  private dimensionDef(d: DimensionChoice): JsonObject {
    return {
      qLibraryId: d.libraryId ?? '',
      qDef: {
        qGrouping: 'N',
        qFieldDefs: d.libraryId ? [] : [d.field],
        qFieldLabels: d.libraryId ? [] : [''],
        qSortCriterias: sortCriterias,
        autoSort: true,
        cId: this.rnd.shortId(),
        othersLabel: 'Others',
      },
      qNullSuppression: false,
      qOtherTotalSpec: { qOtherMode: 'OTHER_OFF', qSuppressOther: true },
    };
  }

  private measureDef(m: MeasureChoice): JsonObject {
    return {
      qLibraryId: m.libraryId ?? '',
      qDef: {
        qLabel: m.libraryId ? '' : m.label,
        qDef: m.libraryId ? '' : m.expression,
        qNumFormat: { qType: 'U', qnDec: 10, qUseThou: 0 },
        autoSort: true,
        cId: this.rnd.shortId(),
        numFormatFromTemplate: true,
      },
      qSortBy: { qSortByNumeric: -1 },
    };
  }

  private addChart(type: ChartType, sheetId: string, parentId: string, position: CellPosition | null): string {
    if (type === 'filterpane') return this.addFilterPane(sheetId, parentId, position);
    if (type === 'container') return this.addContainer(sheetId, parentId, position);
    const id = this.rnd.shortId();
    const [dims, measures] = this.chartFields(type);
    const title = chartTitle(type, dims, measures, this.input.domain);
    this.store({
      id,
      handleType: 'GenericObject',
      genericType: type,
      properties: { qInfo: { qId: id, qType: type }, qMetaDef: {}, ...this.chartBody(type, title, dims, measures) },
      parentId,
      childIds: [],
      meta: this.meta(id, type),
    });
    this.out.visualObjects.push({
      id,
      sheetId,
      parentId: parentId === sheetId ? null : parentId,
      type,
      title,
      subtitle: '',
      masterVisualizationId: null,
      position,
      dimensions: dims.map(toObjectDimension),
      measures: measures.map(toObjectMeasure),
    });
    return id;
  }

  private chartFields(type: ChartType): [DimensionChoice[], MeasureChoice[]] {
    switch (type) {
      case 'kpi':
        return [[], this.pickMeasures(1)];
      case 'barchart':
        return [this.pickDims(1), this.pickMeasures(1)];
      case 'linechart':
        return [[this.timeDimension()], this.pickMeasures(1)];
      case 'combochart':
        return [this.pickDims(1), this.pickMeasures(2)];
      case 'table':
        return [this.pickDims(2), this.pickMeasures(2)];
      case 'pivot-table':
        return [this.pickDims(2), this.pickMeasures(1)];
      case 'filterpane':
      case 'container':
        return [[], []];
    }
  }

  private addFilterPane(sheetId: string, parentId: string, position: CellPosition | null): string {
    const id = this.rnd.shortId();
    const d = this.input.domain;
    const fields = [d.dim.group, d.dim.name, this.input.role === 'dashboard' ? 'Year' : d.fact.date];
    const record: VisualObjectRecord = {
      id,
      sheetId,
      parentId: parentId === sheetId ? null : parentId,
      type: 'filterpane',
      title: '',
      subtitle: '',
      masterVisualizationId: null,
      position,
      dimensions: [],
      measures: [],
    };
    this.out.visualObjects.push(record);
    const childIds = fields.map((f) => this.addListbox(f, sheetId, id));
    this.store({
      id,
      handleType: 'GenericObject',
      genericType: 'filterpane',
      properties: {
        qInfo: { qId: id, qType: 'filterpane' },
        qMetaDef: {},
        visualization: 'filterpane',
        title: '',
        subtitle: '',
        showTitles: false,
        qChildListDef: { qData: { info: '/qInfo' } },
      },
      parentId,
      childIds,
      meta: this.meta(id, 'filterpane'),
    });
    return id;
  }

  private addListbox(fieldName: string, sheetId: string, parentId: string): string {
    const id = this.rnd.shortId();
    this.store({
      id,
      handleType: 'GenericObject',
      genericType: 'listbox',
      properties: {
        qInfo: { qId: id, qType: 'listbox' },
        qMetaDef: {},
        visualization: 'listbox',
        title: fieldName,
        showTitles: true,
        qListObjectDef: {
          qStateName: '$',
          qLibraryId: '',
          qDef: {
            qGrouping: 'N',
            qFieldDefs: [fieldName],
            qFieldLabels: [''],
            qSortCriterias: sortCriterias,
            autoSort: true,
            cId: this.rnd.shortId(),
          },
          qInitialDataFetch: [{ qTop: 0, qLeft: 0, qWidth: 1, qHeight: 500 }],
          qShowAlternatives: true,
        },
      },
      parentId,
      childIds: [],
      meta: this.meta(id, 'listbox'),
    });
    this.out.visualObjects.push({
      id,
      sheetId,
      parentId,
      type: 'listbox',
      title: fieldName,
      subtitle: '',
      masterVisualizationId: null,
      position: null,
      dimensions: [{ libraryId: null, fieldDefs: [fieldName], label: '' }],
      measures: [],
    });
    return id;
  }

  private addContainer(sheetId: string, parentId: string, position: CellPosition | null): string {
    const id = this.rnd.shortId();
    const title = 'Views';
    this.out.visualObjects.push({
      id,
      sheetId,
      parentId: parentId === sheetId ? null : parentId,
      type: 'container',
      title,
      subtitle: '',
      masterVisualizationId: null,
      position,
      dimensions: [],
      measures: [],
    });
    const childIds = (['kpi', 'barchart'] as const).map((t) => this.addChart(t, sheetId, id, null));
    this.store({
      id,
      handleType: 'GenericObject',
      genericType: 'container',
      properties: {
        qInfo: { qId: id, qType: 'container' },
        qMetaDef: {},
        visualization: 'container',
        title,
        subtitle: '',
        showTitles: true,
        children: childIds.map((childId, i) => ({
          refId: childId,
          label: i === 0 ? 'Summary' : 'Breakdown',
          isMaster: false,
          cId: this.rnd.shortId(),
        })),
        qChildListDef: { qData: { title: '/title', visualization: '/visualization' } },
      },
      parentId,
      childIds,
      meta: this.meta(id, 'container'),
    });
    return id;
  }

  private addVariables(): void {
    const ui: ScriptVariable[] =
      this.input.role === 'dashboard'
        ? [
            { name: 'vCurrency', definition: `'USD'`, isReserved: false },
            { name: 'vTopN', definition: '10', isReserved: false },
          ]
        : [];
    const comments: Record<string, string> = { vCurrency: 'Reporting currency', vTopN: 'Rows shown in top lists' };
    const all = [
      ...this.input.scriptVariables.map((v) => ({ v, isScriptCreated: true })),
      ...ui.map((v) => ({ v, isScriptCreated: false })),
    ];
    for (const { v, isScriptCreated } of all) {
      const id = this.rnd.shortId(8);
      const comment = comments[v.name] ?? '';
      this.store({
        id,
        handleType: 'GenericVariable',
        genericType: 'variable',
        properties: {
          qInfo: { qId: id, qType: 'variable' },
          qMetaDef: {},
          qName: v.name,
          qComment: comment,
          qDefinition: v.definition,
          qIncludeInBookmark: false,
        },
        parentId: null,
        childIds: [],
        meta: {},
        variableFlags: { isScriptCreated, isReserved: v.isReserved, isConfig: v.isReserved },
      });
      this.out.variables.push({
        id,
        name: v.name,
        definition: v.definition,
        comment,
        isScriptCreated,
        isReserved: v.isReserved,
        isConfig: v.isReserved,
      });
    }
  }

  private addBookmarks(sheetIds: readonly string[]): void {
    const d = this.input.domain;
    const specs = [
      {
        title: `${d.dim.groups[0] ?? d.dim.group} focus`,
        description: `Only ${d.dim.groups[0] ?? ''}`,
        fields: [d.dim.group],
        sheet: sheetIds[0] ?? null,
      },
      { title: 'Last year', description: '', fields: ['Year'], sheet: sheetIds[1] ?? sheetIds[0] ?? null },
    ];
    for (const b of specs) {
      const id = this.rnd.shortId();
      this.store({
        id,
        handleType: 'GenericBookmark',
        genericType: 'bookmark',
        properties: {
          qInfo: { qId: id, qType: 'bookmark' },
          qMetaDef: { title: b.title, description: b.description },
          sheetId: b.sheet,
          selectionFields: b.fields,
          creationDate: this.input.createdDate,
        },
        parentId: null,
        childIds: [],
        meta: this.meta(id, 'bookmark', { title: b.title, description: b.description }),
      });
      this.out.bookmarks.push({
        id,
        title: b.title,
        description: b.description,
        sheetId: b.sheet,
        selectionFields: b.fields,
        createdDate: this.input.createdDate,
      });
    }
  }
}

function toObjectDimension(d: DimensionChoice): ObjectDimension {
  return { libraryId: d.libraryId, fieldDefs: d.libraryId ? [] : [d.field], label: '' };
}

function toObjectMeasure(m: MeasureChoice): ObjectMeasure {
  return { libraryId: m.libraryId, expression: m.libraryId ? '' : m.expression, label: m.libraryId ? '' : m.label };
}

function chartTitle(type: ChartType, dims: readonly DimensionChoice[], measures: readonly MeasureChoice[], d: DomainSpec): string {
  const m = measures[0]?.label ?? '';
  const dim = dims[0]?.label ?? '';
  switch (type) {
    case 'kpi':
      return m;
    case 'table':
      return `${d.fact.table} details`;
    case 'pivot-table':
      return `${m} by ${dims.map((x) => x.label).join(' and ')}`;
    case 'linechart':
      return `${m} over time`;
    default:
      return `${m} by ${dim}`;
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
