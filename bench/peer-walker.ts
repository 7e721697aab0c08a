/**
 * The call pattern of a sequential per-object crawler, as peers use it (see ../shared/peers.md):
 * one app at a time; GetObjects for the sheets, then per sheet GetObject + GetLayout, then per
 * chart GetChild + GetLayout. Only for the benchmark's comparison.
 */
import type { QixGenericObject } from '../src-main/qlik/enigma-facade';
import { openEngineApp } from '../src-main/qlik/engine-session';
import type { Transport } from '../src-main/qlik/connection-options';

export async function peerWalkApp(transport: Transport, apiKey: string, appId: string): Promise<number> {
  const engine = await openEngineApp({ transport, apiKey, appId, withoutData: false });
  let objects = 0;
  try {
    const sheets = await engine.doc.getObjects({ qTypes: ['sheet'], qData: {} });
    for (const entry of sheets) {
      const sheet = await engine.doc.getObject(entry.qInfo.qId);
      const layout = (await sheet.getLayout()) as { qChildList?: { qItems?: Array<{ qInfo: { qId: string } }> } };
      for (const item of layout.qChildList?.qItems ?? []) {
        const child: QixGenericObject = await sheet.getChild(item.qInfo.qId);
        await child.getLayout();
        objects++;
      }
    }
    return objects;
  } finally {
    await engine.close();
  }
}
