/**
 * The seeded, deterministic demo tenant: spaces, users, data connections, apps (REST-level
 * attributes only; app content is generated lazily by app-content.ts), collections and
 * automations. Same seed and options ⇒ deep-equal model.
 */
import type { AppRecord, SpaceRecord, SpaceType } from '../crawl/records';
import { buildAutomations } from './automations';
import { dataEngineeringSpaceName, domainSpec } from './domains';
import { createRandom, deriveSeed, type Random } from './prng';
import type {
  AppRole,
  DemoApp,
  DemoCollection,
  DemoDataConnection,
  DemoReload,
  DemoSpace,
  DemoUser,
  GenerateOptions,
  TenantModel,
} from './tenant-model';

/** The demo tenant's "now": every generated date lies before it, so real-clock mutations sort after. */
export const demoEpoch = Date.parse('2025-06-01T00:00:00.000Z');
const day = 86_400_000;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

const peopleNames = ['Alex Morgan', 'Sara Holm', 'Jonas Weber', 'Priya Nair', 'Luis Ortega', 'Mei Tanaka', 'Erik Lund'];

function makeUser(rnd: Random, name: string): DemoUser {
  const first = name.split(' ')[0]?.toLowerCase() ?? 'user';
  return { id: rnd.hex(24), name, email: `${first}@acme-demo.example`, subject: `auth0|${rnd.hex(12)}` };
}

const rolesPerDomain: readonly { role: AppRole; variant: number }[] = [
  { role: 'extract', variant: 0 },
  { role: 'transform', variant: 0 },
  { role: 'dashboard', variant: 0 },
  { role: 'dashboard', variant: 1 },
];

export function generateTenant(options: GenerateOptions): TenantModel {
  const seed = options.seed >>> 0;
  const appCount = Math.max(0, Math.floor(options.apps ?? 12));
  const rnd = createRandom(deriveSeed(seed, 'tenant'));
  const me = { ...makeUser(rnd, 'Demo Crawler'), email: 'crawler@acme-demo.example' };
  const users = [me, ...peopleNames.map((n) => makeUser(rnd, n))];
  const pickOwner = (): DemoUser => rnd.pick(users.slice(1));

  const domainCount = Math.ceil(appCount / rolesPerDomain.length);
  const spaces: DemoSpace[] = [];
  const addSpace = (name: string, type: SpaceType, description: string): DemoSpace => {
    const createdAt = demoEpoch - rnd.int(300, 700) * day;
    const owner = pickOwner();
    const record: SpaceRecord = {
      id: rnd.hex(24),
      name,
      type,
      description,
      ownerId: owner.id,
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt + rnd.int(0, 200) * day),
    };
    const space = { record, createdBy: owner.id };
    spaces.push(space);
    return space;
  };
  const dataEngineering = addSpace(dataEngineeringSpaceName, 'shared', 'Extract and transform apps feeding every dashboard.');
  const domainSpaces = new Map<string, DemoSpace>();
  for (let d = 0; d < Math.max(3, domainCount); d++) {
    const spec = domainSpec(d);
    const type: SpaceType = d < 3 && spec.label !== 'HR' ? 'managed' : 'shared';
    domainSpaces.set(spec.spaceName, addSpace(spec.spaceName, type, `${spec.label} dashboards and analysis.`));
  }

  const dataConnections: DemoDataConnection[] = [];
  const addConnection = (name: string, type: string, datasourceId: string, spaceId: string | null, connectStatement: string): void => {
    const created = demoEpoch - rnd.int(200, 600) * day;
    const owner = pickOwner();
    dataConnections.push({
      record: {
        id: rnd.guid(),
        name,
        type,
        spaceId,
        connectStatement,
        createdAt: iso(created),
        updatedAt: iso(created + rnd.int(0, 150) * day),
      },
      ownerId: owner.id,
      datasourceId,
    });
  };
  addConnection(
    'Snowflake_PROD',
    'QvOdbcConnectorPackage.exe',
    'snowflake',
    dataEngineering.record.id,
    'CUSTOM CONNECT TO "provider=QvOdbcConnectorPackage.exe;driver=snowflake;server=acme-demo.snowflakecomputing.com;warehouse=BI_WH;role=QLIK_READER;"',
  );
  for (const space of spaces) {
    addConnection(
      'DataFiles',
      'qix-datafiles.exe',
      'DataFiles',
      space.record.id,
      `CUSTOM CONNECT TO "provider=qix-datafiles.exe;path=${space.record.name}:DataFiles;"`,
    );
  }
  addConnection('DataFiles', 'qix-datafiles.exe', 'DataFiles', null, 'CUSTOM CONNECT TO "provider=qix-datafiles.exe;path=DataFiles;"');

  const apps: DemoApp[] = [];
  for (let index = 0; index < appCount; index++) {
    const domainIndex = Math.floor(index / rolesPerDomain.length);
    const slot = rolesPerDomain[index % rolesPerDomain.length] as { role: AppRole; variant: number };
    const spec = domainSpec(domainIndex);
    const isPersonal = domainIndex === 2 && slot.role === 'dashboard' && slot.variant === 1;
    const space = slot.role === 'dashboard' ? domainSpaces.get(spec.spaceName) : dataEngineering;
    apps.push(
      makeApp(rnd, {
        index,
        domainIndex,
        role: slot.role,
        variant: slot.variant,
        name:
          slot.role === 'extract'
            ? `${spec.label} Extract`
            : slot.role === 'transform'
              ? `${spec.label} Transform`
              : spec.dashboards[slot.variant as 0 | 1].name,
        description:
          slot.role === 'extract'
            ? `Copies the ${spec.label} warehouse tables to raw QVDs.`
            : slot.role === 'transform'
              ? `Cleans and joins the raw ${spec.label} QVDs into analysis-ready QVDs.`
              : spec.dashboards[slot.variant as 0 | 1].description,
        space: isPersonal ? null : (space ?? null),
        owner: isPersonal ? me : pickOwner(),
        tags: [spec.key, slot.role],
        hasSectionAccess: spec.label === 'HR' && slot.role === 'dashboard' && slot.variant === 0,
      }),
    );
  }

  const collections: DemoCollection[] = [];
  const addCollection = (name: string, description: string, type: string, members: readonly DemoApp[]): void => {
    const created = demoEpoch - rnd.int(30, 200) * day;
    const id = rnd.hex(24);
    collections.push({
      record: {
        id,
        name,
        description,
        type,
        appIds: members.map((a) => a.record.id),
        createdAt: iso(created),
        updatedAt: iso(created + rnd.int(0, 25) * day),
      },
      creatorId: me.id,
    });
    for (const member of members) {
      const at = apps.indexOf(member);
      apps[at] = { ...member, collectionIds: [...member.collectionIds, id] };
    }
  };
  addCollection(
    'Executive',
    'Board pack dashboards',
    'public',
    apps.filter((a) => a.role === 'dashboard' && a.variant === 0 && a.domainIndex < 3),
  );
  addCollection(
    'Data pipeline',
    'Extract and transform apps to watch after each release',
    'private',
    apps.filter((a) => a.role !== 'dashboard' && a.domainIndex < 3),
  );

  const automations = buildAutomations({ rnd, ownerId: me.id, spaceId: dataEngineering.record.id, apps, now: demoEpoch });

  return {
    seed,
    options: { ...options, seed, apps: appCount },
    tenant: { url: '', kind: 'demo', tenantId: rnd.shortId(32), userId: me.id, userName: me.name },
    tenantName: 'acme-demo',
    me,
    users,
    spaces,
    dataConnections,
    apps,
    collections,
    automations,
  };
}

