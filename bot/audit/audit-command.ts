import { CASE_CODE_PATTERN } from '../../data/repositories/contacts.ts';

// `audit …` in the personal chat: what the words after it ask for.

export const AUDIT_COMMAND = /^\s*(?:audit|toegangslog|access log)(?:\s+(.*?))?\s*[.!?]?\s*$/i;

const SELF = /^(mij|mezelf|ikzelf|mijzelf|me|myself)$/i;
const MAX_NAME_LENGTH = 80;

export type TAuditCommand =
  | { kind: 'form' }
  | { kind: 'contact'; caseCode: string }
  | { kind: 'self' }
  | { kind: 'name'; query: string };

/** `audit` → the query card; `audit K-26-0001` → that contact; `audit mij` → oneself; anything else → a colleague's name. */
export function parseAuditCommand(text: string | undefined): TAuditCommand | undefined {
  const match = AUDIT_COMMAND.exec(text ?? '');
  if (!match) return undefined;
  const rest = (match[1] ?? '').replace(/\s+/g, ' ').trim();
  if (!rest) return { kind: 'form' };
  const code = rest.toUpperCase();
  if (CASE_CODE_PATTERN.test(code)) return { kind: 'contact', caseCode: code };
  if (SELF.test(rest)) return { kind: 'self' };
  return { kind: 'name', query: rest.slice(0, MAX_NAME_LENGTH) };
}

/** Lower case without accents, so "Sofie" finds "Sofié" and "de smet" finds "De Smet". */
export function normalizeName(name: string): string {
  return name.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
