/**
 * How to reach a client-managed Qlik Sense site (qlik-protocol.md §3.1): host, virtual proxy,
 * the certificate folder exported from the QMC (client.pem, client_key.pem, root.pem) and the
 * identity to act as. Builds the undici dispatchers (mutual TLS for QRS/QPS on 4242/4243, server
 * trust only for the proxy) and the engine connection for either auth route.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { Agent, type Dispatcher } from 'undici';
import { AppError } from '../api/errors';
import type { EngineAccess } from './engine-session';

export type ClientManagedAuth = 'certificates' | 'proxy-session';

export interface ClientManagedPorts {
  readonly qrs: number;
  readonly engine: number;
  readonly qps: number;
  readonly proxy: number;
}

export const DEFAULT_CLIENT_MANAGED_PORTS: ClientManagedPorts = { qrs: 4242, engine: 4747, qps: 4243, proxy: 443 };

/** Serialisable (crosses the crawl worker boundary); the key passphrase is held in memory only. */
export interface ClientManagedOptions {
  /** Host name of the central node, e.g. sense.corp.example (no scheme, no port). */
  readonly host: string;
  /** Virtual proxy prefix; empty for the default virtual proxy. */
  readonly virtualProxy?: string;
  /** Folder holding client.pem, client_key.pem and root.pem. */
  readonly certDir: string;
  /** Passphrase of client_key.pem when it was exported with one (from the keychain). */
  readonly keyPassphrase?: string;
  readonly userDirectory: string;
  readonly userId: string;
  readonly auth: ClientManagedAuth;
  readonly ports?: Partial<ClientManagedPorts>;
  /** Attributes of a new proxy session, e.g. [{Group: 'BI'}]. */
  readonly sessionAttributes?: ReadonlyArray<Readonly<Record<string, string>>>;
  readonly requestTimeoutMs?: number;
}

export interface SiteCertificateFiles {
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
  readonly rootPem: string;
}

export interface ClientManagedTransport {
  readonly options: ClientManagedOptions;
  readonly host: string;
  readonly ports: ClientManagedPorts;
  readonly virtualProxy: string;
  /** https://host:4242 — QRS with the client certificate. */
  readonly qrsBase: URL;
  /** https://host:4243/qps[/vp] — the QPS REST API. */
  readonly qpsBase: URL;
  /** https://host[:port][/vp] — what a browser opens. */
  readonly proxyBase: URL;
  /** Mutual TLS: client certificate + root.pem. */
  readonly mutualTls: Dispatcher;
  /** Server trust only (root.pem added to the public roots): the proxy needs no client certificate. */
  readonly serverTls: Dispatcher;
  /** The session cookie name of the virtual proxy (qlik-protocol.md §3.4). */
  readonly sessionCookieName: string;
  /** X-Qlik-User value for direct (certificate) calls. */
  readonly qlikUser: string;
  readonly certificates: SiteCertificateFiles;
  close(): Promise<void>;
}

const CERT_FILES = { clientCertPem: 'client.pem', clientKeyPem: 'client_key.pem', rootPem: 'root.pem' } as const;

export function loadCertificateFolder(certDir: string): SiteCertificateFiles {
  const read = (name: string): string => {
    try {
      return readFileSync(join(certDir, name), 'utf8');
    } catch (error) {
      throw new AppError(
        {
          code: 'invalid-arguments',
          message: `${name} could not be read from the certificate folder ${certDir}.`,
          remedy:
            'Export the certificates in the QMC (Certificates → Export, PEM format, include the private key) for this machine, and point at the folder holding client.pem, client_key.pem and root.pem.',
          detail: error instanceof Error ? error.message : String(error),
        },
        { cause: error },
      );
    }
  };
  return {
    clientCertPem: read(CERT_FILES.clientCertPem),
    clientKeyPem: read(CERT_FILES.clientKeyPem),
    rootPem: read(CERT_FILES.rootPem),
  };
}

export function normalizeVirtualProxy(prefix: string | undefined): string {
  return (prefix ?? '').trim().replace(/^\/+|\/+$/g, '');
}

