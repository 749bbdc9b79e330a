import type { z } from 'zod/v4';

/** One input on a card: what the user entered (kept on a failed submit) and the problem with it, if any. */
export interface TField {
  value: string;
  error: string;
}

/** The first message per field of a failed parse, keyed by the input id. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_form');
    errors[key] ??= issue.message;
  }
  return errors;
}

export function fieldsOf<K extends string>(keys: readonly K[], values: Record<string, unknown>, errors: Record<string, string> = {}): Record<K, TField> {
  const fields = {} as Record<K, TField>;
  for (const key of keys) {
    const raw = values[key];
    fields[key] = { value: raw === undefined || raw === null ? '' : String(raw), error: errors[key] ?? '' };
  }
  return fields;
}

/** PostgreSQL cannot store U+0000 in text; it carries no meaning in what a person types. */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

/** Card inputs arrive as strings inside action.data, next to the verb's own data; keep only the strings. */
export function submittedValues(data: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (!data || typeof data !== 'object') return values;
  for (const [key, value] of Object.entries(data)) if (typeof value === 'string') values[key] = withoutNul(value);
  return values;
}
