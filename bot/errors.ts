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

function isDatabaseDown(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'DATABASE_UNAVAILABLE') return true;
  return typeof code === 'string' && ['ECONNREFUSED', 'ETIMEDOUT', 'P1001', 'P1017', 'SQLITE_BUSY', 'SQLITE_CANTOPEN'].includes(code);
}
