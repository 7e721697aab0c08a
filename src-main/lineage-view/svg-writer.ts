/**
 * A lineage picture as standalone SVG, drawn from laid-out positions and the shared style table
 * (lineage-style.ts). Used for the SVG download in the renderer, and by `qme` for SVG and (through
 * resvg) PNG. No Node or DOM imports.
 */
import type { LineageEdgeKind, LineageNodeKind, LineageOrigin } from '../lineage/graph-model';
import type { Box } from './lineage-layout';
import {
  displayLabel,
  edgeStyle,
  labelFontFamily,
  labelFontSize,
  nodeFill,
  nodeKindStyles,
  schemeColors,
  shapePolygon,
  type ColorScheme,
} from './lineage-style';

export interface PictureNode {
  readonly id: string;
  readonly kind: LineageNodeKind;
  readonly label: string;
  /** Centre. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly isFocus?: boolean;
}

export interface PictureEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: LineageEdgeKind;
  readonly origin: LineageOrigin;
}

export interface PictureGroup {
  readonly id: string;
  readonly label: string;
  readonly box: Box;
}

export interface Picture {
  readonly nodes: readonly PictureNode[];
  readonly edges: readonly PictureEdge[];
  readonly groups: readonly PictureGroup[];
}

export interface SvgOptions {
  readonly scheme: ColorScheme;
  readonly isTransparent: boolean;
  /** Multiplies width and height (the viewBox stays in layout units). */
  readonly scale?: number;
  readonly title?: string;
}

export interface SvgDocument {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

const margin = 24;

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** XML 1.0 forbids most control characters even escaped; Qlik titles can carry them. */
function xmlText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeXml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
}

export function pictureBounds(picture: Picture): Box {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const n of picture.nodes) {
    x1 = Math.min(x1, n.x - n.width / 2);
    y1 = Math.min(y1, n.y - n.height / 2);
    x2 = Math.max(x2, n.x + n.width / 2);
    y2 = Math.max(y2, n.y + n.height / 2);
  }
  for (const g of picture.groups) {
    x1 = Math.min(x1, g.box.x);
    y1 = Math.min(y1, g.box.y);
    x2 = Math.max(x2, g.box.x + g.box.width);
    y2 = Math.max(y2, g.box.y + g.box.height);
  }
  if (!Number.isFinite(x1)) return { x: 0, y: 0, width: 1, height: 1 };
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

export function writeSvg(picture: Picture, options: SvgOptions): SvgDocument {
  const colors = schemeColors[options.scheme];
  const bounds = pictureBounds(picture);
  const viewX = bounds.x - margin;
  const viewY = bounds.y - margin;
  const viewW = Math.ceil(bounds.width + 2 * margin);
  const viewH = Math.ceil(bounds.height + 2 * margin);
  const scale = options.scale ?? 1;
  const width = Math.max(1, Math.round(viewW * scale));
  const height = Math.max(1, Math.round(viewH * scale));
  const byId = new Map(picture.nodes.map((n) => [n.id, n]));
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${r(viewX)} ${r(viewY)} ${viewW} ${viewH}" font-family="${labelFontFamily}" font-size="${labelFontSize}">`,
  ];
  if (options.title) out.push(`<title>${xmlText(options.title)}</title>`);
  out.push('<defs>', ...markerDefs(options.scheme), '</defs>');
  if (!options.isTransparent)
    out.push(`<rect x="${r(viewX)}" y="${r(viewY)}" width="${viewW}" height="${viewH}" fill="${colors.background}"/>`);
  out.push('<g class="groups">');
  for (const g of picture.groups) {
    const b = g.box;
    out.push(
      `<g class="group"><rect x="${r(b.x)}" y="${r(b.y)}" width="${r(b.width)}" height="${r(b.height)}" rx="8" fill="${colors.groupFill}" stroke="${colors.groupBorder}" stroke-dasharray="4 3"/>`,
      `<text x="${r(b.x + 10)}" y="${r(b.y + 18)}" fill="${colors.mutedText}" font-weight="bold">${xmlText(g.label)}</text></g>`,
    );
  }
  out.push('</g>', '<g class="edges">');
  for (const e of picture.edges) {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b || a === b) continue;
    const style = edgeStyle(e.kind, e.origin, options.scheme);
    const start = boundaryPoint(a, b);
    const end = boundaryPoint(b, a);
    const marker = e.origin === 'manual' ? 'arrow-manual' : e.kind === 'contains' ? 'arrow-contains' : 'arrow';
    out.push(
      `<line x1="${r(start.x)}" y1="${r(start.y)}" x2="${r(end.x)}" y2="${r(end.y)}" stroke="${style.color}" stroke-width="${style.width}"${
        style.isDashed ? ' stroke-dasharray="6 4"' : ''
      } marker-end="url(#${marker})"><title>${xmlText(e.kind)}</title></line>`,
    );
  }
  out.push('</g>', '<g class="nodes">');
  for (const n of picture.nodes) out.push(nodeSvg(n, options.scheme));
  out.push('</g>', '</svg>');
  return { svg: out.join('\n'), width, height };
}

