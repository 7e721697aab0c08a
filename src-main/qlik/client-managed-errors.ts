/**
 * Client-managed failures with their resolutions, after the troubleshooting table of Qlik's QSEoW
 * docs: untrusted certificate chain (root.pem), client certificate refused at the TLS handshake,
 * xrfkey mismatch (HTTP 400), wrong virtual proxy (404 on the prefix), expired proxy session
 * (401 or a redirect to the login page), and 403 on engine connectivity. Everything else falls
 * through to the generic mapping in ./error-mapping.ts.
 */
import { AppError } from '../api/errors';
import { mapHttpStatus, mapNetworkError } from './error-mapping';

export type ClientManagedService = 'qrs' | 'qps' | 'engine' | 'proxy';

export interface ClientManagedContext {
  /** host:port the request went to. */
  readonly host: string;
  readonly endpoint: string;
  readonly service: ClientManagedService;
  readonly virtualProxy: string;
  /** `ACME\jdoe`, for messages. */
  readonly user: string;
}

// OpenSSL alerts a client sees when the server refuses its certificate (TLS 1.2 and 1.3).
const CLIENT_CERT_REFUSED =
  /alert (?:bad certificate|unknown ca|certificate required|certificate unknown|handshake failure|access denied)|ERR_SSL_TLSV1(?:3)?_ALERT_(?:UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|ACCESS_DENIED)|ERR_SSL_SSLV3_ALERT_(?:BAD_CERTIFICATE|HANDSHAKE_FAILURE)/i;
const BAD_KEY = /bad decrypt|ERR_OSSL_BAD_DECRYPT|key values mismatch|KEY_VALUES_MISMATCH|no start line/i;

function textOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const e = current as { code?: unknown; message?: unknown; detail?: unknown; cause?: unknown; errors?: unknown };
    for (const v of [e.code, e.message, e.detail]) if (typeof v === 'string') parts.push(v);
    current = e.cause ?? (Array.isArray(e.errors) ? e.errors[0] : undefined);
  }
  return parts.join(' ');
}

const where = (ctx: ClientManagedContext): string =>
  ctx.virtualProxy ? `virtual proxy "/${ctx.virtualProxy}"` : 'the default virtual proxy';

export function clientCertificateRejected(ctx: ClientManagedContext, detail: string): AppError {
  return new AppError({
    code: 'client-certificate-rejected',
    message: `${ctx.host} refused this machine's client certificate during the TLS handshake (${ctx.service.toUpperCase()}).`,
    remedy:
      'The certificate was not issued by this site. Re-export the certificates from the QMC (Certificates → Export, machine name of this computer, PEM, with the private key) and point the connection at that folder.',
    detail: `${ctx.endpoint}: ${detail}`.slice(0, 500),
  });
}

export function sessionExpired(ctx: ClientManagedContext, detail: string): AppError {
  return new AppError({
    code: 'session-expired',
    message: `The proxy session of ${ctx.user} on ${where(ctx)} has ended or is not known (${ctx.endpoint}).`,
    remedy:
      'Create a new proxy session (validate the connection again, or crawl with --proxy-session). Sessions end after the virtual proxy’s inactivity timeout (30 minutes by default) or when ended in the sessions panel.',
    detail: `${ctx.endpoint}: ${detail}`.slice(0, 500),
  });
}

