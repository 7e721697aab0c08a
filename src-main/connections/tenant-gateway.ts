/**
 * What the service needs from Qlik to manage connections: check a tenant + key, and reach the
 * built-in demo tenant (started in-process on first use). Implemented over src-main/qlik and
 * src-main/demo-tenant in ./qlik-tenant-gateway.ts; tests can stand in a fake.
 */
import type { ConnectionConfig } from '../api/types/connections';
import type { ClientManagedOptions } from '../qlik/client-managed-options';
import { clientManagedOptionsOf } from './client-managed-settings';

export interface ValidatedIdentity {
  /** The user the key belongs to, e.g. "Crawler Service (crawler@acme.example)". */
  readonly identity: string;
}

/** Where and how to reach a tenant for one crawl or check. Holds the key only in memory. */
export interface TenantEndpoint {
  readonly url: string;
  readonly apiKey: string;
  readonly proxy: string | null;
  readonly caFile: string | null;
  /** Extra trusted CA certificates as PEM text (the demo tenant's own CA when it runs TLS). */
  readonly caPem: string | null;
  /** Client-managed sites: QRS/QPS/engine options (certificates, identity, route) instead of the key. */
  readonly clientManaged?: ClientManagedOptions;
}

export interface TenantGateway {
  validate(endpoint: TenantEndpoint): Promise<ValidatedIdentity>;
  /** Starts the demo tenant on first use and returns its endpoint. */
  demoEndpoint(): Promise<TenantEndpoint>;
  /** Which state of itself the demo tenant presents: 1, or 2 with documented changes to diff. */
  demoRevision(): 1 | 2;
  setDemoRevision(revision: 1 | 2): Promise<void>;
  close(): Promise<void>;
}

export function endpointFor(connection: ConnectionConfig, apiKey: string): TenantEndpoint {
  return {
    url: connection.url,
    apiKey: connection.clientManaged ? '' : apiKey,
    proxy: connection.proxy,
    caFile: connection.caFile,
    caPem: null,
    // For a client-managed connection the keychain entry is the client key passphrase (may be empty).
    ...(connection.clientManaged ? { clientManaged: clientManagedOptionsOf(connection.clientManaged, apiKey || null) } : {}),
  };
}
