/**
 * What the service needs from Qlik to manage connections: check a tenant + key, and reach the
 * built-in demo tenant (started in-process on first use). Implemented over src-main/qlik and
 * src-main/demo-tenant in ./qlik-tenant-gateway.ts; tests can stand in a fake.
 */
import type { ConnectionConfig } from '../api/types/connections';

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
}

export interface TenantGateway {
  validate(endpoint: TenantEndpoint): Promise<ValidatedIdentity>;
  /** Starts the demo tenant on first use and returns its endpoint. */
  demoEndpoint(): Promise<TenantEndpoint>;
  close(): Promise<void>;
}

export function endpointFor(connection: ConnectionConfig, apiKey: string): TenantEndpoint {
  return { url: connection.url, apiKey, proxy: connection.proxy, caFile: connection.caFile, caPem: null };
}
