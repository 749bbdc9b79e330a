import { MONTHS, fold } from './gazetteer.ts';

// Dates as people type them in notes and signals; the pseudonymiser (which dates are birth dates, which stay) and the
// shareable-text check (any exact date with a year) read them with these same patterns.

export interface TDateValue {
  day: number;
  month: number;
  year: number | undefined;
}

export interface TDateInText extends TDateValue {
  start: number;
  end: number;
  /** how it was written: "12/03/1941", "1941-03-12", "12 maart 1941" */
  form: 'numeric' | 'iso' | 'text';
}

const L = '\\p{L}\\p{M}';
/** Months written in English in otherwise Dutch text ("12 march 2025"); the shared names are in MONTHS already. */
const ENGLISH_MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1], ['february', 2], ['march', 3], ['may', 5], ['june', 6], ['july', 7], ['august', 8], ['october', 10], ['oct', 10],
]);
const FULL_MONTH_NAMES = new Set(['juni', 'juli', 'mei', ...ENGLISH_MONTHS.keys()].filter((m) => m !== 'oct'));

/** Month alternation; abbreviations may carry a dot ("mrt."), full names may not (the dot ends the sentence). */
export const MONTH_ALT = [...MONTHS.keys(), ...ENGLISH_MONTHS.keys()]
  .sort((a, b) => b.length - a.length)
  .map((m) => (m.length <= 4 && !FULL_MONTH_NAMES.has(m) ? `${m}\\.?` : m))
  .join('|');

const NUM_DATE_RE = /(?<!\d|\d[./-])(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?!\d|[./-]\d)/g;
const ISO_DATE_RE = /(?<!\d|\d[./-])(\d{4})-(\d{1,2})-(\d{1,2})(?!\d|[./-]\d)/g;
const TEXT_DATE_RE = new RegExp(
  `(?<![${L}\\d])(\\d{1,2})(?:ste|de|e)?\\s+(${MONTH_ALT})(?:\\s+(\\d{4}|['’]\\d{2}))?(?![${L}\\d])`,
  'giu',
);

/** The number (1–12) of a month as matched by {@link MONTH_ALT}: "maart", "mrt.", "march" → 3. */
export function monthNumber(word: string): number {
  const key = fold(word).replace('.', '');
  return MONTHS.get(key) ?? ENGLISH_MONTHS.get(key) ?? 0;
}

/** A written year: "1941" → 1941, "'41" or "41" → 1941, "25" → 2025 (up to next year's two digits). */
export function resolveYear(y: string | undefined): number | undefined {
  if (y === undefined) return undefined;
  const digits = y.replace(/\D/g, '');
  if (digits.length === 4) return Number(digits);
  const n = Number(digits);
  const current = new Date().getFullYear() % 100;
  return n <= current + 1 ? 2000 + n : 1900 + n;
}

const isValid = (d: TDateValue): boolean => d.day >= 1 && d.day <= 31 && d.month >= 1 && d.month <= 12;

/** Every date in `text` with a possible day and month: "12/03/1941", "12 . 3 . 41", "1941-03-12", "12 maart (1941)". */
export function datesIn(text: string): TDateInText[] {
  const dates: TDateInText[] = [];
  const add = (m: RegExpExecArray | RegExpMatchArray, form: TDateInText['form'], value: TDateValue): void => {
    if (isValid(value)) dates.push({ start: m.index!, end: m.index! + m[0].length, form, day: value.day, month: value.month, year: value.year });
  };
  for (const m of text.matchAll(NUM_DATE_RE)) add(m, 'numeric', { day: Number(m[1]), month: Number(m[3]), year: resolveYear(m[4]) });
  for (const m of text.matchAll(ISO_DATE_RE)) add(m, 'iso', { day: Number(m[3]), month: Number(m[2]), year: Number(m[1]) });
  for (const m of text.matchAll(TEXT_DATE_RE)) add(m, 'text', { day: Number(m[1]), month: monthNumber(m[2]!), year: resolveYear(m[3]) });
  return dates;
}

/** Parses a date as people write it in a record: 02/03/1941, 2-3-1941, 1941-03-02, 2 maart 1941. */
export function parseDate(s: string): TDateValue | undefined {
  const t = s.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return valid({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  m = /^(\d{1,2})\s?[./-]\s?(\d{1,2})\s?[./-]\s?(\d{2}|\d{4})$/.exec(t);
  if (m) return valid({ day: Number(m[1]), month: Number(m[2]), year: resolveYear(m[3]) });
  m = new RegExp(`^(\\d{1,2})(?:ste|de|e)?\\s+(${MONTH_ALT})\\s+(\\d{4})$`, 'iu').exec(t);
  if (m) return valid({ day: Number(m[1]), month: monthNumber(m[2]!), year: Number(m[3]) });
  m = /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (m) return valid({ day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) });
  return undefined;
  function valid(d: TDateValue): TDateValue | undefined {
    return isValid(d) ? d : undefined;
  }
}
