import type { TContent } from '../../data/content/load-content.ts';
import {
  daysBetween,
  timingOf,
  type TFollowUpTiming,
  type TFollowUpWithContact,
  type TOpenFollowUp,
  type TTeamFollowUpCounts,
} from '../../data/repositories/follow-ups.ts';
import { fieldsOf, type TField } from '../ui/form.ts';
import type { TFunction, TLocale } from '../ui/i18n.ts';

// One view-model per follow-up card. Names of contacts appear only on the personal-chat cards; the weekly
// channel summary holds counts.

/** The most items one card shows; Teams refuses cards over 28 KB. */
export const MAX_LISTED = 20;
export const NOTE_MAX_LENGTH = 500;

const TIMINGS: readonly TFollowUpTiming[] = ['overdue', 'today', 'later'];
const DATE_LOCALES: Record<TLocale, string> = { nl: 'nl-BE', en: 'en-GB' };

/** Building a formatter costs far more than using one, so there is one per language, with and without the year. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(lang: TLocale, withYear: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${withYear}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(DATE_LOCALES[lang], { day: 'numeric', month: 'long', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' });
    dayFormats.set(key, format);
  }
  return format;
}

/** 2027-02-12 → "12 februari"; with the year when it is not this year's. */
export function formatDay(day: string, lang: TLocale, today: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return dayFormat(lang, day.slice(0, 4) !== today.slice(0, 4)).format(date);
}

function reasonLabel(content: TContent, reason: string, lang: TLocale): string {
  return content.team.followUpReasons.find((r) => r.id === reason)?.label[lang] ?? reason;
}

function modeLabel(t: TFunction, mode: string): string {
  return t(`followUps.modes.${mode}`, { defaultValue: mode });
}

/** Groups a list that is already in due-date order into overdue, today and later, keeping the order within each. */
export function groupByTiming<T extends { timing: TFollowUpTiming }>(items: readonly T[]): { timing: TFollowUpTiming; items: T[] }[] {
  return TIMINGS.map((timing) => ({ timing, items: items.filter((i) => i.timing === timing) })).filter((g) => g.items.length > 0);
}

export interface TFollowUpItemView {
  id: string;
  contactId: string;
  heading: string;
  detail: string;
  /** "3 dagen te laat" / "Vandaag te doen"; empty for later ones. */
  status: string;
  statusColor: 'Attention' | 'Accent';
  openTitle: string;
  completeTitle: string;
}

export function followUpItemView(t: TFunction, lang: TLocale, content: TContent, f: TFollowUpWithContact, today: string): TFollowUpItemView {
  const timing = timingOf(f.dueDate, today);
  const status = timing === 'overdue' ? t('followUps.item.overdue', { count: daysBetween(f.dueDate, today) }) : timing === 'today' ? t('followUps.item.today') : '';
  return {
    id: f.id,
    contactId: f.contactId,
    heading: `${f.contact.caseCode} · ${f.contact.firstName} ${f.contact.lastName}`,
    detail: `${t('followUps.item.due', { mode: modeLabel(t, f.mode), date: formatDay(f.dueDate, lang, today) })} · ${reasonLabel(content, f.reason, lang)}`,
    status,
    statusColor: timing === 'overdue' ? 'Attention' : 'Accent',
    openTitle: t('followUps.actions.open'),
    completeTitle: t('followUps.actions.complete'),
  };
}

export interface TFollowUpListView {
  lang: TLocale;
  title: string;
  notice: string;
  summary: string;
  empty: string;
  groups: { title: string; style: 'attention' | 'default'; items: TFollowUpItemView[] }[];
  more: string;
}

export function followUpListView(
  t: TFunction,
  lang: TLocale,
  content: TContent,
  followUps: readonly TOpenFollowUp[],
  opts: { today: string; notice?: string },
): TFollowUpListView {
  const shown = followUps.slice(0, MAX_LISTED);
  const hidden = followUps.length - shown.length;
  return {
    lang,
    title: t('followUps.list.title'),
    notice: opts.notice ?? '',
    summary: followUps.length ? t('followUps.list.count', { count: followUps.length }) : '',
    empty: followUps.length ? '' : t('followUps.list.empty'),
    groups: groupByTiming(shown).map((group) => ({
      title: `${t(`followUps.list.groups.${group.timing}`)} (${group.items.length})`,
      style: group.timing === 'overdue' ? 'attention' : 'default',
      items: group.items.map((f) => followUpItemView(t, lang, content, f, opts.today)),
    })),
    more: hidden > 0 ? t('followUps.list.more', { count: hidden }) : '',
  };
}

