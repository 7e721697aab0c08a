/**
 * The three demo automations and their definitions. Qlik Automate publishes no schema for the
 * `workspace` (definition) document, so the shape here is our plausible model of it — blocks
 * with ids, types, inputs, settings and a `childId` chain — documented in docs/demo-tenant.md.
 */
import type { AutomationRecord, AutomationRunRecord } from '../crawl/records';
import type { Random } from './prng';
import type { DemoApp, DemoAutomation, JsonObject, JsonValue } from './tenant-model';

const qlikCloudConnectorId = '61a87510-c7a3-11ea-95da-0fb0c241e75c';
const slackConnectorId = 'c2a4f3e0-1b7d-11eb-8c8a-5f2e0d6c9a41';
const httpConnectorId = '8f1b2c3d-9e0a-11ec-b909-0242ac120002';

export const nightlySchedule = 'RRULE:FREQ=DAILY;BYHOUR=2;BYMINUTE=0;BYSECOND=0';

interface AutomationInput {
  readonly rnd: Random;
  readonly ownerId: string;
  readonly spaceId: string | null;
  readonly apps: readonly DemoApp[];
  readonly now: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function block(rnd: Random, type: string, name: string, displayName: string, extra: JsonObject): JsonObject {
  return {
    id: rnd.guid(),
    type,
    disabled: false,
    name,
    displayName,
    comment: '',
    childId: null,
    inputs: [],
    settings: [],
    x: 0,
    y: 0,
    ...extra,
  };
}

/** Links blocks into Qlik Automate's execution chain (`childId`) and lays them out top to bottom. */
function chain(blocks: JsonObject[]): JsonObject[] {
  return blocks.map((b, i) => ({ ...b, childId: (blocks[i + 1]?.id as string | undefined) ?? null, y: i * 120 }));
}

function doReload(rnd: Random, app: DemoApp): JsonObject {
  return block(rnd, 'EndpointBlock', 'doReload', 'Qlik Cloud Services - Do Reload', {
    connectorId: qlikCloudConnectorId,
    endpointId: rnd.guid(),
    inputs: [
      { id: 'appId', value: app.record.id, displayValue: app.record.name, type: 'string' },
      { id: 'partial', value: false, type: 'checkbox' },
    ],
    settings: [
      { id: 'blendr_on_error', value: 'stop', type: 'select' },
      { id: 'automations_censor_data', value: false, type: 'checkbox' },
    ],
  });
}

function runs(rnd: Random, now: number, trigger: string, context: string, count: number, failAt: number | null): AutomationRunRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const start = now - (i + 1) * 86_400_000 + 2 * 3_600_000 + rnd.int(0, 59) * 1000;
    const failed = i === failAt;
    return {
      id: rnd.guid(),
      status: failed ? 'failed' : 'finished',
      startTime: iso(start),
      stopTime: iso(start + rnd.int(20, 300) * 1000),
      trigger,
      error: failed ? `Block "${context}" failed: the app reload did not finish within 30 minutes.` : null,
    };
  });
}

/** Replaces each secret with null; the paths are JSON pointers into the definition. */
export function stripSecrets(definition: JsonObject, paths: readonly string[]): JsonObject {
  const copy = JSON.parse(JSON.stringify(definition)) as JsonObject;
  for (const path of paths) {
    const parts = path.split('/').slice(1);
    const last = parts.pop();
    let node: JsonValue = copy;
    for (const p of parts) node = (node as Record<string, JsonValue>)[p] ?? null;
    if (node !== null && typeof node === 'object' && last !== undefined) (node as Record<string, JsonValue>)[last] = null;
  }
  return copy;
}

function automation(
  input: AutomationInput,
  spec: { name: string; description: string; runMode: string; schedule: string | null; trigger: string; failAt: number | null },
  definition: JsonObject,
  secretPaths: readonly string[],
): DemoAutomation {
  const { rnd, now } = input;
  const createdAt = iso(now - rnd.int(120, 300) * 86_400_000);
  const updatedAt = iso(now - rnd.int(5, 60) * 86_400_000);
  const runList = runs(rnd, now, spec.trigger, spec.name, 4, spec.failAt);
  const last = runList[0];
  const record: AutomationRecord = {
    id: rnd.guid(),
    name: spec.name,
    description: spec.description,
    state: 'available',
    runMode: spec.runMode,
    schedule: spec.schedule,
    ownerId: input.ownerId,
    spaceId: input.spaceId,
    lastRunAt: last?.startTime ?? null,
    lastRunStatus: last?.status ?? null,
    createdAt,
    updatedAt,
    runs: runList,
    definition: stripSecrets(definition, secretPaths),
    strippedSecrets: [...secretPaths],
  };
  return { record, rawDefinition: definition, executionToken: rnd.hex(40) };
}

