import {
  ALLOW_PHRASES,
  ALLOW_WORDS,
  AMBIGUOUS,
  DICTIONARY_NAMES,
  FIRST_NAMES,
  MONTHS,
  ORGANISATION_WORDS,
  PARTICLES,
  RELATIONS,
  STOPWORDS,
  SURNAMES,
  WEEKDAYS,
  fold,
  isCommonWord,
} from './gazetteer.ts';
import { datesIn } from './dates.ts';
import {
  HOUSE_NUMBER,
  INSTITUTION_HEADS,
  NOT_A_QUANTITY,
  STREET_PREFIX_WORDS,
  STREET_SUFFIX_RE,
  STRONG_SUFFIX_RE,
  leakedIdentifiers,
  pseudonymise,
  type TKnownIdentifiers,
  type TPlaceholderKind,
} from './pseudonymise.ts';
import { isTitle, isTitleCue } from './title-cues.ts';
import { tokenize, type TToken } from './tokens.ts';

// Text that colleagues will read in a team channel (a signal, a note on it) must not identify anyone. The same
// pseudonymiser that guards the LLM path finds names, addresses, numbers and birth dates, and the contact's own
// record adds what it knows. A shared text may be stricter than the LLM path – a false alarm only asks the worker
// to rephrase – so rules are added on what the pseudonymiser left:
// - an exact date (with a year) and a case code;
// - a capitalised first name in mid-sentence, even when it is also a word ("sinds Lieve haar heup brak");
// - a lower-case word that is a known name and no Dutch word ("hajar belde"), and the word after "familie/gezin";
// - a street name without a number in any case ("de kouterstraat"), an abbreviated street with a number
//   ("kerkstr 12"), a street word after a prefix with a number ("grote markt 21").
// Two things the pseudonymiser takes for a person are no person in a signal: the name after "wijk"/"buurt"
// ("wijk Rabot", "Clementwijk") and adjectives such as "Nederlandstalige".

export type TShareableFindingKind = TPlaceholderKind | 'DATUM' | 'CASUSCODE';

export interface TShareableFinding {
  kind: TShareableFindingKind;
  /** The words that were found, to show the worker (in their personal chat only) what to rephrase. */
  fragment: string;
}

const CASE_CODE = /\bK-\d{2}-\d{3,}\b/gi;

const FAMILY_CUES = new Set(['familie', 'fam', 'gezin', 'famille', 'echtpaar', 'koppel']);
const NEIGHBOURHOOD_BEFORE = /(?<![\p{L}])(?:wijk|woonwijk|buurt|deelgemeente|gehucht|parochie)\s+$/iu;
/** A neighbourhood ("Clementwijk") or a language adjective ("Turkstalige"). */
const NOT_A_PERSON_SUFFIX = /(?:wijk|talig|talige)$/;
/** An adjective of origin that is no known name: "Eritrese", "Koerdische", "Kempense". */
const ORIGIN_ADJECTIVE = /^[\p{L}-]{4,}(?:se|sche)$/u;
const HOUSE_NUMBER_AFTER = new RegExp(`^\\s*,?\\s*${HOUSE_NUMBER}(?![\\p{L}\\d])${NOT_A_QUANTITY}`, 'iu');
const STREET_ABBREVIATION = /^(.{3,})(?:str|stwg|stw)$/;