interface AppSpec {
  readonly index: number;
  readonly domainIndex: number;
  readonly role: AppRole;
  readonly variant: number;
  readonly name: string;
  readonly description: string;
  readonly space: DemoSpace | null;
  readonly owner: DemoUser;
  readonly tags: readonly string[];
  readonly hasSectionAccess: boolean;
}

function makeApp(rnd: Random, spec: AppSpec): DemoApp {
  const id = rnd.guid();
  const created = demoEpoch - rnd.int(150, 500) * day - rnd.int(0, 86_399) * 1000;
  const modified = created + rnd.int(10, 120) * day + rnd.int(0, 86_399) * 1000;
  // Extracts reload first each night, then transforms, then dashboards.
  const lastReload =
    demoEpoch - day + (2 * 60 + ['extract', 'transform', 'dashboard'].indexOf(spec.role) * 20) * 60_000 + rnd.int(0, 599) * 1000;
  const metadataEdited = rnd.next() < 0.25;
  const itemUpdated = Math.max(modified, lastReload) + (metadataEdited ? rnd.int(1, 3) * 3_600_000 : 0);
  const isPublished = spec.space?.record.type === 'managed';
  const fileSize = rnd.int(2, 60) * 1_048_576 + rnd.int(0, 1_048_575);
  const record: AppRecord = {
    id,
    name: spec.name,
    description: spec.description,
    spaceId: spec.space?.record.id ?? null,
    ownerId: spec.owner.id,
    ownerName: spec.owner.name,
    createdDate: iso(created),
    modifiedDate: iso(modified),
    lastReloadTime: iso(lastReload),
    itemUpdatedAt: iso(itemUpdated),
    publishTime: isPublished ? iso(modified + 3_600_000) : null,
    published: isPublished,
    usage: spec.role === 'dashboard' ? 'ANALYTICS' : 'DATA_PREPARATION',
    hasSectionAccess: spec.hasSectionAccess,
    isDirectQueryMode: false,
    tags: [...spec.tags],
    fileSizeBytes: fileSize,
    memoryBytes: fileSize * 3,
    thumbnailUrl: spec.role === 'dashboard' ? `/api/v1/apps/${id}/media/thumbnail` : null,
  };
  return {
    index: spec.index,
    record,
    itemId: rnd.hex(24),
    role: spec.role,
    domainIndex: spec.domainIndex,
    variant: spec.variant,
    revision: 0,
    itemCreatedAt: iso(created + 1000),
    reloads: makeReloads(rnd, id, spec.owner.id, lastReload, spec.role === 'transform' && spec.domainIndex === 1),
    collectionIds: [],
  };
}

function makeReloads(rnd: Random, appId: string, userId: string, lastReload: number, hasFailure: boolean): DemoReload[] {
  return [0, 1, 2].map((daysBack) => {
    const end = lastReload - daysBack * day;
    const start = end - rnd.int(20, 900) * 1000;
    const failed = hasFailure && daysBack === 2;
    return {
      id: rnd.hex(24),
      appId,
      userId,
      type: 'chronos',
      status: failed ? 'FAILED' : 'SUCCEEDED',
      partial: false,
      creationTime: iso(start - 1000),
      startTime: iso(start),
      endTime: iso(end),
      ...(failed ? { errorCode: 'ReloadFailed', errorMessage: 'Connector reply error: warehouse BI_WH is suspended.' } : {}),
    };
  });
}