export function buildAutomations(input: AutomationInput): DemoAutomation[] {
  const { rnd, apps } = input;
  const transform = apps.find((a) => a.role === 'transform');
  const dashboards = apps.filter((a) => a.role === 'dashboard' && a.domainIndex === (transform?.domainIndex ?? 0));
  const chainApps = [transform, ...dashboards].filter((a): a is DemoApp => a !== undefined);
  const nightly = {
    blocks: chain([
      block(rnd, 'StartBlock', 'Start', 'Start', { settings: [{ id: 'run_mode', value: 'scheduled', type: 'select' }] }),
      ...chainApps.map((a) => doReload(rnd, a)),
    ]),
    variables: [],
  };
  const webhookBlocks = chain([
    block(rnd, 'StartBlock', 'Start', 'Start', {
      settings: [
        { id: 'run_mode', value: 'webhook', type: 'select' },
        { id: 'webhook_event', value: 'file.created', type: 'string' },
      ],
    }),
    block(rnd, 'EndpointBlock', 'callUrl', 'HTTP - Call URL', {
      connectorId: httpConnectorId,
      endpointId: rnd.guid(),
      inputs: [
        { id: 'url', value: 'https://hooks.example.com/qlik/refresh', type: 'string' },
        { id: 'apiKey', value: `demo-secret-${rnd.hex(24)}`, type: 'password' },
      ],
    }),
    block(rnd, 'EndpointBlock', 'sendMessage', 'Slack - Send Message', {
      connectorId: slackConnectorId,
      endpointId: rnd.guid(),
      inputs: [
        { id: 'channel', value: '#bi-alerts', type: 'string' },
        { id: 'text', value: 'New raw file arrived; refresh requested.', type: 'string' },
      ],
      connection: { id: rnd.guid(), name: 'Slack (bi-bot)', accessToken: `xoxb-demo-${rnd.hex(32)}` },
    }),
  ]);
  const manualBlocks = chain([
    block(rnd, 'StartBlock', 'Start', 'Start', { settings: [{ id: 'run_mode', value: 'manual', type: 'select' }] }),
    block(rnd, 'EndpointBlock', 'listItems', 'Qlik Cloud Services - List Items', {
      connectorId: qlikCloudConnectorId,
      endpointId: rnd.guid(),
      inputs: [{ id: 'resourceType', value: 'app', type: 'string' }],
    }),
    block(rnd, 'LoopBlock', 'loop', 'Loop', { inputs: [{ id: 'list', value: '{$.listItems}', type: 'string' }] }),
  ]);
  const built = [
    automation(
      input,
      {
        name: 'Nightly reload chain',
        description: 'Reloads the transform app, then its dashboards.',
        runMode: 'scheduled',
        schedule: nightlySchedule,
        trigger: 'scheduled',
        failAt: 2,
      },
      nightly,
      [],
    ),
    automation(
      input,
      {
        name: 'Refresh on new file',
        description: 'Webhook from the file drop; notifies #bi-alerts.',
        runMode: 'webhook',
        schedule: null,
        trigger: 'webhook',
        failAt: 1,
      },
      { blocks: webhookBlocks, variables: [] },
      ['/blocks/1/inputs/1/value', '/blocks/2/connection/accessToken'],
    ),
    automation(
      input,
      {
        name: 'Export app inventory',
        description: 'Run by hand before audits.',
        runMode: 'manual',
        schedule: null,
        trigger: 'manual',
        failAt: null,
      },
      { blocks: manualBlocks, variables: [{ name: 'inventory', type: 'list' }] },
      [],
    ),
  ];
  const [nightlyReload, onNewFile] = built;
  return nightlyReload && onNewFile ? [nightlyReload, withRunAutomation(onNewFile, nightlyReload), ...built.slice(2)] : built;
}

/**
 * The webhook automation ends by starting the nightly chain ("Run Automation" block), so the demo
 * has an automation chain. Ids derive from the existing ones rather than the random stream, so
 * adding this block changes nothing else in the generated tenant.
 */
function withRunAutomation(caller: DemoAutomation, callee: DemoAutomation): DemoAutomation {
  const runBlock: JsonObject = {
    id: `${caller.record.id.slice(0, 24)}${'0'.repeat(11)}1`,
    type: 'EndpointBlock',
    disabled: false,
    name: 'runAutomation',
    displayName: 'Qlik Cloud Services - Run Automation',
    comment: '',
    childId: null,
    connectorId: qlikCloudConnectorId,
    inputs: [{ id: 'automationId', value: callee.record.id, displayValue: callee.record.name, type: 'string' }],
    settings: [],
    x: 0,
    y: 0,
  };
  const append = (definition: JsonObject): JsonObject => {
    const blocks = (definition['blocks'] as JsonObject[] | undefined) ?? [];
    const last = blocks[blocks.length - 1];
    const linked = blocks.map((b) => (b === last ? { ...b, childId: runBlock['id'] as string } : b));
    return { ...definition, blocks: [...linked, { ...runBlock, y: blocks.length * 120 }] };
  };
  return {
    ...caller,
    rawDefinition: append(caller.rawDefinition),
    record: { ...caller.record, definition: append(caller.record.definition as JsonObject) },
  };
}
