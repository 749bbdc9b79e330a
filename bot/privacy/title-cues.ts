import { ALLOW_WORDS, TITLES, isCommonWord } from './gazetteer.ts';

/** Titles as they are typed in a hurry ("menr", "mevrouwe", "mneer", "dhrr") are recognised at one typo from these. */
const TITLE_FORMS = ['mevrouw', 'meneer', 'mijnheer', 'mevr', 'mnr', 'dhr', 'madame', 'monsieur'];
const LONGEST_FORM = Math.max(...TITLE_FORMS.map((form) => form.length));

/** Whether a folded word is a title ("mevrouw", "dhr", "dokter"), spelled right. */
export function isTitle(folded: string): boolean {
  return TITLES.has(folded);
}

/**
 * Whether a folded word announces a name as a title does: a title, also when typed wrong ("menr", "mevrouwe"). Only a
 * cue: a word that merely looks like a mistyped title can itself be a name ("Mehr", "Muneer"), so the pseudonymiser
 * still judges it as a name first and never treats it as a title where names are accepted or refused.
 */
export function isTitleCue(folded: string): boolean {
  return TITLES.has(folded) || isMistypedTitle(folded);
}

/**
 * One typo from a title form ("menr", "mevrouwe", "Dhrr"), with at least four letters and no Dutch word or allow-listed
 * term: "meer" (one typo from "mevr") and "menger" stay words, "Mir" (one typo from "mnr") stays a name. The text itself
 * is never corrected, so every offset – and every placeholder's way back – stays as it was typed.
 */
export function isMistypedTitle(f: string): boolean {
  // cheap tests first: this runs for most words of a note
  if (f.length < 4 || f.length > LONGEST_FORM + 1) return false;
  let near = false;
  for (let k = 0; k < TITLE_FORMS.length && !near; k++) near = oneTypoApart(f, TITLE_FORMS[k]!);
  if (!near || ALLOW_WORDS.has(f)) return false;
  // "mevrouwe", "meneers": the dictionary check reads a title with a letter added as an inflection of that title
  const titlePlusLetter = TITLE_FORMS.some((form) => f.length === form.length + 1 && f.startsWith(form));
  return titlePlusLetter || !isCommonWord(f);
}

/** At most one insertion, deletion, substitution or swap of neighbours between a and b. */
function oneTypoApart(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let start = 0;
  while (start < la && start < lb && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = la;
  let endB = lb;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  // what differs once the common start and end are removed
  const restA = endA - start;
  const restB = endB - start;
  if (restA <= 1 && restB <= 1) return true;
  return restA === 2 && restB === 2 && a[start] === b[start + 1] && a[start + 1] === b[start];
}
