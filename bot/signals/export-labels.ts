import type { TContent } from '../../data/content/load-content.ts';
import type { TFunction, TLocale } from '../ui/i18n.ts';

/** Labels for the ids a signal stores (content lists and statuses); an id the content no longer knows shows as itself. */
export interface TSignalLabels {
  theme(id: string): string;
  barrierType(id: string): string;
  policyDomain(id: string): string;
  lifeEvent(id: string): string;
  ageBand(id: string): string;
  status(id: string): string;
}

type TLabelled = readonly { id: string; label: Record<TLocale, string> }[];

function lookup(list: TLabelled, lang: TLocale): (id: string) => string {
  const labels = new Map(list.map((item) => [item.id, item.label[lang]]));
  return (id) => labels.get(id) ?? id;
}

const STATUSES = ['open', 'agenda', 'followup', 'discussed'];

export function signalLabels(t: TFunction, lang: TLocale, content: TContent): TSignalLabels {
  return {
    theme: lookup(content.domains, lang),
    barrierType: lookup(content.team.barrierTypes, lang),
    policyDomain: lookup(content.team.policyDomains, lang),
    lifeEvent: lookup(content.lifeEvents, lang),
    ageBand: lookup(content.team.ageBands, lang),
    status: (id) => (STATUSES.includes(id) ? t(`digest.statuses.${id}`) : id),
  };
}

const belgianDay = new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', day: '2-digit', month: '2-digit', year: 'numeric' });

/** The day in Belgium as Flemish workers write it: 23/11/2026. */
export function formatBelgianDate(date: Date): string {
  return belgianDay.format(date);
}