/** A thrown network/TLS error (undici, ws) or an AppError already mapped by a shared client. */
export function mapClientManagedError(error: unknown, ctx: ClientManagedContext): AppError {
  const text = textOf(error);
  const status = /Unexpected server response: (\d{3})/.exec(text)?.[1];
  if (status) return mapClientManagedStatus(Number(status), ctx, text);
  if (error instanceof AppError && error.code === 'cancelled') return error;
  if (BAD_KEY.test(text)) {
    return new AppError({
      code: 'invalid-arguments',
      message: 'client_key.pem could not be used with client.pem (wrong passphrase, or a key of another certificate).',
      remedy: 'Store the passphrase the certificates were exported with, or export client.pem and client_key.pem again from the QMC.',
      detail: `${ctx.endpoint}: ${text}`.slice(0, 500),
    });
  }
  if (CLIENT_CERT_REFUSED.test(text)) return clientCertificateRejected(ctx, text);
  const mapped = error instanceof AppError ? error : mapNetworkError(error, { host: ctx.host, endpoint: ctx.endpoint });
  if (mapped.code === 'tls-untrusted') {
    return new AppError({
      code: 'tls-untrusted',
      message: `The certificate of ${ctx.host} was not issued by the CA in root.pem, nor by any CA this computer trusts.`,
      remedy:
        'Use the root.pem exported from this site’s QMC together with client.pem. If the proxy uses a certificate of your own CA, add that CA to root.pem.',
      ...(mapped.detail ? { detail: mapped.detail } : {}),
    });
  }
  // A mutual-TLS port that drops the connection right after the handshake refused the certificate.
  if (ctx.service !== 'proxy' && mapped.code === 'connection-lost' && /ECONNRESET|socket hang up|other side closed/i.test(text)) {
    return clientCertificateRejected(ctx, text);
  }
  return mapped;
}

export function mapClientManagedStatus(status: number, ctx: ClientManagedContext, serverDetail = ''): AppError {
  const detail = `HTTP ${status}${serverDetail ? ` ${serverDetail}` : ''}`;
  if (status === 400 && (ctx.service === 'qrs' || ctx.service === 'qps' || ctx.service === 'proxy')) {
    return new AppError({
      code: 'xrfkey-rejected',
      message: `${ctx.host} rejected ${ctx.endpoint} (HTTP 400): Qlik requires the same 16-character xrfkey in the query string and the X-Qlik-Xrfkey header.`,
      remedy:
        'Something between this computer and Qlik (a gateway, a proxy rewriting URLs or headers) dropped or changed the xrfkey. Let both through unchanged, then retry.',
      detail: `${ctx.endpoint}: ${detail}`.slice(0, 500),
    });
  }
  if (ctx.service === 'proxy' && (status === 401 || status === 302 || status === 303)) return sessionExpired(ctx, detail);
  // The crawler only asks for paths every site serves, so a 404 through the proxy means the prefix.
  if ((ctx.service === 'proxy' || ctx.service === 'qps') && status === 404) {
    return new AppError({
      code: 'virtual-proxy-not-found',
      message: `${ctx.host} has no ${where(ctx)} (HTTP 404 on ${ctx.endpoint}).`,
      remedy:
        'Check the prefix in QMC → Virtual proxies (Prefix column); leave it empty for the default virtual proxy, and check the proxy port.',
      detail: `${ctx.endpoint}: ${detail}`.slice(0, 500),
    });
  }
  if ((ctx.service === 'engine' || ctx.endpoint.startsWith('open app')) && status === 403) {
    // Through the proxy a 403 on the upgrade is also the WebSocket CSRF check (QSEoW Nov 2024+, §3.4).
    const csrf = ctx.service === 'proxy' ? ' Through a virtual proxy, also check that its host allow-list accepts this origin.' : '';
    return new AppError({
      code: 'engine-forbidden',
      message: `The engine at ${ctx.host} refused the connection (HTTP 403): the Qlik Sense services may be unavailable, or ${ctx.user} lacks access.`,
      remedy: `Check that the Qlik Sense Repository and Engine services are up and that ${ctx.host} is reachable from this computer, that ${ctx.user} may open the app (security rules, license), then retry.${csrf}`,
      detail: `${ctx.endpoint}: ${detail}`.slice(0, 500),
    });
  }
  if (status === 403) {
    return new AppError({
      code: 'auth-forbidden',
      message: `${ctx.host} refused ${ctx.endpoint} for ${ctx.user} (HTTP 403).`,
      remedy:
        'Give the user the rights to read the repository (a RootAdmin or a security rule for the crawl account), or use the certificates of this site.',
      detail: `${ctx.endpoint}: ${detail}`.slice(0, 500),
    });
  }
  return mapHttpStatus(status, { host: ctx.host, endpoint: ctx.endpoint }, { serverDetail });
}
