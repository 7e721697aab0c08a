/**
 * `/lineage?node=<id>&dir=both&depth=2`: the lineage graph around a node, impact analysis, manual
 * edges and exports. Data comes from the lineage/* calls; layout runs in a worker.
 */
import {
  Alert,
  Box,
  Button,
  Group,
  MultiSelect,
  Paper,
  SegmentedControl,
  Slider,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
  UnstyledButton,
  useComputedColorScheme,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { CallArgs } from '../../../src-main/api/contract';
import { lineageNodeKinds, type LineageNodeKind } from '../../../src-main/lineage/graph-model';
import type { LayoutResult } from '../../../src-main/lineage-view/lineage-layout';
import { nodeKindStyles } from '../../../src-main/lineage-view/lineage-style';
import { layoutInputOf } from '../../../src-main/lineage-view/view-layout';
import type { PathResult } from '../../../src-main/lineage-view/view-model';
import { call } from '../../api/client';
import { useCall, useCallMutation } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportMenu } from './ExportMenu';
import { ImpactTable } from './ImpactTable';
import { layoutGraph } from './layout-client';
import { LineageCanvas, type CanvasGraph, type CanvasSelection, type LineageCanvasHandle } from './LineageCanvas';
import { LineageLegend } from './LineageLegend';
import { maxDepth, readLineageParams, writeLineageParams, type LineageParams } from './lineage-params';
import { ManualEdgeModal } from './ManualEdgeModal';
import { mergeGraphs } from './merge-graphs';
import { EdgeDetailsPanel, NodeDetailsPanel } from './NodeDetailsPanel';
import { NodePicker } from './NodePicker';

const impactSourceKinds: LineageNodeKind[] = [
  'qvd',
  'db-table',
  'file',
  'field',
  'app-table',
  'rest-endpoint',
  'data-connection',
  'external',
];
const kindOptions = lineageNodeKinds.map((k) => ({ value: k, label: nodeKindStyles[k].name }));

const layoutEngineNames: Record<LayoutResult['engine'], string> = {
  elk: 'ELK layout',
  'layered-fast': 'fast layout',
  'layered-wrapped': 'folded layout',
};

