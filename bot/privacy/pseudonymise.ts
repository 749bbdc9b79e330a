/**
 * Pseudonymisation of dictated visit notes before any text reaches an LLM.
 *
 * Every identifier (names, street addresses, postcodes, phone numbers, e-mail addresses, national register
 * numbers, birth dates, IBANs) is replaced by a placeholder such as `[PERSOON_1]`. The mapping placeholder →
 * original is returned to the caller only; this module never logs or stores it.
 *
 * Pipeline (one pass each, all regular expressions and word lists are compiled once at module load):
 *   1. structural detectors and the contact record's own identifiers → candidate spans, resolved by priority;
 *   2. allow-listed phrases (services, places) and dates that stay are protected;
 *   3. a token scan finds personal names (titles, relational cues, gazetteers, capitalisation);
 *   4. spans are replaced left to right; the same text of the same kind always gets the same placeholder.
 *
 * Decisions (see docs/pseudonymisation.md):
 * - Birth dates: a date is a birth date when a birth cue precedes it ("geboren", "geb.", "°", "geboortedatum",
 *   "verjaardag", "jarig"), when it equals the record's birth date, or when it is a full date whose year lies
 *   before 2010 (full dates of that age in a visit note are birth, death or wedding dates: identifying).
 *   Dates without a year and recent dates ("volgende dinsdag 12 maart", "12/03/2025") stay.
 * - National register numbers: 11 digits with valid check digits (incl. the 2000+ rule) in any layout; an
 *   invalid number is still replaced when it is written in the official layout (YY.MM.DD-XXX.CC) – a typo in
 *   an NRN still identifies – but a bare 11-digit run with wrong check digits is left alone.
 * - IBAN: Belgian layout (BE + 14 digits) is always replaced, other countries only with a valid mod-97;
 *   old Belgian account numbers (123-4567890-12) with a valid check are replaced too.
 * - Names are replaced part by part: "Marie Peeters" → "[PERSOON_1] [PERSOON_2]", so that "mevrouw Peeters"
 *   later becomes "mevrouw [PERSOON_2]" and the LLM can still see it is the same person. Titles stay.
 * - A title typed wrong ("menr", "mevrouwe", "Dhrr") is a title cue like the title itself (./title-cues.ts); it is
 *   read in place, never corrected in the text, so offsets and the way back from each placeholder stay exact.
 */
import {
  ALLOW_PHRASES,
  ALLOW_WORDS,
  AMBIGUOUS,
  DICTIONARY_NAMES,
  DICTIONARY_PROPER_NOUNS,
  FIRST_NAMES,
  LOWERCASE_FIRST_NAMES,
  LOWERCASE_SURNAMES,
  MONTHS,
  ORGANISATION_WORDS,
  PARTICLES,
  PLACES,
  RELATIONS,
  STOPWORDS,
  STRONG_FIRST,
  SURNAMES,
  TITLES,
  WEEKDAYS,
  fold,
  isCommonWord,
  isDictionaryWord,
  isKnownName,
} from './gazetteer.ts';
import { MONTH_ALT, datesIn, parseDate, type TDateValue } from './dates.ts';
import { isMistypedTitle, isTitle, isTitleCue } from './title-cues.ts';
import { tokenize, type TToken } from './tokens.ts';

export { parseDate } from './dates.ts';

export interface TKnownIdentifiers {
  names?: string[];
  addresses?: string[];
  phones?: string[];
  emails?: string[];
  birthDates?: string[];
  nationalNumbers?: string[];
}

export type TPlaceholderKind =
  | 'PERSOON'
  | 'ADRES'
  | 'TELEFOON'
  | 'EMAIL'
  | 'RIJKSREGISTERNUMMER'
  | 'GEBOORTEDATUM'
  | 'IBAN'
  | 'POSTCODE';

export interface TPseudonymised {
  text: string;
  mapping: ReadonlyMap<string, string>;
  findings: { kind: TPlaceholderKind; placeholder: string; source: 'record' | 'detected' }[];
}

const KINDS: readonly TPlaceholderKind[] = [
  'PERSOON',
  'ADRES',
  'TELEFOON',
  'EMAIL',
  'RIJKSREGISTERNUMMER',
  'GEBOORTEDATUM',
  'IBAN',
  'POSTCODE',
];
/**
 * A placeholder as an LLM may write it back: "[PERSOON_1]", "[PERSOON 1]", "[ persoon-1 ]". The one pattern both the
 * grounding check and `restore` use, so that a name is only put back where the check saw its placeholder.
 */
const PLACEHOLDER_RE = new RegExp(`\\[\\s*(${KINDS.join('|')})[ _-]?(\\d+)\\s*\\]`, 'gi');

const canonical = (kind: string, num: string): string => `[${kind.toUpperCase()}_${num}]`;

/** Writes every placeholder in its canonical form, "[PERSOON_1]". */
export function canonicalPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER_RE, (_whole, kind: string, num: string) => canonical(kind, num));
}

/** The placeholders in `text`, each once, in canonical form. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER_RE)].map((m) => canonical(m[1]!, m[2]!)))];
}

type Source = 'record' | 'detected';
interface Span {
  start: number;
  end: number;
  kind: TPlaceholderKind;
  source: Source;
  priority: number;
}

// Priorities: structural identifiers beat names found inside them (an e-mail containing a surname).
const P = {
  email: 95,
  recordStructural: 92,
  iban: 85,
  nrn: 80,
  phone: 75,
  date: 70,
  address: 60,
  postcode: 55,
  recordName: 50,
} as const;

// Mask values
const TAKEN = 1;
const PROTECTED = 2; // allow-listed organisation/holiday phrase, kept date
const PROTECTED_PLACE = 3; // allow-listed place phrase: a title may still turn it into a surname ("mevrouw De Haan")

// ---------------------------------------------------------------------------------------------------------
// Regular expressions (compiled once)

const L = '\\p{L}\\p{M}';
const EMAIL_RE = /(?<![\p{L}\d._%+-])[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}(?![\p{L}\d])/gu;
const IBAN_BE_RE = /(?<![\p{L}\d])[Bb][Ee][\s.-]?\d{2}(?:[\s.-]?\d{4}){3}(?![\d])/gu;
const IBAN_ANY_RE = /(?<![\p{L}\d])[A-Z]{2}\d{2}(?:\s?[A-Z\d]{4}){2,7}(?:\s?[A-Z\d]{1,3})?(?![\p{L}\d])/gu;
const OLD_ACCOUNT_RE = /(?<![\d-])\d{3}-\d{7}-\d{2}(?![\d-])/g;
const NRN_RE = /(?<![\d.\/-])\d{2}[.\s]?\d{2}[.\s]?\d{2}[\s.-]{0,3}\d{3}[.\s]?\d{2}(?![\d]|[.\/-]\d)/g;
const NRN_CANONICAL_RE = /^(?:\d{2}\.\d{2}\.\d{2}[-.]\d{3}\.\d{2}|\d{6}-\d{3}\.?\d{2})$/;
const PHONE_INTL_RE = /(?<![\d+])(?:\+|00)\s?32\s?(?:\(0\)\s?)?[1-9](?:[\s./-]{0,2}\d){6,10}(?!\d)/g;
const PHONE_NAT_RE = /(?<![\d+\/.-])(?:\(0\d{1,3}\)|0[1-9])(?:[\s./()-]{0,3}\d){6,12}(?!\d)/g;
/** Other countries: "+34 612 34 56 78", "0031 6 12345678". */
const PHONE_FOREIGN_RE = /(?<![\d+])(?:\+|00)(?!32)[1-9]\d{0,2}(?:[\s./-]{0,2}\(?\d\)?){6,12}(?!\d)/g;
const DIGIT_RUN_RE = /\d(?:[\s./()\-]{0,3}\d){7,}/g;

