import type { TContent } from '../../data/content/load-content.ts';
import { localDay } from '../follow-ups/calendar.ts';
import type { TFunction, TLocale } from '../ui/i18n.ts';
import { choiceListOf, SIGNAL_CHOICE_FIELDS, type TSignalChoiceField } from './signal-input.ts';

/** Labels for the ids a signal stores (content lists and statuses); an id the content no longer knows shows as itself. */
export type TSignalLabels = Record<TSignalChoiceField | 'status', (id: string) => string>;

function lookup(field: TSignalChoiceField, content: TContent, lang: TLocale): (id: string) => string {
  const labels = new Map(choiceListOf(field, content).map((item) => [item.id, item.label[lang]]));
  return (id) => labels.get(id) ?? id;
}

const STATUSES = ['open', 'agenda', 'followup', 'discussed'];

export function signalLabels(t: TFunction, lang: TLocale, content: TContent): TSignalLabels {
  const choices = Object.fromEntries(SIGNAL_CHOICE_FIELDS.map((field) => [field, lookup(field, content, lang)])) as Record<TSignalChoiceField, (id: string) => string>;
  return { ...choices, status: (id) => (STATUSES.includes(id) ? t(`digest.statuses.${id}`) : id) };
}

/** The day in the municipality's time zone as Flemish workers write it: 23/11/2026. */
export function formatDay(date: Date, timeZone: string): string {
  const [year, month, day] = localDay(date, timeZone).split('-');
  return `${day}/${month}/${year}`;
}
