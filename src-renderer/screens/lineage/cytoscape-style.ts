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
  const arrowColor = (color: string) => (isLarge ? {} : { 'target-arrow-color': color });
  // Cytoscape applies each property to each element one by one, and every application walks the
  // element's edges to invalidate caches: on a large graph only properties that draw something are
  // set (no borders, no arrows; defaults are left alone), which shortens the first frame.
  const perKind = lineageNodeKinds.map((kind) => {
    const style = nodeKindStyles[kind];
    const border = {
      'border-color': style.accent,
      ...(style.isDashed ? { 'border-style': 'dashed' as const } : {}),
      ...(kind === 'app' ? { 'border-width': 2 } : {}),
    };
    return {
      selector: `node[kind = "${kind}"]`,
      style: {
        shape: style.shape,
        'background-color': nodeFill(kind, scheme),
        ...(isLarge ? {} : border),
        ...(kind === 'app' ? { 'font-weight': 'bold' as const } : {}),
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
        ...(isLarge ? {} : { 'border-width': 1.5 }),
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
        // Haystack edges (straight, centre to centre, under the nodes) cost far less than bezier
        // curves with arrowheads; on a large graph that decides how soon the first frame comes and
        // whether panning stays fluid (the layered layout already keeps edges apart).
        ...(isLarge
          ? { 'curve-style': 'haystack' as const }
          : {
              'curve-style': 'bezier' as const,
              'target-arrow-color': colors.edge,
              'target-arrow-shape': 'triangle' as const,
              'arrow-scale': 0.9,
            }),
      },
    },
    {
      selector: 'edge[kind = "contains"]',
      style: { 'line-color': colors.containsEdge, ...arrowColor(colors.containsEdge), width: 1 },
    },
    {
      selector: 'edge[origin = "manual"]',
      style: { 'line-style': 'dashed', 'line-color': colors.manualEdge, ...arrowColor(colors.manualEdge), width: 2 },
    },
    { selector: 'edge:selected', style: { width: 3, 'line-color': colors.highlight, ...arrowColor(colors.highlight) } },
    {
      selector: 'edge.on-path',
      style: { 'line-color': colors.highlight, ...arrowColor(colors.highlight), width: 3.5, 'z-index': 10 },
    },
    { selector: 'node.on-path', style: { 'border-color': colors.highlight, 'border-width': 3 } },
    { selector: '.faded', style: { opacity: 0.22 } },
  ];
}
