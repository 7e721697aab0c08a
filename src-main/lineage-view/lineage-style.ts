/**
 * The one style table of the lineage picture: colour, shape and legend name per node kind, and
 * edge styles. The Cytoscape view (renderer) and the SVG/PNG writers (renderer and `qme`) read it,
 * so an exported diagram looks like the screen. No Node or DOM imports.
 */
import type { LineageEdgeKind, LineageNodeKind, LineageOrigin } from '../lineage/graph-model';

export type ColorScheme = 'light' | 'dark';

/** Shapes both Cytoscape and our SVG writer draw. */
export type NodeShape =
  | 'round-rectangle'
  | 'rectangle'
  | 'ellipse'
  | 'diamond'
  | 'hexagon'
  | 'octagon'
  | 'pentagon'
  | 'barrel'
  | 'tag'
  | 'rhomboid'
  | 'cut-rectangle';

export interface NodeKindStyle {
  /** Legend and details wording. */
  readonly name: string;
  readonly shape: NodeShape;
  /** The kind's colour: border in both schemes, tint of the fill. */
  readonly accent: string;
  readonly isDashed?: boolean;
}

export const nodeKindStyles: Readonly<Record<LineageNodeKind, NodeKindStyle>> = {
  'data-connection': { name: 'Data connection', shape: 'hexagon', accent: '#7048e8' },
  'db-table': { name: 'Database table', shape: 'barrel', accent: '#1c7ed6' },
  file: { name: 'File', shape: 'tag', accent: '#868e96' },
  qvd: { name: 'QVD', shape: 'rhomboid', accent: '#f08c00' },
  'rest-endpoint': { name: 'REST endpoint', shape: 'octagon', accent: '#0ca678' },
  inline: { name: 'Inline data', shape: 'rectangle', accent: '#adb5bd' },
  'app-table': { name: 'App table', shape: 'round-rectangle', accent: '#1098ad' },
  field: { name: 'Field', shape: 'ellipse', accent: '#37b24d' },
  'master-measure': { name: 'Master measure', shape: 'diamond', accent: '#d6336c' },
  'master-dimension': { name: 'Master dimension', shape: 'diamond', accent: '#ae3ec9' },
  'master-visualization': { name: 'Master visualization', shape: 'diamond', accent: '#9c36b5' },
  chart: { name: 'Chart', shape: 'cut-rectangle', accent: '#e8a200' },
  sheet: { name: 'Sheet', shape: 'rectangle', accent: '#74b816' },
  app: { name: 'App', shape: 'round-rectangle', accent: '#3b5bdb' },
  automation: { name: 'Automation', shape: 'pentagon', accent: '#e03131' },
  external: { name: 'External (manual)', shape: 'rectangle', accent: '#495057', isDashed: true },
};

export interface SchemeColors {
  readonly background: string;
  readonly text: string;
  readonly mutedText: string;
  readonly edge: string;
  readonly containsEdge: string;
  readonly manualEdge: string;
  readonly groupFill: string;
  readonly groupBorder: string;
  readonly highlight: string;
}

export const schemeColors: Readonly<Record<ColorScheme, SchemeColors>> = {
  light: {
    background: '#ffffff',
    text: '#212529',
    mutedText: '#495057',
    edge: '#868e96',
    containsEdge: '#ced4da',
    manualEdge: '#c2255c',
    groupFill: '#f1f3f5',
    groupBorder: '#adb5bd',
    highlight: '#fa5252',
  },
  dark: {
    background: '#1a1b1e',
    text: '#f1f3f5',
    mutedText: '#c1c2c5',
    edge: '#909296',
    containsEdge: '#495057',
    manualEdge: '#f06595',
    groupFill: '#25262b',
    groupBorder: '#5c5f66',
    highlight: '#ff8787',
  },
};

/** Fill of a node: the accent mixed into the background, so text stays readable in both schemes. */
export function nodeFill(kind: LineageNodeKind, scheme: ColorScheme): string {
  const accent = nodeKindStyles[kind].accent;
  return scheme === 'light' ? mix(accent, '#ffffff', 0.84) : mix(accent, '#1a1b1e', 0.68);
}

