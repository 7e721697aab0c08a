/**
 * When to retry a REST call and how long to wait. Pure: the clock and randomness come in as
 * arguments, so the schedule is testable.
 */

export interface RetryPolicy {
  /** Attempts for 5xx, network errors and timeouts (first try included). */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Longest Retry-After the client honours; a longer one fails as 'rate-limited'. */
  readonly maxRetryAfterMs: number;
  /** How many 429 answers one request may wait out. */
  readonly max429Waits: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  max429Waits: 5,
};

/** Exponential backoff with full jitter: random in [base·2^(n-1)/2, base·2^(n-1)], capped. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 502 || status === 503 || status === 504 || status === 500;
}
