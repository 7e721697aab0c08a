/**
 * Connections as the UI sees them: settings from the store, keys in the keychain, health from
 * the last validation. The only place that combines the three.
 */
import { toErrorShape } from '../api/errors';
import type { ConnectionConfig, ConnectionHealth, ConnectionView, KeychainStatusView } from '../api/types/connections';
import { resolveApiKey, type SecretStore } from '../secrets/keychain';
import { DEMO_CONNECTION_ID, type ConnectionInput, type ConnectionStore } from './connection-store';
import { endpointFor, type TenantEndpoint, type TenantGateway } from './tenant-gateway';

const unknownHealth: ConnectionHealth = { health: 'unknown', checkedAt: null, identity: null, error: null };

export class ConnectionService {
  private readonly healthById = new Map<string, ConnectionHealth>();

  constructor(
    private readonly store: ConnectionStore,
    private readonly keychain: SecretStore,
    private readonly gateway: TenantGateway,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async list(): Promise<ConnectionView[]> {
    return Promise.all(this.store.list().map((c) => this.view(c)));
  }

  async save(input: ConnectionInput & { apiKey?: string }): Promise<ConnectionView> {
    const { apiKey, ...settings } = input;
    // Store the key first: if the keychain refuses, nothing is saved and the user is told why.
    const saved = this.store.save(settings);
    if (apiKey) {
      try {
        await this.keychain.set(saved.id, apiKey);
      } catch (error) {
        if (!input.id) this.store.delete(saved.id);
        throw error;
      }
    }
    this.healthById.delete(saved.id);
    return this.view(saved);
  }

  async delete(id: string): Promise<null> {
    this.store.delete(id);
    this.healthById.delete(id);
    await this.keychain.delete(id).catch(() => false);
    return null;
  }

  async validate(id: string): Promise<ConnectionView> {
    const connection = this.store.get(id);
    const checkedAt = new Date().toISOString();
    try {
      const { identity } = await this.gateway.validate(await this.endpoint(id));
      this.healthById.set(id, { health: 'ok', checkedAt, identity, error: null });
    } catch (error) {
      this.healthById.set(id, { health: 'failed', checkedAt, identity: null, error: toErrorShape(error) });
    }
    return this.view(connection);
  }

  /** The endpoint of a connection with its key resolved (env var, then keychain). */
  async endpoint(id: string): Promise<TenantEndpoint> {
    if (id === DEMO_CONNECTION_ID) return this.gateway.demoEndpoint();
    const connection = this.store.get(id);
    // Client-managed: no key; the keychain may hold the client key passphrase (optional).
    if (connection.clientManaged) return endpointFor(connection, (await this.keychain.get(connection.id).catch(() => null)) ?? '');
    return endpointFor(connection, await resolveApiKey(this.keychain, connection.id, this.env));
  }

  /** Switches the built-in demo tenant to revision 1 or 2 (the next crawl sees it). */
  async setDemoRevision(revision: 1 | 2): Promise<ConnectionView> {
    await this.gateway.setDemoRevision(revision);
    return this.view(this.store.get(DEMO_CONNECTION_ID));
  }

  get(id: string): ConnectionConfig {
    return this.store.get(id);
  }

  async keychainStatus(): Promise<KeychainStatusView> {
    const status = await this.keychain.status();
    return { ...status, envKeyInUse: Boolean(this.env['QME_API_KEY']?.trim()) };
  }

  private async view(connection: ConnectionConfig): Promise<ConnectionView> {
    const isBuiltIn = connection.id === DEMO_CONNECTION_ID;
    const hasKey = isBuiltIn || (await this.keychain.get(connection.id).then(Boolean, () => false));
    return {
      ...connection,
      ...(this.healthById.get(connection.id) ?? unknownHealth),
      hasKey,
      isBuiltIn,
      ...(isBuiltIn ? { demoRevision: this.gateway.demoRevision() } : {}),
    };
  }
}
