/**
 * From a view graph to layout input, and from laid-out positions to a picture for the SVG writer.
 * Shared by the renderer's layout worker and `qme`'s headless export so both draw the same boxes.
 */
import type { LayoutInput, LayoutResult } from './lineage-layout';
import { nodeSize } from './lineage-style';
import type { Picture } from './svg-writer';
import type { ViewGraph, ViewNode } from './view-model';

export function groupIdOf(appId: string): string {
  return `group:${appId}`;
}

/** Nodes of an app go in its group; nodes outside apps (files, databases) stay free. */
export function groupOfNode(node: Pick<ViewNode, 'appId'>, groupByApp: boolean): string | null {
  return groupByApp && node.appId !== null ? groupIdOf(node.appId) : null;
}

export function layoutInputOf(graph: Pick<ViewGraph, 'nodes' | 'edges'>, groupByApp: boolean): LayoutInput {
  const groups = new Set<string>();
  const nodes = graph.nodes.map((n) => {
    const group = groupOfNode(n, groupByApp);
    if (group !== null) groups.add(group);
    return { id: n.id, ...nodeSize(n.kind, n.label), group };
  });
  return { nodes, edges: graph.edges.map((e) => ({ id: e.id, from: e.from, to: e.to })), groups: [...groups] };
}

export function pictureOf(graph: ViewGraph, layout: LayoutResult, groupByApp: boolean): Picture {
  const groupLabels = new Map<string, string>();
  const nodes = graph.nodes.flatMap((n) => {
    const at = layout.positions[n.id];
    if (!at) return [];
    const group = groupOfNode(n, groupByApp);
    if (group !== null) groupLabels.set(group, n.appLabel ?? n.appId ?? '');
    return [{ id: n.id, kind: n.kind, label: n.label, x: at.x, y: at.y, ...nodeSize(n.kind, n.label), isFocus: n.id === graph.focus }];
  });
  const groups = Object.entries(layout.groups).map(([id, box]) => ({ id, label: groupLabels.get(id) ?? id, box }));
  return { nodes, edges: graph.edges, groups };
}
