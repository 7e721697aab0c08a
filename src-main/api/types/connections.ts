/** Result types of the connections/* and keychain/* calls. Never carries a key. */
import type { ErrorShape } from '../errors';

export type ConnectionKind = 'cloud' | 'demo' | 'client-managed';
export type Health = 'unknown' | 'ok' | 'failed';

export interface ConnectionConfig {
  readonly id: string;
  readonly name: string;
  readonly kind: ConnectionKind;
  /** Tenant URL, e.g. https://acme.eu.qlikcloud.com (the demo tenant's is filled in when it starts). */
  readonly url: string;
  /** Free label such as PROD, STG, DEV. */
  readonly environment: string;
  readonly proxy: string | null;
  /** Path of a PEM bundle of extra trusted CAs (corporate TLS inspection, private CA). */
  readonly caFile: string | null;
  readonly crawlSpacesAndCollections: boolean;
  readonly createdAt: string;
  /** Client-managed (QSEoW) connections only: site, certificates, identity and route. */
  readonly clientManaged?: ClientManagedSettings;
}

/** Where a client-managed site is and how to reach it (qlik-protocol.md §3). No secret in here. */
export interface ClientManagedSettings {
  /** Central node host name, e.g. sense.corp.example. */
  readonly host: string;
  /** Virtual proxy prefix; empty for the default virtual proxy. */
  readonly virtualProxy: string;
  /** Folder with client.pem, client_key.pem and root.pem exported from the QMC. */
  readonly certDir: string;
  readonly userDirectory: string;
  readonly userId: string;
  /** Certificates straight to QRS 4242 + engine 4747, or a QPS proxy session through the virtual proxy. */
  readonly auth: 'certificates' | 'proxy-session';
  /** Non-default ports (4242, 4747, 4243, 443). */
  readonly ports: { readonly qrs?: number; readonly engine?: number; readonly qps?: number; readonly proxy?: number };
}

export interface ConnectionHealth {
  readonly health: Health;
  readonly checkedAt: string | null;
  /** Who the key belongs to, from the last successful validation. */
  readonly identity: string | null;
  readonly error: ErrorShape | null;
}

export interface ConnectionView extends ConnectionConfig, ConnectionHealth {
  /** Whether a key is stored in the keychain for this connection (the key itself never leaves main). */
  readonly hasKey: boolean;
  readonly isBuiltIn: boolean;
  /** The built-in demo tenant only: which revision of itself it presents (2 = documented changes to diff). */
  readonly demoRevision?: 1 | 2;
}

export interface KeychainStatusView {
  readonly available: boolean;
  readonly reason: string;
  readonly remedy: string;
  /** True when QME_API_KEY is set for this run and will be used instead. */
  readonly envKeyInUse: boolean;
}
