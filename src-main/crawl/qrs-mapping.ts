/**
 * QRS entities (src-main/qlik/qrs-schemas.ts) → crawl records. Pure. Streams become spaces of
 * type 'stream'; an unpublished app has no space (its owner's work, like a Cloud personal app);
 * data connection strings are masked; a reload task becomes an AutomationRecord (runMode
 * 'reload-task') whose definition names the app and the triggers, so lineage links it to the app.
 */
import type { QrsApp, QrsCompositeEvent, QrsDataConnection, QrsReloadTask, QrsSchemaEvent, QrsStream } from '../qlik/qrs-schemas';
import { maskSecrets } from '../qlik/secret-masking';
import type { AppRecord, AutomationRecord, DataConnectionRecord, SpaceRecord } from './records';

/** QRS writes 1753-01-01 for dates never set (qlik-protocol.md §3.2). */
export function qrsDate(value: string | null | undefined): string | null {
  if (!value || value.startsWith('1753-01-01')) return null;
  return value;
}

export function mapStream(stream: QrsStream): SpaceRecord {
  return {
    id: stream.id,
    name: stream.name,
    type: 'stream',
    description: '',
    ownerId: stream.owner?.id ?? null,
    createdAt: qrsDate(stream.createdDate),
    updatedAt: qrsDate(stream.modifiedDate),
  };
}

export function mapQrsApp(app: QrsApp): AppRecord {
  const published = Boolean(app.published && app.stream);
  const customProperties = (app.customProperties ?? [])
    .filter((c) => c.definition?.name)
    .map((c) => ({ name: c.definition?.name ?? '', value: c.value ?? '' }));
  return {
    id: app.id,
    name: app.name,
    description: app.description ?? '',
    spaceId: published ? (app.stream?.id ?? null) : null,
    ownerId: app.owner?.id ?? null,
    ownerName: app.owner?.name || null,
    createdDate: qrsDate(app.createdDate),
    modifiedDate: qrsDate(app.modifiedDate),
    lastReloadTime: qrsDate(app.lastReloadTime),
    // QRS has no separate item record: modifiedDate moves on every repository edit.
    itemUpdatedAt: qrsDate(app.modifiedDate),
    publishTime: published ? qrsDate(app.publishTime) : null,
    published,
    usage: null,
    hasSectionAccess: false,
    isDirectQueryMode: false,
    tags: (app.tags ?? []).map((t) => t.name).filter(Boolean),
    fileSizeBytes: app.fileSize ?? null,
    memoryBytes: null,
    thumbnailUrl: app.thumbnail || null,
    ...(customProperties.length ? { customProperties } : {}),
  };
}

export function mapQrsDataConnection(connection: QrsDataConnection): DataConnectionRecord {
  // `password` and `username` are never read; the connection string is masked like a Cloud one.
  return {
    id: connection.id,
    name: connection.name,
    type: connection.type ?? '',
    spaceId: null,
    connectStatement: maskSecrets(connection.connectionstring ?? ''),
    createdAt: qrsDate(connection.createdDate),
    updatedAt: qrsDate(connection.modifiedDate),
  };
}

/** TaskExecutionStatus of the Repository API (0 NeverStarted … 7 FinishedSuccess, 8 FinishedFail …). */
const TASK_STATUS: Record<number, string> = {
  0: 'NEVER_STARTED',
  1: 'TRIGGERED',
  2: 'STARTED',
  3: 'QUEUED',
  4: 'ABORT_INITIATED',
  5: 'ABORTING',
  6: 'ABORTED',
  7: 'SUCCEEDED',
  8: 'FAILED',
  9: 'SKIPPED',
  10: 'RETRYING',
  11: 'ERROR',
  12: 'RESET',
};

export interface ReloadTaskTrigger {
  readonly kind: 'schedule' | 'task-chain';
  readonly name: string;
  readonly enabled: boolean;
  /** Schedule: increment description and filter; chain: the upstream task ids. */
  readonly schedule?: string;
  readonly afterTaskIds?: readonly string[];
}

export function mapReloadTask(
  task: QrsReloadTask,
  schemaEvents: readonly QrsSchemaEvent[],
  compositeEvents: readonly QrsCompositeEvent[],
  spaceOfApp: ReadonlyMap<string, string | null>,
): AutomationRecord {
  const triggers: ReloadTaskTrigger[] = [
    ...schemaEvents
      .filter((e) => e.reloadTask?.id === task.id)
      .map((e) => ({
        kind: 'schedule' as const,
        name: e.name ?? '',
        enabled: e.enabled ?? true,
        schedule: [e.incrementDescription, ...(e.schemaFilterDescription ?? []), e.timeZone].filter(Boolean).join(' | '),
      })),
    ...compositeEvents
      .filter((e) => e.reloadTask?.id === task.id)
      .map((e) => ({
        kind: 'task-chain' as const,
        name: e.name ?? '',
        enabled: e.enabled ?? true,
        afterTaskIds: (e.compositeRules ?? []).map((r) => r.reloadTask?.id).filter((id): id is string => Boolean(id)),
      })),
  ];
  const last = task.operational?.lastExecutionResult;
  const status = last?.status !== undefined && last.status !== null ? (TASK_STATUS[last.status] ?? String(last.status)) : null;
  const lastRunAt = qrsDate(last?.startTime);
  const errorText = (last?.details ?? [])
    .map((d) => d.message)
    .filter(Boolean)
    .join('; ');
  const appId = task.app?.id ?? null;
  return {
    id: task.id,
    name: task.name,
    description: task.app?.name ? `Reloads ${task.app.name}` : '',
    state: task.enabled === false ? 'disabled' : 'available',
    runMode: 'reload-task',
    schedule: triggers.find((t) => t.kind === 'schedule')?.schedule ?? null,
    ownerId: null,
    spaceId: appId ? (spaceOfApp.get(appId) ?? null) : null,
    lastRunAt,
    lastRunStatus: status,
    createdAt: qrsDate(task.createdDate),
    updatedAt: qrsDate(task.modifiedDate),
    runs:
      last && lastRunAt
        ? [
            {
              id: last.id ?? `${task.id}:last`,
              status: status ?? 'UNKNOWN',
              startTime: lastRunAt,
              stopTime: qrsDate(last.stopTime),
              trigger: triggers.length ? 'triggered' : 'manual',
              error: errorText && status !== 'SUCCEEDED' ? maskSecrets(errorText) : null,
            },
          ]
        : [],
    definition: { kind: 'qrs-reload-task', appId, triggers },
    strippedSecrets: [],
  };
}