export interface TFollowUpCompleteView {
  lang: TLocale;
  title: string;
  subtitle: string;
  intro: string;
  facts: { title: string; value: string }[];
  errorSummary: string;
  followUpId: string;
  labels: { outcome: string; note: string };
  messages: { required: string };
  fields: { outcome: TField; outcomeNote: TField };
  outcomes: { title: string; value: string }[];
  noteMaxLength: number;
  actions: { save: string; back: string };
}

export function followUpCompleteView(
  t: TFunction,
  lang: TLocale,
  content: TContent,
  f: TFollowUpWithContact,
  opts: { today: string; values?: Record<string, unknown>; errors?: Record<string, string> },
): TFollowUpCompleteView {
  const errors = opts.errors ?? {};
  const item = followUpItemView(t, lang, content, f, opts.today);
  const due = formatDay(f.dueDate, lang, opts.today);
  const facts: [string, string][] = [
    [t('followUps.complete.facts.due'), item.status ? `${due} (${item.status.toLocaleLowerCase(lang)})` : due],
    [t('followUps.complete.facts.mode'), modeLabel(t, f.mode)],
    [t('followUps.complete.facts.reason'), reasonLabel(content, f.reason, lang)],
    [t('followUps.complete.facts.reasonNote'), f.reasonNote ?? ''],
  ];
  return {
    lang,
    title: t('followUps.complete.title'),
    subtitle: item.heading,
    intro: t('followUps.complete.intro'),
    facts: facts.filter(([, value]) => value).map(([title, value]) => ({ title, value })),
    errorSummary: Object.keys(errors).length ? t('followUps.complete.errorSummary') : '',
    followUpId: f.id,
    labels: { outcome: t('followUps.complete.outcome'), note: t('followUps.complete.note') },
    messages: { required: t('followUps.complete.errors.outcome') },
    fields: fieldsOf(['outcome', 'outcomeNote'] as const, opts.values ?? {}, errors),
    outcomes: content.team.followUpOutcomes.map((o) => ({ title: o.label[lang], value: o.id })),
    noteMaxLength: NOTE_MAX_LENGTH,
    actions: { save: t('followUps.actions.save'), back: t('followUps.actions.back') },
  };
}

export interface TFollowUpAssignedView {
  lang: TLocale;
  title: string;
  text: string;
  note: string;
  contactId: string;
  actions: { open: string; list: string };
}

export function followUpAssignedView(
  t: TFunction,
  lang: TLocale,
  content: TContent,
  f: TFollowUpWithContact & { assignerName?: string },
  today: string,
): TFollowUpAssignedView {
  return {
    lang,
    title: t('followUps.assigned.title'),
    text: t('followUps.assigned.text', {
      assigner: f.assignerName || t('followUps.assigned.someone'),
      caseCode: f.contact.caseCode,
      name: `${f.contact.firstName} ${f.contact.lastName}`,
      modeVerb: t(`followUps.modeVerbs.${f.mode}`, { defaultValue: f.mode }),
      date: formatDay(f.dueDate, lang, today),
      reason: reasonLabel(content, f.reason, lang),
    }),
    note: f.reasonNote ? t('followUps.assigned.note', { note: f.reasonNote }) : '',
    contactId: f.contactId,
    actions: { open: t('followUps.actions.open'), list: t('followUps.actions.list') },
  };
}

export interface TFollowUpReminderView {
  lang: TLocale;
  title: string;
  intro: string;
  items: TFollowUpItemView[];
  more: string;
  actions: { list: string };
}

export function followUpReminderView(t: TFunction, lang: TLocale, content: TContent, due: readonly TFollowUpWithContact[], today: string): TFollowUpReminderView {
  const shown = due.slice(0, MAX_LISTED);
  const hidden = due.length - shown.length;
  return {
    lang,
    title: t('followUps.reminder.title'),
    intro: t('followUps.reminder.intro', { count: due.length }),
    items: shown.map((f) => followUpItemView(t, lang, content, f, today)),
    more: hidden > 0 ? t('followUps.list.more', { count: hidden }) : '',
    actions: { list: t('followUps.actions.list') },
  };
}

export interface TFollowUpWeeklyView {
  lang: TLocale;
  title: string;
  intro: string;
  facts: { title: string; value: string }[];
  hint: string;
}

/** Counts only: this card goes to the team channel. */
export function followUpWeeklyView(t: TFunction, lang: TLocale, counts: TTeamFollowUpCounts, weekKey: string): TFollowUpWeeklyView {
  const keys = ['open', 'overdue', 'dueThisWeek', 'doneLastWeek'] as const;
  return {
    lang,
    title: t('followUps.weekly.title', { week: Number(weekKey.slice(-2)) }),
    intro: t('followUps.weekly.intro'),
    facts: keys.map((key) => ({ title: t(`followUps.weekly.facts.${key}`), value: String(counts[key]) })),
    hint: t('followUps.weekly.hint'),
  };
}
