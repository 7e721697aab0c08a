/**
 * The retry loop shared by the Qlik Cloud REST client and the QRS client: transient failures
 * (5xx, dropped connections, time-outs) get another attempt after a jittered backoff, a 429 waits
 * out its Retry-After, and cancel stops the wait at once. Each client decides what counts as
 * transient; this module only schedules.
 */
import { AppError } from '../api/errors';
import { backoffDelayMs, type RetryPolicy } from './retry-policy';

export type RetryNotice =
  | { readonly kind: 'rate-limited'; readonly endpoint: string; readonly waitMs: number }
  | { readonly kind: 'retry'; readonly endpoint: string; readonly attempt: number; readonly reason: string };

/** What one attempt at a request came to. Errors it throws are final: no retry. */
export type Attempt<T> =
  | { readonly outcome: 'done'; readonly value: T }
  | { readonly outcome: 'transient'; readonly failure: AppError }
  /** 429: `retryAfterMs` from the header when readable; `failure` builds the error if the wait is refused. */
  | { readonly outcome: 'rate-limited'; readonly retryAfterMs: number | undefined; readonly failure: (waitMs: number) => AppError };

export interface RetryStats {
  retries: number;
  rateLimitWaits: number;
  rateLimitWaitMs: number;
}

export interface RetrySchedule {
  readonly policy: RetryPolicy;
  readonly stats: RetryStats;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly onNotice?: ((notice: RetryNotice) => void) | undefined;
}

export function cancelledError(): AppError {
  return new AppError({ code: 'cancelled', message: 'The crawl was cancelled.', remedy: 'Start it again when you are ready.' });
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `attemptOnce` until it is done, fails for good, or the policy's attempts or waits run out. */
export async function withRetries<T>(
  schedule: RetrySchedule,
  endpoint: string,
  signal: AbortSignal | undefined,
  attemptOnce: () => Promise<Attempt<T>>,
): Promise<T> {
  const { policy, stats } = schedule;
  let attempt = 0;
  let waits429 = 0;
  for (;;) {
    if (signal?.aborted) throw cancelledError();
    attempt++;
    const result = await attemptOnce();
    if (result.outcome === 'done') return result.value;
    if (result.outcome === 'rate-limited') {
      const waitMs = result.retryAfterMs ?? backoffDelayMs(waits429 + 1, policy, schedule.random);
      if (waitMs > policy.maxRetryAfterMs || waits429 >= policy.max429Waits) throw result.failure(waitMs);
      waits429++;
      stats.rateLimitWaits++;
      stats.rateLimitWaitMs += waitMs;
      schedule.onNotice?.({ kind: 'rate-limited', endpoint, waitMs });
      await schedule.sleep(waitMs, signal);
      attempt--; // a rate-limit wait is not a failed attempt
      continue;
    }
    if (attempt >= policy.maxAttempts) throw result.failure;
    stats.retries++;
    schedule.onNotice?.({ kind: 'retry', endpoint, attempt, reason: result.failure.code });
    await schedule.sleep(backoffDelayMs(attempt, policy, schedule.random), signal);
  }
}