/** Everything in the text that may identify a person; empty when the text can be shared. */
export function identifyingFragments(text: string, known: TKnownIdentifiers = {}): TShareableFinding[] {
  const findings: TShareableFinding[] = [];
  const seen = new Set<string>();
  const add = (kind: TShareableFindingKind, fragment: string) => {
    const key = `${kind}:${fragment.toLowerCase()}`;
    if (!seen.has(key)) findings.push({ kind, fragment });
    seen.add(key);
  };
  for (const match of text.matchAll(CASE_CODE)) add('CASUSCODE', match[0]);
  const { text: masked, findings: pseudonymised, mapping } = pseudonymise(text, known);
  for (const finding of pseudonymised) {
    const original = mapping.get(finding.placeholder) ?? finding.placeholder;
    if (finding.kind === 'PERSOON' && noPersonInSignal(masked, finding.placeholder, original)) continue;
    add(finding.kind, original);
  }
  for (const [kind, fragment] of stricterFindings(masked)) add(kind, fragment);
  for (const fragment of exactDates(text)) add('DATUM', fragment);
  // The final check catches inflected or partial forms of the record's own identifiers that detection let through.
  for (const kind of leakedIdentifiers(text, known)) {
    if (!findings.some((f) => f.kind === kind)) add(kind, '…');
  }
  return findings;
}

/** Dates with a year ("12/03/2025", "3 feb. 2025"); the pseudonymiser keeps recent ones, a shared text may not. */
function exactDates(text: string): string[] {
  return datesIn(text)
    .filter((d) => d.year !== undefined)
    .map((d) => text.slice(d.start, d.end));
}

/** A neighbourhood ("wijk Rabot", "Clementwijk") or an adjective ("Nederlandstalige", "Eritrese") taken for a name. */
function noPersonInSignal(masked: string, placeholder: string, original: string): boolean {
  const f = fold(original.trim());
  const suffixExcuse = !/\s/.test(f) && (NOT_A_PERSON_SUFFIX.test(f) || (ORIGIN_ADJECTIVE.test(f) && !knownName(f)));
  for (let at = masked.indexOf(placeholder); at >= 0; at = masked.indexOf(placeholder, at + 1)) {
    const before = masked.slice(Math.max(0, at - 40), at);
    const cue = /([\p{L}]+)\.?\s+$/u.exec(before)?.[1];
    if (cue && (isTitleCue(fold(cue)) || RELATIONS.has(fold(cue)))) return false;
    if (!suffixExcuse && !NEIGHBOURHOOD_BEFORE.test(before)) return false;
  }
  return true;
}

/** The words of the pseudonymiser's output, without its placeholders ("[PERSOON_1]"). */
function words(masked: string): TToken[] {
  return tokenize(masked).filter((t) => masked[t.start - 1] !== '[');
}

/** Words that are never a person's name on their own. */
function neverAName(f: string): boolean {
  return (
    f.length < 3 ||
    STOPWORDS.has(f) ||
    ALLOW_WORDS.has(f) ||
    ORGANISATION_WORDS.has(f) ||
    MONTHS.has(f) ||
    WEEKDAYS.has(f) ||
    isTitle(f) ||
    RELATIONS.has(f) ||
    PARTICLES.has(f)
  );
}

const knownName = (f: string): boolean => FIRST_NAMES.has(f) || SURNAMES.has(f) || DICTIONARY_NAMES.has(f);

/** A lower-case word (or every part of a hyphenated one) that is a known name and no Dutch word: "hajar", "ann-sofie". */
function lowerCaseName(f: string): boolean {
  return f.split('-').every((part) => knownName(part) && !neverAName(part) && !AMBIGUOUS.has(part) && !isCommonWord(part));
}

