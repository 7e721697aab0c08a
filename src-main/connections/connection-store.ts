/**
 * Connection settings (name, URL, environment label, proxy, CA file, toggles) as a JSON file in the
 * user data folder, written atomically. Keys are NOT here: they live in the OS keychain under the
 * connection id. The built-in demo tenant connection is always present and cannot be deleted.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../api/errors';
import type { ConnectionConfig } from '../api/types/connections';
import { clientManagedSettingsSchema } from './client-managed-settings';

export const DEMO_CONNECTION_ID = 'demo';

export const demoConnection: ConnectionConfig = {
  id: DEMO_CONNECTION_ID,
  name: 'Demo tenant',
  kind: 'demo',
  url: 'demo://built-in',
  environment: 'DEMO',
  proxy: null,
  caFile: null,
  crawlSpacesAndCollections: true,
  createdAt: '2026-01-01T00:00:00.000Z',
};

const storedConnectionSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  kind: z.enum(['cloud', 'client-managed']),
  url: z.string(),
  environment: z.string().default(''),
  proxy: z.string().nullable().default(null),
  caFile: z.string().nullable().default(null),
  crawlSpacesAndCollections: z.boolean().default(true),
  createdAt: z.string(),
  clientManaged: clientManagedSettingsSchema.optional(),
});

const fileSchema = z.object({ version: z.literal(1), connections: z.array(storedConnectionSchema) });

export type ConnectionInput = Omit<ConnectionConfig, 'id' | 'createdAt' | 'kind'> & {
  readonly id?: string;
  readonly kind?: 'cloud' | 'client-managed';
};

export class ConnectionStore {
  private readonly file: string;

  constructor(userDataDir: string) {
    this.file = join(userDataDir, 'connections.json');
  }

  list(): ConnectionConfig[] {
    return [demoConnection, ...this.readStored()];
  }

  get(id: string): ConnectionConfig {
    const found = this.list().find((c) => c.id === id);
    if (!found) {
      throw new AppError({
        code: 'not-found',
        message: `There is no connection with id "${id}".`,
        remedy: 'Pick a connection from the Connections page.',
      });
    }
    return found;
  }

  save(input: ConnectionInput, now: Date = new Date()): ConnectionConfig {
    if (input.id === DEMO_CONNECTION_ID) {
      throw new AppError({
        code: 'invalid-arguments',
        message: 'The demo tenant connection is built in and cannot be edited.',
        remedy: 'Add a new connection for a real tenant.',
      });
    }
    const stored = this.readStored();
    const existing = input.id ? stored.find((c) => c.id === input.id) : undefined;
    if (input.id && !existing) {
      throw new AppError({
        code: 'not-found',
        message: `There is no connection with id "${input.id}".`,
        remedy: 'Reload the Connections page.',
      });
    }
    const saved: ConnectionConfig = {
      id: existing?.id ?? randomUUID(),
      name: input.name.trim(),
      kind: input.kind ?? existing?.kind ?? 'cloud',
      url: input.url,
      environment: input.environment.trim(),
      proxy: input.proxy,
      caFile: input.caFile,
      crawlSpacesAndCollections: input.crawlSpacesAndCollections,
      createdAt: existing?.createdAt ?? now.toISOString(),
      ...(input.clientManaged ? { clientManaged: input.clientManaged } : {}),
    };
    this.write(existing ? stored.map((c) => (c.id === saved.id ? saved : c)) : [...stored, saved]);
    return saved;
  }

  delete(id: string): void {
    if (id === DEMO_CONNECTION_ID) {
      throw new AppError({
        code: 'invalid-arguments',
        message: 'The demo tenant connection is built in and cannot be deleted.',
        remedy: 'Leave it; it costs nothing.',
      });
    }
    this.get(id);
    this.write(this.readStored().filter((c) => c.id !== id));
  }

  private readStored(): ConnectionConfig[] {
    let raw: string;
    try {
      raw = readFileSync(this.file, 'utf8');
    } catch {
      return [];
    }
    const parsed = fileSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) {
      throw new AppError({
        code: 'catalog-corrupt',
        message: `The connections file ${this.file} is not in the expected format.`,
        remedy: 'Fix or delete that file; keys in the keychain are not affected.',
      });
    }
    return parsed.data.connections;
  }

  private write(connections: readonly ConnectionConfig[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const stored = connections.filter((c) => c.id !== DEMO_CONNECTION_ID);
    writeFileSync(temp, JSON.stringify({ version: 1, connections: stored }, null, 2));
    renameSync(temp, this.file);
  }
}
