import { describe, expect, it } from 'vitest';
import { classifySendError, retryAfterMsOf } from '../../bot/delivery/classify-send-error.ts';
import { DeliveryError } from '../../bot/delivery/delivery-error.ts';

/** Shaped like the RestError botbuilder 4.23's connector throws (seen against a fake connector). */
function restError(statusCode: number | undefined, options: { code?: string; headers?: Record<string, string>; message?: string } = {}) {
  const headers = new Map(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.assign(new Error(options.message ?? ''), {
    name: 'RestError',
    code: options.code,
    statusCode,
    response: statusCode === undefined ? undefined : { status: statusCode, headers: { get: (name: string) => headers.get(name.toLowerCase()) } },
  });
}

const now = new Date('2026-11-23T10:00:00Z');

describe('classifying a failed send', () => {
  it.each([429, 412, 408, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(classifySendError(restError(status), now)).toEqual({ retryable: true, code: String(status) });
  });

  it.each([400, 401, 403, 404, 409, 413])('gives up on HTTP %i', (status) => {
    expect(classifySendError(restError(status), now)).toEqual({ retryable: false, code: String(status) });
  });

  it('keeps the connector error code with the status, but never its message', () => {
    const error = restError(403, { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster of Jan Peeters.' });
    expect(classifySendError(error, now)).toEqual({ retryable: false, code: '403:BotNotInConversationRoster' });
    const odd = restError(404, { code: 'not a code: Jan Peeters' });
    expect(classifySendError(odd, now).code).toBe('404');
  });

  it('reads Retry-After in seconds, as an HTTP date, or in milliseconds', () => {
    expect(classifySendError(restError(429, { code: 'TooManyRequests', headers: { 'Retry-After': '3' } }), now)).toEqual({
      retryable: true,
      code: '429:TooManyRequests',
      retryAfterMs: 3000,
    });
    expect(classifySendError(restError(503, { headers: { 'retry-after': 'Mon, 23 Nov 2026 10:00:05 GMT' } }), now).retryAfterMs).toBe(5000);
    expect(classifySendError(restError(429, { headers: { 'retry-after-ms': '250', 'retry-after': '9' } }), now).retryAfterMs).toBe(250);
    expect(classifySendError(restError(429, { headers: { 'retry-after': 'soon' } }), now).retryAfterMs).toBeUndefined();
    expect(retryAfterMsOf({ 'Retry-After': '2' }, now)).toBe(2000);
    expect(retryAfterMsOf({ 'retry-after': ['1'] }, now)).toBe(1000);
    expect(retryAfterMsOf(undefined, now)).toBeUndefined();
  });

  it('ignores Retry-After on an answer that is not retried', () => {
    expect(classifySendError(restError(400, { headers: { 'retry-after': '3' } }), now)).toEqual({ retryable: false, code: '400' });
  });

  it('retries connection failures, timeouts and fetch failures', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'REQUEST_SEND_ERROR']) {
      expect(classifySendError(restError(undefined, { code, message: 'socket hang up' }), now)).toEqual({ retryable: true, code });
    }
    const aborted = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    expect(classifySendError(aborted, now)).toEqual({ retryable: true, code: 'timeout' });
    const fetchFailed = new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
    expect(classifySendError(fetchFailed, now)).toEqual({ retryable: true, code: 'ECONNREFUSED' });
    expect(classifySendError(new TypeError('fetch failed'), now)).toEqual({ retryable: true, code: 'fetch_failed' });
  });

  it('uses the code and verdict of our own delivery errors', () => {
    expect(classifySendError(new DeliveryError('turn_skipped', false), now)).toEqual({ retryable: false, code: 'turn_skipped' });
  });

  it('retries what it does not recognise (maxAttempts ends it), under a code without text', () => {
    expect(classifySendError(new Error('token endpoint said no to Jan Peeters'), now)).toEqual({ retryable: true, code: 'unknown' });
    expect(classifySendError('a string', now)).toEqual({ retryable: true, code: 'unknown' });
    expect(classifySendError(null, now)).toEqual({ retryable: true, code: 'unknown' });
  });
});
