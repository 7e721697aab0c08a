/**
 * Browser transport, page side: the contract over the loopback WebSocket opened by `serve`.
 * The token travels in an HttpOnly cookie set by the server, so this code never sees it.
 */
import type { CallName, Envelope, EventName, ExplorerBridge } from '../../src-main/api/contract';

type Pending = { resolve: (envelope: Envelope) => void };

export function createBrowserBridge(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`): ExplorerBridge {
  let socket: WebSocket | undefined;
  let opening: Promise<WebSocket> | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  function failAll(message: string): void {
    for (const [, p] of pending) {
      p.resolve({
        ok: false,
        error: { code: 'connection-refused', message, remedy: 'Check that `npm run serve` is still running, then reload the page.' },
      });
    }
    pending.clear();
  }

  function connect(): Promise<WebSocket> {
    if (socket && socket.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    if (opening) return opening;
    opening = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        opening = undefined;
        resolve(ws);
      };
      ws.onerror = () => {
        opening = undefined;
        reject(new Error('Could not reach the app server.'));
      };
      ws.onclose = () => {
        socket = undefined;
        failAll('The connection to the app server closed.');
      };
      ws.onmessage = (message) => {
        const data = JSON.parse(String(message.data)) as
          { type: 'result'; id: number; envelope: Envelope } | { type: 'event'; event: EventName; payload: unknown };
        if (data.type === 'result') {
          pending.get(data.id)?.resolve(data.envelope);
          pending.delete(data.id);
        } else {
          for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
        }
      };
    });
    return opening;
  }

  return {
    transport: 'browser',
    async call(name: CallName, args: unknown) {
      let ws: WebSocket;
      try {
        ws = await connect();
      } catch {
        return {
          ok: false,
          error: {
            code: 'connection-refused',
            message: 'The app server is not reachable.',
            remedy: 'Start it with `npm run serve` and open the URL it prints.',
          },
        } as never;
      }
      const id = nextId++;
      return new Promise<Envelope>((resolve) => {
        pending.set(id, { resolve });
        ws.send(JSON.stringify({ id, name, args }));
      }) as never;
    },
    subscribe(event, listener) {
      void connect().catch(() => undefined);
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}
