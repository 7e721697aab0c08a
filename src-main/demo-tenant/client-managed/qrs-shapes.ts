/**
 * The cloud generator's model served as QRS entities (qlik-protocol.md §3.2): spaces become
 * streams (same ids, so a crawl of either deployment yields the same catalog), apps outside a
 * space are unpublished (the owner's "My work"), each extract/transform app gets a reload task
 * with a schema (time) trigger, each dashboard a task triggered when its transform app succeeds.
 */
import { createHash } from 'node:crypto';
import { appContent } from '../app-content';
import type { DemoApp, DemoUser, JsonObject, TenantModel } from '../tenant-model';

export const DEMO_USER_DIRECTORY = 'ACME';
/** QRS writes this for dates never set (qlik-protocol.md §3.2). */
export const UNSET_DATE = '1753-01-01T00:00:00.000Z';
/** The data connection password the simulator serves: a canary that must never reach a catalog. */
export const DEMO_CONNECTION_PASSWORD = 'qrs-canary-Pa55w0rd-91c2';

export function userIdOf(user: DemoUser): string {
  return user.email.split('@')[0] ?? user.id;
}

/** A stable GUID derived from a label: QRS ids are GUIDs even where the cloud model has none. */
export function guidOf(label: string): string {
  const h = createHash('sha256').update(label).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function ownerJson(model: TenantModel, userId: string | null): JsonObject {
  const user = model.users.find((u) => u.id === userId) ?? model.me;
  return {
    id: user.id,
    userId: userIdOf(user),
    userDirectory: DEMO_USER_DIRECTORY,
    userDirectoryConnectorName: DEMO_USER_DIRECTORY,
    name: user.name,
    privileges: null,
  };
}

export function aboutJson(): JsonObject {
  return {
    buildVersion: '38.22.2.0',
    buildDate: '11/14/2024 10:00:00 AM',
    databaseProvider: 'Devart.Data.PostgreSql',
    nodeType: 1,
    sharedPersistence: true,
    requiresBootstrap: false,
    singleNodeOnly: false,
    schemaPath: 'About',
  };
}

export function streamJson(model: TenantModel, space: TenantModel['spaces'][number]): JsonObject {
  const r = space.record;
  return {
    id: r.id,
    createdDate: r.createdAt ?? UNSET_DATE,
    modifiedDate: r.updatedAt ?? UNSET_DATE,
    modifiedByUserName: `${DEMO_USER_DIRECTORY}\\${userIdOf(model.me)}`,
    schemaPath: 'Stream',
    privileges: null,
    customProperties: [],
    owner: ownerJson(model, r.ownerId),
    name: r.name,
    tags: [],
  };
}

function condensedApp(app: DemoApp): JsonObject {
  return {
    id: app.record.id,
    name: app.record.name,
    appId: '',
    publishTime: app.record.publishTime ?? UNSET_DATE,
    published: app.record.spaceId !== null,
    stream: null,
    savedInProductVersion: '12.2027.0',
    migrationHash: '',
    availabilityStatus: 1,
    privileges: null,
  };
}

export function appJson(model: TenantModel, app: DemoApp): JsonObject {
  const r = app.record;
  const space = model.spaces.find((s) => s.record.id === r.spaceId);
  return {
    id: r.id,
    createdDate: r.createdDate ?? UNSET_DATE,
    modifiedDate: r.modifiedDate ?? UNSET_DATE,
    modifiedByUserName: `${DEMO_USER_DIRECTORY}\\${userIdOf(model.me)}`,
    customProperties: [
      {
        id: guidOf(`cp:${r.id}`),
        value: app.role === 'dashboard' ? 'Certified' : 'Pipeline',
        definition: {
          id: guidOf('cpdef:Lifecycle'),
          name: 'Lifecycle',
          valueType: 'Text',
          choiceValues: ['Certified', 'Pipeline'],
          privileges: null,
        },
        schemaPath: 'CustomPropertyValue',
      },
    ],
    owner: ownerJson(model, r.ownerId),
    name: r.name,
    appId: '',
    sourceAppId: '00000000-0000-0000-0000-000000000000',
    targetAppId: '00000000-0000-0000-0000-000000000000',
    publishTime: space ? (r.publishTime ?? r.modifiedDate ?? UNSET_DATE) : UNSET_DATE,
    published: space !== undefined,
    tags: r.tags.map((name) => ({ id: guidOf(`tag:${name}`), name, privileges: null })),
    description: r.description,
    stream: space ? { id: space.record.id, name: space.record.name, privileges: null } : null,
    fileSize: r.fileSizeBytes ?? 0,
    lastReloadTime: r.lastReloadTime ?? UNSET_DATE,
    thumbnail: r.thumbnailUrl ? `/appcontent/${r.id}/cover.png` : '',
    savedInProductVersion: '12.2027.0',
    migrationHash: '64d115e925e2167bba72939c2d8a80e6beef4a56',
    dynamicColor: '',
    availabilityStatus: 1,
    lastDataDistribution: UNSET_DATE,
    privileges: null,
    schemaPath: 'App',
  };
}

/** Sheets as repository entities (`/qrs/app/object/full`); the engine holds their content. */
export function appObjectsJson(model: TenantModel, app: DemoApp): JsonObject[] {
  return appContent(model, app).truth.sheets.map((sheet) => ({
    id: guidOf(`obj:${app.record.id}:${sheet.id}`),
    createdDate: sheet.createdDate ?? UNSET_DATE,
    modifiedDate: sheet.modifiedDate ?? UNSET_DATE,
    owner: ownerJson(model, sheet.ownerId),
    name: sheet.title,
    engineObjectId: sheet.id,
    app: condensedApp(app),
    contentHash: '',
    engineObjectType: 'sheet',
    description: sheet.description,
    objectType: 'sheet',
    publishTime: UNSET_DATE,
    published: sheet.published,
    approved: sheet.approved,
    tags: [],
    privileges: null,
    schemaPath: 'App.Object',
  }));
}

export function dataConnectionJson(model: TenantModel, c: TenantModel['dataConnections'][number]): JsonObject {
  const r = c.record;
  const space = model.spaces.find((s) => s.record.id === r.spaceId);
  const isOdbc = r.type.startsWith('QvOdbc');
  return {
    id: r.id,
    createdDate: r.createdAt ?? UNSET_DATE,
    modifiedDate: r.updatedAt ?? UNSET_DATE,
    owner: ownerJson(model, c.ownerId),
    name: space ? `${space.record.name}:${r.name}` : r.name,
    connectionstring: isOdbc
      ? `CUSTOM CONNECT TO "provider=QvOdbcConnectorPackage.exe;driver=snowflake;server=acme-demo.snowflakecomputing.com;warehouse=BI_WH;role=QLIK_READER;password=${DEMO_CONNECTION_PASSWORD};"`
      : `\\\\fileserver\\qlik\\${space ? space.record.name : 'Shared'}\\DataFiles\\`,
    type: isOdbc ? 'QvOdbcConnectorPackage.exe' : 'folder',
    engineObjectId: r.id,
    username: isOdbc ? 'QLIK_READER' : '',
    password: isOdbc ? DEMO_CONNECTION_PASSWORD : '',
    logOn: 0,
    architecture: 0,
    tags: [],
    customProperties: [],
    privileges: null,
    schemaPath: 'DataConnection',
  };
}

function taskId(app: DemoApp): string {
  return guidOf(`task:${app.record.id}`);
}

export function reloadTaskJson(model: TenantModel, app: DemoApp): JsonObject {
  const last = app.reloads[0];
  const status = last ? (last.status === 'SUCCEEDED' ? 7 : 8) : 0; // 7 FinishedSuccess, 8 FinishedFail
  return {
    id: taskId(app),
    createdDate: app.record.createdDate ?? UNSET_DATE,
    modifiedDate: app.record.modifiedDate ?? UNSET_DATE,
    name: `Reload ${app.record.name}`,
    taskType: 0,
    enabled: true,
    taskSessionTimeout: 1440,
    maxRetries: 0,
    isManuallyTriggered: false,
    app: condensedApp(app),
    operational: {
      id: guidOf(`op:${app.record.id}`),
      lastExecutionResult: {
        id: guidOf(`exec:${app.record.id}`),
        status,
        startTime: last?.startTime ?? UNSET_DATE,
        stopTime: last?.endTime ?? UNSET_DATE,
        duration: last ? Date.parse(last.endTime) - Date.parse(last.startTime) : 0,
        details: last?.errorMessage ? [{ detailsType: 2, message: last.errorMessage, detailCreatedDate: last.endTime }] : [],
      },
      nextExecution: UNSET_DATE,
    },
    tags: [],
    customProperties: [],
    privileges: null,
    schemaPath: 'ReloadTask',
  };
}

/** Time triggers of extract apps (daily at 02:00). */
export function schemaEventsJson(model: TenantModel): JsonObject[] {
  return model.apps
    .filter((a) => a.role === 'extract')
    .map((app) => ({
      id: guidOf(`schema:${app.record.id}`),
      name: 'Nightly',
      enabled: true,
      eventType: 0,
      reloadTask: { id: taskId(app), name: `Reload ${app.record.name}` },
      timeZone: 'Europe/Amsterdam',
      daylightSavingTime: 0,
      startDate: '2024-01-01T02:00:00.000Z',
      expirationDate: '9999-01-01T00:00:00.000Z',
      schemaFilterDescription: ['* * - * * * * *'],
      incrementDescription: '0 0 1 0',
      incrementOption: 2,
      privileges: null,
      schemaPath: 'SchemaEvent',
    }));
}

/** Task chains: transform after its extract, each dashboard after its transform. */
export function compositeEventsJson(model: TenantModel): JsonObject[] {
  const events: JsonObject[] = [];
  for (const app of model.apps) {
    const upstreamRole = app.role === 'transform' ? 'extract' : app.role === 'dashboard' ? 'transform' : null;
    const upstream = upstreamRole ? model.apps.find((a) => a.domainIndex === app.domainIndex && a.role === upstreamRole) : undefined;
    if (!upstream) continue;
    events.push({
      id: guidOf(`composite:${app.record.id}`),
      name: `After ${upstream.record.name}`,
      enabled: true,
      eventType: 1,
      reloadTask: { id: taskId(app), name: `Reload ${app.record.name}` },
      compositeRules: [
        { id: guidOf(`rule:${app.record.id}`), ruleState: 1, reloadTask: { id: taskId(upstream), name: `Reload ${upstream.record.name}` } },
      ],
      timeConstraint: { days: 0, hours: 0, minutes: 360, seconds: 0 },
      privileges: null,
      schemaPath: 'CompositeEvent',
    });
  }
  return events;
}