/** `UserDirectory=DIR; UserId=ID` (qlik-protocol.md §3.2). */
export function qlikUserHeader(userDirectory: string, userId: string): string {
  return `UserDirectory=${userDirectory}; UserId=${userId}`;
}

/** `ACME\jdoe` → {userDirectory, userId}; null when either half is missing. */
export function parseDomainUser(text: string): { userDirectory: string; userId: string } | null {
  const match = /^([^\\/]+)[\\/](.+)$/.exec(text.trim());
  return match?.[1] && match[2] ? { userDirectory: match[1], userId: match[2] } : null;
}

function hostPort(host: string, port: number, defaultPort: number): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return port === defaultPort ? h : `${h}:${port}`;
}

export function createClientManagedTransport(options: ClientManagedOptions): ClientManagedTransport {
  const host = options.host
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/.*$/, '');
  if (!host) {
    throw new AppError({
      code: 'invalid-arguments',
      message: 'The host of the Qlik Sense site is empty.',
      remedy: 'Give the central node host name, e.g. sense.corp.example.',
    });
  }
  const ports = { ...DEFAULT_CLIENT_MANAGED_PORTS, ...options.ports };
  const virtualProxy = normalizeVirtualProxy(options.virtualProxy);
  const certificates = loadCertificateFolder(options.certDir);
  const ca = [...rootCertificates, certificates.rootPem];
  const timeout = options.requestTimeoutMs ?? 30_000;
  const mutualTls = new Agent({
    connect: {
      ca,
      cert: certificates.clientCertPem,
      key: certificates.clientKeyPem,
      ...(options.keyPassphrase ? { passphrase: options.keyPassphrase } : {}),
      timeout,
    },
    keepAliveTimeout: 10_000,
  });
  const serverTls = new Agent({ connect: { ca, timeout }, keepAliveTimeout: 10_000 });
  const vpPath = virtualProxy ? `/${virtualProxy}` : '';
  return {
    options,
    host,
    ports,
    virtualProxy,
    qrsBase: new URL(`https://${hostPort(host, ports.qrs, -1)}`),
    qpsBase: new URL(`https://${hostPort(host, ports.qps, -1)}/qps${vpPath}`),
    proxyBase: new URL(`https://${hostPort(host, ports.proxy, 443)}${vpPath}`),
    mutualTls,
    serverTls,
    sessionCookieName: virtualProxy ? `X-Qlik-Session-${virtualProxy}` : 'X-Qlik-Session',
    qlikUser: qlikUserHeader(options.userDirectory, options.userId),
    certificates,
    async close() {
      await Promise.all([mutualTls.close().catch(() => undefined), serverTls.close().catch(() => undefined)]);
    },
  };
}

/** Engine on 4747 with the client certificate and X-Qlik-User (qlik-protocol.md §1.1, §3.3). */
export function certificateEngineAccess(transport: ClientManagedTransport, appId: string): EngineAccess {
  const { certificates, options } = transport;
  return {
    url: `wss://${hostPort(transport.host, transport.ports.engine, -1)}/app/${encodeURIComponent(appId)}`,
    headers: { 'X-Qlik-User': transport.qlikUser },
    tls: {
      ca: [...rootCertificates, certificates.rootPem],
      cert: certificates.clientCertPem,
      key: certificates.clientKeyPem,
      ...(options.keyPassphrase ? { passphrase: options.keyPassphrase } : {}),
    },
  };
}

/**
 * Engine through the virtual proxy with the session cookie, the CSRF token as a query parameter
 * and an Origin the proxy's allow-list accepts; never an Authorization header (qlik-protocol.md §3.4).
 */
export function proxyEngineAccess(
  transport: ClientManagedTransport,
  appId: string,
  sessionId: string,
  csrfToken: string | null,
): EngineAccess {
  const url = new URL(transport.proxyBase.href);
  url.protocol = 'wss:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/app/${encodeURIComponent(appId)}`;
  if (csrfToken) url.searchParams.set('qlik-csrf-token', csrfToken);
  return {
    url: url.href,
    headers: { Cookie: `${transport.sessionCookieName}=${sessionId}`, Origin: transport.proxyBase.origin },
    tls: { ca: [...rootCertificates, transport.certificates.rootPem] },
  };
}
