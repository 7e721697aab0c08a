/**
 * Contract entries for the proxy sessions of client-managed connections (QPS session API,
 * qlik-protocol.md §3.4): list a user's sessions with their attributes, end one. Spread into
 * contract.ts.
 */
import { z } from 'zod';
import type { ProxySessionInfo } from '../qlik/qps-session';

function returns<T>(): T {
  return undefined as unknown as T;
}

const connectionId = z.string().min(1).max(100);
const name = z.string().trim().min(1).max(200);

export const sessionsContract = {
  'sessions/list': {
    args: z.object({ connectionId, userDirectory: name, userId: name }).strict(),
    result: returns<ProxySessionInfo[]>(),
    doc: 'Proxy sessions of a user on a client-managed connection, with their attributes (groups, roles).',
  },
  'sessions/end': {
    args: z.object({ connectionId, sessionId: z.string().trim().min(1).max(200) }).strict(),
    result: returns<{ ended: boolean }>(),
    doc: 'Ends a proxy session (and its engine connections) on a client-managed connection.',
  },
} as const;
