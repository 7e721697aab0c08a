/**
 * Where each catalog entity lives in the app's routes. Every link between entities goes through
 * here, so a route change is one edit.
 */
import { nodeId } from '../../../src-main/lineage/graph-model';

const seg = encodeURIComponent;

/** The personal space has no id in Qlik; the route uses this word instead. */
export const personalSpaceKey = 'personal';

export type AppTab = 'sheets' | 'master-items' | 'variables' | 'bookmarks' | 'data-model' | 'script' | 'connections';

export const catalogPaths = {
  home: () => '/catalog',
  space: (spaceId: string | null) => `/catalog/space/${seg(spaceId ?? personalSpaceKey)}`,
  collection: (collectionId: string) => `/catalog/collection/${seg(collectionId)}`,
  dataConnections: () => '/catalog/data-connections',
  automations: () => '/automations',
  automation: (automationId: string) => `/automations/${seg(automationId)}`,
  app: (appId: string, tab?: AppTab) => `/catalog/app/${seg(appId)}${tab ? `/${tab}` : ''}`,
  sheet: (appId: string, sheetId: string) => `/catalog/app/${seg(appId)}/sheet/${seg(sheetId)}`,
  object: (appId: string, objectId: string) => `/catalog/app/${seg(appId)}/object/${seg(objectId)}`,
  masterItem: (appId: string, itemId: string) => `/catalog/app/${seg(appId)}/master-item/${seg(itemId)}`,
  variable: (appId: string, variableId: string) => `/catalog/app/${seg(appId)}/variable/${seg(variableId)}`,
  field: (appId: string, fieldName: string) => `/catalog/app/${seg(appId)}/field/${seg(fieldName)}`,
  table: (appId: string, tableName: string) => `/catalog/app/${seg(appId)}/data-model#table-${seg(tableName)}`,
  /** The script opened at a line range (lineage evidence links here). */
  script: (appId: string, lines?: { start: number; end?: number }) => {
    const base = `/catalog/app/${seg(appId)}/script`;
    if (!lines) return base;
    return `${base}?line=${lines.start}${lines.end !== undefined && lines.end !== lines.start ? `&end=${lines.end}` : ''}`;
  },
  search: (text: string) => `/search?q=${seg(text)}`,
} as const;

/** Lineage node ids as src-main/lineage builds them, so a link lands on the same node. */
export const lineageNodes = nodeId;

export function lineagePath(node: string): string {
  return `/lineage?node=${seg(node)}`;
}
