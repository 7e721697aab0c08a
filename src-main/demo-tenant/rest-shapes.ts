/** The demo model rendered in Qlik Cloud REST v1 shapes (protocol doc §2.3). */
import type {
  DemoApp,
  DemoAutomation,
  DemoCollection,
  DemoDataConnection,
  DemoSpace,
  DemoUser,
  JsonObject,
  TenantModel,
} from './tenant-model';

const appPrivileges = ['read', 'update', 'delete', 'reload', 'export', 'duplicate', 'change_owner', 'change_space', 'exportdata'];

export function userJson(model: TenantModel, user: DemoUser, base: string): JsonObject {
  const isMe = user.id === model.me.id;
  return {
    id: user.id,
    tenantId: model.tenant.tenantId ?? '',
    status: 'active',
    subject: user.subject,
    name: user.name,
    email: user.email,
    assignedRoles: isMe ? [{ id: '605a1c2d7e4f3a2b1c0d9e8f', name: 'TenantAdmin', type: 'default', level: 'admin' }] : [],
    assignedGroups: [],
    assignedScopes: [],
    locale: 'en',
    zoneinfo: 'Europe/Stockholm',
    createdAt: '2024-01-15T08:00:00.000Z',
    lastUpdatedAt: '2025-02-10T12:30:00.000Z',
    links: { self: { href: `${base}/api/v1/users/${user.id}` } },
  };
}

export function spaceJson(model: TenantModel, space: DemoSpace, base: string): JsonObject {
  const r = space.record;
  return {
    id: r.id,
    type: r.type,
    ownerId: r.ownerId ?? '',
    tenantId: model.tenant.tenantId ?? '',
    name: r.name,
    description: r.description,
    meta: {
      actions: ['create', 'delete', 'read', 'update'],
      roles: ['producer'],
      assignableRoles: ['codeveloper', 'consumer', 'dataconsumer', 'facilitator', 'producer'],
    },
    links: { self: { href: `${base}/api/v1/spaces/${r.id}` }, assignments: { href: `${base}/api/v1/spaces/${r.id}/assignments` } },
    createdAt: r.createdAt ?? '',
    createdBy: space.createdBy,
    updatedAt: r.updatedAt ?? '',
  };
}

function subjectOf(model: TenantModel, userId: string | null): string {
  return model.users.find((u) => u.id === userId)?.subject ?? '';
}

/** App attributes as both items.resourceAttributes and apps/{id}.attributes carry them. */
function appAttributes(model: TenantModel, app: DemoApp): JsonObject {
  const r = app.record;
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    usage: r.usage ?? 'ANALYTICS',
    ownerId: r.ownerId ?? '',
    owner: subjectOf(model, r.ownerId),
    spaceId: r.spaceId ?? '',
    createdDate: r.createdDate ?? '',
    modifiedDate: r.modifiedDate ?? '',
    lastReloadTime: r.lastReloadTime ?? '',
    publishTime: r.publishTime ?? '',
    published: r.published,
    originAppId: '',
    thumbnail: r.thumbnailUrl ?? '',
    dynamicColor: '',
    hasSectionAccess: r.hasSectionAccess,
    isDirectQueryMode: r.isDirectQueryMode,
  };
}

export function itemJson(model: TenantModel, app: DemoApp, base: string): JsonObject {
  const r = app.record;
  const collections = model.collections.filter((c) => app.collectionIds.includes(c.record.id));
  const actions = ['read', 'update', 'delete', 'reload'];
  return {
    id: app.itemId,
    name: r.name,
    description: r.description,
    resourceType: 'app',
    resourceSubType: '',
    resourceId: r.id,
    resourceCreatedAt: r.createdDate ?? '',
    resourceUpdatedAt: r.modifiedDate ?? '',
    resourceReloadEndTime: r.lastReloadTime ?? '',
    resourceReloadStatus: app.reloads[0]?.status === 'FAILED' ? 'failed' : 'ok',
    resourceSize: { appFile: r.fileSizeBytes ?? 0, appMemory: r.memoryBytes ?? 0 },
    resourceAttributes: { _resourcetype: 'app', ...appAttributes(model, app) },
    resourceCustomAttributes: null,
    ...(r.spaceId ? { spaceId: r.spaceId } : {}),
    ownerId: r.ownerId ?? '',
    tenantId: model.tenant.tenantId ?? '',
    creatorId: r.ownerId ?? '',
    updaterId: r.ownerId ?? '',
    createdAt: app.itemCreatedAt,
    updatedAt: r.itemUpdatedAt ?? '',
    thumbnailId: '',
    isFavorited: false,
    collectionIds: [...app.collectionIds],
    actions,
    meta: {
      actions,
      tags: r.tags.map((name) => ({ id: tagId(name), name })),
      collections: collections.map((c) => ({ id: c.record.id, name: c.record.name })),
      isFavorited: false,
    },
    links: {
      self: { href: `${base}/api/v1/items/${app.itemId}` },
      open: { href: `${base}/sense/app/${r.id}` },
      ...(r.thumbnailUrl ? { thumbnail: { href: `${base}${r.thumbnailUrl}` } } : {}),
      collections: { href: `${base}/api/v1/items/${app.itemId}/collections` },
    },
  };
}

