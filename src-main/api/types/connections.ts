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
}

export interface KeychainStatusView {
  readonly available: boolean;
  readonly reason: string;
  readonly remedy: string;
  /** True when QME_API_KEY is set for this run and will be used instead. */
  readonly envKeyInUse: boolean;
}