export function LineageScreen() {
  const [search, setSearch] = useSearchParams();
  const params = readLineageParams(search);
  const showAll = search.get('all') === '1';
  const update = (patch: Partial<LineageParams>, extra: Record<string, string> = {}): void => {
    const next = writeLineageParams({ ...params, ...patch });
    for (const [k, v] of Object.entries(extra)) next.set(k, v);
    setSearch(next);
  };
  const scheme = useComputedColorScheme('light');
  const client = useQueryClient();
  const canvas = useRef<LineageCanvasHandle>(null);
  const frame = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<CanvasSelection>(null);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [pathFrom, setPathFrom] = useState<string | null>(null);
  const [path, setPath] = useState<PathResult | null>(null);
  const [find, setFind] = useState('');
  const [undoStack, setUndoStack] = useState<number[]>([]);
  const [isDrawing, setDrawing] = useState(false);
  const [laidOut, setLaidOut] = useState<{ graph: CanvasGraph; layout: LayoutResult } | null>(null);
  const { snapshot, node, direction, depth, level, kinds, maxNodes, mode, groupByApp } = params;

  const baseKey = JSON.stringify([node, direction, depth, level, kinds, maxNodes, snapshot, mode, showAll]);
  // A new focus or new settings start a fresh picture (React's "reset state on prop change").
  const [viewKey, setViewKey] = useState(baseKey);
  if (viewKey !== baseKey) {
    setViewKey(baseKey);
    setExpanded([]);
    setPath(null);
    setPathFrom(null);
    setSelected(null);
  }

  const baseArgs: CallArgs<'lineage/neighbourhood'> = {
    ...snapshot,
    ...(node ? { node } : {}),
    direction,
    depth,
    level,
    maxNodes,
    ...(kinds.length > 0 ? { kinds: [...kinds] } : {}),
  };
  const base = useCall('lineage/neighbourhood', baseArgs, { enabled: mode === 'explore' && (node !== null || showAll) });
  const expansions = useQueries({
    queries: expanded.map((id) => {
      const args: CallArgs<'lineage/neighbourhood'> = { ...snapshot, node: id, direction: 'both', depth: 1, level, maxNodes: 500 };
      return { queryKey: ['lineage/neighbourhood', args], queryFn: () => call('lineage/neighbourhood', args) };
    }),
  });
  const impact = useCall('lineage/impact', { ...snapshot, node: node ?? '', maxNodes }, { enabled: mode === 'impact' && node !== null });
  const removeEdge = useCallMutation('lineage/manual-edge-remove', ['lineage/neighbourhood', 'lineage/node', 'lineage/impact']);

  const expansionsKey = expansions.map((q) => q.dataUpdatedAt).join(',');
  const graph = useMemo<CanvasGraph | null>(() => {
    if (mode === 'impact') return impact.data ? mergeGraphs(node, [impact.data.graph]) : null;
    if (!base.data) return null;
    return mergeGraphs(node, [base.data, ...expansions.map((q) => q.data), path ?? undefined]);
    // expansionsKey stands for the expansion results.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode, impact.data, base.data, expansionsKey, path, node]);

  useEffect(() => {
    if (!graph) return undefined;
    let isCurrent = true;
    // The frame's shape at layout time: a graph far taller than it is folded to fill it.
    const box = frame.current;
    const aspectRatio = box && box.clientHeight > 0 ? box.clientWidth / box.clientHeight : 1.6;
    void layoutGraph({ ...layoutInputOf(graph, groupByApp), aspectRatio }).then((layout) => {
      if (isCurrent) setLaidOut({ graph, layout });
    });
    return () => {
      isCurrent = false;
    };
  }, [graph, groupByApp]);

  const pathIds = useMemo(() => (path?.found ? new Set([...path.nodes.map((n) => n.id), ...path.edges.map((e) => e.id)]) : null), [path]);
  const matchIds = useMemo(() => {
    const needle = find.trim().toLowerCase();
    if (!needle || !laidOut) return new Set<string>();
    return new Set(laidOut.graph.nodes.filter((n) => n.label.toLowerCase().includes(needle)).map((n) => n.id));
  }, [find, laidOut]);

  const shown = laidOut?.graph;
  const labelOf = (id: string): string => shown?.nodes.find((n) => n.id === id)?.label ?? id;
  const selectedNode = selected?.type === 'node' ? shown?.nodes.find((n) => n.id === selected.id) : undefined;
  const selectedEdge = selected?.type === 'edge' ? shown?.edges.find((e) => e.id === selected.id) : undefined;
  const focusLabel = node ? labelOf(node) : 'the whole snapshot';
  const status = mode === 'impact' ? impact : base;

  const onManualRemoved = (id: number): void => setUndoStack((s) => s.filter((x) => x !== id));
  const actions = {
    onFocus: (id: string) => update({ node: id, mode: 'explore' }),
    onExpand: (id: string) => setExpanded((list) => (list.includes(id) ? list : [...list, id])),
    onCollapse: (id: string) => setExpanded((list) => list.filter((x) => x !== id)),
    isExpanded: (id: string) => expanded.includes(id),
    onPathFrom: (id: string) => {
      setPathFrom(id);
      setPath(null);
      notifications.show({ message: 'Now select the other node and choose "Path to here".' });
    },
    onPathTo: (id: string) => {
      if (!pathFrom) return;
      void call('lineage/path', { ...snapshot, from: pathFrom, to: id, level }).then((result) => {
        setPath(result);
        setPathFrom(null);
        if (!result.found) notifications.show({ color: 'yellow', message: 'These two nodes are not connected by lineage.' });
      });
    },
    pathFrom,
    onDrawEdge: () => setDrawing(true),
    onImpact: (id: string) => update({ node: id, mode: 'impact' }),
    onManualRemoved,
  };

  const exportArgs: Omit<CallArgs<'lineage/export'>, 'format'> = {
    ...snapshot,
    scope: node
      ? { kind: 'node', node, depth: mode === 'impact' ? 50 : depth, direction: mode === 'impact' ? 'down' : direction }
      : { kind: 'snapshot' },
    level,
    groupByApp,
    colorScheme: scheme,
    maxNodes: Math.max(maxNodes, 5000),
  };

  return (
    <Stack gap="xs" h="calc(100vh - 52px - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="sm">
          <Title order={2}>Lineage</Title>
          <SegmentedControl
            aria-label="Mode"
            size="xs"
            value={mode}
            onChange={(v) => update({ mode: v === 'impact' ? 'impact' : 'explore' })}
            data={[
              { value: 'explore', label: 'Explore' },
              { value: 'impact', label: 'Impact analysis' },
            ]}
          />
        </Group>
        <Group gap="xs">
          <NodePicker
            label={mode === 'impact' ? 'Impact source' : 'Focus node'}
            placeholder={mode === 'impact' ? 'Pick a QVD, database table or field…' : 'Find a node by name…'}
            {...(mode === 'impact' ? { kinds: impactSourceKinds } : {})}
            snapshot={snapshot}
            onPick={(id) => update({ node: id })}
          />
          <ExportMenu canvas={canvas} exportArgs={exportArgs} title={focusLabel} scheme={scheme} />
        </Group>
      </Group>

      {mode === 'explore' && (
        <Paper withBorder p={6}>
          <Group gap="md" wrap="wrap" align="center">
            <SegmentedControl
              aria-label="Direction"
              size="xs"
              value={direction}
              onChange={(v) => update({ direction: v === 'up' || v === 'down' ? v : 'both' })}
              data={[
                { value: 'up', label: 'Upstream' },
                { value: 'both', label: 'Both' },
                { value: 'down', label: 'Downstream' },
              ]}
            />
            <Group gap={6} wrap="nowrap" w={210}>
              <Text size="xs" id="lineage-depth-label">
                Depth {depth}
              </Text>
              <Slider
                style={{ flex: 1 }}
                min={1}
                max={maxDepth}
                step={1}
                value={depth}
                onChangeEnd={(v) => update({ depth: v })}
                thumbLabel="Depth"
                aria-labelledby="lineage-depth-label"
                size="sm"
              />
            </Group>
            <SegmentedControl
              aria-label="Detail level"
              size="xs"
              value={level}
              onChange={(v) => update({ level: v === 'field' ? 'field' : 'table' })}
              data={[
                { value: 'table', label: 'Tables' },
                { value: 'field', label: 'Fields' },
              ]}
            />
            <Switch size="xs" label="Group by app" checked={groupByApp} onChange={(e) => update({ groupByApp: e.currentTarget.checked })} />
            <MultiSelect
              aria-label="Kinds shown"
              size="xs"
              placeholder={kinds.length === 0 ? 'All kinds' : undefined}
              data={kindOptions}
              value={[...kinds]}
              onChange={(v) => update({ kinds: v as LineageNodeKind[] })}
              clearable
              w={220}
              comboboxProps={{ withinPortal: true }}
            />
            <TextInput
              aria-label="Find in graph"
              size="xs"
              placeholder="Find in graph…"
              value={find}
              onChange={(e) => setFind(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  const first = [...matchIds][0];
                  if (first) {
                    canvas.current?.center(first);
                    setSelected({ type: 'node', id: first });
                  }
                }
              }}
              w={170}
            />
            <Button size="xs" variant="default" onClick={() => canvas.current?.fit()}>
              Fit
            </Button>
            {path && (
              <Button size="xs" variant="default" onClick={() => setPath(null)}>
                Clear path
              </Button>
            )}
            <Button
              size="xs"
              variant="default"
              disabled={undoStack.length === 0}
              loading={removeEdge.isPending}
              onClick={() => {
                const last = undoStack.at(-1);
                if (last !== undefined) removeEdge.mutate({ ...snapshot, id: last }, { onSuccess: () => onManualRemoved(last) });
              }}
            >
              Undo last edge
            </Button>
          </Group>
        </Paper>
      )}

      {status.error && <ErrorAlert error={status.error} />}
      {mode === 'explore' && base.data?.truncated && (
        <Alert color="yellow" variant="light" p={6}>
          Showing {base.data.nodes.length} of a larger lineage: lower the depth, filter kinds, or double-click a node with a double border
          to expand it.
        </Alert>
      )}

      <Group gap="xs" align="stretch" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <Paper ref={frame} withBorder style={{ flex: 1, position: 'relative', overflow: 'hidden', minHeight: 300 }}>
          {!node && !showAll ? (
            <Stack align="center" justify="center" h="100%" p="xl">
              <Text>
                {mode === 'impact'
                  ? 'Pick a source (QVD, database table, field) above to see every app, sheet and chart that depends on it.'
                  : 'Pick a node above, or open the lineage from any app, table, field or chart in the catalog.'}
              </Text>
              {mode === 'explore' && (
                <Button variant="light" onClick={() => update({}, { all: '1' })}>
                  Show the whole snapshot
                </Button>
              )}
            </Stack>
          ) : (
            laidOut && (
              <LineageCanvas
                ref={canvas}
                graph={laidOut.graph}
                layout={laidOut.layout}
                groupByApp={groupByApp}
                scheme={scheme}
                pathIds={pathIds}
                matchIds={matchIds}
                selected={selected}
                onSelect={setSelected}
                onExpand={actions.onExpand}
                label={`Lineage graph of ${focusLabel}: ${laidOut.graph.nodes.length} nodes, ${laidOut.graph.edges.length} edges`}
              />
            )
          )}
          {shown && (
            <Text size="xs" c="dimmed" style={{ position: 'absolute', right: 8, top: 6, zIndex: 2 }} aria-live="polite">
              {shown.nodes.length} nodes · {shown.edges.length} edges
              {laidOut ? ` · ${layoutEngineNames[laidOut.layout.engine]} ${Math.round(laidOut.layout.elapsedMs)} ms` : ''}
            </Text>
          )}
        </Paper>
        <Paper withBorder p="sm" w={340} style={{ overflow: 'auto' }}>
          {selectedNode ? (
            <NodeDetailsPanel nodeIdText={selectedNode.id} snapshot={snapshot} actions={actions} />
          ) : selectedEdge ? (
            <EdgeDetailsPanel edge={selectedEdge} labelOf={labelOf} snapshot={snapshot} onRemoved={onManualRemoved} />
          ) : (
            <Text size="sm" c="dimmed">
              Click a node or an edge for its details and script lines. Double-click a node to expand its neighbours.
            </Text>
          )}
          <LineageLegend scheme={scheme} />
          {shown && <NodeList nodes={shown.nodes} onPick={(id) => setSelected({ type: 'node', id })} />}
        </Paper>
      </Group>

      {mode === 'impact' && impact.data && (
        <Paper withBorder p="xs">
          <ImpactTable impact={impact.data} onShow={(id) => update({ node: id, mode: 'explore', direction: 'up' })} />
        </Paper>
      )}

      {selectedNode && (
        <ManualEdgeModal
          key={selectedNode.id}
          opened={isDrawing}
          onClose={() => setDrawing(false)}
          selected={selectedNode}
          candidates={shown?.nodes ?? []}
          snapshot={snapshot}
          onAdded={(result) => {
            setUndoStack((s) => [...s, result.manualEdgeId]);
            actions.onExpand(selectedNode.id);
            void client.invalidateQueries({ queryKey: ['lineage/neighbourhood'] });
          }}
        />
      )}
    </Stack>
  );
}

/** The graph's nodes as a list: keyboard and screen-reader access to what the canvas draws. */
function NodeList({ nodes, onPick }: { nodes: CanvasGraph['nodes']; onPick: (id: string) => void }) {
  const limit = 400;
  return (
    <Box component="details" mt="sm">
      <summary>
        <Text span size="xs">
          Nodes in the graph ({nodes.length})
        </Text>
      </summary>
      <Box component="ul" aria-label="Nodes in the graph" style={{ listStyle: 'none', paddingLeft: 0, margin: 0 }}>
        {nodes.slice(0, limit).map((n) => (
          <li key={n.id}>
            <UnstyledButton onClick={() => onPick(n.id)} title={n.id} py={2} style={{ wordBreak: 'break-all' }}>
              <Text size="xs" c="blue">
                {n.label} · {nodeKindStyles[n.kind].name}
              </Text>
            </UnstyledButton>
          </li>
        ))}
        {nodes.length > limit && (
          <li>
            <Text size="xs" c="dimmed">
              and {nodes.length - limit} more
            </Text>
          </li>
        )}
      </Box>
    </Box>
  );
}
