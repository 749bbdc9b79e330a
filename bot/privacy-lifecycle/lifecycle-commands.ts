// `gegevens verwijderen K-26-0001` and `inzageverzoek K-26-0001` in the personal chat (and their English forms).

export const ERASE_COMMAND = /^\s*(?:gegevens\s+verwijderen|gegevens\s+wissen|erase\s+data|erasure)\b\s*(.*?)\s*[.!?]?\s*$/i;
export const ACCESS_COMMAND = /^\s*(?:inzageverzoek|inzage|access\s+request)\b\s*(.*?)\s*[.!?]?\s*$/i;

const CASE_CODE = /^K-\d{2}-\d{4,6}$/i;

/** The case code after the command, upper case; undefined when missing or not a case code. */
export function caseCodeAfter(command: RegExp, text: string | undefined): string | undefined {
  const rest = command.exec(text ?? '')?.[1]?.trim() ?? '';
  return CASE_CODE.test(rest) ? rest.toUpperCase() : undefined;
}

/** A typed confirmation matches the case code whatever the case and spaces around it. */
export function sameCaseCode(typed: unknown, caseCode: string): boolean {
  return typeof typed === 'string' && typed.trim().toUpperCase() === caseCode.toUpperCase();
}