/** Names and addresses the pseudonymiser left in `masked` (its output, placeholders in place). */
function stricterFindings(masked: string): [TShareableFindingKind, string][] {
  const found: [TShareableFindingKind, string][] = [];
  const list = words(masked);
  const gap = (i: number): string => masked.slice(i > 0 ? list[i - 1]!.end : 0, list[i]!.start);
  const adjacent = (i: number): boolean => i > 0 && /^[ \t]+$/.test(gap(i));
  const sentenceStart = (i: number): boolean => i === 0 || /[.!?:;\n•]/.test(gap(i));
  const span = (from: number, to: number): string => masked.slice(list[from]!.start, list[to]!.end);

  // allow-listed phrases ("Huis van het Kind", "AZ Maria Middelares") and institution names ("LDC De Linde")
  const kept = new Set<number>();
  for (let i = 0; i < list.length; i++) {
    for (const phrase of ALLOW_PHRASES.get(list[i]!.cf) ?? []) {
      if (!phrase.every((token, k) => list[i + k]?.cf === token && (k === 0 || adjacent(i + k)))) continue;
      for (let k = 0; k < phrase.length; k++) kept.add(i + k);
      break;
    }
    if (INSTITUTION_HEADS.has(list[i]!.cf)) {
      for (let j = i + 1; j < list.length && j <= i + 4 && adjacent(j) && (list[j]!.cap || PARTICLES.has(list[j]!.cf)); j++) kept.add(j);
    }
  }

  for (let i = 0; i < list.length; i++) {
    if (kept.has(i)) continue;
    const w = list[i]!;
    const after = masked.slice(w.end, w.end + 40);
    const number = HOUSE_NUMBER_AFTER.exec(after);
    const withNumber = (from: number): string => span(from, i) + (number ? number[0] : '');

    // ---- streets
    const suffix = STREET_SUFFIX_RE.exec(w.cf);
    const strong = STRONG_SUFFIX_RE.test(w.cf);
    const compound = suffix !== null && suffix.index > 1;
    if (compound && strong && !ALLOW_WORDS.has(w.cf) && (w.cap ? !(sentenceStart(i) && isCommonWord(w.cf)) : !isCommonWord(w.cf))) {
      found.push(['ADRES', withNumber(i)]);
      continue;
    }
    if (number && compound && (w.cap || strong || !isCommonWord(w.cf))) {
      found.push(['ADRES', withNumber(i)]);
      continue;
    }
    if (number && suffix?.index === 0 && adjacent(i)) {
      const prev = list[i - 1]!;
      if (!kept.has(i - 1) && STREET_PREFIX_WORDS.has(prev.cf) && !PARTICLES.has(prev.cf)) {
        found.push(['ADRES', withNumber(i - 1)]);
        continue;
      }
    }
    if (STREET_ABBREVIATION.test(w.cf) && !isCommonWord(w.cf) && (number || masked[w.end] === '.')) {
      found.push(['ADRES', number ? withNumber(i) : `${w.text}.`]);
      continue;
    }

    // ---- names
    if (FAMILY_CUES.has(w.cf)) {
      const end = familyName(i);
      if (end > i) {
        found.push(['PERSOON', span(i + 1, end)]);
        i = end;
      }
      continue;
    }
    if (neverAName(w.cf)) continue;
    if (w.cap && !w.upper && !sentenceStart(i) && FIRST_NAMES.has(w.cf)) {
      const prev = list[i - 1];
      const article = adjacent(i) && prev !== undefined && (PARTICLES.has(prev.cf) || prev.cf === 'het' || prev.cf === 'een');
      if (!article) found.push(['PERSOON', w.text]);
      continue;
    }
    if (!w.cap && lowerCaseName(w.cf)) found.push(['PERSOON', w.text]);
  }
  return found;

  /** "familie van damme", "gezin yilmaz": the index of the last word of the name, or `cue` when there is none. */
  function familyName(cue: number): number {
    let j = cue + 1;
    if (j >= list.length || !/^[ \t.]+$/.test(gap(j))) return cue;
    let particles = 0;
    while (j < list.length - 1 && PARTICLES.has(list[j]!.cf) && particles < 3 && adjacent(j + 1)) {
      j++;
      particles++;
    }
    const core = list[j]!;
    if (kept.has(j)) return cue;
    // after a particle a curated surname wins over a place or a word: "gezin van damme", "familie de smet"
    if (particles > 0 && SURNAMES.has(core.cf) && !STOPWORDS.has(core.cf)) return j;
    return neverAName(core.cf) || isCommonWord(core.cf) ? cue : j;
  }
}
