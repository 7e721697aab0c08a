/**
 * The settings of a client-managed (QSEoW) connection, as stored in connections.json and sent by
 * the connection form: where the site is, the certificate folder, who to act as, which route.
 * Secrets are not here: a client key passphrase goes to the OS keychain under the connection id.
 */
import { z } from 'zod';
import type { ClientManagedOptions } from '../qlik/client-managed-options';
import type { ClientManagedSettings } from '../api/types/connections';

const port = z.number().int().min(1).max(65535);

export const clientManagedSettingsSchema = z
  .object({
    host: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(253)
      .refine((h) => /^[A-Za-z0-9.\-:[\]]+$/.test(h), 'must be a host name such as sense.corp.example (no https://, no path)'),
    virtualProxy: z
      .string()
      .trim()
      .max(100)
      .refine((p) => /^\/?[A-Za-z0-9_-]*\/?$/.test(p), 'must be a virtual proxy prefix such as crawler')
      .default(''),
    certDir: z.string().trim().min(1, 'is required').max(4096),
    userDirectory: z.string().trim().min(1, 'is required').max(200),
    userId: z.string().trim().min(1, 'is required').max(200),
    auth: z.enum(['certificates', 'proxy-session']),
    ports: z.object({ qrs: port.optional(), engine: port.optional(), qps: port.optional(), proxy: port.optional() }).strict().default({}),
  })
  .strict();

/** The crawl/QPS options of a connection; the passphrase comes from the keychain, in memory only. */
export function clientManagedOptionsOf(settings: ClientManagedSettings, keyPassphrase: string | null): ClientManagedOptions {
  return {
    host: settings.host,
    virtualProxy: settings.virtualProxy,
    certDir: settings.certDir,
    userDirectory: settings.userDirectory,
    userId: settings.userId,
    auth: settings.auth,
    ports: settings.ports,
    ...(keyPassphrase ? { keyPassphrase } : {}),
  };
}
