/** The lineage screen's state in its URL (`/lineage?node=…&dir=both&depth=2`), so views can be linked. */
import { lineageNodeKinds, type LineageNodeKind } from '../../../src-main/lineage/graph-model';
import type { LineageDirection, LineageLevel } from '../../../src-main/lineage-view/view-model';

export interface SnapshotArgs {
  readonly connectionId?: string;
  readonly snapshotId?: number;
}

export interface LineageParams {
  readonly node: string | null;
  readonly direction: LineageDirection;
  readonly depth: number;
  readonly level: LineageLevel;
  readonly groupByApp: boolean;
  readonly kinds: readonly LineageNodeKind[];
  readonly mode: 'explore' | 'impact';
  readonly maxNodes: number;
  readonly snapshot: SnapshotArgs;
}

export const maxDepth = 12;

export function readLineageParams(search: URLSearchParams): LineageParams {
  const dir = search.get('dir');
  const depth = Number(search.get('depth') ?? '2');
  const max = Number(search.get('max') ?? '1500');
  const snapshotId = Number(search.get('snapshot'));
  const connectionId = search.get('connection');
  return {
    node: search.get('node') || null,
    direction: dir === 'up' || dir === 'down' ? dir : 'both',
    depth: Number.isInteger(depth) ? Math.min(Math.max(depth, 1), maxDepth) : 2,
    level: search.get('level') === 'field' ? 'field' : 'table',
    groupByApp: search.get('group') === '1',
    kinds: (search.get('kinds') ?? '').split(',').filter((k): k is LineageNodeKind => (lineageNodeKinds as readonly string[]).includes(k)),
    mode: search.get('mode') === 'impact' ? 'impact' : 'explore',
    maxNodes: Number.isInteger(max) ? Math.min(Math.max(max, 10), 20_000) : 1500,
    snapshot: {
      ...(connectionId ? { connectionId } : {}),
      ...(Number.isInteger(snapshotId) && snapshotId > 0 ? { snapshotId } : {}),
    },
  };
}

/** Writes only what differs from the defaults, keeping links short. */
export function writeLineageParams(params: LineageParams): URLSearchParams {
  const out = new URLSearchParams();
  if (params.node) out.set('node', params.node);
  out.set('dir', params.direction);
  out.set('depth', String(params.depth));
  if (params.level !== 'table') out.set('level', params.level);
  if (params.groupByApp) out.set('group', '1');
  if (params.kinds.length > 0) out.set('kinds', params.kinds.join(','));
  if (params.mode !== 'explore') out.set('mode', params.mode);
  if (params.maxNodes !== 1500) out.set('max', String(params.maxNodes));
  if (params.snapshot.connectionId) out.set('connection', params.snapshot.connectionId);
  if (params.snapshot.snapshotId) out.set('snapshot', String(params.snapshot.snapshotId));
  return out;
}
