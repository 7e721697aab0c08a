/**
 * The selected node (or edge): what it is, where it lives in the catalog, the edges in and out
 * with the script lines that created them, and the actions on it.
 */
import { Anchor, Badge, Button, Code, Divider, Group, Loader, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { LineageEvidence } from '../../../src-main/lineage/graph-model';
import { nodeKindStyles } from '../../../src-main/lineage-view/lineage-style';
import type { CatalogTarget, EdgeEvidenceRow, ViewEdge } from '../../../src-main/lineage-view/view-model';
import { useCall, useCallMutation } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { catalogPaths } from '../catalog/catalog-paths';
import type { SnapshotArgs } from './lineage-params';

export function catalogRoute(target: CatalogTarget): string {
  switch (target.kind) {
    case 'app':
      return catalogPaths.app(target.appId);
    case 'sheet':
      return catalogPaths.sheet(target.appId, target.sheetId);
    case 'object':
      return catalogPaths.object(target.appId, target.objectId);
    case 'master-item':
      return catalogPaths.masterItem(target.appId, target.itemId);
    case 'field':
      return catalogPaths.field(target.appId, target.field);
    case 'table':
      return catalogPaths.table(target.appId, target.table);
    case 'script':
      return catalogPaths.script(target.appId, { start: target.lineStart, end: target.lineEnd });
    case 'data-connections':
      return catalogPaths.dataConnections();
    case 'automations':
      return catalogPaths.automations();
  }
}

function ScriptLines({ evidence }: { evidence: LineageEvidence }) {
  const lines = evidence.lineStart === evidence.lineEnd ? `line ${evidence.lineStart}` : `lines ${evidence.lineStart}–${evidence.lineEnd}`;
  return (
    <Stack gap={2}>
      <Anchor component={Link} to={catalogPaths.script(evidence.appId, { start: evidence.lineStart, end: evidence.lineEnd })} size="xs">
        Script {lines}
      </Anchor>
      {evidence.statement && (
        <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {evidence.statement}
        </Code>
      )}
    </Stack>
  );
}

function KindBadge({ kind }: { kind: keyof typeof nodeKindStyles }) {
  return (
    <Badge variant="light" color={nodeKindStyles[kind].accent} size="sm">
      {nodeKindStyles[kind].name}
    </Badge>
  );
}

function RemoveManualEdge({ id, snapshot, onRemoved }: { id: number; snapshot: SnapshotArgs; onRemoved: (id: number) => void }) {
  const remove = useCallMutation('lineage/manual-edge-remove', ['lineage/neighbourhood', 'lineage/node', 'lineage/impact']);
  return (
    <Button
      size="compact-xs"
      color="red"
      variant="light"
      loading={remove.isPending}
      onClick={() => remove.mutate({ ...snapshot, id }, { onSuccess: () => onRemoved(id) })}
      aria-label={`Remove manual edge ${id}`}
    >
      Remove
    </Button>
  );
}

function EdgeRow({ row, snapshot, onRemoved }: { row: EdgeEvidenceRow; snapshot: SnapshotArgs; onRemoved: (id: number) => void }) {
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Text size="xs" style={{ wordBreak: 'break-word' }}>
          {row.direction === 'in' ? '← ' : '→ '}
          <b>{row.kind}</b> {row.direction === 'in' ? 'from' : 'to'} {row.otherLabel}
          {row.origin !== 'script' && <Text span c="dimmed" size="xs">{` (${row.origin})`}</Text>}
        </Text>
        {row.manualEdgeId !== null && <RemoveManualEdge id={row.manualEdgeId} snapshot={snapshot} onRemoved={onRemoved} />}
      </Group>
      {row.note && (
        <Text size="xs" c="dimmed">
          Note: {row.note}
        </Text>
      )}
      {row.evidence && <ScriptLines evidence={row.evidence} />}
    </Stack>
  );
}

export interface NodeActions {
  readonly onFocus: (id: string) => void;
  readonly onExpand: (id: string) => void;
  readonly onCollapse: (id: string) => void;
  readonly isExpanded: (id: string) => boolean;
  readonly onPathFrom: (id: string) => void;
  readonly onPathTo: (id: string) => void;
  readonly pathFrom: string | null;
  readonly onDrawEdge: () => void;
  readonly onImpact: (id: string) => void;
  readonly onManualRemoved: (id: number) => void;
}

