/**
 * worker_threads entry of a walker thread (app-walks.ts): reads apps from the engine and computes
 * their lineage fragments while the crawl runner's thread writes the catalog. The API key arrives
 * in memory through workerData and is never written anywhere.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorShape } from '../api/errors';
import { appLineageFragment } from '../lineage';
import { connectionOptionsOf } from '../qlik/connection-options';
import { createRestClient, rateLimitMessage } from '../qlik/rest-client';
import { walkApp } from './app-walker';
import type { WalkerReply, WalkerRequest, WalkerWorkerData } from './app-walks';
import { fetchAppDataMetadata } from './tenant-inventory';

function main(): void {
  if (!parentPort) return;
  const port = parentPort;
  const { connection } = workerData as WalkerWorkerData;
  const post = (reply: WalkerReply): void => port.postMessage(reply);
  const rest = createRestClient({
    ...connectionOptionsOf(connection),
    onNotice: (notice) => {
      const message = rateLimitMessage(notice);
      if (message) post({ kind: 'notice', message });
    },
  });
  const walks = new Map<number, AbortController>();

  port.on('message', (request: WalkerRequest) => {
    if (request.kind === 'cancel') {
      walks.get(request.id)?.abort();
      return;
    }
    const { id, app } = request;
    const controller = new AbortController();
    walks.set(id, controller);
    const signal = controller.signal;
    walkApp({
      transport: rest.transport,
      apiKey: connection.apiKey,
      appId: app.id,
      signal,
      ...(connection.requestTimeoutMs ? { callTimeoutMs: connection.requestTimeoutMs } : {}),
      withoutData: connection.withoutData,
      ...(connection.fetchDataMetadata ? { fetchDataMetadata: () => fetchAppDataMetadata(rest, app.id, signal) } : {}),
    })
      .then((walked) => {
        if (signal.aborted) return;
        const fragment = appLineageFragment(app, walked.content);
        post({ kind: 'walked', id, content: walked.content, engineCalls: walked.engineCalls, fragment, restCalls: rest.stats.requests });
      })
      .catch((error: unknown) => {
        if (!signal.aborted) post({ kind: 'failed', id, error: toErrorShape(error), restCalls: rest.stats.requests });
      })
      .finally(() => walks.delete(id));
  });
  post({ kind: 'ready' });
}

main();
