/**
 * What changed between two snapshots: a pure function over two `Catalog.snapshotContent` values.
 * Entities are matched by their stable identity (ids; names for data model tables and fields,
 * which Qlik identifies by name), and a changed entity lists exactly the fields that differ.
 */
import {
  catalogEntityTypes,
  type AutomationRow,
  type SearchEntityType,
  type SnapshotApp,
  type SnapshotContent,
} from '../catalog/catalog-types';
import { brokenReferencesOfContent, newlyBroken, type BrokenReference } from '../catalog/broken-references';
import type { LineageEdge } from '../catalog/lineage-graph';
import { sideBySide, type ScriptDiff } from './line-diff';

/** The diff speaks of the same kinds of entity as the catalog's search. */
export type DiffEntityKind = SearchEntityType;

/** Every kind, in the order summaries and trees list them. */
export const diffEntityKinds: readonly DiffEntityKind[] = catalogEntityTypes;

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface EntityChange {
  readonly kind: DiffEntityKind;
  readonly id: string;
  readonly title: string;
  readonly change: ChangeKind;
  /** The fields that differ ('changed' only; empty for added and removed). */
  readonly fields: readonly FieldChange[];
  /** The sheet an object or bookmark sits on, when it has one. */
  readonly sheetId?: string | null;
}

export interface AppChange {
  readonly appId: string;
  readonly title: string;
  readonly change: ChangeKind;
  /** App attributes that differ (name, description, space, dates…). */
  readonly fields: readonly FieldChange[];
  /** Sheets, objects, master items, variables, bookmarks, tables and fields (apps in both snapshots). */
  readonly items: readonly EntityChange[];
  /** Side-by-side load script diff when the script text changed. */
  readonly script: ScriptDiff | null;
  /**
   * References the change broke: charts, master items and bookmarks pointing at a field or master
   * item the later snapshot no longer has, that did not in the earlier one (all of an added app's).
   */
  readonly broken: readonly BrokenReference[];
}

export interface LineageEdgeChange {
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  readonly origin: string;
  readonly fromLabel: string;
  readonly toLabel: string;
}

export interface ChangeCounts {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
}

export interface DiffSide {
  readonly snapshotId: number;
  readonly connectionId: string;
  readonly connectionName: string;
  readonly startedAt: string;
  readonly kind: 'full' | 'delta';
}

export interface SnapshotDiff {
  readonly from: DiffSide;
  readonly to: DiffSide;
  /**
   * Per kind. Contents of an added or removed app are not counted again: "1 app removed", not
   * "1 app and its 18 objects removed".
   */
  readonly counts: Readonly<Record<DiffEntityKind, ChangeCounts>>;
  readonly apps: readonly AppChange[];
  /** Spaces, collections, data connections and automations. */
  readonly tenant: readonly EntityChange[];
  readonly lineage: { readonly added: readonly LineageEdgeChange[]; readonly removed: readonly LineageEdgeChange[] };
  readonly isEmpty: boolean;
}

/** The diff from `before` to `after` (usually older to newer, any two snapshots work). */
export function diffSnapshots(before: SnapshotContent, after: SnapshotContent): SnapshotDiff {
  const apps = diffApps(before.apps, after.apps);
  const tenant = [
    ...diffById('space', before.spaces, after.spaces, (s) => s.name),
    ...diffById('collection', before.collections, after.collections, (c) => c.name),
    ...diffById('data-connection', before.dataConnections, after.dataConnections, (c) => c.name),
    ...diffById('automation', before.automations.map(automationFacts), after.automations.map(automationFacts), (a) => a.name),
  ];
  const lineage = diffLineage(before, after);
  const counts = countChanges(apps, tenant);
  const isEmpty = apps.length === 0 && tenant.length === 0 && lineage.added.length === 0 && lineage.removed.length === 0;
  return { from: sideOf(before), to: sideOf(after), counts, apps, tenant, lineage, isEmpty };
}

