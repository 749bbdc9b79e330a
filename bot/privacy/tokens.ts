import { fold } from './gazetteer.ts';

/** A word of a text, as the pseudonymiser and the shareable-text check read it. */
export interface TToken {
  start: number;
  end: number;
  text: string;
  /** folded text of the whole token */
  f: string;
  /** folded core (a possessive "'s" stripped: "Marie's" → "marie") */
  cf: string;
  /** end offset of the core */
  coreEnd: number;
  cap: boolean;
  upper: boolean;
}

const L = '\\p{L}\\p{M}';
const WORD_RE = new RegExp(`[${L}](?:[${L}'’\\-]*[${L}])?`, 'gu');

/** The words of `text` with their offsets, in order. */
export function tokenize(text: string): TToken[] {
  const tokens: TToken[] = [];
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(text))) {
    const t = m[0];
    const start = m.index;
    const end = start + t.length;
    const first = t[0]!;
    const cap = first !== first.toLowerCase();
    const upper = cap && t.length > 1 && t === t.toUpperCase();
    const f = fold(t);
    let cf = f;
    let coreEnd = end;
    const last = t[t.length - 1]!;
    if (last === 's' || last === 'S') {
      const beforeS = t[t.length - 2];
      if (beforeS === "'" || beforeS === '’') {
        cf = fold(t.slice(0, -2));
        coreEnd = end - 2;
      }
    }
    tokens.push({ start, end, text: t, f, cf, coreEnd, cap, upper });
  }
  return tokens;
}
