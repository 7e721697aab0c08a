/**
 * The Cytoscape view of a lineage graph. Positions come from our layout (preset), styles from the
 * shared style table. Above 1,500 nodes Cytoscape's WebGL renderer is used where the browser runs
 * WebGL2 on a GPU, and edges hide while panning.
 */
import cytoscape from 'cytoscape';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import type { LayoutResult } from '../../../src-main/lineage-view/lineage-layout';
import { displayLabel, nodeSize, type ColorScheme } from '../../../src-main/lineage-view/lineage-style';
import type { Picture } from '../../../src-main/lineage-view/svg-writer';
import { groupIdOf } from '../../../src-main/lineage-view/view-layout';
import type { ViewEdge, ViewNode } from '../../../src-main/lineage-view/view-model';
import { lineageStylesheet } from './cytoscape-style';
import { fittedViewport } from './fit-viewport';

export interface CanvasGraph {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly ViewEdge[];
  readonly focus: string | null;
}

export type CanvasSelection = { readonly type: 'node'; readonly id: string } | { readonly type: 'edge'; readonly id: string } | null;

export interface LineageCanvasHandle {
  png(scale: number, isTransparent: boolean): Promise<Blob>;
  /** What is on screen now (positions after any dragging), for the SVG writer. */
  picture(): Picture;
  fit(): void;
  center(id: string): void;
}

interface Props {
  readonly graph: CanvasGraph;
  readonly layout: LayoutResult | null;
  readonly groupByApp: boolean;
  readonly scheme: ColorScheme;
  readonly pathIds: ReadonlySet<string> | null;
  readonly matchIds: ReadonlySet<string>;
  readonly selected: CanvasSelection;
  readonly onSelect: (selection: CanvasSelection) => void;
  readonly onExpand: (id: string) => void;
  readonly label: string;
}

/** Where the WebGL renderer starts paying for itself. */
const webglThreshold = 1500;
/** Room between the fitted picture and the canvas edge. */
const fitPadding = 30;
/** Below this zoom the 11 px labels are too small to read. */
const readableZoom = 0.7;

/** Renderer names of WebGL done on the CPU (no GPU, or a blocklisted one). */
const softwareRenderer = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/**
 * Whether the browser offers WebGL2 on a GPU. Software WebGL (SwiftShader in a headless or
 * GPU-less Chromium) is far slower than Cytoscape's canvas renderer: uploading its label textures
 * alone took longer than drawing the whole 5,000-node graph on a canvas. Chromium does not always
 * report SwiftShader as a "major performance caveat", so the renderer's name is checked as well.
 */
function hasHardwareWebgl2(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2', { failIfMajorPerformanceCaveat: true });
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !softwareRenderer.test(renderer);
  } catch {
    return false;
  }
}

