/**
 * REST shapes (validated by src-main/qlik/rest-schemas.ts) → crawl records. Pure. Empty strings
 * from Qlik become null (records.ts: "a value Qlik did not give is null, never ''"), and every
 * connect statement or automation definition is masked before it leaves this file.
 */
import { maskSecrets, stripSecretsFromDefinition } from '../qlik/secret-masking';
import type {
  RestAutomation,
  RestAutomationDetail,
  RestAutomationRun,
  RestCollection,
  RestDataConnection,
  RestItem,
  RestSpace,
} from '../qlik/rest-schemas';
import { bool, obj, str, strOrNull } from './engine-json';
import type {
  AppRecord,
  AutomationRecord,
  AutomationRunRecord,
  CollectionRecord,
  DataConnectionRecord,
  SpaceRecord,
  SpaceType,
} from './records';

const nonEmpty = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value === '' ? null : value;

export function mapSpace(space: RestSpace): SpaceRecord {
  const type = (['shared', 'managed', 'data'] as const).find((t) => t === space.type) ?? 'shared';
  return {
    id: space.id,
    name: space.name,
    type: type as SpaceType,
    description: space.description ?? '',
    ownerId: nonEmpty(space.ownerId),
    createdAt: nonEmpty(space.createdAt),
    updatedAt: nonEmpty(space.updatedAt),
  };
}

/** An app as the items listing describes it: enough to plan a delta crawl without apps/{id}. */
export function mapAppItem(item: RestItem, ownerNames: ReadonlyMap<string, string> = new Map()): AppRecord {
  const attrs = obj(item.resourceAttributes);
  const ownerId = nonEmpty(item.ownerId) ?? strOrNull(attrs.ownerId);
  return {
    id: item.resourceId,
    name: item.name || str(attrs.name),
    description: item.description ?? str(attrs.description),
    spaceId: nonEmpty(item.spaceId) ?? strOrNull(attrs.spaceId),
    ownerId,
    ownerName: ownerId ? (ownerNames.get(ownerId) ?? null) : null,
    createdDate: strOrNull(attrs.createdDate) ?? nonEmpty(item.resourceCreatedAt),
    modifiedDate: strOrNull(attrs.modifiedDate) ?? nonEmpty(item.resourceUpdatedAt),
    lastReloadTime: strOrNull(attrs.lastReloadTime) ?? nonEmpty(item.resourceReloadEndTime),
    itemUpdatedAt: nonEmpty(item.updatedAt),
    publishTime: strOrNull(attrs.publishTime),
    published: bool(attrs.published),
    usage: strOrNull(attrs.usage),
    hasSectionAccess: bool(attrs.hasSectionAccess),
    isDirectQueryMode: bool(attrs.isDirectQueryMode),
    tags: (item.meta?.tags ?? []).map((t) => t.name).filter(Boolean),
    fileSizeBytes: item.resourceSize?.appFile ?? null,
    memoryBytes: item.resourceSize?.appMemory ?? null,
    thumbnailUrl: strOrNull(attrs.thumbnail),
  };
}

export function mapCollection(collection: RestCollection, appIds: readonly string[]): CollectionRecord {
  return {
    id: collection.id,
    name: collection.name,
    description: collection.description ?? '',
    type: collection.type ?? 'public',
    appIds,
    createdAt: nonEmpty(collection.createdAt),
    updatedAt: nonEmpty(collection.updatedAt),
  };
}

export function mapDataConnection(connection: RestDataConnection): DataConnectionRecord | null {
  const id = nonEmpty(connection.qID) ?? nonEmpty(connection.id);
  if (!id) return null;
  return {
    id,
    name: connection.qName ?? connection.name ?? '',
    type: connection.qType ?? connection.type ?? '',
    spaceId: nonEmpty(connection.space) ?? nonEmpty(connection.spaceId),
    connectStatement: maskSecrets(connection.qConnectStatement ?? connection.connectionString ?? ''),
    createdAt: nonEmpty(connection.created) ?? nonEmpty(connection.createdAt),
    updatedAt: nonEmpty(connection.updated) ?? nonEmpty(connection.updatedAt),
  };
}

export function mapAutomationRun(run: RestAutomationRun): AutomationRunRecord {
  const error = run.error;
  const errorText =
    error === null || error === undefined ? null : typeof error === 'string' ? error : str(obj(error).message) || JSON.stringify(error);
  return {
    id: run.id,
    status: run.status,
    startTime: nonEmpty(run.startTime),
    stopTime: nonEmpty(run.stopTime),
    trigger: runTrigger(run),
    error: errorText === null || errorText === '' ? null : maskSecrets(errorText),
  };
}

/**
 * What started a run. Qlik reports a `context` (editor, detail, webhook, api…) and, for runs the
 * scheduler started, a scheduledStartTime.
 */
export function runTrigger(run: RestAutomationRun): string | null {
  if (run.scheduledStartTime) return 'scheduled';
  const context = nonEmpty(run.context);
  if (context === 'editor' || context === 'detail') return 'manual';
  return context;
}

/** The schedule as its recurrence rule ("RRULE:FREQ=DAILY;…"), else its interval; null when unscheduled. */
export function describeSchedule(detail: RestAutomationDetail | null): string | null {
  const schedule = detail?.schedules?.[0];
  if (!schedule) return null;
  const recurrence = Array.isArray(schedule.recurrence) ? schedule.recurrence.join('; ') : (schedule.recurrence ?? '');
  if (recurrence) return recurrence;
  return schedule.interval !== null && schedule.interval !== undefined ? `every ${schedule.interval} minutes` : null;
}

export function mapAutomation(
  automation: RestAutomation,
  detail: RestAutomationDetail | null,
  runs: readonly RestAutomationRun[],
  definition: unknown,
): AutomationRecord {
  const stripped = definition === undefined || definition === null ? null : stripSecretsFromDefinition(definition);
  return {
    id: automation.id,
    name: automation.name,
    description: automation.description ?? '',
    state: automation.state ?? 'available',
    runMode: automation.runMode ?? 'manual',
    schedule: describeSchedule(detail),
    ownerId: nonEmpty(automation.ownerId),
    spaceId: nonEmpty(automation.spaceId),
    lastRunAt: nonEmpty(automation.lastRunAt),
    lastRunStatus: nonEmpty(automation.lastRunStatus),
    createdAt: nonEmpty(automation.createdAt),
    updatedAt: nonEmpty(automation.updatedAt),
    runs: runs.map(mapAutomationRun),
    definition: stripped ? stripped.value : null,
    strippedSecrets: stripped ? stripped.strippedPaths : [],
  };
}