function sideOf(content: SnapshotContent): DiffSide {
  return {
    snapshotId: content.snapshot.id,
    connectionId: content.connection.id,
    connectionName: content.connection.name,
    startedAt: content.snapshot.startedAt,
    kind: content.snapshot.kind,
  };
}

// ---- apps -----------------------------------------------------------------------------------

function diffApps(before: readonly SnapshotApp[], after: readonly SnapshotApp[]): AppChange[] {
  const oldById = new Map(before.map((a) => [a.record.id, a]));
  const newById = new Map(after.map((a) => [a.record.id, a]));
  const changes: AppChange[] = [];
  for (const app of after) {
    const old = oldById.get(app.record.id);
    if (!old) {
      const broken = brokenReferencesOfContent(app);
      changes.push({ appId: app.record.id, title: app.record.name, change: 'added', fields: [], items: [], script: null, broken });
      continue;
    }
    // Same content hash: same version, nothing inside can differ (carried-over apps land here).
    if (old.contentHash === app.contentHash && old.appVersionId === app.appVersionId) continue;
    const change = diffOneApp(old, app);
    if (change) changes.push(change);
  }
  for (const app of before) {
    if (!newById.has(app.record.id)) {
      changes.push({ appId: app.record.id, title: app.record.name, change: 'removed', fields: [], items: [], script: null, broken: [] });
    }
  }
  return changes.sort((x, y) => x.title.localeCompare(y.title) || x.appId.localeCompare(y.appId));
}

function diffOneApp(old: SnapshotApp, app: SnapshotApp): AppChange | null {
  const fields = diffFields(old.record, app.record);
  const items = [
    ...diffById('sheet', old.sheets, app.sheets, (s) => s.title),
    ...withSheet(
      diffById('object', old.objects, app.objects, (o) => o.title || o.type),
      [...old.objects, ...app.objects],
    ),
    ...diffById('master-measure', old.masterMeasures, app.masterMeasures, (m) => m.title),
    ...diffById('master-dimension', old.masterDimensions, app.masterDimensions, (m) => m.title),
    ...diffById('master-visualization', old.masterVisualizations, app.masterVisualizations, (m) => m.title),
    ...diffById('variable', old.variables, app.variables, (v) => v.name),
    ...withSheet(
      diffById('bookmark', old.bookmarks, app.bookmarks, (b) => b.title),
      [...old.bookmarks, ...app.bookmarks],
    ),
    ...diffByKey(
      'table',
      old.tables,
      app.tables,
      (t) => t.name,
      (t) => t.name,
    ),
    ...diffByKey(
      'field',
      old.fields,
      app.fields,
      (f) => f.name,
      (f) => f.name,
    ),
  ];
  const oldScript = old.script ?? '';
  const newScript = app.script ?? '';
  const script = oldScript === newScript ? null : sideBySide(oldScript, newScript);
  if (fields.length === 0 && items.length === 0 && script === null) return null;
  const broken = newlyBroken(brokenReferencesOfContent(old), brokenReferencesOfContent(app));
  return { appId: app.record.id, title: app.record.name, change: 'changed', fields, items, script, broken };
}

function withSheet(changes: EntityChange[], records: readonly { id: string; sheetId: string | null }[]): EntityChange[] {
  const sheetOf = new Map(records.map((r) => [r.id, r.sheetId]));
  return changes.map((c) => ({ ...c, sheetId: sheetOf.get(c.id) ?? null }));
}

// ---- generic entity matching ----------------------------------------------------------------

function diffById<T extends { readonly id: string }>(
  kind: DiffEntityKind,
  before: readonly T[],
  after: readonly T[],
  titleOf: (item: T) => string,
): EntityChange[] {
  return diffByKey(kind, before, after, (item) => item.id, titleOf);
}

