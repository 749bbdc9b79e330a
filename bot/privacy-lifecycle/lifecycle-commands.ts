import { CASE_CODE_PATTERN } from '../../data/repositories/contacts.ts';

// `gegevens verwijderen K-26-0001` and `inzageverzoek K-26-0001` in the personal chat (and their English forms).

export const ERASE_COMMAND = /^\s*(?:gegevens\s+verwijderen|gegevens\s+wissen|erase\s+data|erasure)\b\s*(.*?)\s*[.!?]?\s*$/i;
export const ACCESS_COMMAND = /^\s*(?:inzageverzoek|inzage|access\s+request)\b\s*(.*?)\s*[.!?]?\s*$/i;

/** The case code after the command, upper case; undefined when missing or not a case code. */
export function caseCodeAfter(command: RegExp, text: string | undefined): string | undefined {
  const code = command.exec(text ?? '')?.[1]?.trim().toUpperCase() ?? '';
  return CASE_CODE_PATTERN.test(code) ? code : undefined;
}

/** A typed confirmation matches the case code whatever the case and spaces around it. */
export function sameCaseCode(typed: unknown, caseCode: string): boolean {
  return typeof typed === 'string' && typed.trim().toUpperCase() === caseCode.toUpperCase();
}
