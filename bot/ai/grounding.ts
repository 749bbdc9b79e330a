import { canonicalPlaceholders, placeholdersIn } from '../privacy/pseudonymise.ts';
import { normaliseValue, type TSuggestibleField, type TSuggestion } from './registration-suggestion.ts';

/**
 * The grounding check: a field the model fills is kept only when it is backed by quotes that really occur in
 * the (pseudonymised) notes.
 *
 * Rules, per suggested field:
 * - `unknown_field`: the id is not one of the suggestible fields (only checked when `fields` is given).
 * - `invalid_value`: empty value, not one of the choices, not an integer 0–10, not a real YYYY-MM-DD date, a
 *   field suggested twice (`detail: 'duplicate_field'`), or a value that contains a placeholder such as
 *   `[PERSOON_2]` that none of its quotes (or the notes) contains exactly (`detail: 'placeholder_not_in_quotes'`).
 *   Placeholders in a value are first written canonically ("[PERSOON 2]" → "[PERSOON_2]"), as `restore` reads them.
 * - `quote_not_in_notes`: ANY quote that, after normalisation, is not found verbatim in the notes.
 * - `no_quote`: no quote that counts as evidence. A quote counts when it has at least 3 words AND at least
 *   12 characters (shorter ones match too easily), or – for 'number' and 'choice' fields – when it contains
 *   the value itself ("een 7").
 *
 * Normalisation (both sides): Unicode NFKC (so "…" becomes "..."), curly/low quotes and apostrophes become
 * straight ones, all dash variants become "-", lower case, runs of whitespace become one space. A quote also
 * loses surrounding quote marks, ellipses and punctuation (".,;:!?-"), but never brackets, so placeholders stay
 * whole. A match must start and end on a word boundary ("moe" does not match inside "moeder"). An ellipsis
 * INSIDE a quote is not a wildcard: the quote must be one contiguous passage.
 */

export type TRejectReason = 'no_quote' | 'quote_not_in_notes' | 'invalid_value' | 'unknown_field';

export type TAcceptedField = { field: string; value: string; quotes: string[] };
export type TRejectedField = { field: string; reason: TRejectReason; detail?: string };
export type TGroundingResult = { accepted: TAcceptedField[]; rejected: TRejectedField[] };

export const MIN_QUOTE_WORDS = 3;
export const MIN_QUOTE_CHARS = 12;

export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/\u2026/g, '...')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The normalised form of a quote, without surrounding quote marks, ellipses and punctuation. */
export function normaliseQuote(quote: string): string {
  return normaliseText(quote).replace(/^[\s"'.,;:!?-]+|[\s"'.,;:!?-]+$/g, '');
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** True when `needle` (normalised) occurs in `haystack` (normalised) starting and ending on word boundaries. */
function containsOnWordBoundaries(haystack: string, needle: string): boolean {
  if (needle === '') return false;
  const startsWithWord = WORD_CHAR.test(needle[0] ?? '');
  const endsWithWord = WORD_CHAR.test(needle[needle.length - 1] ?? '');
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    const startOk = !startsWithWord || before === undefined || !WORD_CHAR.test(before);
    const endOk = !endsWithWord || after === undefined || !WORD_CHAR.test(after);
    if (startOk && endOk) return true;
  }
  return false;
}

/** True when the quote, after normalisation, occurs verbatim in the notes. */
export function quoteOccursIn(quote: string, notes: string): boolean {
  return containsOnWordBoundaries(normaliseText(notes), normaliseQuote(quote));
}

function isLongEnough(normalisedQuote: string): boolean {
  return normalisedQuote.length >= MIN_QUOTE_CHARS && normalisedQuote.split(' ').length >= MIN_QUOTE_WORDS;
}

export function checkGrounding(
  suggestion: TSuggestion,
  pseudonymisedNotes: string,
  /** The suggestible fields; without them ids and value kinds are not checked (every value is treated as text). */
  fields?: TSuggestibleField[],
): TGroundingResult {
  const byId = fields ? new Map(fields.map((f) => [f.id, f])) : undefined;
  const notes = normaliseText(pseudonymisedNotes);
  const accepted: TAcceptedField[] = [];
  const rejected: TRejectedField[] = [];
  const reject = (field: string, reason: TRejectReason, detail?: string) =>
    rejected.push(detail === undefined ? { field, reason } : { field, reason, detail });

  for (const item of suggestion.fields) {
    const definition = byId?.get(item.field);
    if (byId && !definition) {
      reject(item.field, 'unknown_field');
      continue;
    }
    const kind = definition?.kind ?? 'text';
    const raw = definition ? normaliseValue(definition, item.value) : item.value.trim() || undefined;
    if (raw === undefined) {
      reject(item.field, 'invalid_value');
      continue;
    }
    const value = canonicalPlaceholders(raw);
    if (accepted.some((a) => a.field === item.field)) {
      reject(item.field, 'invalid_value', 'duplicate_field');
      continue;
    }

    const quotes = item.quotes.filter((q) => normaliseQuote(q) !== '');
    if (quotes.length === 0) {
      reject(item.field, 'no_quote');
      continue;
    }
    if (!quotes.every((q) => containsOnWordBoundaries(notes, normaliseQuote(q)))) {
      reject(item.field, 'quote_not_in_notes');
      continue;
    }
    const valueIsToken = kind === 'number' || kind === 'choice';
    const hasEvidence = quotes.some((q) => {
      const n = normaliseQuote(q);
      return isLongEnough(n) || (valueIsToken && containsOnWordBoundaries(n, normaliseText(value)));
    });
    if (!hasEvidence) {
      reject(item.field, 'no_quote');
      continue;
    }
    if (kind === 'text') {
      // Exact (case-sensitive) presence, so a mangled "[persoon_1]" cannot slip through either.
      const introduced = placeholdersIn(value).filter(
        (p) => !pseudonymisedNotes.includes(p) || !quotes.some((q) => q.includes(p)),
      );
      if (introduced.length > 0) {
        reject(item.field, 'invalid_value', 'placeholder_not_in_quotes');
        continue;
      }
    }
    accepted.push({ field: item.field, value, quotes });
  }
  return { accepted, rejected };
}