/** A 4-digit year; the month before it is checked on a short slice ("maart 1941"). */
const YEAR_RE = /(?<!\d)(?:1[89]|20)\d\d(?!\d)/g;
const MONTH_BEFORE_RE = new RegExp(`(?<![${L}\\d])(?:${MONTH_ALT})\\s+$`, 'iu');
const BIRTH_CUE_RE =
  /(?:(?<![\p{L}])(?:geboren|geb\.|geboortedatum|geboortedag|verjaardag|verjaart|jarig|geboorte|date de naissance|née?)|°)\s*[:.,]?\s*(?:[\p{L}'’-]+[\s,]+){0,3}$/iu;

export const STRONG_STREET = 'straat|str\\.|steenweg|stwg\\.?|stw\\.|laan|dreef|plein|lei|kaai|wegel|boulevard|avenue|straatje|pleintje';
export const WEAK_STREET =
  'baan|dijk|markt|weg|hof|pad|ring|vest|singel|kouter|dries|hoek|veld|berg|heide|park|gracht|kade|dam|akker|bos|hei|velden|wijk|ven|donk|beek|brug|poort|kapel|molen|hoeve|weide|kant|rei|plaats|erf|hage|meers|beemd|gaarde|boomgaard|vijver|hoven|dreefke|steeg|gang|kerkhof';
export const STREET_SUFFIX_RE = new RegExp(`(?:${STRONG_STREET}|${WEAK_STREET})$`, 'iu');
export const STRONG_SUFFIX_RE = new RegExp(`(?:${STRONG_STREET})$`, 'iu');
export const HOUSE_NUMBER = `(?:(?:nr|no|nummer|huisnummer|n°)\\.?\\s*)?\\d{1,4}(?:\\s?[a-zA-Z](?![${L}]))?(?:\\s*(?:bus|bte|b\\.)\\s*\\d{1,4}[a-zA-Z]?|\\s*\\/\\s*\\d{1,4}[a-zA-Z]?)?`;
export const NOT_A_QUANTITY = `(?!\\s*(?:jaar|jaren|keer|euro|eur|€|min|minuten|uur|u\\b|dagen|weken|maanden|km|kilometer|meter|m\\b|procent|%|kilo|kg|stuks|personen|mensen|kinderen|x\\b))`;
/** Candidate house numbers; the street word before them is checked on a short slice (fast on long notes). */
const NUMBER_RE = /(?<![\d.,\/-])\d{1,4}(?![\d])/g;
const STREET_BEFORE_RE = new RegExp(
  `(?<![${L}\\d])([${L}][${L}'’-]*\\.?)(?:\\s*,)?\\s+(?:(?:nr|no|nummer|huisnummer|n°)\\.?\\s*)?$`,
  'iu',
);
const HOUSE_NUMBER_AT_RE = new RegExp(
  `\\d{1,4}(?:\\s?[a-zA-Z](?![${L}]))?(?:\\s*(?:bus|bte|b\\.)\\s*\\d{1,4}[a-zA-Z]?|\\s*\\/\\s*\\d{1,4}[a-zA-Z]?)?(?![${L}\\d])${NOT_A_QUANTITY}`,
  'iuy',
);
const POSTCODE_AFTER_RE = /^\s*,?\s*(?:[Bb]-?\s?)?([1-9]\d{3})(?!\d)/;
const POSTCODE_RE = /(?<![\p{L}\d.,\/-])(?:[Bb]-\s?)?([1-9]\d{3})(?=\s+[\p{L}])/gu;
const POSTCODE_PAREN_RE = /\(\s*(?:[Bb]-?\s?)?([1-9]\d{3})\s*\)/g;
const PLACE_BEFORE_RE = /([\p{L}][\p{L}'’-]*)\s*$/u;
const FOLLOWING_WORDS_RE = /^\s+([\p{L}][\p{L}'’-]*(?:\s+[\p{L}][\p{L}'’-]*){0,3})/u;

export const STREET_PREFIX_WORDS: ReadonlySet<string> = new Set([
  'grote', 'kleine', 'oude', 'nieuwe', 'hoge', 'lage', 'lange', 'korte', 'sint', 'heilige', 'koning', 'koningin',
  'prins', 'prinses', 'dokter', 'dr', 'pastoor', 'burgemeester', 'kardinaal', 'generaal', 'kapitein', 'onze-lieve-vrouw',
  'van', 'de', 'der', 'den', 'ter', 'ten', "'t", 'zuid', 'noord', 'oost', 'west', 'zwarte', 'witte', 'rode', 'groene',
]);
const NON_ENDING_ABBREVIATIONS = new Set([
  'dr', 'mr', 'mevr', 'mvr', 'dhr', 'mw', 'st', 'nr', 'bv', 'ca', 'vb', 'ong', 'tel', 'gsm', 'prof', 'mme', 'mter',
  'fam', 'geb', 'zgn', 'resp', 'incl', 'excl', 'evt', 'o', 'a', 'e',
]);
const NON_NAME_HYPHEN_PREFIXES = new Set([
  'sint', 'st', 'heilig', 'heilige', 'onze', 'zuid', 'noord', 'oost', 'west', 'groot', 'klein', 'neder', 'over',
  'opper', 'ex', 'oud', 'niet', 'anti', 'pre', 'post', 'e', 'mini', 'maxi', 'super', 'kern', 'tele',
]);
const COORDINATORS = new Set(['en', 'of', '&']);
/** Words after which a capitalised run is the name of an institution, not of a person ("LDC De Vlinder"). */
export const INSTITUTION_HEADS: ReadonlySet<string> = new Set([
  'ldc', 'wzc', 'az', 'uz', 'dienstencentrum', 'woonzorgcentrum', 'ziekenhuis', 'rusthuis', 'serviceflats',
  'assistentiewoningen', 'residentie', 'home', 'kliniek', 'school', 'parochie', 'zaal', 'cafe', 'restaurant',
  'buurthuis', 'ontmoetingscentrum', 'cc', 'gc', 'bib', 'bibliotheek', 'vzw', 'dagcentrum', 'dagverzorgingscentrum',
  'wijkcentrum', 'buurtcentrum', 'psychiatrisch', 'centrum', 'kerk', 'sporthal', 'cultuurcentrum', 'gemeenschapscentrum',
  'jeugdhuis', 'jeugdcentrum', 'feestzaal', 'sportcentrum', 'zwembad',
]);
/** Words after which a capitalised street name without a number is a street ("in de Kerkstraat"). */
const STREET_LEAD_WORDS = new Set(['de', 'het', 'in', 'op', 'naar', 'aan', 'uit', 'langs', 'via', 'richting', 'voorbij']);

// ---------------------------------------------------------------------------------------------------------
// Small helpers

function digitsOf(s: string): string {
  return s.replace(/\D+/g, '');
}

function ibanValid(compact: string): boolean {
  if (compact.length < 15 || compact.length > 34) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code >= 48 && code <= 57) rem = (rem * 10 + (code - 48)) % 97;
    else if (code >= 65 && code <= 90) rem = (rem * 100 + (code - 55)) % 97;
    else return false;
  }
  return rem === 1;
}

/** Belgian national register number check digits, including the rule for people born in 2000 or later. */
export function nationalNumberValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  const monthOk = month <= 12 || (month >= 20 && month <= 32) || (month >= 40 && month <= 52);
  if (!monthOk || day > 31) return false;
  const base = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9));
  return 97 - (base % 97) === check || 97 - ((2_000_000_000 + base) % 97) === check;
}

/** IBAN check (ISO 13616 mod-97), exported for tests and for other modules. */
export function ibanChecksumValid(iban: string): boolean {
  return ibanValid(iban.replace(/[\s.-]/g, '').toUpperCase());
}

function oldAccountValid(s: string): boolean {
  const d = digitsOf(s);
  const r = Number(d.slice(0, 10)) % 97;
  return (r === 0 ? 97 : r) === Number(d.slice(10));
}

/** Belgian national significant number of a phone (without 0 / +32), or '' when it is no Belgian number. */
function phoneNsn(raw: string): string {
  let d = digitsOf(raw);
  if (/^\s*(?:\+|00)/.test(raw)) d = d.replace(/^(?:00)?32/, '').replace(/^0/, '');
  else if (d.startsWith('0')) d = d.slice(1);
  else return '';
  if (d.length === 8 && d[0] !== '0') return d;
  if (d.length === 9 && d[0] === '4') return d;
  return '';
}

/**
 * Longest acceptable phone number at the start of `s` (a greedy regex match may have swallowed the next
 * number of a list): returns the end offset within `s` or -1.
 */
