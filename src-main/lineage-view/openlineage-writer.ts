/**
 * OpenLineage run events (https://openlineage.io/spec/2-0-2/OpenLineage.json), one JSON line per
 * app: the app's reload is the job, the files/QVDs/database tables its tables read are the inputs
 * and the QVDs/files it STOREs the outputs. Namespaces come from the tenant URL, so two tenants'
 * events never collide in the receiving catalog.
 */
import { createHash } from 'node:crypto';
import type { LineageNode } from '../lineage/graph-model';
import { appVersion } from '../version';
import type { IndexedGraph } from './graph-selection';

export const openLineageSchemaUrl = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
export const openLineageProducer = `https://github.com/qlik-metadata-explorer/qlik-metadata-explorer/tree/v${appVersion}`;
const facetSchema = (name: string): string => `https://openlineage.io/spec/facets/1-0-1/${name}.json#/$defs/${name}`;

export interface OpenLineageDataset {
  readonly namespace: string;
  readonly name: string;
}

export interface OpenLineageRunEvent {
  readonly eventType: 'COMPLETE';
  readonly eventTime: string;
  readonly run: { readonly runId: string };
  readonly job: { readonly namespace: string; readonly name: string; readonly facets: Record<string, unknown> };
  readonly inputs: readonly OpenLineageDataset[];
  readonly outputs: readonly OpenLineageDataset[];
  readonly producer: string;
  readonly schemaURL: string;
}

export interface OpenLineageContext {
  readonly tenantUrl: string;
  readonly snapshotId: number;
  /** When the crawl finished: the time the reloads are known to have happened by. */
  readonly eventTime: string;
  readonly appLabels: ReadonlyMap<string, string>;
}

const datasetKinds = new Set(['db-table', 'qvd', 'file', 'rest-endpoint']);

/**
 * Events for the apps in `appIds` (all apps of the graph when absent), in app id order.
 * `graph` is the field-level graph: reads/stores edges meet app tables there.
 */
export function openLineageEvents(graph: IndexedGraph, context: OpenLineageContext, appIds?: ReadonlySet<string>): OpenLineageRunEvent[] {
  const namespace = tenantNamespace(context.tenantUrl);
  const jobs = new Map<string, { inputs: Map<string, OpenLineageDataset>; outputs: Map<string, OpenLineageDataset> }>();
  const jobOf = (appId: string) => {
    let job = jobs.get(appId);
    if (!job) jobs.set(appId, (job = { inputs: new Map(), outputs: new Map() }));
    return job;
  };
  for (const edge of graph.graph.edges) {
    const from = graph.nodes.get(edge.from);
    const to = graph.nodes.get(edge.to);
    if (!from || !to) continue;
    if (edge.kind === 'reads' && datasetKinds.has(from.kind) && to.appId !== null && (!appIds || appIds.has(to.appId))) {
      const d = datasetOf(from, namespace);
      jobOf(to.appId).inputs.set(`${d.namespace} ${d.name}`, d);
    }
    if (edge.kind === 'stores' && datasetKinds.has(to.kind) && from.appId !== null && (!appIds || appIds.has(from.appId))) {
      const d = datasetOf(to, namespace);
      jobOf(from.appId).outputs.set(`${d.namespace} ${d.name}`, d);
    }
  }
  return [...jobs.keys()].sort().map((appId) => {
    const job = jobs.get(appId) as { inputs: Map<string, OpenLineageDataset>; outputs: Map<string, OpenLineageDataset> };
    const title = context.appLabels.get(appId) ?? appId;
    return {
      eventType: 'COMPLETE',
      eventTime: context.eventTime,
      run: { runId: deterministicUuid(`${context.tenantUrl}\u0000${context.snapshotId}\u0000${appId}`) },
      job: {
        namespace,
        name: `apps/${appId}`,
        facets: {
          jobType: {
            _producer: openLineageProducer,
            _schemaURL: facetSchema('JobTypeJobFacet'),
            processingType: 'BATCH',
            integration: 'QLIK',
            jobType: 'APP_RELOAD',
          },
          documentation: { _producer: openLineageProducer, _schemaURL: facetSchema('DocumentationJobFacet'), description: title },
        },
      },
      inputs: sortDatasets(job.inputs),
      outputs: sortDatasets(job.outputs),
      producer: openLineageProducer,
      schemaURL: openLineageSchemaUrl,
    };
  });
}

export function writeOpenLineage(events: readonly OpenLineageRunEvent[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n') + (events.length > 0 ? '\n' : '');
}

/** The tenant's origin ("https://acme.eu.qlikcloud.com"), or the text given when it is no URL. */
function tenantNamespace(tenantUrl: string): string {
  try {
    return new URL(tenantUrl).origin;
  } catch {
    return tenantUrl || 'qlik://unknown-tenant';
  }
}

function datasetOf(node: LineageNode, namespace: string): OpenLineageDataset {
  switch (node.kind) {
    case 'db-table': {
      // db:<connection>:<schema.table>
      const rest = node.id.slice('db:'.length);
      const cut = rest.indexOf(':');
      const connection = cut >= 0 ? rest.slice(0, cut) : 'unknown';
      return { namespace: `${namespace}/data-connections/${connection}`, name: cut >= 0 ? rest.slice(cut + 1) : rest };
    }
    case 'qvd':
    case 'file':
      return { namespace, name: node.path };
    default:
      return { namespace, name: node.label };
  }
}

function sortDatasets(map: ReadonlyMap<string, OpenLineageDataset>): OpenLineageDataset[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
}

/** A UUID (version 5 layout) from a name, so re-exporting a snapshot gives the same run ids. */
export function deterministicUuid(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
