/**
 * Left-to-right layered layout of a lineage picture. ELK's layered algorithm for graphs it lays
 * out quickly; above `elkNodeLimit` nodes a simple Sugiyama pass (longest-path layers, barycenter
 * ordering) that stays well under a second at 5,000 nodes. The renderer runs this in a Web Worker,
 * `qme` in Node; the ELK instance is passed in so this module imports neither.
 *
 * Given the frame the picture is shown in (`aspectRatio`), a graph whose layers are so tall that
 * fitting it would leave a thin sliver (a whole tenant: hundreds of charts in one layer) has each
 * layer folded into side-by-side sub-columns, keeping its order row by row, so it fills the frame.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';

export interface LayoutNodeInput {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** Compound group (an app) the node belongs to, or null. */
  readonly group: string | null;
}

export interface LayoutEdgeInput {
  readonly id: string;
  readonly from: string;
  readonly to: string;
}

export interface LayoutInput {
  readonly nodes: readonly LayoutNodeInput[];
  readonly edges: readonly LayoutEdgeInput[];
  /** Group ids used by nodes; drawn as boxes around their members. */
  readonly groups: readonly string[];
  /** Width / height of the frame the picture is shown in (canvas, slide); enables folding tall layers. */
  readonly aspectRatio?: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LayoutResult {
  /** Node centres. */
  readonly positions: Readonly<Record<string, { x: number; y: number }>>;
  /** Group boxes (top-left corner and size). */
  readonly groups: Readonly<Record<string, Box>>;
  /** `layered-wrapped`: the fast layout with tall layers folded into sub-columns to fit the frame. */
  readonly engine: 'elk' | 'layered-fast' | 'layered-wrapped';
  readonly elapsedMs: number;
}

export interface ElkLayouter {
  layout(graph: ElkNode): Promise<ElkNode>;
}

export interface LayoutOptions {
  readonly elk?: ElkLayouter | null;
  /** Above this many nodes ELK is skipped (its crossing minimisation grows too fast). */
  readonly elkNodeLimit?: number;
  readonly now?: () => number;
}

export const defaultElkNodeLimit = 1200;
const layerGap = 70;
const nodeGap = 14;
const groupPadding = { top: 30, side: 12 };
/** Folded layers: more room between layers than between a layer's own sub-columns, so bands read apart. */
const bandGap = 140;
const subColumnGap = 24;
/** Fold only graphs this big whose plain picture is this many times taller than the frame. */
const minNodesToFold = 40;
const foldWhenTallerBy = 3;

export async function layoutLineage(input: LayoutInput, options: LayoutOptions = {}): Promise<LayoutResult> {
  const now = options.now ?? (() => Date.now());
  const started = now();
  const frame = input.aspectRatio;
  if (frame !== undefined && frame > 0 && input.groups.length === 0 && input.nodes.length >= minNodesToFold) {
    const ordered = orderedLayers(input);
    if (plainAspect(input, ordered.layers) * foldWhenTallerBy < frame) {
      return { positions: placeFolded(input, ordered.layers, frame), groups: {}, engine: 'layered-wrapped', elapsedMs: now() - started };
    }
  }
  const limit = options.elkNodeLimit ?? defaultElkNodeLimit;
  if (options.elk && input.nodes.length <= limit) {
    try {
      const result = await elkLayout(input, options.elk);
      return { ...result, engine: 'elk', elapsedMs: now() - started };
    } catch {
      // ELK rejects some hierarchical edge cases; the fast layout always answers.
    }
  }
  return { ...fastLayeredLayout(input), engine: 'layered-fast', elapsedMs: now() - started };
}

// ---- ELK ------------------------------------------------------------------------------------

const elkOptions: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'POLYLINE',
  'elk.layered.spacing.nodeNodeBetweenLayers': String(layerGap),
  'elk.spacing.nodeNode': String(nodeGap),
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.cycleBreaking.strategy': 'GREEDY',
  'elk.layered.thoroughness': '3',
  'elk.separateConnectedComponents': 'true',
  'elk.spacing.componentComponent': '40',
};

