/// <reference lib="webworker" />
/** Runs the lineage layout (ELK or the fast layered pass) off the UI thread. */
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutLineage, type LayoutInput } from '../../../src-main/lineage-view/lineage-layout';

const elk = new ELK();

self.onmessage = async (event: MessageEvent<{ id: number; input: LayoutInput }>) => {
  const { id, input } = event.data;
  try {
    const result = await layoutLineage(input, { elk, now: () => performance.now() });
    self.postMessage({ id, result });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