export function NodeDetailsPanel({ nodeIdText, snapshot, actions }: { nodeIdText: string; snapshot: SnapshotArgs; actions: NodeActions }) {
  const details = useCall('lineage/node', { ...snapshot, node: nodeIdText });
  if (details.isPending) return <Loader size="sm" aria-label="Loading node details" />;
  if (details.error) return <ErrorAlert error={details.error} />;
  const d = details.data;
  const scriptEdges = d.edges.filter((e) => e.evidence !== null || e.manualEdgeId !== null);
  const otherEdges = d.edges.filter((e) => e.evidence === null && e.manualEdgeId === null);
  return (
    <Stack gap="xs" aria-label="Node details">
      <KindBadge kind={d.node.kind} />
      <Title order={3} size="h5" style={{ wordBreak: 'break-word' }}>
        {d.node.label}
      </Title>
      {d.fullName !== d.node.label && (
        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
          {d.fullName}
        </Text>
      )}
      {d.node.appLabel && <Text size="sm">App: {d.node.appLabel}</Text>}
      {d.externalKind && <Text size="sm">External {d.externalKind}</Text>}
      {d.note && <Text size="sm">Note: {d.note}</Text>}
      <Text size="xs" c="dimmed">
        {d.upstreamCount} upstream · {d.downstreamCount} downstream
      </Text>
      <Group gap={6}>
        {d.catalogTarget && (
          <Button component={Link} to={catalogRoute(d.catalogTarget)} size="compact-xs" variant="light">
            Open in catalog
          </Button>
        )}
        <Button size="compact-xs" variant="default" onClick={() => actions.onFocus(d.node.id)}>
          Focus here
        </Button>
        {actions.isExpanded(d.node.id) ? (
          <Button size="compact-xs" variant="default" onClick={() => actions.onCollapse(d.node.id)}>
            Collapse
          </Button>
        ) : (
          <Button size="compact-xs" variant="default" onClick={() => actions.onExpand(d.node.id)}>
            Expand neighbours
          </Button>
        )}
        {actions.pathFrom === null || actions.pathFrom === d.node.id ? (
          <Button size="compact-xs" variant="default" onClick={() => actions.onPathFrom(d.node.id)}>
            Path from here…
          </Button>
        ) : (
          <Button size="compact-xs" variant="filled" onClick={() => actions.onPathTo(d.node.id)}>
            Path to here
          </Button>
        )}
        <Button size="compact-xs" variant="default" onClick={actions.onDrawEdge}>
          Draw edge…
        </Button>
        <Button size="compact-xs" variant="default" onClick={() => actions.onImpact(d.node.id)}>
          Impact analysis
        </Button>
      </Group>
      <Divider label="Script lines and manual edges" labelPosition="left" />
      <ScrollArea.Autosize mah={360}>
        <Stack gap={8}>
          {scriptEdges.length === 0 && (
            <Text size="xs" c="dimmed">
              No edge of this node comes from a script line.
            </Text>
          )}
          {scriptEdges.map((row, i) => (
            <EdgeRow key={`${row.otherId}-${row.kind}-${i}`} row={row} snapshot={snapshot} onRemoved={actions.onManualRemoved} />
          ))}
          {otherEdges.length > 0 && (
            <Text size="xs" c="dimmed">
              {otherEdges.length} more edge(s) from the engine and the data model.
            </Text>
          )}
        </Stack>
      </ScrollArea.Autosize>
    </Stack>
  );
}

export function EdgeDetailsPanel({
  edge,
  labelOf,
  snapshot,
  onRemoved,
}: {
  edge: ViewEdge;
  labelOf: (id: string) => string;
  snapshot: SnapshotArgs;
  onRemoved: (id: number) => void;
}) {
  return (
    <Stack gap="xs" aria-label="Edge details">
      <Badge variant="light" size="sm">
        {edge.kind} · {edge.origin}
      </Badge>
      <Text size="sm" style={{ wordBreak: 'break-word' }}>
        {labelOf(edge.from)} → {labelOf(edge.to)}
      </Text>
      {edge.bridged > 0 && (
        <Text size="xs" c="dimmed">
          Through {edge.bridged} hidden node(s) (fields at table level, or filtered kinds).
        </Text>
      )}
      {edge.note && <Text size="sm">Note: {edge.note}</Text>}
      {edge.evidence && <ScriptLines evidence={edge.evidence} />}
      {edge.manualEdgeId !== null && <RemoveManualEdge id={edge.manualEdgeId} snapshot={snapshot} onRemoved={onRemoved} />}
    </Stack>
  );
}
