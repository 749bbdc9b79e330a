import { describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../../bot/delivery/backoff.ts';

const fixed = (value: number) => () => value;

describe('backoff for outbox retries', () => {
  it('doubles per attempt from about a second up to the cap', () => {
    const top = (attempt: number) => backoffDelayMs(attempt, { ...DEFAULT_BACKOFF, random: fixed(1) });
    expect([1, 2, 3, 4, 5].map(top)).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(top(9)).toBe(256_000);
    expect(top(10)).toBe(300_000);
    expect(top(500)).toBe(300_000);
  });

  it('spreads the delay over [delay/2, delay], so a retry never comes right away', () => {
    const options = { baseMs: 1000, capMs: 60_000 };
    expect(backoffDelayMs(3, { ...options, random: fixed(0) })).toBe(2000);
    expect(backoffDelayMs(3, { ...options, random: fixed(0.5) })).toBe(3000);
    expect(backoffDelayMs(3, { ...options, random: fixed(1) })).toBe(4000);
  });

  it('waits at least as long as the connector asked (Retry-After), and longer when the backoff says so', () => {
    const options = { ...DEFAULT_BACKOFF, random: fixed(0) };
    expect(backoffDelayMs(1, { ...options, retryAfterMs: 7000 })).toBe(7000);
    expect(backoffDelayMs(6, { ...options, retryAfterMs: 1000 })).toBe(16_000);
  });

  it('stays within bounds for odd random values and attempt numbers', () => {
    for (const random of [-1, 0, 0.3, 0.999, 1, 2, Number.NaN]) {
      for (const attempt of [0, 1, 2.5, 40]) {
        const delay = backoffDelayMs(attempt, { ...DEFAULT_BACKOFF, random: () => random });
        expect(delay).toBeGreaterThanOrEqual(500);
        expect(delay).toBeLessThanOrEqual(300_000);
      }
    }
  });
});
