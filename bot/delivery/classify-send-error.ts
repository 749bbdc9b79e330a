import { DeliveryError } from './delivery-error.ts';

export interface TSendErrorClass {
  retryable: boolean;
  /** For the outbox's lastError: an HTTP status (with the connector's error code, if any) or an error code. */
  code: string;
  /** What the connector asked us to wait (Retry-After), when it said so. */
  retryAfterMs?: number;
}

/** Connection-level failures worth another try: the request may not have arrived, or the service hiccuped. */
const RETRYABLE_ERROR_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'ENETUNREACH', 'EHOSTUNREACH', 'REQUEST_SEND_ERROR', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT',
]);

const SERVICE_CODE = /^[A-Za-z][A-Za-z0-9_]{0,40}$/;

type TErrorLike = {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  statusCode?: unknown;
  status?: unknown;
  cause?: unknown;
  response?: { status?: unknown; headers?: unknown };
};

/**
 * Decides whether a failed send is worth another try. botbuilder's connector (4.23, on @azure/core-client) throws a
 * RestError: `statusCode` and `response.headers` (with Retry-After) for an HTTP answer, `code` (ECONNRESET, …) for
 * a connection failure; a request timeout is an AbortError. Teams asks to retry 429, 412, 502 and 504; other 5xx and
 * connection failures are retried too. Any other 4xx will fail the same way again.
 */
export function classifySendError(error: unknown, now: Date = new Date()): TSendErrorClass {
  if (error instanceof DeliveryError) return { retryable: error.retryable, code: error.code };
  const e = (typeof error === 'object' && error !== null ? error : {}) as TErrorLike;
  const status = httpStatusOf(e);
  if (status !== undefined) {
    const serviceCode = typeof e.code === 'string' && SERVICE_CODE.test(e.code) ? `:${e.code}` : '';
    const code = `${status}${serviceCode}`;
    if (status === 429 || status === 412 || status === 408 || status >= 500) {
      const retryAfterMs = retryAfterMsOf(e.response?.headers, now);
      return retryAfterMs === undefined ? { retryable: true, code } : { retryable: true, code, retryAfterMs };
    }
    return { retryable: false, code };
  }
  const errorCode = errorCodeOf(e) ?? errorCodeOf((e.cause ?? {}) as TErrorLike);
  if (errorCode && RETRYABLE_ERROR_CODES.has(errorCode)) return { retryable: true, code: errorCode };
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return { retryable: true, code: 'timeout' };
  if (error instanceof TypeError && e.message === 'fetch failed') return { retryable: true, code: 'fetch_failed' };
  // Unknown (e.g. the token endpoint failing): retried, and maxAttempts ends it, so a post is not lost to a hiccup.
  return { retryable: true, code: 'unknown' };
}

function httpStatusOf(e: TErrorLike): number | undefined {
  for (const candidate of [e.statusCode, e.response?.status, e.status]) {
    if (typeof candidate === 'number' && Number.isInteger(candidate) && candidate >= 400 && candidate <= 599) return candidate;
  }
  return undefined;
}

function errorCodeOf(e: TErrorLike): string | undefined {
  return typeof e.code === 'string' ? e.code : undefined;
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const getter = (headers as { get?: unknown }).get;
  if (typeof getter === 'function') {
    const value: unknown = getter.call(headers, name);
    return typeof value === 'string' ? value : undefined;
  }
  const record = headers as Record<string, unknown>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
}

/** Retry-After in seconds or as an HTTP date; the millisecond variants Azure services send as well. */
export function retryAfterMsOf(headers: unknown, now: Date): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const raw = headerOf(headers, name)?.trim();
    if (raw && /^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw));
  }
  const value = headerOf(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now.getTime()) : undefined;
}
