export interface TBackoffOptions {
  /** Delay before the first retry, before jitter. */
  baseMs: number;
  /** Longest delay, before jitter. */
  capMs: number;
}

export const DEFAULT_BACKOFF: TBackoffOptions = { baseMs: 1000, capMs: 5 * 60 * 1000 };

/**
 * How long to wait before retrying after failed attempt number `attempt` (1 for the first failure): exponential
 * with "equal" jitter – half the delay plus a random half, so a retry never comes right away (kinder to a
 * conversation that just answered 429) – and never shorter than the connector's Retry-After.
 */
export function backoffDelayMs(
  attempt: number,
  options: TBackoffOptions & { random: () => number; retryAfterMs?: number },
): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(exponent, 30));
  const drawn = options.random();
  const random = Number.isFinite(drawn) ? Math.min(Math.max(drawn, 0), 1) : 0;
  return Math.round(Math.max(ceiling / 2 + (ceiling / 2) * random, options.retryAfterMs ?? 0));
}