async function elkLayout(input: LayoutInput, elk: ElkLayouter): Promise<Omit<LayoutResult, 'engine' | 'elapsedMs'>> {
  const hasGroups = input.groups.length > 0;
  const groupChildren = new Map<string, ElkNode[]>(input.groups.map((g) => [g, []]));
  const roots: ElkNode[] = [];
  for (const n of input.nodes) {
    const elkNode: ElkNode = { id: n.id, width: n.width, height: n.height };
    const members = n.group !== null ? groupChildren.get(n.group) : undefined;
    if (members) members.push(elkNode);
    else roots.push(elkNode);
  }
  for (const [group, children] of groupChildren) {
    if (children.length === 0) continue;
    roots.push({
      id: group,
      children,
      layoutOptions: {
        'elk.padding': `[top=${groupPadding.top},left=${groupPadding.side},bottom=${groupPadding.side},right=${groupPadding.side}]`,
      },
    });
  }
  const known = new Set(input.nodes.map((n) => n.id));
  const edges: ElkExtendedEdge[] = input.edges
    .filter((e) => known.has(e.from) && known.has(e.to) && e.from !== e.to)
    .map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] }));
  const graph: ElkNode = {
    id: '__root',
    layoutOptions: { ...elkOptions, ...(hasGroups ? { 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' } : {}) },
    children: roots,
    edges,
  };
  const laid = await elk.layout(graph);
  const positions: Record<string, { x: number; y: number }> = {};
  const groups: Record<string, Box> = {};
  const visit = (node: ElkNode, offsetX: number, offsetY: number): void => {
    for (const child of node.children ?? []) {
      const x = offsetX + (child.x ?? 0);
      const y = offsetY + (child.y ?? 0);
      const width = child.width ?? 0;
      const height = child.height ?? 0;
      if (child.children && child.children.length > 0) {
        groups[child.id] = { x, y, width, height };
        visit(child, x, y);
      } else positions[child.id] = { x: x + width / 2, y: y + height / 2 };
    }
  };
  visit(laid, 0, 0);
  return { positions, groups };
}

// ---- fast layered layout --------------------------------------------------------------------

/** Longest-path layering, barycenter ordering sweeps, then y placement near neighbours. */
export function fastLayeredLayout(input: LayoutInput): Omit<LayoutResult, 'engine' | 'elapsedMs'> {
  const { layers, pred } = orderedLayers(input);
  const positions: Record<string, { x: number; y: number }> = {};
  const ys = new Float64Array(input.nodes.length);
  let x = 0;
  for (const nodes of layers) {
    const width = Math.max(...nodes.map((n) => input.nodes[n]?.width ?? 0));
    let previousBottom = Number.NEGATIVE_INFINITY;
    let previousGroup: string | null | undefined;
    for (const n of nodes) {
      const node = input.nodes[n] as LayoutNodeInput;
      const around = pred[n] ?? [];
      const wanted = around.length > 0 ? around.reduce((s, m) => s + (ys[m] as number), 0) / around.length : previousBottom;
      const gap = previousGroup !== undefined && previousGroup !== node.group ? nodeGap + groupPadding.top : nodeGap;
      const top = Math.max(wanted - node.height / 2, previousBottom + gap, Number.isFinite(previousBottom) ? -Infinity : 0);
      ys[n] = top + node.height / 2;
      positions[node.id] = { x: x + width / 2, y: ys[n] as number };
      previousBottom = top + node.height;
      previousGroup = node.group;
    }
    x += width + layerGap;
  }
  return { positions, groups: groupBoxes(input, positions) };
}

interface OrderedLayers {
  /** Node indexes per layer, left to right, each layer in its crossing-reducing order. */
  readonly layers: number[][];
  readonly pred: readonly number[][];
}

/** Longest-path layers (cycles broken), then four barycenter sweeps; group members kept together. */
function orderedLayers(input: LayoutInput): OrderedLayers {
  const count = input.nodes.length;
  const indexOf = new Map(input.nodes.map((n, i) => [n.id, i]));
  const succ: number[][] = input.nodes.map(() => []);
  const pred: number[][] = input.nodes.map(() => []);
  for (const e of acyclicEdges(input, indexOf)) {
    succ[e[0]]?.push(e[1]);
    pred[e[1]]?.push(e[0]);
  }
  const layer = longestPathLayers(count, succ, pred);
  const sparse: number[][] = [];
  for (let i = 0; i < count; i++) (sparse[layer[i] as number] ??= []).push(i);
  const layers = sparse.filter((nodes) => nodes !== undefined);
  const groupOf = input.nodes.map((n) => n.group);
  const position = new Float64Array(count);
  const orderLayer = (nodes: number[]): void => nodes.forEach((n, i) => (position[n] = i));
  layers.forEach((nodes) => {
    nodes.sort((a, b) => compareGroups(groupOf[a] ?? null, groupOf[b] ?? null) || a - b);
    orderLayer(nodes);
  });
  for (let sweep = 0; sweep < 4; sweep++) {
    const forward = sweep % 2 === 0;
    const sequence = forward ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const nodes of sequence) {
      const bary = new Map<number, number>();
      for (const n of nodes) {
        const around = forward ? (pred[n] ?? []) : (succ[n] ?? []);
        bary.set(n, around.length > 0 ? around.reduce((s, m) => s + (position[m] as number), 0) / around.length : (position[n] as number));
      }
      const groupMean = meanByGroup(nodes, groupOf, bary);
      nodes.sort(
        (a, b) =>
          (groupMean.get(groupOf[a] ?? '') ?? 0) - (groupMean.get(groupOf[b] ?? '') ?? 0) ||
          compareGroups(groupOf[a] ?? null, groupOf[b] ?? null) ||
          (bary.get(a) as number) - (bary.get(b) as number),
      );
      orderLayer(nodes);
    }
  }
  return { layers, pred };
}

/** Width / height of the plain layered picture, estimated from its layers (ELK's comes out alike). */
function plainAspect(input: LayoutInput, layers: readonly number[][]): number {
  let width = 0;
  let height = 0;
  for (const nodes of layers) {
    width += Math.max(...nodes.map((n) => input.nodes[n]?.width ?? 0)) + layerGap;
    height = Math.max(
      height,
      nodes.reduce((sum, n) => sum + (input.nodes[n]?.height ?? 0) + nodeGap, 0),
    );
  }
  return (width - layerGap) / Math.max(1, height - nodeGap);
}

/**
 * Each layer becomes a band of side-by-side sub-columns filled row by row, so a node's height in
 * the band still follows its order in the layer. Every band has at most `rows` rows; `rows` is the
 * count whose picture comes closest to the frame's aspect ratio.
 */
function placeFolded(input: LayoutInput, layers: readonly number[][], frame: number): Record<string, { x: number; y: number }> {
  const widths = layers.map((nodes) => Math.max(...nodes.map((n) => input.nodes[n]?.width ?? 0)));
  const pitch = Math.max(...input.nodes.map((n) => n.height)) + nodeGap;
  const bandsWidth = (rows: number): number =>
    layers.reduce((sum, nodes, i) => {
      const columns = Math.ceil(nodes.length / rows);
      return sum + columns * (widths[i] as number) + (columns - 1) * subColumnGap;
    }, 0);
  // The gap between bands grows with the picture, or wide bands would run together when it is fitted.
  const gapFor = (rows: number): number => Math.max(bandGap, (bandsWidth(rows) * 0.08) | 0);
  const pictureWidth = (rows: number): number => bandsWidth(rows) + (layers.length - 1) * gapFor(rows);
  const tallest = Math.max(...layers.map((nodes) => nodes.length));
  let rows = tallest;
  let bestMiss = Infinity;
  for (let candidate = 1; candidate <= tallest; candidate++) {
    const miss = Math.abs(Math.log(pictureWidth(candidate) / (candidate * pitch - nodeGap) / frame));
    if (miss < bestMiss) [rows, bestMiss] = [candidate, miss];
  }
  const gap = gapFor(rows);
  const positions: Record<string, { x: number; y: number }> = {};
  let x = 0;
  layers.forEach((nodes, i) => {
    const width = widths[i] as number;
    const columns = Math.ceil(nodes.length / rows);
    const bandRows = Math.ceil(nodes.length / columns);
    const top = ((rows - bandRows) * pitch) / 2;
    nodes.forEach((n, k) => {
      const node = input.nodes[n] as LayoutNodeInput;
      const column = k % columns;
      const row = Math.floor(k / columns);
      positions[node.id] = { x: x + column * (width + subColumnGap) + width / 2, y: top + row * pitch + (pitch - nodeGap) / 2 };
    });
    x += columns * width + (columns - 1) * subColumnGap + gap;
  });
  return positions;
}

function compareGroups(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function meanByGroup(
  nodes: readonly number[],
  groupOf: readonly (string | null)[],
  bary: ReadonlyMap<number, number>,
): Map<string, number> {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const n of nodes) {
    const g = groupOf[n] ?? '';
    const s = sums.get(g) ?? { sum: 0, n: 0 };
    s.sum += bary.get(n) as number;
    s.n += 1;
    sums.set(g, s);
  }
  return new Map([...sums].map(([g, s]) => [g, s.sum / s.n]));
}

/** Drops the edges that close a cycle (DFS back edges) so layers are well defined. */
function acyclicEdges(input: LayoutInput, indexOf: ReadonlyMap<string, number>): Array<[number, number]> {
  const count = input.nodes.length;
  const out: number[][] = input.nodes.map(() => []);
  for (const e of input.edges) {
    const a = indexOf.get(e.from);
    const b = indexOf.get(e.to);
    if (a === undefined || b === undefined || a === b) continue;
    out[a]?.push(b);
  }
  const state = new Uint8Array(count); // 0 new, 1 on stack, 2 done
  const kept: Array<[number, number]> = [];
  for (let root = 0; root < count; root++) {
    if (state[root] !== 0) continue;
    const stack: Array<[number, number]> = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [number, number];
      const [node, next] = top;
      const targets = out[node] ?? [];
      if (next >= targets.length) {
        state[node] = 2;
        stack.pop();
        continue;
      }
      top[1] = next + 1;
      const target = targets[next] as number;
      if (state[target] === 1) continue; // back edge: part of a cycle
      kept.push([node, target]);
      if (state[target] === 0) {
        state[target] = 1;
        stack.push([target, 0]);
      }
    }
  }
  return kept;
}

