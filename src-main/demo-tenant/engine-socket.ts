/**
 * Binds one accepted engine WebSocket to an EngineSession: the same wiring for the cloud tenant
 * and the client-managed site, which differ only in how they authenticate the upgrade.
 */
import type { WebSocket } from 'ws';
import { EngineSession, type EngineSessionDeps } from './engine-session';

export function attachEngineSocket(
  ws: WebSocket,
  deps: Omit<EngineSessionDeps, 'send' | 'terminate'>,
  sockets: Set<WebSocket>,
): EngineSession {
  sockets.add(ws);
  deps.stats.socketsOpened++;
  const session = new EngineSession({
    ...deps,
    send: (text) => {
      if (ws.readyState === ws.OPEN) ws.send(text);
    },
    terminate: () => ws.terminate(),
  });
  ws.on('message', (data) => void session.handleMessage(data.toString()));
  ws.on('close', () => {
    session.markClosed();
    sockets.delete(ws);
  });
  ws.on('error', () => ws.terminate());
  session.onConnected();
  return session;
}