export const LineageCanvas = forwardRef<LineageCanvasHandle, Props>(function LineageCanvas(props, ref) {
  const { graph, layout, groupByApp, scheme, pathIds, matchIds, selected, onSelect, onExpand, label } = props;
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const handlers = useRef({ onSelect, onExpand });
  handlers.current = { onSelect, onExpand };
  const isLarge = graph.nodes.length > webglThreshold;

  // One Cytoscape instance per renderer mode; elements are replaced, not the instance.
  useEffect(() => {
    if (!container.current) return undefined;
    const cy = cytoscape({
      container: container.current,
      style: lineageStylesheet(scheme, isLarge),
      minZoom: 0.03,
      maxZoom: 4,
      boxSelectionEnabled: false,
      ...(isLarge ? { hideEdgesOnViewport: true, textureOnViewport: true, webgl: hasHardwareWebgl2(), pixelRatio: 1 } : {}),
    });
    cy.on('tap', 'node', (event) => {
      const node = event.target as cytoscape.NodeSingular;
      if (!node.hasClass('group')) handlers.current.onSelect({ type: 'node', id: node.id() });
    });
    cy.on('tap', 'edge', (event) => handlers.current.onSelect({ type: 'edge', id: (event.target as cytoscape.EdgeSingular).id() }));
    cy.on('tap', (event) => {
      if (event.target === cy) handlers.current.onSelect(null);
    });
    cy.on('dbltap', 'node', (event) => {
      const node = event.target as cytoscape.NodeSingular;
      if (!node.hasClass('group')) handlers.current.onExpand(node.id());
    });
    cyRef.current = cy;
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
    // The stylesheet is swapped below; the instance only changes with the renderer mode.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isLarge]);

  useEffect(() => {
    cyRef.current?.style(lineageStylesheet(scheme, isLarge));
  }, [scheme, isLarge]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !layout) return;
    const started = performance.now();
    const elements: cytoscape.ElementDefinition[] = [];
    if (groupByApp) {
      const groups = new Map<string, string>();
      for (const n of graph.nodes) if (n.appId !== null) groups.set(groupIdOf(n.appId), n.appLabel ?? n.appId);
      for (const [id, title] of groups) elements.push({ group: 'nodes', data: { id, display: title, kind: 'group' }, classes: 'group' });
    }
    const sizes = new Map<string, { width: number; height: number }>();
    for (const n of graph.nodes) {
      const at = layout.positions[n.id];
      if (!at) continue;
      const size = nodeSize(n.kind, n.label);
      sizes.set(n.id, size);
      const classes = [n.id === graph.focus ? 'focus' : '', n.hasHiddenNeighbours ? 'expandable' : ''].filter(Boolean).join(' ');
      elements.push({
        group: 'nodes',
        data: {
          id: n.id,
          kind: n.kind,
          display: displayLabel(n.kind, n.label),
          width: size.width,
          height: size.height,
          ...(groupByApp && n.appId !== null ? { parent: groupIdOf(n.appId) } : {}),
        },
        position: { x: at.x, y: at.y },
        classes,
      });
    }
    const present = new Set(graph.nodes.map((n) => n.id));
    for (const e of graph.edges) {
      if (!present.has(e.from) || !present.has(e.to)) continue;
      elements.push({ group: 'edges', data: { id: e.id, source: e.from, target: e.to, kind: e.kind, origin: e.origin } });
    }
    const box = container.current;
    if (box) box.dataset['ready'] = 'false';
    let isMarked = false;
    // Timing for the bench and a readiness flag for tests: set on the first frame drawn after the swap.
    const markReady = (): void => {
      if (isMarked || !box) return;
      isMarked = true;
      box.dataset['renderMs'] = String(Math.round(performance.now() - started));
      box.dataset['layoutMs'] = String(Math.round(layout.elapsedMs));
      box.dataset['layoutEngine'] = layout.engine;
      box.dataset['nodeCount'] = String(graph.nodes.length);
      box.dataset['ready'] = 'true';
    };
    cy.one('render', markReady);
    cy.batch(() => {
      cy.elements().remove();
      cy.add(elements);
    });
    const fitted = fittedViewport(
      layout,
      (id) => sizes.get(id),
      { width: cy.width(), height: cy.height() },
      {
        padding: fitPadding,
        minZoom: cy.minZoom(),
        maxZoom: cy.maxZoom(),
      },
    );
    if (fitted) cy.viewport(fitted);
    else cy.fit(undefined, fitPadding);
    // A long chain fitted into the canvas shrinks every label below reading size: then show the
    // focus node at a readable zoom instead, its nearest neighbours around it (Fit shows it all).
    const focus = graph.focus ? cy.getElementById(graph.focus) : null;
    if (cy.zoom() < readableZoom && focus && focus.nonempty()) {
      cy.zoom(readableZoom);
      // Centre on the focus and two steps of its neighbours, so the side the graph grows to is in view.
      cy.center(focus.closedNeighborhood().closedNeighborhood().nodes());
    }
    // The render event can come before the listener sees it when Cytoscape draws synchronously.
    requestAnimationFrame(() => requestAnimationFrame(markReady));
  }, [graph, layout, groupByApp, isLarge]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      // Only the elements that carry a highlight: touching all 13,000 would restyle them all.
      cy.elements('.on-path, .faded, .match').removeClass('on-path faded match');
      if (pathIds) {
        cy.elements().forEach((el) => {
          if (el.hasClass('group')) return;
          el.addClass(pathIds.has(el.id()) ? 'on-path' : 'faded');
        });
      }
      for (const id of matchIds) cy.getElementById(id).addClass('match');
    });
  }, [pathIds, matchIds, graph, layout]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.elements(':selected').unselect();
    if (selected) cy.getElementById(selected.id).select();
  }, [selected, graph, layout]);

  useImperativeHandle(ref, () => ({
    async png(scale, isTransparent) {
      const cy = cyRef.current;
      if (!cy) throw new Error('The graph is not drawn yet.');
      const background = getComputedStyle(container.current as HTMLElement).backgroundColor;
      return cy.png({ output: 'blob-promise', full: true, scale, ...(isTransparent ? {} : { bg: background }) });
    },
    picture() {
      const cy = cyRef.current;
      const byId = new Map(graph.nodes.map((n) => [n.id, n]));
      const nodes: Picture['nodes'][number][] = [];
      const groups: Picture['groups'][number][] = [];
      cy?.nodes().forEach((el) => {
        if (el.hasClass('group')) {
          const b = el.boundingBox({ includeLabels: false });
          groups.push({ id: el.id(), label: String(el.data('display')), box: { x: b.x1, y: b.y1 - 18, width: b.w, height: b.h + 18 } });
          return;
        }
        const n = byId.get(el.id());
        if (!n) return;
        const p = el.position();
        nodes.push({ id: n.id, kind: n.kind, label: n.label, x: p.x, y: p.y, ...nodeSize(n.kind, n.label), isFocus: n.id === graph.focus });
      });
      return { nodes, edges: graph.edges, groups };
    },
    fit() {
      cyRef.current?.fit(undefined, fitPadding);
    },
    center(id) {
      const cy = cyRef.current;
      const el = cy?.getElementById(id);
      if (cy && el && el.nonempty()) cy.animate({ center: { eles: el }, zoom: Math.max(cy.zoom(), 1) }, { duration: 250 });
    },
  }));

  return (
    <div
      ref={container}
      role="img"
      aria-label={label}
      data-testid="lineage-canvas"
      style={{ position: 'absolute', inset: 0, background: 'var(--mantine-color-body)' }}
    />
  );
});
