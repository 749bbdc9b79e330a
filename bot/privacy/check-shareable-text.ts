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
  TITLES,
  WEEKDAYS,
  fold,
  isCommonWord,
} from './gazetteer.ts';
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

// Text that colleagues will read in a team channel (a signal, a note on it) must not identify anyone. The same
// pseudonymiser that guards the LLM path finds names, addresses, numbers and birth dates, and the contact's own
// record adds what it knows. A shared text may be stricter than the LLM path – a false alarm only asks the worker
// to rephrase – so rules are added on what the pseudonymiser left:
// - an exact date (with a year) and a case code;
// - a title typed wrong ("menr.", "mevrouwe") still announces a name;
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

const MONTH_NAMES = 'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|january|february|march|may|june|july|august|october';
const MONTH_ABBREVIATIONS = 'jan|febr?|mrt|apr|jun|jul|aug|sept?|okt|oct|nov|dec';
const NUMERIC_DATE = /(?<![\p{L}\d]|\d[/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\p{L}\d]|[/.-]\d)/gu;
const ISO_DATE = /(?<![\p{L}\d]|\d[/.-])\d{4}-\d{1,2}-\d{1,2}(?![\p{L}\d]|[/.-]\d)/gu;
const TEXT_DATE = new RegExp(
  `(?<![\\p{L}\\d])\\d{1,2}(?:ste|de|e)?\\s+(?:${MONTH_NAMES}|(?:${MONTH_ABBREVIATIONS})\\.?)\\s+(?:\\d{4}|['’]\\d{2})(?![\\p{L}\\d])`,
  'giu',
);
const CASE_CODE = /\bK-\d{2}-\d{3,}\b/gi;

const WORD = /[\p{L}\p{M}](?:[\p{L}\p{M}'’-]*[\p{L}\p{M}])?/gu;
/** Titles as they are typed in a hurry ("menr", "mevrouwe", "mneer") are recognised at one typo from these. */
const TITLE_FORMS = ['mevrouw', 'meneer', 'mijnheer', 'mevr', 'mnr', 'dhr', 'madame', 'monsieur'];
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
  const { text: masked, findings: pseudonymised, mapping } = pseudonymise(withTitlesCorrected(text), known);
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

function exactDates(text: string): string[] {
  const dates: string[] = [];
  for (const m of text.matchAll(NUMERIC_DATE)) if (Number(m[1]) <= 31 && Number(m[3]) <= 12) dates.push(m[0]);
  for (const m of text.matchAll(ISO_DATE)) dates.push(m[0]);
  for (const m of text.matchAll(TEXT_DATE)) dates.push(m[0]);
  return dates;
}

/** At most one insertion, deletion, substitution or swap of neighbours between a and b. */
function oneTypoApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restA = a.slice(i);
  const restB = b.slice(i);
  return (
    restA.slice(1) === restB.slice(1) ||
    restA.slice(1) === restB ||
    restA === restB.slice(1) ||
    (restA.length >= 2 && restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2))
  );
}

/** Replaces mistyped titles by the title they stand for, so that the pseudonymiser reads the name after them. */
function withTitlesCorrected(text: string): string {
  return text.replace(WORD, (word) => {
    const f = fold(word);
    if (f.length < 4 || TITLES.has(f) || isCommonWord(f) || ALLOW_WORDS.has(f)) return word;
    const title = TITLE_FORMS.find((form) => oneTypoApart(f, form));
    if (!title) return word;
    return word[0] === word[0]!.toUpperCase() ? title[0]!.toUpperCase() + title.slice(1) : title;
  });
}

/** A neighbourhood ("wijk Rabot", "Clementwijk") or an adjective ("Nederlandstalige", "Eritrese") taken for a name. */
function noPersonInSignal(masked: string, placeholder: string, original: string): boolean {
  const f = fold(original.trim());
  const suffixExcuse = !/\s/.test(f) && (NOT_A_PERSON_SUFFIX.test(f) || (ORIGIN_ADJECTIVE.test(f) && !knownName(f)));
  for (let at = masked.indexOf(placeholder); at >= 0; at = masked.indexOf(placeholder, at + 1)) {
    const before = masked.slice(Math.max(0, at - 40), at);
    const cue = /([\p{L}]+)\.?\s+$/u.exec(before)?.[1];
    if (cue && (TITLES.has(fold(cue)) || RELATIONS.has(fold(cue)))) return false;
    if (!suffixExcuse && !NEIGHBOURHOOD_BEFORE.test(before)) return false;
  }
  return true;
}