function tagId(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) >>> 0;
  return h.toString(16).padStart(24, '0');
}

export function appJson(model: TenantModel, app: DemoApp): JsonObject {
  return {
    attributes: { ...appAttributes(model, app), encrypted: true, custom: {} },
    create: [
      { resource: 'sheet', canCreate: true },
      { resource: 'bookmark', canCreate: true },
    ],
    privileges: appPrivileges,
  };
}

export function reloadJson(model: TenantModel, reload: DemoApp['reloads'][number], base: string): JsonObject {
  return {
    id: reload.id,
    appId: reload.appId,
    tenantId: model.tenant.tenantId ?? '',
    userId: reload.userId,
    type: reload.type,
    status: reload.status,
    partial: reload.partial,
    weight: 1,
    creationTime: reload.creationTime,
    startTime: reload.startTime,
    endTime: reload.endTime,
    engineTime: reload.endTime,
    ...(reload.errorCode ? { errorCode: reload.errorCode, errorMessage: reload.errorMessage ?? '' } : {}),
    links: { self: { href: `${base}/api/v1/reloads/${reload.id}` } },
  };
}

export function collectionJson(model: TenantModel, c: DemoCollection, base: string): JsonObject {
  const r = c.record;
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    type: r.type,
    itemCount: r.appIds.length,
    full: false,
    tenantId: model.tenant.tenantId ?? '',
    creatorId: c.creatorId,
    updaterId: c.creatorId,
    createdAt: r.createdAt ?? '',
    updatedAt: r.updatedAt ?? '',
    links: { self: { href: `${base}/api/v1/collections/${r.id}` }, items: { href: `${base}/api/v1/collections/${r.id}/items` } },
  };
}

export function dataConnectionJson(model: TenantModel, c: DemoDataConnection, base: string): JsonObject {
  const r = c.record;
  return {
    qID: r.id,
    qEngineObjectID: r.id,
    qName: r.name,
    qType: r.type,
    qConnectStatement: r.connectStatement,
    qArchitecture: 0,
    qLogOn: 0,
    qSeparateCredentials: r.type !== 'qix-datafiles.exe',
    datasourceID: c.datasourceId,
    ...(r.spaceId ? { space: r.spaceId } : {}),
    user: c.ownerId,
    tenant: model.tenant.tenantId ?? '',
    created: r.createdAt ?? '',
    updated: r.updatedAt ?? '',
    tags: [],
    privileges: ['list', 'read', 'update', 'delete', 'change_owner', 'change_space'],
    links: { self: { href: `${base}/api/v1/data-connections/${r.id}` } },
  };
}

function runContext(trigger: string | null): string {
  return trigger === 'webhook' ? 'webhook' : trigger === 'manual' ? 'editor' : 'detail';
}

export function automationRunJson(a: DemoAutomation, run: DemoAutomation['record']['runs'][number]): JsonObject {
  const duration = run.startTime && run.stopTime ? Math.round((Date.parse(run.stopTime) - Date.parse(run.startTime)) / 1000) : 0;
  return {
    id: run.id,
    status: run.status,
    context: runContext(run.trigger),
    title: '',
    startTime: run.startTime ?? '',
    stopTime: run.stopTime ?? '',
    duration,
    scheduledStartTime: a.record.runMode === 'scheduled' ? (run.startTime ?? '') : null,
    executedById: a.record.ownerId ?? '',
    ownerId: a.record.ownerId ?? '',
    spaceId: a.record.spaceId ?? '',
    isTestRun: false,
    isArchived: false,
    error: run.error,
    createdAt: run.startTime ?? '',
    updatedAt: run.stopTime ?? '',
  };
}

export function automationJson(a: DemoAutomation): JsonObject {
  const r = a.record;
  const last = r.runs[0];
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    state: r.state,
    runMode: r.runMode,
    lastRunStatus: r.lastRunStatus ?? 'not started',
    lastRunAt: r.lastRunAt ?? '',
    duration: last ? (automationRunJson(a, last).duration as number) : 0,
    ownerId: r.ownerId ?? '',
    spaceId: r.spaceId ?? '',
    maxConcurrentRuns: 1,
    connectorIds: [],
    endpointIds: [],
    snippetIds: [],
    createdAt: r.createdAt ?? '',
    updatedAt: r.updatedAt ?? '',
    lastRun: last ? { ...automationRunJson(a, last), executedById: r.ownerId ?? '' } : null,
  };
}

export function automationDetailJson(a: DemoAutomation): JsonObject {
  const r = a.record;
  return {
    ...automationJson(a),
    schedules: r.schedule
      ? [
          {
            id: `${r.id}-schedule`,
            interval: 1440,
            recurrence: [r.schedule],
            startAt: r.createdAt ?? '',
            stopAt: '',
            timezone: 'Europe/Stockholm',
            lastStartedAt: r.lastRunAt ?? '',
            nextRunAt: '',
          },
        ]
      : [],
    workspace: a.rawDefinition,
    executionToken: a.executionToken,
  };
}