export interface EdgeStyle {
  readonly color: string;
  readonly width: number;
  readonly isDashed: boolean;
}

export function edgeStyle(kind: LineageEdgeKind, origin: LineageOrigin, scheme: ColorScheme): EdgeStyle {
  const colors = schemeColors[scheme];
  if (origin === 'manual') return { color: colors.manualEdge, width: 2, isDashed: true };
  if (kind === 'contains') return { color: colors.containsEdge, width: 1, isDashed: false };
  return { color: colors.edge, width: 1.5, isDashed: false };
}

export const nodeHeight = 34;
const minNodeWidth = 64;
const maxLabelChars = 34;
export const labelFontSize = 11;
export const labelFontFamily = 'DejaVu Sans, Verdana, Arial, sans-serif';

/**
 * The text drawn in a node: files and QVDs by their last two path segments (the full path is in
 * the details), long names cut with an ellipsis.
 */
export function displayLabel(kind: LineageNodeKind, label: string): string {
  let text = label;
  if (kind === 'qvd' || kind === 'file') {
    const parts = label
      .replace(/\\/g, '/')
      .split('/')
      .filter((p) => p !== '');
    if (parts.length > 2) text = parts.slice(-2).join('/');
  }
  return text.length > maxLabelChars ? `${text.slice(0, maxLabelChars - 1)}…` : text;
}

/** Node box width for a label; an estimate of the text width (~0.6 em per character) plus padding. */
export function nodeWidth(kind: LineageNodeKind, label: string): number {
  const shape = nodeKindStyles[kind].shape;
  // Slanted and pointed shapes lose width at their ends; give the text room.
  const extra = shape === 'rhomboid' || shape === 'diamond' || shape === 'hexagon' || shape === 'tag' ? 30 : 18;
  return Math.max(minNodeWidth, Math.round(displayLabel(kind, label).length * labelFontSize * 0.62 + extra));
}

export function nodeSize(kind: LineageNodeKind, label: string): { width: number; height: number } {
  return { width: nodeWidth(kind, label), height: nodeKindStyles[kind].shape === 'diamond' ? nodeHeight + 10 : nodeHeight };
}

function mix(a: string, b: string, amountOfB: number): string {
  const pa = parseHex(a);
  const pb = parseHex(b);
  const channel = (i: number): string =>
    Math.round((pa[i] as number) * (1 - amountOfB) + (pb[i] as number) * amountOfB)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

function parseHex(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/** Normalised outline points (-1..1) of the polygon shapes, the same as Cytoscape draws them. */
export function shapePolygon(shape: NodeShape): ReadonlyArray<readonly [number, number]> | null {
  switch (shape) {
    case 'diamond':
      return [
        [0, -1],
        [1, 0],
        [0, 1],
        [-1, 0],
      ];
    case 'hexagon':
      return [
        [-1, 0],
        [-0.5, -1],
        [0.5, -1],
        [1, 0],
        [0.5, 1],
        [-0.5, 1],
      ];
    case 'octagon':
      return [
        [-1, -0.4142],
        [-0.4142, -1],
        [0.4142, -1],
        [1, -0.4142],
        [1, 0.4142],
        [0.4142, 1],
        [-0.4142, 1],
        [-1, 0.4142],
      ];
    case 'pentagon':
      return [
        [0, -1],
        [1, -0.2],
        [0.62, 1],
        [-0.62, 1],
        [-1, -0.2],
      ];
    case 'tag':
      return [
        [-1, -1],
        [0.6, -1],
        [1, 0],
        [0.6, 1],
        [-1, 1],
      ];
    case 'rhomboid':
      return [
        [-1, -1],
        [0.7, -1],
        [1, 1],
        [-0.7, 1],
      ];
    case 'cut-rectangle':
      return [
        [-0.8, -1],
        [0.8, -1],
        [1, -0.7],
        [1, 0.7],
        [0.8, 1],
        [-0.8, 1],
        [-1, 0.7],
        [-1, -0.7],
      ];
    case 'round-rectangle':
    case 'rectangle':
    case 'ellipse':
    case 'barrel':
      return null;
  }
}
