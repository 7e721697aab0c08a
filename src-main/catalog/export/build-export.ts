/** snapshotContent() → the export document. Pure: data in, data out. */
import type { DataConnectionRecord } from '../../crawl/records';
import { brokenReferencesOfContent } from '../broken-references';
import type { SnapshotApp, SnapshotContent } from '../catalog-types';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportApp, type ExportDocument } from './export-model';

/**
 * Data connections an app uses, by name: `LIB CONNECT TO 'Name'` and `lib://Name/…` (optionally
 * `lib://Space:Name/…`) in the script or Qlik's own lineage discriminators.
 */
export function dataConnectionsUsedBy(app: SnapshotApp, connections: readonly DataConnectionRecord[]): { id: string; name: string }[] {
  const text = [app.script ?? '', ...app.engineLineage.map((l) => `${l.discriminator}\n${l.statement}`)].join('\n').toLowerCase();
  return connections
    .filter((c) => {
      const name = c.name.toLowerCase();
      return (
        text.includes(`lib://${name}/`) ||
        text.includes(`:${name}/`) ||
        text.includes(`connect to '${name}'`) ||
        text.includes(`connect to "${name}"`) ||
        text.includes(`connect to [${name}]`)
      );
    })
    .map((c) => ({ id: c.id, name: c.name }));
}

function exportApp(app: SnapshotApp, connections: readonly DataConnectionRecord[]): ExportApp {
  const r = app.record;
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    spaceId: r.spaceId,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    createdDate: r.createdDate,
    modifiedDate: r.modifiedDate,
    lastReloadTime: r.lastReloadTime,
    itemUpdatedAt: r.itemUpdatedAt,
    publishTime: r.publishTime,
    published: r.published,
    usage: r.usage,
    hasSectionAccess: r.hasSectionAccess,
    isDirectQueryMode: r.isDirectQueryMode,
    tags: r.tags,
    customProperties: r.customProperties ?? [],
    repositorySheetCount: r.repositorySheetCount ?? null,
    unreadableSheets: r.unreadableSheets ?? [],
    brokenReferences: brokenReferencesOfContent(app),
    fileSizeBytes: r.fileSizeBytes,
    memoryBytes: r.memoryBytes,
    source: app.source,
    contentHash: app.contentHash,
    sheets: app.sheets.map((s) => ({
      id: s.id,
      title: s.title,
      description: s.description,
      rank: s.rank,
      ownerId: s.ownerId,
      published: s.published,
      approved: s.approved,
      objects: app.objects
        .filter((o) => o.sheetId === s.id)
        .map((o) => ({
          id: o.id,
          parentId: o.parentId,
          type: o.type,
          title: o.title,
          subtitle: o.subtitle,
          masterVisualizationId: o.masterVisualizationId,
          position: o.position,
          dimensions: o.dimensions,
          measures: o.measures,
        })),
    })),
    masterMeasures: app.masterMeasures.map((m) => ({ ...m })),
    masterDimensions: app.masterDimensions.map((d) => ({ ...d })),
    masterVisualizations: app.masterVisualizations.map((v) => ({ ...v })),
    variables: app.variables.map((v) => ({ ...v })),
    bookmarks: app.bookmarks.map((b) => ({
      id: b.id,
      title: b.title,
      description: b.description,
      sheetId: b.sheetId,
      selectionFields: b.selectionFields,
    })),
    script: app.script,
    scriptError: app.scriptError ? { code: app.scriptError.code, message: app.scriptError.message } : null,
    tables: app.tables.map((t) => ({
      name: t.name,
      rowCount: t.rowCount,
      fieldCount: t.fieldCount,
      keyFieldCount: t.keyFieldCount,
      comment: t.comment,
      isSynthetic: t.isSynthetic,
      isLoose: t.isLoose,
      fields: app.fields
        .filter((f) => f.tables.includes(t.name))
        .map((f) => ({
          name: f.name,
          keyType: f.keyType,
          isKey: f.isKey,
          cardinal: f.cardinal,
          totalCount: f.totalCount,
          isNumeric: f.isNumeric,
          tags: f.tags,
        })),
    })),
    dataConnections: dataConnectionsUsedBy(app, connections),
  };
}

export function buildExportDocument(content: SnapshotContent, exportedAt: Date): ExportDocument {
  const { snapshot, connection, lineage } = content;
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    tenant: {
      connectionId: connection.id,
      connectionName: connection.name,
      url: snapshot.tenantUrl,
      kind: connection.kind,
      tenantId: snapshot.tenantId,
      userId: snapshot.userId,
      userName: snapshot.userName,
    },
    crawl: {
      snapshotId: snapshot.id,
      kind: snapshot.kind,
      status: snapshot.status,
      startedAt: snapshot.startedAt,
      finishedAt: snapshot.finishedAt,
      counts: snapshot.counts,
      errors: content.errors.map((e) => ({
        appId: e.appId,
        appName: e.appName,
        code: e.error.code,
        message: e.error.message,
        remedy: e.error.remedy,
        detail: e.error.detail ?? null,
        keptPreviousVersion: e.keptAppVersionId !== null,
      })),
    },
    spaces: content.spaces.map((s) => ({ ...s })),
    collections: content.collections.map((c) => ({ ...c })),
    dataConnections: content.dataConnections.map((d) => ({ ...d })),
    apps: content.apps.map((a) => exportApp(a, content.dataConnections)),
    automations: content.automations.map((a) => ({
      id: a.id,
      name: a.name,
      description: a.description,
      state: a.state,
      runMode: a.runMode,
      schedule: a.schedule,
      ownerId: a.ownerId,
      spaceId: a.spaceId,
      lastRunAt: a.lastRunAt,
      lastRunStatus: a.lastRunStatus,
      definition: a.definition ?? null,
      strippedSecrets: a.strippedSecrets,
      runs: a.runs.map((r) => ({ ...r })),
    })),
    lineage: {
      nodes: [
        ...lineage.nodes.map((n) => ({ id: n.id, kind: n.kind, label: n.label, appId: n.appId ?? null, external: false })),
        ...lineage.externalNodes.map((n) => ({ id: n.id, kind: n.kind, label: n.label, appId: null, external: true })),
      ],
      edges: [
        ...lineage.edges.map((e) => ({
          from: e.from,
          to: e.to,
          kind: e.kind,
          origin: e.origin,
          evidence: e.evidence
            ? {
                appId: e.evidence.appId,
                lineStart: e.evidence.lineStart,
                lineEnd: e.evidence.lineEnd,
                statement: e.evidence.statement ?? null,
              }
            : null,
          note: null,
        })),
        ...lineage.manualEdges.map((e) => ({
          from: e.from,
          to: e.to,
          kind: e.kind,
          origin: 'manual' as const,
          evidence: null,
          note: e.note,
        })),
      ],
    },
  };
}
