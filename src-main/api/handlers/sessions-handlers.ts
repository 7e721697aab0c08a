/** Handlers of sessions/* (src-main/api/sessions-contract.ts): QPS calls with the connection's certificates. */
import { AppError } from '../errors';
import type { ConnectionService } from '../../connections/connection-service';
import { createClientManagedTransport, type ClientManagedTransport } from '../../qlik/client-managed-options';
import { endProxySession, listUserSessions } from '../../qlik/qps-session';
import type { Service } from '../dispatch';

async function withSite<T>(
  connections: ConnectionService,
  connectionId: string,
  work: (t: ClientManagedTransport) => Promise<T>,
): Promise<T> {
  // Checked on the stored settings first: resolving a Cloud endpoint may start the demo tenant.
  const endpoint = connections.get(connectionId).clientManaged ? await connections.endpoint(connectionId) : null;
  if (!endpoint?.clientManaged) {
    throw new AppError({
      code: 'invalid-arguments',
      message: 'Proxy sessions exist only on client-managed Qlik Sense connections.',
      remedy: 'Pick a client-managed connection.',
    });
  }
  const transport = createClientManagedTransport(endpoint.clientManaged);
  try {
    return await work(transport);
  } finally {
    await transport.close();
  }
}

export function sessionsHandlers(connections: ConnectionService): Pick<Service, 'sessions/list' | 'sessions/end'> {
  return {
    'sessions/list': ({ connectionId, userDirectory, userId }) =>
      withSite(connections, connectionId, (t) => listUserSessions(t, userDirectory, userId)),
    'sessions/end': ({ connectionId, sessionId }) =>
      withSite(connections, connectionId, async (t) => ({ ended: await endProxySession(t, sessionId) })),
  };
}
