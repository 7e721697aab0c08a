/** The Cytoscape stylesheet, built from the shared style table so the screen and exports match. */
import type cytoscape from 'cytoscape';
import { lineageNodeKinds } from '../../../src-main/lineage/graph-model';
import {
  labelFontFamily,
  labelFontSize,
  nodeFill,
  nodeKindStyles,
  schemeColors,
  type ColorScheme,
} from '../../../src-main/lineage-view/lineage-style';

export function lineageStylesheet(scheme: ColorScheme, isLarge = false): cytoscape.StylesheetJson {
  const colors = schemeColors[scheme];
  const perKind = lineageNodeKinds.map((kind) => {
    const style = nodeKindStyles[kind];
    return {
      selector: `node[kind = "${kind}"]`,
      style: {
        shape: style.shape,
        'background-color': nodeFill(kind, scheme),
        'border-color': style.accent,
        ...(style.isDashed ? { 'border-style': 'dashed' as const } : {}),
        ...(kind === 'app' ? { 'border-width': 2, 'font-weight': 'bold' as const } : {}),
      },
    };
  });
  return [
    {
      selector: 'node',
      style: {
        label: 'data(display)',
        width: 'data(width)',
        height: 'data(height)',
        'font-family': labelFontFamily,
        'font-size': labelFontSize,
        color: colors.text,
        'text-valign': 'center',
        'text-halign': 'center',
        // Borders and arrows are drawn per element: on a large graph they are left out (the layout
        // already reads left to right, upstream to downstream) so the first frame comes sooner.
        'border-width': isLarge ? 0 : 1.5,
        // Large graphs: labels disappear when they would be drawn too small to read, so panning stays fluid.
        'min-zoomed-font-size': isLarge ? 7 : 3,
      },
    },
    ...perKind,
    {
      selector: 'node.group',
      style: {
        shape: 'round-rectangle',
        'background-color': colors.groupFill,
        'border-color': colors.groupBorder,
        'border-style': 'dashed',
        'border-width': 1,
        label: 'data(display)',
        'text-valign': 'top',
        'text-halign': 'center',
        'font-weight': 'bold',
        color: colors.mutedText,
        padding: '12px',
      },
    },
    { selector: 'node.expandable', style: { 'border-width': 3, 'border-style': 'double' } },
    { selector: 'node.focus', style: { 'border-color': colors.highlight, 'border-width': 3, 'font-weight': 'bold' } },
    { selector: 'node.match', style: { 'underlay-color': '#fcc419', 'underlay-opacity': 0.55, 'underlay-padding': 6 } },
    { selector: 'node.path-end', style: { 'underlay-color': colors.highlight, 'underlay-opacity': 0.35, 'underlay-padding': 6 } },
    { selector: 'node:selected', style: { 'overlay-color': colors.highlight, 'overlay-opacity': 0.18, 'overlay-padding': 5 } },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': colors.edge,
        'target-arrow-color': colors.edge,
        'target-arrow-shape': isLarge ? 'none' : 'triangle',
        'arrow-scale': 0.9,
        // Straight edges cost far less to draw than bezier curves; on a large graph that decides
        // whether panning stays fluid (the layered layout already keeps edges apart).
        'curve-style': isLarge ? 'straight' : 'bezier',
      },
    },
    {
      selector: 'edge[kind = "contains"]',
      style: { 'line-color': colors.containsEdge, 'target-arrow-color': colors.containsEdge, width: 1 },
    },
    {
      selector: 'edge[origin = "manual"]',
      style: { 'line-style': 'dashed', 'line-color': colors.manualEdge, 'target-arrow-color': colors.manualEdge, width: 2 },
    },
    { selector: 'edge:selected', style: { width: 3, 'line-color': colors.highlight, 'target-arrow-color': colors.highlight } },
    {
      selector: 'edge.on-path',
      style: { 'line-color': colors.highlight, 'target-arrow-color': colors.highlight, width: 3.5, 'z-index': 10 },
    },
    { selector: 'node.on-path', style: { 'border-color': colors.highlight, 'border-width': 3 } },
    { selector: '.faded', style: { opacity: 0.22 } },
  ];
}
