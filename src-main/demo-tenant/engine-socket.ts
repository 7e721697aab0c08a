/**
 * Binds one accepted engine WebSocket to an EngineSession: the same wiring for the cloud tenant
 * and the client-managed site, which differ only in how they authenticate the upgrade.
 */
import type { WebSocket } from 'ws';
import { EngineSession, type EngineSessionDeps } from './engine-session';

/**
 * `replyGate`: while it returns a promise, replies wait for it (in order), as a tenant whose engine
 * stalls would; tests use it to hold the engine until something else has happened.
 */
export function attachEngineSocket(
  ws: WebSocket,
  deps: Omit<EngineSessionDeps, 'send' | 'terminate'> & { readonly replyGate?: () => Promise<void> | null },
  sockets: Set<WebSocket>,
): EngineSession {
  sockets.add(ws);
  deps.stats.socketsOpened++;
  const sendNow = (text: string): void => {
    if (ws.readyState === ws.OPEN) ws.send(text);
  };
  const session = new EngineSession({
    ...deps,
    send: (text) => {
      const gate = deps.replyGate?.();
      if (gate) void gate.then(() => sendNow(text));
      else sendNow(text);
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