function phoneEnd(s: string, international: boolean): number {
  const positions: number[] = [];
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) positions.push(k);
  }
  const skip = international ? (/^\s*00/.test(s) ? 4 : 2) : 0; // "0032" or "+32" / "32"
  for (let count = Math.min(positions.length, skip + 10); count >= skip + 8; count--) {
    const end = positions[count - 1]! + 1;
    if (end < s.length && /\d/.test(s[end]!)) continue;
    if (count < positions.length && !/[\s./-]/.test(s[end] ?? ' ')) continue;
    if (phoneNsn(international ? s.slice(0, end) : '0' + s.slice(0, end).replace(/^\(?0/, '')) !== '') return end;
  }
  return -1;
}

function dateKey(d: TDateValue): string {
  return `${d.year ?? '?'}-${d.month}-${d.day}`;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// Polish, Turkish, Czech and Romanian letters too: a record's "Wiśniewska", "Doğan" or "Łukasz" must also be
// found when typed without the diacritic, and the other way round.
const ACCENTS: Record<string, string> = {
  a: 'aàáâãäåāąă',
  e: 'eèéêëēęě',
  i: 'iìíîïīı',
  o: 'oòóôõöøō',
  u: 'uùúûüūů',
  c: 'cçćč',
  n: 'nñńň',
  y: 'yÿý',
  s: 'sśšşș',
  z: 'zźżž',
  g: 'gğ',
  l: 'lł',
  d: 'dđď',
  r: 'rřŕ',
  t: 'tţťț',
};

/** Character class matching a folded letter in any case and with any accent. */
function letterClass(ch: string, upperOnly = false): string {
  const variants = ACCENTS[ch] ?? ch;
  const upper = variants.toUpperCase();
  if (!/\p{L}/u.test(ch)) return escapeRe(ch);
  return upperOnly ? `[${upper}]` : `[${variants}${upper}]`;
}

/**
 * Pattern for one name piece (already folded): any case, any accent, "ij" ≡ "y" ≡ "ĳ".
 * With `capitalised`, the first letter must be upper case.
 */
function piecePattern(piece: string, capitalised = false): string {
  let out = '';
  for (let k = 0; k < piece.length; k++) {
    const ch = piece[k]!;
    const first = k === 0 && capitalised;
    if (ch === 'i' && piece[k + 1] === 'j') {
      out += first ? '(?:IJ|Ij|Y|Ĳ)' : '(?:[iI][jJ]|[yYÿ]|[ĳĲ])';
      k++;
    } else if (ch === 'y') {
      out += first ? '(?:Y|IJ|Ij|Ĳ)' : '(?:[yYÿ]|[iI][jJ]|[ĳĲ])';
    } else if (ch === "'") {
      out += "['’]?";
    } else {
      out += letterClass(ch, first);
    }
  }
  return out;
}

const SEPARATOR = "[\\s\\-'’]{0,3}";
const NAME_SUFFIX = "(?:['’]s|['’]|s|ke|ken|kes|tje|tjes|je|jes)?";

// ---------------------------------------------------------------------------------------------------------
// Known identifiers (compiled per call: they are per contact; never cached, never logged)

interface KnownMatchers {
  names: RegExp | undefined;
  guardedNames: RegExp | undefined;
  addresses: RegExp | undefined;
  phones: RegExp | undefined;
  emails: RegExp | undefined;
  nationalNumbers: RegExp | undefined;
  birthDigits: RegExp | undefined;
  birthKeys: Set<string>;
  phoneNsns: Set<string>;
  emailKeys: Set<string>;
  nrnDigits: Set<string>;
  postcodes: Set<string>;
  places: Set<string>;
}

interface NameParts {
  /** Parts matched in any case. */
  plain: string[];
  /** Parts matched only when capitalised (or right after a title / relation word): common words, ambiguous names. */
  guarded: string[];
}

function splitName(full: string): NameParts {
  let s = full.trim().replace(/\s+/g, ' ');
  const comma = s.indexOf(',');
  if (comma > 0) s = `${s.slice(comma + 1).trim()} ${s.slice(0, comma).trim()}`;
  const words = s.split(' ').filter((w) => w && !TITLES.has(fold(w).replace(/\.$/, '')));
  const plain: string[] = [];
  const guarded: string[] = [];
  const add = (part: string, forceGuard = false): void => {
    const f = fold(part);
    const letters = f.replace(/[^\p{L}]/gu, '');
    if (letters.length < 2 || PARTICLES.has(f)) return;
    // Privacy first: a part of the contact's own name is replaced in any case, even when it is also a Dutch
    // word ("Rosa", "Vervliet"); only very short common words ("Bos", "Jan") and the bare core of a particle
    // surname ("Smet" of "De Smet") must be capitalised (or follow a title / relation word).
    if (forceGuard || STOPWORDS.has(f) || (letters.length <= 3 && isCommonWord(f))) guarded.push(part);
    else plain.push(part);
  };
  if (words.length === 0) return { plain, guarded };
  // Surname = last word plus the particles before it; everything before is first name(s).
  let surnameStart = words.length - 1;
  while (surnameStart > 1 && PARTICLES.has(fold(words[surnameStart - 1]!))) surnameStart--;
  if (surnameStart === 1 && words.length > 2 && PARTICLES.has(fold(words[0]!))) surnameStart = 0;
  const firstNames = words.slice(0, surnameStart);
  const surnameWords = words.slice(surnameStart);
  const surname = surnameWords.join(' ');
  for (const first of firstNames) {
    add(first);
    if (first.includes('-')) for (const piece of first.split('-')) add(piece);
  }
  if (surnameWords.length > 1) {
    add(surname);
    const core = surnameWords[surnameWords.length - 1]!;
    add(core, true);
    if (core.includes('-')) for (const piece of core.split('-')) add(piece, true);
  } else {
    add(surname);
    if (surname.includes('-')) for (const piece of surname.split('-')) add(piece);
  }
  return { plain, guarded };
}

function namePattern(part: string, capitalised: boolean): string {
  const pieces = fold(part)
    .split(/[\s\-'’]+/)
    .filter(Boolean);
  return pieces.map((p, k) => piecePattern(p, capitalised && k === 0)).join(SEPARATOR);
}

/** The word before `offset`, folded ("mevrouw", "zoon"), to check a title or relation cue. */
const WORD_BEFORE_RE = /([\p{L}-]+)\.?[\s,:]+$/u;

function cueBefore(text: string, offset: number): boolean {
  const m = WORD_BEFORE_RE.exec(text.slice(Math.max(0, offset - 32), offset));
  if (!m) return false;
  const f = fold(m[1]!);
  return isTitleCue(f) || RELATIONS.has(f);
}

function compileNames(names: readonly string[], guardedOnly: boolean): RegExp | undefined {
  const plain = new Set<string>();
  const guarded = new Set<string>();
  for (const n of names) {
    const parts = splitName(n);
    for (const p of parts.plain) plain.add(p);
    for (const g of parts.guarded) guarded.add(g);
  }
  for (const p of plain) guarded.delete(p);
  const byLength = (a: string, b: string): number => b.length - a.length;
  // guarded parts are matched in any case here; the caller keeps a match only when it is capitalised or
  // follows a title or relation word ("haar zoon roos", "mevrouw de smet")
  const alternatives = [...(guardedOnly ? guarded : plain)].sort(byLength).map((p) => namePattern(p, false));
  if (alternatives.length === 0) return undefined;
  return new RegExp(`(?<![${L}\\d])(?:${alternatives.join('|')})(?=${NAME_SUFFIX}(?![${L}\\d]))`, 'gu');
}

/** Street-type endings and the abbreviations people write for them. */
const STREET_ABBREVIATIONS: [string, string[]][] = [
  ['steenweg', ['steenweg', 'stwg', 'stw']],
  ['straat', ['straat', 'str']],
  ['laan', ['laan', 'ln']],
  ['plein', ['plein', 'pl']],
];

function streetPattern(street: string): string {
  const pieces = fold(street)
    .split(/[\s\-'’]+/)
    .filter(Boolean);
  const last = pieces.pop() ?? '';
  let lastPattern = piecePattern(last);
  for (const [ending, forms] of STREET_ABBREVIATIONS) {
    if (last.length > ending.length && last.endsWith(ending)) {
      const alternatives = forms.map((form) => piecePattern(form) + (form === ending ? '' : '\\.?'));
      lastPattern = `${piecePattern(last.slice(0, -ending.length))}[\\s-]?(?:${alternatives.join('|')})`;
      break;
    }
  }
  return [...pieces.map((p) => piecePattern(p)), lastPattern].join(SEPARATOR);
}

interface ParsedAddress {
  street: string;
  postcode: string | undefined;
  place: string | undefined;
}

function parseAddress(address: string): ParsedAddress | undefined {
  const s = address.trim().replace(/\s+/g, ' ');
  // "Kerkstraat 12 bus 3, 9200 Dendermonde" or "12 Kerkstraat" or "Kerkstraat 12"
  const m = /^(?:(\d{1,4}[a-zA-Z]?)\s*,?\s+)?([^\d,]+?)\s*(?:,?\s*(?:nr\.?\s*)?\d{1,4}[a-zA-Z]?(?:\s*(?:bus|bte|b\.|\/)\s*\S+)?)?\s*(?:,\s*|\s+)?(?:(?:B-?)?([1-9]\d{3})\s+(.+))?$/i.exec(s);
  if (!m || !m[2]) return undefined;
  const street = m[2].trim().replace(/,$/, '');
  if (street.length < 3) return undefined;
  return { street, postcode: m[3], place: m[4]?.trim() };
}

function compileKnown(known: TKnownIdentifiers | undefined): KnownMatchers {
  const out: KnownMatchers = {
    names: undefined,
    guardedNames: undefined,
    addresses: undefined,
    phones: undefined,
    emails: undefined,
    nationalNumbers: undefined,
    birthDigits: undefined,
    birthKeys: new Set(),
    phoneNsns: new Set(),
    emailKeys: new Set(),
    nrnDigits: new Set(),
    postcodes: new Set(),
    places: new Set(),
  };
  if (!known) return out;
  const names = (known.names ?? []).filter((n) => n.trim());
  if (names.length) {
    out.names = compileNames(names, false);
    out.guardedNames = compileNames(names, true);
  }

  const streets: string[] = [];
  for (const a of known.addresses ?? []) {
    const parsed = parseAddress(a);
    if (!parsed) continue;
    streets.push(streetPattern(parsed.street));
    if (parsed.postcode) out.postcodes.add(parsed.postcode);
    if (parsed.place) out.places.add(fold(parsed.place));
  }
  if (streets.length) {
    out.addresses = new RegExp(
      `(?<![${L}\\d])(?:\\d{1,4}[a-zA-Z]?\\s*,?\\s+)?(?:${streets.join('|')})(?:\\s*,?\\s*${HOUSE_NUMBER})?(?![${L}])`,
      'gu',
    );
  }

  const phones: string[] = [];
  for (const p of known.phones ?? []) {
    const nsn = phoneNsn(p.trim().startsWith('+') || p.trim().startsWith('00') ? p : p.trim().startsWith('0') ? p : `0${p}`);
    if (!nsn) continue;
    out.phoneNsns.add(nsn);
    phones.push(`(?:(?:\\+|00)\\s*32\\s*(?:\\(0\\)\\s*)?|\\(?0\\)?[\\s./-]*)${[...nsn].join('[\\s./()\\-]*')}`);
  }
  if (phones.length) out.phones = new RegExp(`(?<![\\d+])(?:${phones.join('|')})(?!\\d)`, 'g');

  const emails = (known.emails ?? []).map((e) => e.trim()).filter(Boolean);
  for (const e of emails) out.emailKeys.add(fold(e));
  if (emails.length) out.emails = new RegExp(`(?<![\\p{L}\\d._%+-])(?:${emails.map(escapeRe).join('|')})(?![\\p{L}\\d])`, 'giu');

  const nrns: string[] = [];
  for (const n of known.nationalNumbers ?? []) {
    const d = digitsOf(n);
    if (d.length !== 11) continue;
    out.nrnDigits.add(d);
    nrns.push([...d].join('[\\s.\\-]*'));
  }
  if (nrns.length) out.nationalNumbers = new RegExp(`(?<!\\d)(?:${nrns.join('|')})(?!\\d)`, 'g');

  const birthDigitPatterns: string[] = [];
  for (const b of known.birthDates ?? []) {
    const d = parseDate(b);
    if (!d || d.year === undefined) continue;
    out.birthKeys.add(dateKey(d));
    const dd = String(d.day).padStart(2, '0');
    const mm = String(d.month).padStart(2, '0');
    const yyyy = String(d.year);
    const sep = '[\\s./-]*';
    birthDigitPatterns.push(`0?${d.day}${sep}0?${d.month}${sep}(?:${yyyy}|${yyyy.slice(2)})`);
    birthDigitPatterns.push(`${yyyy}${sep}${mm}${sep}${dd}`);
  }
  if (birthDigitPatterns.length) out.birthDigits = new RegExp(`(?<![\\d])(?:${birthDigitPatterns.join('|')})(?!\\d)`, 'g');
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Main entry points

/** Replaces every identifier in `text` by a placeholder. Pure: the mapping is returned, never kept. */
export function pseudonymise(text: string, known?: TKnownIdentifiers): TPseudonymised {
  const n = text.length;
  const mask = new Uint8Array(n + 1);
  const spans: Span[] = [];
  const matchers = compileKnown(known);
  const candidates: Span[] = [];
  const protectedRanges: [number, number, number][] = [];

  const push = (start: number, end: number, kind: TPlaceholderKind, source: Source, priority: number): void => {
    // keep unbalanced brackets outside the span: "(0470 12 34 56)" → "([TELEFOON_1])"
    if (text[start] === '(' && !text.slice(start, end).includes(')')) start++;
    if (text[end - 1] === ')' && !text.slice(start, end).includes('(')) end--;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) candidates.push({ start, end, kind, source, priority });
  };

  // ---- 1. structural detectors -------------------------------------------------------------------------
  // e-mail: only around an "@" (a scan of the whole note with the pattern is slower); many "@" → one scan
  let ats = 0;
  for (let at = text.indexOf('@'); at >= 0 && ats <= 16; at = text.indexOf('@', at + 1)) ats++;
  if (ats > 16) {
    for (const m of text.matchAll(EMAIL_RE)) {
      push(m.index, m.index + m[0].length, 'EMAIL', matchers.emailKeys.has(fold(m[0])) ? 'record' : 'detected', P.email);
    }
  }
  for (let at = ats > 16 ? -1 : text.indexOf('@'), lastEnd = 0; at >= 0; at = text.indexOf('@', at + 1)) {
    const from = Math.max(lastEnd, at - 64);
    const window = text.slice(from, at + 256);
    EMAIL_RE.lastIndex = 0;
    for (const m of window.matchAll(EMAIL_RE)) {
      const start = from + m.index;
      if (start > at || start + m[0].length < at) continue;
      push(start, start + m[0].length, 'EMAIL', matchers.emailKeys.has(fold(m[0])) ? 'record' : 'detected', P.email);
      lastEnd = start + m[0].length;
    }
  }
  if (matchers.emails) for (const m of text.matchAll(matchers.emails)) push(m.index, m.index + m[0].length, 'EMAIL', 'record', P.email + 1);

  for (const m of text.matchAll(IBAN_BE_RE)) push(m.index, m.index + m[0].length, 'IBAN', 'detected', P.iban);
  for (const m of text.matchAll(IBAN_ANY_RE)) {
    let s = m[0];
    // trim trailing groups until the checksum holds (the pattern may run into a following word)
    while (s.length >= 15) {
      if (ibanValid(s.replace(/\s/g, ''))) {
        push(m.index, m.index + s.length, 'IBAN', 'detected', P.iban);
        break;
      }
      const cut = s.lastIndexOf(' ');
      if (cut < 0) break;
      s = s.slice(0, cut);
    }
  }
  for (const m of text.matchAll(OLD_ACCOUNT_RE)) {
    if (oldAccountValid(m[0])) push(m.index, m.index + m[0].length, 'IBAN', 'detected', P.iban);
  }

  for (const m of text.matchAll(NRN_RE)) {
    const d = digitsOf(m[0]);
    if (d.length !== 11) continue;
    const isRecord = matchers.nrnDigits.has(d);
    if (isRecord || nationalNumberValid(d) || NRN_CANONICAL_RE.test(m[0])) {
      push(m.index, m.index + m[0].length, 'RIJKSREGISTERNUMMER', isRecord ? 'record' : 'detected', isRecord ? P.recordStructural : P.nrn);
    }
  }
  if (matchers.nationalNumbers) {
    for (const m of text.matchAll(matchers.nationalNumbers)) push(m.index, m.index + m[0].length, 'RIJKSREGISTERNUMMER', 'record', P.recordStructural);
  }

  for (const m of text.matchAll(PHONE_INTL_RE)) {
    const end = phoneEnd(m[0], true);
    if (end > 0) {
      const raw = m[0].slice(0, end);
      push(m.index, m.index + end, 'TELEFOON', matchers.phoneNsns.has(phoneNsn(raw)) ? 'record' : 'detected', P.phone);
    }
  }
  for (const m of text.matchAll(PHONE_NAT_RE)) {
    const end = phoneEnd(m[0], false);
    if (end > 0) {
      const raw = m[0].slice(0, end);
      push(m.index, m.index + end, 'TELEFOON', matchers.phoneNsns.has(phoneNsn(raw)) ? 'record' : 'detected', P.phone);
    }
  }
  for (const m of text.matchAll(PHONE_FOREIGN_RE)) {
    const digits = digitsOf(m[0]);
    if (digits.length >= 9 && digits.length <= 15) push(m.index, m.index + m[0].length, 'TELEFOON', 'detected', P.phone - 1);
  }
  if (matchers.phones) for (const m of text.matchAll(matchers.phones)) push(m.index, m.index + m[0].length, 'TELEFOON', 'record', P.recordStructural);

  // dates
  const considerDate = (start: number, end: number, d: TDateValue, full: boolean): void => {
    const isRecord = matchers.birthKeys.has(dateKey(d));
    const cue = BIRTH_CUE_RE.test(text.slice(Math.max(0, start - 48), start));
    const old = full && d.year !== undefined && d.year >= 1900 && d.year < 2010;
    if (isRecord || cue || old) push(start, end, 'GEBOORTEDATUM', isRecord ? 'record' : 'detected', isRecord ? P.recordStructural : P.date);
    else protectedRanges.push([start, end, PROTECTED]);
  };
  for (const d of datesIn(text)) considerDate(d.start, d.end, d, d.form !== 'text' || d.year !== undefined);
  for (const m of text.matchAll(YEAR_RE)) {
    const month = MONTH_BEFORE_RE.exec(text.slice(Math.max(0, m.index - 16), m.index));
    if (!month) continue;
    const start = m.index - month[0].length;
    if (/\d\s*$/.test(text.slice(Math.max(0, start - 3), start))) continue; // part of "2 maart 1941"
    if (BIRTH_CUE_RE.test(text.slice(Math.max(0, start - 48), start))) push(start, m.index + 4, 'GEBOORTEDATUM', 'detected', P.date - 1);
  }
  if (matchers.birthDigits) for (const m of text.matchAll(matchers.birthDigits)) push(m.index, m.index + m[0].length, 'GEBOORTEDATUM', 'record', P.recordStructural);

  // tokens are needed for address left-extension and for names
  const tokens = tokenize(text);
  const tokenAt = (offset: number): number => {
    // index of the token that ends at or before `offset` (binary search)
    let lo = 0;
    let hi = tokens.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.start < offset) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  };

  // street addresses
  for (const num of text.matchAll(NUMBER_RE)) {
    const sliceStart = Math.max(0, num.index - 64);
    const before = STREET_BEFORE_RE.exec(text.slice(sliceStart, num.index));
    if (!before) continue;
    const word = before[1]!;
    if (!STREET_SUFFIX_RE.test(word)) continue;
    HOUSE_NUMBER_AT_RE.lastIndex = num.index;
    const house = HOUSE_NUMBER_AT_RE.exec(text);
    if (!house) continue;
    const m = { index: sliceStart + before.index, 0: text.slice(sliceStart + before.index, num.index + house[0].length) };
    let start = m.index;
    const strong = STRONG_SUFFIX_RE.test(word);
    const suffix = STREET_SUFFIX_RE.exec(word);
    const compound = suffix !== null && suffix.index > 0;
    const capitalised = word[0] !== word[0]!.toLowerCase();
    // extend to the left over words that belong to the street name ("Grote Markt", "Jan Van Eycklaan")
    let k = tokenAt(start);
    let extended = false;
    let steps = 0;
    while (k >= 0 && steps < 4) {
      const t = tokens[k]!;
      const gap = text.slice(t.end, start);
      if (!/^[ \t]+$/.test(gap)) break;
      const isPrefix = STREET_PREFIX_WORDS.has(t.f);
      if (!(t.cap || isPrefix) || STOPWORDS.has(t.f) && !isPrefix) break;
      if (isTitle(t.f) && !STREET_PREFIX_WORDS.has(t.f)) break;
      if (RELATIONS.has(t.f)) break;
      start = t.start;
      extended = true;
      steps++;
      k--;
    }
    // never start the street with a lower-case particle ("in de Kerkstraat")
    while (start < m.index) {
      const i = tokenAt(start + 1);
      const t = tokens[i]!;
      if (t.cap || (STREET_PREFIX_WORDS.has(t.f) && !PARTICLES.has(t.f))) break;
      const next = tokens[i + 1];
      start = next && next.start <= m.index ? next.start : m.index;
    }
    extended = start < m.index;
    if (!strong && !(capitalised && (compound || extended))) continue;
    if (strong && !compound && !extended) continue;
    const end = m.index + m[0].length;
    push(start, end, 'ADRES', 'detected', P.address);
    const after = POSTCODE_AFTER_RE.exec(text.slice(end, end + 16));
    if (after) {
      const pcStart = end + after[0].length - after[1]!.length;
      push(pcStart, pcStart + 4, 'POSTCODE', matchers.postcodes.has(after[1]!) ? 'record' : 'detected', P.postcode);
    }
  }
  if (matchers.addresses) {
    for (const m of text.matchAll(matchers.addresses)) {
      const end = m.index + m[0].length;
      push(m.index, end, 'ADRES', 'record', P.recordStructural);
      const after = POSTCODE_AFTER_RE.exec(text.slice(end, end + 16));
      if (after) {
        const pcStart = end + after[0].length - after[1]!.length;
        push(pcStart, pcStart + 4, 'POSTCODE', 'record', P.recordStructural);
      }
    }
  }
  // postcodes followed by a place name
  for (const m of text.matchAll(POSTCODE_RE)) {
    const code = m[1]!;
    const codeStart = m.index + m[0].length - 4;
    const following = FOLLOWING_WORDS_RE.exec(text.slice(codeStart + 4, codeStart + 80));
    if (!following) continue;
    const words = following[1]!.split(/\s+/);
    let isPlace = false;
    for (let w = words.length; w >= 1 && !isPlace; w--) {
      const candidate = fold(words.slice(0, w).join(' '));
      isPlace = PLACES.has(candidate) || matchers.places.has(candidate);
    }
    const isRecord = matchers.postcodes.has(code);
    if (isPlace || (isRecord && words[0]![0] !== words[0]![0]!.toLowerCase())) {
      push(codeStart, codeStart + 4, 'POSTCODE', isRecord ? 'record' : 'detected', P.postcode);
    }
  }

  // "Gent (9000)"
  for (const m of text.matchAll(POSTCODE_PAREN_RE)) {
    const before = PLACE_BEFORE_RE.exec(text.slice(Math.max(0, m.index - 40), m.index));
    const place = before ? fold(before[1]!) : '';
    if (PLACES.has(place) || matchers.places.has(place)) {
      const codeStart = m.index + m[0].lastIndexOf(m[1]!);
      push(codeStart, codeStart + 4, 'POSTCODE', matchers.postcodes.has(m[1]!) ? 'record' : 'detected', P.postcode);
    }
  }

  // record names
  if (matchers.names) {
    for (const m of text.matchAll(matchers.names)) push(m.index, m.index + m[0].length, 'PERSOON', 'record', P.recordName);
  }
  if (matchers.guardedNames) {
    for (const m of text.matchAll(matchers.guardedNames)) {
      const first = m[0][0]!;
      if (first !== first.toLowerCase() || cueBefore(text, m.index)) push(m.index, m.index + m[0].length, 'PERSOON', 'record', P.recordName);
    }
  }

  // ---- resolve: higher priority first, then longer --------------------------------------------------------
  candidates.sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const c of candidates) {
    let free = true;
    for (let k = c.start; k < c.end; k++) {
      if (mask[k] === TAKEN) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    mask.fill(TAKEN, c.start, c.end);
    spans.push(c);
  }

  // ---- 2. protected phrases and kept dates ----------------------------------------------------------------
  for (const [s, e, v] of protectedRanges) for (let k = s; k < e; k++) if (mask[k] === 0) mask[k] = v;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const phrases = ALLOW_PHRASES.get(t.f);
    if (!phrases) continue;
    for (const phrase of phrases) {
      let ok = true;
      for (let w = 1; w < phrase.length && ok; w++) {
        const next = tokens[i + w];
        ok = next !== undefined && next.f === phrase[w] && /^[ \t]+$/.test(text.slice(tokens[i + w - 1]!.end, next.start));
      }
      if (!ok) continue;
      const last = tokens[i + phrase.length - 1]!;
      const value = PLACES.has(phrase.join(' ')) ? PROTECTED_PLACE : PROTECTED;
      for (let k = t.start; k < last.end; k++) if (mask[k] === 0) mask[k] = value;
      break;
    }
  }

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (INSTITUTION_HEADS.has(t.f)) {
      let last = -1;
      for (let j = i + 1; j < tokens.length && j <= i + 4; j++) {
        const next = tokens[j]!;
        if (!/^[ \t]+$/.test(text.slice(tokens[j - 1]!.end, next.start))) break;
        if (next.cap) last = j;
        else if (!PARTICLES.has(next.f)) break;
      }
      if (last > i) for (let k = tokens[i + 1]!.start; k < tokens[last]!.end; k++) if (mask[k] === 0) mask[k] = PROTECTED;
    }
    // capitalised street without a house number: "ze woont in de Kerkstraat"
    if (t.cap && i > 0 && STRONG_SUFFIX_RE.test(t.f) && STREET_SUFFIX_RE.exec(t.f)!.index > 0 && mask[t.start] === 0) {
      const prev = tokens[i - 1]!;
      if (STREET_LEAD_WORDS.has(prev.f) && !prev.cap && /^[ \t]+$/.test(text.slice(prev.end, t.start))) {
        mask.fill(TAKEN, t.start, t.end);
        spans.push({ start: t.start, end: t.end, kind: 'ADRES', source: 'detected', priority: P.address });
      }
    }
  }

  // ---- 3. names ---------------------------------------------------------------------------------------------
  const extraPlaces = matchers.places;
  detectNames(text, tokens, mask, spans, extraPlaces);

  // ---- 4. replace -------------------------------------------------------------------------------------------
  spans.sort((a, b) => a.start - b.start);
  const counters = new Map<TPlaceholderKind, number>();
  // never collide with placeholder-like text already present in the note
  for (const m of text.matchAll(PLACEHOLDER_RE)) {
    const kind = m[1]!.toUpperCase() as TPlaceholderKind;
    counters.set(kind, Math.max(counters.get(kind) ?? 0, Number(m[2])));
  }
  const byOriginal = new Map<string, string>();
  const mapping = new Map<string, string>();
  const findings: TPseudonymised['findings'] = [];
  let out = '';
  let cursor = 0;
  for (const s of spans) {
    const original = text.slice(s.start, s.end);
    const key = `${s.kind}\u0000${original}`;
    let placeholder = byOriginal.get(key);
    if (!placeholder) {
      const next = (counters.get(s.kind) ?? 0) + 1;
      counters.set(s.kind, next);
      placeholder = `[${s.kind}_${next}]`;
      byOriginal.set(key, placeholder);
      mapping.set(placeholder, original);
      findings.push({ kind: s.kind, placeholder, source: s.source });
    }
    out += text.slice(cursor, s.start) + placeholder;
    cursor = s.end;
  }
  out += text.slice(cursor);
  return { text: out, mapping, findings };
}

/** Puts the originals back into (for example) an LLM summary. Unknown placeholders are left as they are. */
export function restore(text: string, mapping: ReadonlyMap<string, string>): string {
  return text.replace(PLACEHOLDER_RE, (whole, kind: string, num: string) => mapping.get(canonical(kind, num)) ?? whole);
}

// ---------------------------------------------------------------------------------------------------------
// Name detection

type Cue = 'none' | 'title' | 'relation' | 'coord';

/** Month names; "jan" is a month only inside a date (dates are protected before names are read). */
function isMonth(f: string): boolean {
  return MONTHS.has(f) && !STRONG_FIRST.has(f);
}

function detectNames(text: string, tokens: TToken[], mask: Uint8Array, spans: Span[], extraPlaces: ReadonlySet<string>): void {
  const count = tokens.length;

  const blocked = (t: TToken, cue: Cue): boolean => {
    const a = mask[t.start]!;
    const b = mask[t.end - 1]!;
    if (a === TAKEN || b === TAKEN) return true;
    if (a === PROTECTED || b === PROTECTED) return true;
    if ((a === PROTECTED_PLACE || b === PROTECTED_PLACE) && cue !== 'title') return true;
    return false;
  };

  const gap = (i: number): string => (i <= 0 ? text.slice(0, tokens[0]?.start ?? 0) : text.slice(tokens[i - 1]!.end, tokens[i]!.start));

  const adjacent = (i: number): boolean => i > 0 && i < count && /^[ \t\u00a0]+$/.test(gap(i));

  const sentenceStart = (i: number): boolean => {
    const g = gap(i);
    if (i === 0) return /^[\s\-*•"“'(]*$/.test(g);
    if (/[!?…;:\n\r•]/.test(g)) return true;
    if (/\.\s*$/.test(g)) {
      // "dr. Peeters", "M. Peeters": the dot right after an abbreviation does not end a sentence
      const prev = tokens[i - 1]!;
      if (!g.startsWith('.')) return true;
      return !(NON_ENDING_ABBREVIATIONS.has(prev.f) || isTitle(prev.f) || prev.text.length === 1);
    }
    return false;
  };

  const isAllowed = (f: string): boolean => ALLOW_WORDS.has(f) || extraPlaces.has(f);

  const addSpan = (start: number, end: number): void => {
    if (end <= start) return;
    for (let k = start; k < end; k++) if (mask[k] === TAKEN) return;
    mask.fill(TAKEN, start, end);
    spans.push({ start, end, kind: 'PERSOON', source: 'detected', priority: 0 });
  };

  /** Resolves possessive / diminutive forms of capitalised names: "Maries", "Jefke". Returns [folded, end]. */
  const nameCore = (t: TToken): [string, number] => {
    if (t.cf !== t.f || isKnownName(t.f) || !t.cap) return [t.cf, t.coreEnd];
    for (const suffix of ['s', 'ke', 'kes', 'ken', 'tje', 'tjes', 'je']) {
      if (t.f.length > suffix.length + 2 && t.f.endsWith(suffix)) {
        const base = t.f.slice(0, -suffix.length);
        if (FIRST_NAMES.has(base) && !isCommonWord(t.f)) return [base, t.end - suffix.length];
      }
    }
    return [t.cf, t.coreEnd];
  };

  const streetLike = (f: string): boolean => {
    const m = STREET_SUFFIX_RE.exec(f);
    return m !== null && m.index > 1 && STRONG_SUFFIX_RE.test(f);
  };

  const hyphenatedNonName = (f: string): boolean => {
    const dash = f.indexOf('-');
    return dash > 0 && NON_NAME_HYPHEN_PREFIXES.has(f.slice(0, dash));
  };

  const looksLikeUnknownName = (t: TToken, f: string): boolean => {
    if (f.length < 3 || hyphenatedNonName(f) || streetLike(f)) return false;
    // CamelCase products ("WhatsApp") and words with digits are no names
    if (/\p{Lu}/u.test(t.text.slice(1).replace(/[-'’]\p{Lu}/gu, ''))) return false;
    if (f.includes('-')) return f.split('-').every((p) => p.length >= 2 && !isCommonWord(p) && !isAllowed(p));
    return true;
  };

  /** Whether token i can be a person's name (a first name or a surname) in context `cue`. */
  const acceptName = (i: number, cue: Cue): boolean => {
    const t = tokens[i]!;
    // fast path for the bulk of the words: lower case without a cue
    if (cue === 'none' && !t.cap) {
      if (!LOWERCASE_FIRST_NAMES.has(t.cf) && !LOWERCASE_SURNAMES.has(t.cf)) return false;
      return !blocked(t, cue) && !isTitle(t.cf) && !RELATIONS.has(t.cf) && !isAllowed(t.cf);
    }
    if (blocked(t, cue)) return false;
    const [f] = nameCore(t);
    if (f.length < 2 || STOPWORDS.has(f) || isMonth(f) || WEEKDAYS.has(f) || ORGANISATION_WORDS.has(f)) return false;
    if (PARTICLES.has(f)) return false;
    if (hyphenatedNonName(f)) return false;
    const known = isKnownName(f);
    if ((isTitle(f) || RELATIONS.has(f)) && !(cue === 'none' && t.cap && known && !sentenceStart(i))) return false;
    // known names are judged on the dictionary itself; unknown words also on their inflections
    // (first names are judged on the dictionary itself – "Bart" is no form of "bar" – other words also on
    // their inflections: "Velden" is a surname but also the plural of "veld")
    const common = FIRST_NAMES.has(f) ? isDictionaryWord(f) : isCommonWord(f);
    if (cue === 'title') {
      if (t.cap) return true;
      return known || !common;
    }
    if (cue === 'relation' || cue === 'coord') {
      if (FIRST_NAMES.has(f) && !PLACES.has(f) && (t.cap || cue === 'relation' || LOWERCASE_FIRST_NAMES.has(f) || !common)) return true;
      if (isAllowed(f)) return false;
      if (t.upper) return known && !common;
      if (t.cap) return cue === 'relation' || known || !common;
      return (SURNAMES.has(f) || DICTIONARY_NAMES.has(f)) && !common;
    }
    if (isAllowed(f)) return false;
    // no cue
    if (t.upper) return f.length >= 4 && (FIRST_NAMES.has(f) || SURNAMES.has(f)) && !AMBIGUOUS.has(f) && !common;
    if (t.cap) {
      if (AMBIGUOUS.has(f)) return false;
      if (sentenceStart(i)) return known && (!common || STRONG_FIRST.has(f));
      if (known) return !common || STRONG_FIRST.has(f) || FIRST_NAMES.has(f) || SURNAMES.has(f);
      if (DICTIONARY_PROPER_NOUNS.has(f) || common) return false;
      return looksLikeUnknownName(t, f);
    }
    return LOWERCASE_FIRST_NAMES.has(f) || LOWERCASE_SURNAMES.has(f);
  };

  /** A surname directly after a first name. */
  const acceptSurname = (j: number, lenient: boolean): boolean => {
    const t = tokens[j];
    if (!t || blocked(t, 'none')) return false;
    const [f] = nameCore(t);
    if (f.length < 2 || STOPWORDS.has(f) || isMonth(f) || WEEKDAYS.has(f) || ORGANISATION_WORDS.has(f) || PARTICLES.has(f)) return false;
    if (isTitle(f) || RELATIONS.has(f) || streetLike(f)) return false;
    if (t.cap) {
      if (isAllowed(f) && !SURNAMES.has(f)) return false;
      return !isCommonWord(f) || isKnownName(f) || AMBIGUOUS.has(f);
    }
    if (!lenient) return false;
    if (LOWERCASE_SURNAMES.has(f) || LOWERCASE_FIRST_NAMES.has(f)) return true;
    if (isAllowed(f) || isCommonWord(f)) return false;
    return SURNAMES.has(f) || DICTIONARY_NAMES.has(f) || DICTIONARY_PROPER_NOUNS.has(f) || (f.startsWith('van') && f.length >= 7);
  };

  /**
   * Particles followed by a surname core ("Van den Bossche", "van de velde", "d'Hondt").
   * mode: 'lenient' (after a title or first name: lower-case core allowed), 'cap' (core must be capitalised),
   * 'known' (sentence start: capitalised core that is a known surname). Returns the index after the core.
   */
  const particleSurname = (p: number, mode: 'lenient' | 'cap' | 'known', cue: Cue): number => {
    let j = p;
    let particles = 0;
    while (j < count && PARTICLES.has(tokens[j]!.f) && particles < 3 && (j === p || adjacent(j))) {
      if (blocked(tokens[j]!, cue)) return p;
      j++;
      particles++;
    }
    if (particles === 0 || j >= count || !adjacent(j)) return p;
    const c = tokens[j]!;
    if (blocked(c, cue)) return p;
    const [f] = nameCore(c);
    // curated surnames win over verb forms after a particle: "frans de wilde"
    if (mode === 'lenient' && !c.cap && SURNAMES.has(f) && !isMonth(f) && !WEEKDAYS.has(f)) return j + 1;
    if (f.length < 2 || STOPWORDS.has(f) || isMonth(f) || WEEKDAYS.has(f) || ORGANISATION_WORDS.has(f)) return p;
    if (c.cap) {
      if (mode === 'known' && !(SURNAMES.has(f) || DICTIONARY_NAMES.has(f))) return p;
      // "Jan van Gent" is Jan from Gent; "Van Damme" (capitalised particle) is a surname
      if (!tokens[p]!.cap && isAllowed(f) && !SURNAMES.has(f)) return p;
      return j + 1;
    }
    if (mode !== 'lenient') return p;
    if (SURNAMES.has(f) || LOWERCASE_SURNAMES.has(f)) return j + 1;
    if (isCommonWord(f) || isAllowed(f)) return p;
    // after a title a surname need not be on a list: "mevrouw de bruycker"
    if (cue === 'title') return acceptName(j, 'title') ? j + 1 : p;
    return DICTIONARY_NAMES.has(f) || DICTIONARY_PROPER_NOUNS.has(f) ? j + 1 : p;
  };

  /** Tries to read a person starting at token i; returns the index after the person (or i). */
  const person = (i: number, cue: Cue): number => {
    const t = tokens[i];
    if (!t) return i;
    // particle-led surname
    if (PARTICLES.has(t.f)) {
      if (blocked(t, cue)) return i;
      let mode: 'lenient' | 'cap' | 'known' | undefined;
      if (cue === 'title') mode = 'lenient';
      else if (t.cap) mode = sentenceStart(i) || cue === 'none' && i === 0 ? 'known' : 'cap';
      if (!mode) return i;
      const end = particleSurname(i, mode, cue);
      if (end === i) return i;
      const last = tokens[end - 1]!;
      addSpan(t.start, nameCore(last)[1]);
      return coordination(end);
    }
    let accepted = acceptName(i, cue);
    // ambiguous capitalised first word with a following surname: "Roos Peeters"
    if (!accepted && cue === 'none' && t.cap && AMBIGUOUS.has(t.cf) && FIRST_NAMES.has(t.cf) && adjacent(i + 1)) {
      const next = tokens[i + 1]!;
      accepted = next.cap && !blocked(next, 'none') && (SURNAMES.has(next.cf) || DICTIONARY_NAMES.has(next.cf)) && !AMBIGUOUS.has(next.cf);
    }
    if (!accepted) return i;
    addSpan(t.start, nameCore(t)[1]);
    let k = i + 1;
    const lenient = !t.cap || cue !== 'none' || FIRST_NAMES.has(nameCore(t)[0]);
    for (let extra = 0; extra < 3 && k < count && adjacent(k); extra++) {
      const next = tokens[k]!;
      if (PARTICLES.has(next.f)) {
        const end = particleSurname(k, lenient ? 'lenient' : 'cap', cue === 'title' ? 'title' : 'none');
        if (end > k) {
          addSpan(next.start, nameCore(tokens[end - 1]!)[1]);
          k = end;
        }
        break;
      }
      if (!acceptSurname(k, lenient)) break;
      addSpan(next.start, nameCore(next)[1]);
      k++;
      // continue only for double first names ("Marie Louise Peeters")
      if (!FIRST_NAMES.has(next.cf)) break;
    }
    return coordination(k);
  };

  /** "Tom en Lies", "Tom, Lies en Bart": a name right after a name and "en"/"," is read with a weak cue. */
  const coordination = (k: number): number => {
    if (k >= count) return k;
    const g = gap(k);
    if (/^\s*,\s*$/.test(g) && !/\n/.test(g)) {
      const end = person(k, 'coord');
      return end > k ? end : k;
    }
    if (adjacent(k) && COORDINATORS.has(tokens[k]!.f) && adjacent(k + 1)) {
      const end = person(k + 1, 'coord');
      return end > k + 1 ? end : k;
    }
    return k;
  };

  let i = 0;
  while (i < count) {
    const t = tokens[i]!;
    if (mask[t.start] === TAKEN) {
      i++;
      continue;
    }
    // A title typed wrong ("menr", "mevrouwe") is a cue too – unless the word is itself taken for a name ("Muneer
    // Haddad", "Mehr"): judged as a name first. The text itself is never changed.
    const mistypedTitle = !isTitle(t.f) && isMistypedTitle(t.f);
    const lookAlikeEnd = mistypedTitle ? person(i, 'none') : i;
    if (lookAlikeEnd > i + 1) {
      i = lookAlikeEnd;
      continue;
    }
    const title = mistypedTitle || isTitle(t.f);
    const isRelation = RELATIONS.has(t.f);
    const capitalisedName = t.cap && !sentenceStart(i) && isKnownName(t.f) && !title;
    if ((title || isRelation) && !capitalisedName) {
      const cue: Cue = title ? 'title' : 'relation';
      let j = i + 1;
      // skip initials after a title ("mevrouw M. Peeters") and "genaamd"
      while (j < count && tokens[j]!.text.length === 1 && tokens[j]!.cap && cue === 'title') j++;
      const g = j < count ? gap(j) : '';
      const gapOk = j < count && !/\n/.test(g) && /^[\s,:.]*$/.test(g) && (!g.includes('.') || title);
      if (gapOk) {
        const end = person(j, cue);
        if (end > j) {
          i = end;
          continue;
        }
      }
      i = Math.max(i + 1, lookAlikeEnd);
      continue;
    }
    const end = person(i, 'none');
    i = end > i ? end : i + 1;
  }

  // A name found once (thanks to a cue) is replaced everywhere: "haar dochter Elif ... Elif haar nummer".
  const exact = new Set<string>();
  const anyCase = new Set<string>();
  for (const s of spans) {
    if (s.kind !== 'PERSOON') continue;
    const surface = text.slice(s.start, s.end);
    const f = fold(surface);
    if (f.length < 2 || STOPWORDS.has(f) || PARTICLES.has(f)) continue;
    if (AMBIGUOUS.has(f) || isDictionaryWord(f)) exact.add(surface);
    else anyCase.add(surface);
  }
  const propagate = (surfaces: Set<string>, flags: string): void => {
    if (surfaces.size === 0) return;
    const alternation = [...surfaces]
      .sort((a, b) => b.length - a.length)
      .map((s) => escapeRe(s).replace(/\s+/g, '\\s+'))
      .join('|');
    const re = new RegExp(`(?<![${L}\\d])(?:${alternation})(?=${NAME_SUFFIX}(?![${L}\\d]))`, flags);
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      let free = true;
      for (let k = start; k < end && free; k++) free = mask[k] === 0;
      if (free) addSpan(start, end);
    }
  };
  propagate(exact, 'gu');
  propagate(anyCase, 'giu');
}

// ---------------------------------------------------------------------------------------------------------
// Final check on an outgoing request body

const JSON_ESCAPE_RE = /\\u([0-9a-fA-F]{4})|\\([nrtbf])|\\(["\\/])/g;
const ENTITY_RE = /&#(\d+);|&#x([0-9a-fA-F]+);|&(nbsp|amp|quot|apos|lt|gt);/g;
const INVISIBLE_RE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const WIDE_SPACE_RE = /[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

function decodeBody(body: string): string {
  let s = body;
  for (let pass = 0; pass < 3; pass++) {
    const next = s.replace(JSON_ESCAPE_RE, (_m, hex: string | undefined, ctl: string | undefined, lit: string | undefined) => {
      if (hex) return String.fromCharCode(parseInt(hex, 16));
      if (ctl) return ' ';
      return lit ?? '';
    });
    if (next === s) break;
    s = next;
  }
  s = s.replace(ENTITY_RE, (_m, dec: string | undefined, hex: string | undefined, named: string | undefined) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { nbsp: ' ', amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' }[named as 'nbsp'] ?? ' ';
  });
  return s.replace(INVISIBLE_RE, '').normalize('NFC');
}

/**
 * The final check on an exact request body: which known identifiers (by kind, never the value) are still present.
 * With `fixedText` (the same request without the notes), an identifier that occurs there as often is no leak: it
 * is a word of the prompt itself ("Velden", "Laat").
 */
export function leakedIdentifiers(body: string, known: TKnownIdentifiers, fixedText = ''): TPlaceholderKind[] {
  const fixed = identifierCounts(fixedText, known);
  const found = new Set<TPlaceholderKind>();
  for (const [key, { kind, count }] of identifierCounts(body, known)) if (count > (fixed.get(key)?.count ?? 0)) found.add(kind);
  return KINDS.filter((k) => found.has(k));
}

const countMatches = (text: string, re: RegExp): number => [...text.matchAll(re)].length;

function countOccurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** How often each known identifier occurs in `body`, under an internal key (never logged). */
function identifierCounts(body: string, known: TKnownIdentifiers): Map<string, { kind: TPlaceholderKind; count: number }> {
  const counts = new Map<string, { kind: TPlaceholderKind; count: number }>();
  const note = (kind: TPlaceholderKind, key: string, count: number): void => {
    const k = `${kind}\u0000${key}`;
    if (count > (counts.get(k)?.count ?? 0)) counts.set(k, { kind, count });
  };
  const decoded = decodeBody(body);
  let variants = [decoded];
  if (/%[0-9a-fA-F]{2}/.test(decoded)) {
    try {
      variants.push(decodeURIComponent(decoded));
    } catch {
      /* not URL-encoded after all */
    }
  }
  variants = variants.map((v) => v.replace(WIDE_SPACE_RE, ' '));

  for (const v of variants) {
    const folded = fold(v);
    const compact = folded.replace(/[^\p{L}]/gu, '');
    // names: every part in any case/accent, with flexible spaces/hyphens; ambiguous parts only capitalised
    for (const name of known.names ?? []) {
      const parts = splitName(name);
      for (const p of parts.plain) note('PERSOON', `plain:${p}`, countMatches(v, new RegExp(`(?<![${L}])${namePattern(p, false)}(?![${L}])`, 'gu')));
      for (const g of parts.guarded) note('PERSOON', `guarded:${g}`, countMatches(v, new RegExp(`(?<![${L}])${namePattern(g, true)}(?![${L}])`, 'gu')));
      // whole name with all separators removed ("marievandenbossche")
      const compactName = fold(name).replace(/[^\p{L}]/gu, '');
      if (compactName.length >= 8) note('PERSOON', `compact:${compactName}`, countOccurrences(compact, compactName));
    }
    const noSpaces = folded.replace(/\s/g, '');
    for (const e of known.emails ?? []) if (e.trim()) note('EMAIL', e, countOccurrences(noSpaces, fold(e.trim())));
    for (const a of known.addresses ?? []) {
      const parsed = parseAddress(a);
      if (!parsed) continue;
      note('ADRES', a, countMatches(v, new RegExp(`(?<![${L}])${streetPattern(parsed.street)}(?![${L}])`, 'gu')));
      if (parsed.postcode) note('POSTCODE', a, countMatches(v, new RegExp(`(?<!\\d)${parsed.postcode}(?!\\d)\\s+\\p{L}`, 'gu')));
    }
    // numbers: compare digit runs with every separator removed
    const runs = [...v.matchAll(DIGIT_RUN_RE)].map((m) => digitsOf(m[0]));
    for (const p of known.phones ?? []) {
      const nsn = phoneNsn(p.trim().startsWith('+') || p.trim().startsWith('00') || p.trim().startsWith('0') ? p : `0${p}`);
      if (nsn) note('TELEFOON', nsn, runs.filter((r) => r.includes(nsn)).length);
    }
    for (const nrn of known.nationalNumbers ?? []) {
      const d = digitsOf(nrn);
      if (d.length === 11) note('RIJKSREGISTERNUMMER', d, runs.filter((r) => r.includes(d)).length);
    }
    for (const b of known.birthDates ?? []) {
      const d = parseDate(b);
      if (!d || d.year === undefined) continue;
      const dd = String(d.day).padStart(2, '0');
      const mm = String(d.month).padStart(2, '0');
      const forms = [`${dd}${mm}${d.year}`, `${d.year}${mm}${dd}`, `${d.day}${d.month}${d.year}`];
      const numeric = [...v.matchAll(/\d(?:[\s./-]{0,3}\d){5,}/g)].filter((m) => forms.includes(digitsOf(m[0]))).length;
      const written = datesIn(v).filter((w) => w.form === 'text' && w.day === d.day && w.month === d.month && w.year === d.year).length;
      note('GEBOORTEDATUM', dateKey(d), numeric + written);
    }
  }
  return counts;
}
