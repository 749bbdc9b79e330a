import type { TFunction } from './ui/i18n.ts';

export type TErrorCode = 'STATE_CONFLICT' | 'DATABASE_UNAVAILABLE';

/** An error the user may hear about: the code selects a Dutch or English message from the locale files. */
export class AppError extends Error {
  constructor(readonly code: TErrorCode, options?: { cause?: unknown }) {
    super(code, options);
    this.name = 'AppError';
  }
}

/** The one place that turns any error into words for the user; raw error text is never shown. */
export function userMessageFor(error: unknown, t: TFunction): string {
  const code = error instanceof AppError ? error.code : (error as { code?: unknown } | undefined)?.code;
  if (code === 'STATE_CONFLICT') return t('errors.STATE_CONFLICT');
  if (isDatabaseDown(error)) return t('errors.DATABASE_UNAVAILABLE');
  return t('errors.generic');
}

/** Prisma (P…) and socket codes for a database that cannot be reached or did not answer in time. */
const UNREACHABLE_CODES = new Set([
  'DATABASE_UNAVAILABLE', 'P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028',
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  'SQLITE_BUSY', 'SQLITE_CANTOPEN',
]);
/** What the Prisma driver adapters call a lost or unreachable server (error.meta.driverAdapterError.cause.kind). */
const UNREACHABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** PostgreSQL SQLSTATE: connection exceptions (08…), server shutting down or starting (57P01–57P03), too many connections. */
const UNREACHABLE_SQLSTATE = /^(08\d{3}|08P01|57P0[1-3]|53300)$/;
/** node-postgres throws these as plain errors, without a code, when a connection drops or does not answer. */
const UNREACHABLE_MESSAGE = /\b(Connection terminated|Query read timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly)/;

type TErrorShape = { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown; originalCode?: unknown } } } };

function isDatabaseDown(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const e = error as TErrorShape;
  if (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
  const driver = e.meta?.driverAdapterError?.cause;
  if (typeof driver?.kind === 'string' && UNREACHABLE_KINDS.has(driver.kind)) return true;
  for (const state of [driver?.code, driver?.originalCode, e.code]) if (typeof state === 'string' && UNREACHABLE_SQLSTATE.test(state)) return true;
  if (typeof e.message === 'string' && UNREACHABLE_MESSAGE.test(e.message)) return true;
  return isDatabaseDown(e.cause, depth + 1);
}
