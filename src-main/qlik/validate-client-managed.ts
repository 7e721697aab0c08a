/**
 * Checks a client-managed connection the way a crawl would start: QRS `/qrs/about` by certificate
 * as the configured user, or — for the proxy-session route — a new QPS session, QRS through the
 * virtual proxy with its cookie and the CSRF token; the session is ended afterwards.
 */
import { createClientManagedTransport, type ClientManagedOptions } from './client-managed-options';
import { createProxySession, endProxySession, fetchCsrfToken } from './qps-session';
import { certificateQrsRoute, createQrsClient, proxyQrsRoute } from './qrs-client';
import { qrsAboutSchema } from './qrs-schemas';

export async function validateClientManaged(options: ClientManagedOptions): Promise<{ identity: string }> {
  const transport = createClientManagedTransport(options);
  const user = `${options.userDirectory}\\${options.userId}`;
  let sessionId: string | null = null;
  try {
    if (options.auth === 'proxy-session') {
      sessionId = (await createProxySession(transport, { userDirectory: options.userDirectory, userId: options.userId })).sessionId;
    }
    const qrs = createQrsClient(transport, sessionId ? proxyQrsRoute(transport, sessionId) : certificateQrsRoute(transport));
    const about = await qrs.getJson('/qrs/about', qrsAboutSchema);
    if (sessionId) await fetchCsrfToken(transport, sessionId);
    return { identity: `${user} on Qlik Sense ${about.buildVersion ?? ''}`.trim() };
  } finally {
    if (sessionId) await endProxySession(transport, sessionId).catch(() => false);
    await transport.close();
  }
}
