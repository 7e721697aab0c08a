/**
 * "Test connection": one authenticated REST call (users/me) that turns every way of failing —
 * bad key, forbidden, unknown host, refused, TLS, proxy, rate limit, timeout — into an
 * actionable AppError (see error-mapping.ts). The key is used, never echoed.
 */
import type { QlikConnectionOptions } from './connection-options';
import { createRestClient } from './rest-client';
import { userSchema } from './rest-schemas';

export interface ConnectionCheck {
  readonly host: string;
  readonly tenantId: string | null;
  readonly userId: string;
  readonly userName: string | null;
}

export async function validateConnection(options: QlikConnectionOptions & { signal?: AbortSignal }): Promise<ConnectionCheck> {
  // One quick attempt: a person is waiting for the answer, so no long backoff here.
  const client = createRestClient({
    ...options,
    requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
    retry: { maxAttempts: 2, baseDelayMs: 200, max429Waits: 1, maxRetryAfterMs: 10_000 },
  });
  try {
    const me = await client.getJson('/api/v1/users/me', userSchema, options.signal ? { signal: options.signal } : {});
    return { host: client.host, tenantId: me.tenantId ?? null, userId: me.id, userName: me.name ?? null };
  } finally {
    await client.close();
  }
}
