/**
 * Lays out a lineage picture: ELK in a Web Worker for graphs it can handle; above ELK's limit the
 * fast layered pass (tens of milliseconds at 5,000 nodes) runs on this thread, because starting
 * the worker and copying the graph to it would cost more than the layout. Where workers cannot
 * start (some file:// setups), ELK runs here too, only for small graphs so the window never
 * freezes for long.
 */
import { defaultElkNodeLimit, layoutLineage, type LayoutInput, type LayoutResult } from '../../../src-main/lineage-view/lineage-layout';

let worker: Worker | null | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (r: LayoutResult) => void; reject: (e: Error) => void }>();

function layoutWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ id: number; result?: LayoutResult; error?: string }>) => {
      const entry = pending.get(event.data.id);
      pending.delete(event.data.id);
      if (!entry) return;
      if (event.data.result) entry.resolve(event.data.result);
      else entry.reject(new Error(event.data.error ?? 'layout failed'));
    };
    worker.onerror = () => {
      // The worker could not load: fall back to this thread for this and later layouts.
      worker?.terminate();
      worker = null;
      for (const [, entry] of pending) entry.reject(new Error('layout worker unavailable'));
      pending.clear();
    };
  } catch {
    worker = null;
  }
  return worker;
}

async function layoutHere(input: LayoutInput): Promise<LayoutResult> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  return layoutLineage(input, { elk: new ELK(), elkNodeLimit: 300, now: () => performance.now() });
}

export async function layoutGraph(input: LayoutInput): Promise<LayoutResult> {
  if (input.nodes.length > defaultElkNodeLimit) return layoutLineage(input, { now: () => performance.now() });
  const w = layoutWorker();
  if (!w) return layoutHere(input);
  try {
    return await new Promise<LayoutResult>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      w.postMessage({ id, input });
    });
  } catch {
    return layoutHere(input);
  }
}
