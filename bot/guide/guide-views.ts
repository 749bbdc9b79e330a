import type { TContent } from '../../data/content/load-content.ts';
import type { TContactRecord } from '../../data/repositories/contacts.ts';
import type { TFunction, TLocale } from '../ui/i18n.ts';

export interface TGuideView {
  lang: TLocale;
  title: string;
  subtitle: string;
  intro: string;
  emphasisTitle: string;
  emphasis: string[];
  attitudeTitle: string;
  attitude: string[];
  phases: { title: string; points: string[] }[];
  domainsTitle: string;
  domainsHint: string;
  domains: { toggleId: string; title: string; weight: 'Bolder' | 'Default'; questions: string[] }[];
  contactId: string;
  actions: { back: string };
}

/** The conversation guide for one contact: the life event's emphasis first, its domains on top of the list. */
export function guideView(t: TFunction, lang: TLocale, content: TContent, contact: TContactRecord): TGuideView {
  const lifeEvent = content.lifeEvents.find((e) => e.id === contact.lifeEvent);
  const emphasised = new Set(lifeEvent?.emphasisDomains ?? []);
  const domains = [...content.domains].sort((a, b) => Number(emphasised.has(b.id)) - Number(emphasised.has(a.id)));
  return {
    lang,
    title: t('guide.title'),
    // The guide is read during a visit, maybe in company: the case code, not the name.
    subtitle: `${contact.caseCode} · ${lifeEvent?.label[lang] ?? contact.lifeEvent}`,
    intro: content.guide.intro[lang],
    emphasisTitle: t('guide.emphasisTitle', { lifeEvent: (lifeEvent?.label[lang] ?? '').toLowerCase() }),
    emphasis: (lifeEvent?.tips ?? []).map((tip) => tip[lang]),
    attitudeTitle: t('guide.attitudeTitle'),
    attitude: content.guide.attitude.map((a) => a[lang]),
    phases: content.guide.phases.map((p) => ({ title: p.title[lang], points: p.points.map((pt) => pt[lang]) })),
    domainsTitle: t('guide.domainsTitle'),
    domainsHint: t('guide.domainsHint'),
    domains: domains.map((d) => ({
      toggleId: `guide-${d.id}`,
      title: emphasised.has(d.id) ? `★ ${d.label[lang]}` : d.label[lang],
      weight: emphasised.has(d.id) ? 'Bolder' : 'Default',
      questions: (content.guide.questions[d.id] ?? []).map((q) => q[lang]),
    })),
    contactId: contact.id,
    actions: { back: t('guide.back') },
  };
}