function markerDefs(scheme: ColorScheme): string[] {
  const colors = schemeColors[scheme];
  const marker = (id: string, color: string): string =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`;
  return [marker('arrow', colors.edge), marker('arrow-contains', colors.containsEdge), marker('arrow-manual', colors.manualEdge)];
}

function nodeSvg(n: PictureNode, scheme: ColorScheme): string {
  const style = nodeKindStyles[n.kind];
  const colors = schemeColors[scheme];
  const stroke = n.isFocus ? colors.highlight : style.accent;
  const strokeWidth = n.isFocus ? 3 : n.kind === 'app' ? 2 : 1.5;
  const paint = `fill="${nodeFill(n.kind, scheme)}" stroke="${stroke}" stroke-width="${strokeWidth}"${style.isDashed ? ' stroke-dasharray="5 3"' : ''}`;
  const x1 = n.x - n.width / 2;
  const y1 = n.y - n.height / 2;
  let shape: string;
  const polygon = shapePolygon(style.shape);
  if (polygon) {
    const points = polygon.map(([px, py]) => `${r(n.x + (px * n.width) / 2)},${r(n.y + (py * n.height) / 2)}`).join(' ');
    shape = `<polygon points="${points}" ${paint}/>`;
  } else if (style.shape === 'ellipse') {
    shape = `<ellipse cx="${r(n.x)}" cy="${r(n.y)}" rx="${r(n.width / 2)}" ry="${r(n.height / 2)}" ${paint}/>`;
  } else if (style.shape === 'barrel') {
    const x2 = x1 + n.width;
    const y2 = y1 + n.height;
    const bulge = n.height * 0.18;
    shape = `<path d="M${r(x1)},${r(y1 + bulge)} Q${r(n.x)},${r(y1 - bulge)} ${r(x2)},${r(y1 + bulge)} L${r(x2)},${r(y2 - bulge)} Q${r(n.x)},${r(y2 + bulge)} ${r(x1)},${r(y2 - bulge)} Z" ${paint}/>`;
  } else {
    const radius = style.shape === 'round-rectangle' ? 6 : 0;
    shape = `<rect x="${r(x1)}" y="${r(y1)}" width="${r(n.width)}" height="${r(n.height)}" rx="${radius}" ${paint}/>`;
  }
  const weight = n.kind === 'app' || n.isFocus ? ' font-weight="bold"' : '';
  const text = `<text x="${r(n.x)}" y="${r(n.y)}" dy="0.35em" text-anchor="middle" fill="${colors.text}"${weight}>${xmlText(displayLabel(n.kind, n.label))}</text>`;
  return `<g class="node" data-kind="${n.kind}"><title>${xmlText(n.label)}</title>${shape}${text}</g>`;
}

/** Where the segment from a's centre towards b's centre leaves a's box. */
function boundaryPoint(a: PictureNode, b: PictureNode): { x: number; y: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (dx === 0 && dy === 0) return { x: a.x, y: a.y };
  const sx = dx !== 0 ? a.width / 2 / Math.abs(dx) : Infinity;
  const sy = dy !== 0 ? a.height / 2 / Math.abs(dy) : Infinity;
  const s = Math.min(sx, sy);
  return { x: a.x + dx * s, y: a.y + dy * s };
}

function r(value: number): string {
  return String(Math.round(value * 10) / 10);
}