function diffByKey<T extends object>(
  kind: DiffEntityKind,
  before: readonly T[],
  after: readonly T[],
  keyOf: (item: T) => string,
  titleOf: (item: T) => string,
): EntityChange[] {
  const oldByKey = new Map(before.map((item) => [keyOf(item), item]));
  const newKeys = new Set(after.map(keyOf));
  const changes: EntityChange[] = [];
  for (const item of after) {
    const id = keyOf(item);
    const old = oldByKey.get(id);
    if (!old) {
      changes.push({ kind, id, title: titleOf(item), change: 'added', fields: [] });
      continue;
    }
    const fields = diffFields(old, item);
    if (fields.length) changes.push({ kind, id, title: titleOf(item), change: 'changed', fields });
  }
  for (const old of before) {
    const id = keyOf(old);
    if (!newKeys.has(id)) changes.push({ kind, id, title: titleOf(old), change: 'removed', fields: [] });
  }
  return changes;
}

/** Top-level fields whose values differ, compared structurally (key order does not matter). */
export function diffFields(before: object, after: object): FieldChange[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changes: FieldChange[] = [];
  for (const key of keys) {
    if (stableJson(b[key]) !== stableJson(a[key])) changes.push({ field: key, before: b[key] ?? null, after: a[key] ?? null });
  }
  return changes;
}

function stableJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)))
      : v,
  );
}

/** What a reviewer cares about in an automation: its definition and settings, not its run log. */
function automationFacts(row: AutomationRow) {
  const { runs: _runs, lastRunAt: _lastRunAt, lastRunStatus: _lastRunStatus, ...facts } = row;
  return facts;
}

// ---- lineage --------------------------------------------------------------------------------

/** Edges compared by what they connect, not by the script lines that show them (those move). */
function edgeKey(edge: LineageEdge): string {
  return `${edge.origin}\u0000${edge.kind}\u0000${edge.from}\u0000${edge.to}`;
}

function diffLineage(before: SnapshotContent, after: SnapshotContent): SnapshotDiff['lineage'] {
  const labels = new Map<string, string>();
  for (const node of [...before.lineage.nodes, ...after.lineage.nodes]) labels.set(node.id, node.label);
  const describe = (edge: LineageEdge): LineageEdgeChange => ({
    from: edge.from,
    to: edge.to,
    kind: edge.kind,
    origin: edge.origin,
    fromLabel: labels.get(edge.from) ?? edge.from,
    toLabel: labels.get(edge.to) ?? edge.to,
  });
  const oldEdges = uniqueEdges(before.lineage.edges);
  const newEdges = uniqueEdges(after.lineage.edges);
  const added = [...newEdges].filter(([key]) => !oldEdges.has(key)).map(([, edge]) => describe(edge));
  const removed = [...oldEdges].filter(([key]) => !newEdges.has(key)).map(([, edge]) => describe(edge));
  const order = (x: LineageEdgeChange, y: LineageEdgeChange) =>
    x.fromLabel.localeCompare(y.fromLabel) || x.toLabel.localeCompare(y.toLabel);
  return { added: added.sort(order), removed: removed.sort(order) };
}

function uniqueEdges(edges: readonly LineageEdge[]): Map<string, LineageEdge> {
  const unique = new Map<string, LineageEdge>();
  for (const edge of edges) if (!unique.has(edgeKey(edge))) unique.set(edgeKey(edge), edge);
  return unique;
}

// ---- counts ---------------------------------------------------------------------------------

function countChanges(apps: readonly AppChange[], tenant: readonly EntityChange[]): Record<DiffEntityKind, ChangeCounts> {
  const counts = Object.fromEntries(diffEntityKinds.map((k) => [k, { added: 0, removed: 0, changed: 0 }])) as Record<
    DiffEntityKind,
    { added: number; removed: number; changed: number }
  >;
  for (const app of apps) {
    counts.app[app.change]++;
    if (app.script) counts.script.changed++;
    for (const item of app.items) counts[item.kind][item.change]++;
  }
  for (const item of tenant) counts[item.kind][item.change]++;
  return counts;
}