interface TWord {
  start: number;
  end: number;
  text: string;
  /** folded, without a possessive "'s" */
  f: string;
  cap: boolean;
  upper: boolean;
}

function words(masked: string): TWord[] {
  const out: TWord[] = [];
  for (const m of masked.matchAll(WORD)) {
    if (masked[m.index - 1] === '[') continue; // a placeholder such as [PERSOON_1]
    const text = m[0];
    const f = fold(text).replace(/['’]s?$/, '');
    const cap = text[0] !== text[0]!.toLowerCase();
    out.push({ start: m.index, end: m.index + text.length, text, f, cap, upper: cap && text.length > 1 && text === text.toUpperCase() });
  }
  return out;
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
    TITLES.has(f) ||
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
    for (const phrase of ALLOW_PHRASES.get(list[i]!.f) ?? []) {
      if (!phrase.every((token, k) => list[i + k]?.f === token && (k === 0 || adjacent(i + k)))) continue;
      for (let k = 0; k < phrase.length; k++) kept.add(i + k);
      break;
    }
    if (INSTITUTION_HEADS.has(list[i]!.f)) {
      for (let j = i + 1; j < list.length && j <= i + 4 && adjacent(j) && (list[j]!.cap || PARTICLES.has(list[j]!.f)); j++) kept.add(j);
    }
  }

  for (let i = 0; i < list.length; i++) {
    if (kept.has(i)) continue;
    const w = list[i]!;
    const after = masked.slice(w.end, w.end + 40);
    const number = HOUSE_NUMBER_AFTER.exec(after);
    const withNumber = (from: number): string => span(from, i) + (number ? number[0] : '');

    // ---- streets
    const suffix = STREET_SUFFIX_RE.exec(w.f);
    const strong = STRONG_SUFFIX_RE.test(w.f);
    const compound = suffix !== null && suffix.index > 1;
    if (compound && strong && !ALLOW_WORDS.has(w.f) && (w.cap ? !(sentenceStart(i) && isCommonWord(w.f)) : !isCommonWord(w.f))) {
      found.push(['ADRES', withNumber(i)]);
      continue;
    }
    if (number && compound && (w.cap || strong || !isCommonWord(w.f))) {
      found.push(['ADRES', withNumber(i)]);
      continue;
    }
    if (number && suffix?.index === 0 && adjacent(i)) {
      const prev = list[i - 1]!;
      if (!kept.has(i - 1) && STREET_PREFIX_WORDS.has(prev.f) && !PARTICLES.has(prev.f)) {
        found.push(['ADRES', withNumber(i - 1)]);
        continue;
      }
    }
    if (STREET_ABBREVIATION.test(w.f) && !isCommonWord(w.f) && (number || masked[w.end] === '.')) {
      found.push(['ADRES', number ? withNumber(i) : `${w.text}.`]);
      continue;
    }

    // ---- names
    if (FAMILY_CUES.has(w.f)) {
      const end = familyName(i);
      if (end > i) {
        found.push(['PERSOON', span(i + 1, end)]);
        i = end;
      }
      continue;
    }
    if (neverAName(w.f)) continue;
    if (w.cap && !w.upper && !sentenceStart(i) && FIRST_NAMES.has(w.f)) {
      const prev = list[i - 1];
      const article = adjacent(i) && prev !== undefined && (PARTICLES.has(prev.f) || prev.f === 'het' || prev.f === 'een');
      if (!article) found.push(['PERSOON', w.text]);
      continue;
    }
    if (!w.cap && lowerCaseName(w.f)) found.push(['PERSOON', w.text]);
  }
  return found;

  /** "familie van damme", "gezin yilmaz": the index of the last word of the name, or `cue` when there is none. */
  function familyName(cue: number): number {
    let j = cue + 1;
    if (j >= list.length || !/^[ \t.]+$/.test(gap(j))) return cue;
    let particles = 0;
    while (j < list.length - 1 && PARTICLES.has(list[j]!.f) && particles < 3 && adjacent(j + 1)) {
      j++;
      particles++;
    }
    const core = list[j]!;
    if (kept.has(j)) return cue;
    // after a particle a curated surname wins over a place or a word: "gezin van damme", "familie de smet"
    if (particles > 0 && SURNAMES.has(core.f) && !STOPWORDS.has(core.f)) return j;
    return neverAName(core.f) || isCommonWord(core.f) ? cue : j;
  }
}
