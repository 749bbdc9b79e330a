import type { TLocale } from './i18n.ts';

/** A short card: a title, a few lines, optionally a problem to mark, and buttons that run verbs. */
export interface TMessageView {
  lang: TLocale;
  title: string;
  lines: { text: string }[];
  problem: string;
  actions: { title: string; verb: string; data: Record<string, unknown> }[];
}

export function messageView(lang: TLocale, title: string, lines: string[], opts: { problem?: string; actions?: TMessageView['actions'] } = {}): TMessageView {
  return { lang, title, lines: lines.filter(Boolean).map((text) => ({ text })), problem: opts.problem ?? '', actions: opts.actions ?? [] };
}