function longestPathLayers(count: number, succ: readonly number[][], pred: readonly number[][]): Int32Array {
  const layer = new Int32Array(count);
  const remaining = Int32Array.from(pred, (p) => p.length);
  const queue: number[] = [];
  for (let i = 0; i < count; i++) if (remaining[i] === 0) queue.push(i);
  const order: number[] = [];
  for (let head = 0; head < queue.length; head++) {
    const n = queue[head] as number;
    order.push(n);
    for (const m of succ[n] ?? []) {
      layer[m] = Math.max(layer[m] as number, (layer[n] as number) + 1);
      remaining[m] = (remaining[m] as number) - 1;
      if (remaining[m] === 0) queue.push(m);
    }
  }
  // Sources sit right before their first consumer, not all in the first column.
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i] as number;
    if ((pred[n] ?? []).length > 0 || (succ[n] ?? []).length === 0) continue;
    layer[n] = Math.min(...(succ[n] ?? []).map((m) => layer[m] as number)) - 1;
  }
  return layer;
}

function groupBoxes(input: LayoutInput, positions: Readonly<Record<string, { x: number; y: number }>>): Record<string, Box> {
  const bounds = new Map<string, { x1: number; y1: number; x2: number; y2: number }>();
  for (const n of input.nodes) {
    if (n.group === null) continue;
    const p = positions[n.id];
    if (!p) continue;
    const b = bounds.get(n.group) ?? { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
    b.x1 = Math.min(b.x1, p.x - n.width / 2);
    b.y1 = Math.min(b.y1, p.y - n.height / 2);
    b.x2 = Math.max(b.x2, p.x + n.width / 2);
    b.y2 = Math.max(b.y2, p.y + n.height / 2);
    bounds.set(n.group, b);
  }
  const boxes: Record<string, Box> = {};
  for (const [g, b] of bounds) {
    boxes[g] = {
      x: b.x1 - groupPadding.side,
      y: b.y1 - groupPadding.top,
      width: b.x2 - b.x1 + 2 * groupPadding.side,
      height: b.y2 - b.y1 + groupPadding.top + groupPadding.side,
    };
  }
  return boxes;
}
