import type { TContent } from '../../data/content/load-content.ts';
import { checklistFor } from '../../data/content/load-content.ts';
import type { TContactRecord } from '../../data/repositories/contacts.ts';
import { fieldsOf, type TField } from '../ui/form.ts';
import type { TFunction, TLocale } from '../ui/i18n.ts';

const FIELDS = ['visitDate', 'visitTime', 'visitPlace', 'visitPlaceNote'] as const;

export interface TPreparationView {
  lang: TLocale;
  notice: string;
  errorSummary: string;
  title: string;
  subtitle: string;
  intro: string;
  checklistTitle: string;
  checklist: { id: string; label: string; value: string }[];
  visitTitle: string;
  labels: Record<(typeof FIELDS)[number], string>;
  fields: Record<(typeof FIELDS)[number], TField>;
  places: { title: string; value: string }[];
  tipsTitle: string;
  tips: string[];
  contactId: string;
  letterUrl: string;
  actions: { save: string; letter: string; download: string; back: string };
}

export function preparationView(
  t: TFunction,
  lang: TLocale,
  content: TContent,
  contact: TContactRecord,
  opts: { values?: Record<string, string>; errors?: Record<string, string>; notice?: string; letterUrl?: string } = {},
): TPreparationView {
  const saved = (contact.checklist ?? {}) as Record<string, boolean>;
  const values = opts.values ?? {
    visitDate: contact.visitDate ?? '',
    visitTime: contact.visitTime ?? '',
    visitPlace: contact.visitPlace ?? '',
    visitPlaceNote: contact.visitPlaceNote ?? '',
  };
  const errorCount = Object.keys(opts.errors ?? {}).length;
  const lifeEvent = content.lifeEvents.find((e) => e.id === contact.lifeEvent);
  return {
    lang,
    notice: opts.notice ?? '',
    errorSummary: errorCount ? t('preparation.errorSummary', { count: errorCount }) : '',
    title: t('preparation.title'),
    subtitle: `${contact.firstName} ${contact.lastName} · ${contact.caseCode}`,
    intro: t('preparation.intro'),
    checklistTitle: t('preparation.checklistTitle'),
    checklist: checklistFor(content, contact.lifeEvent).map((item) => ({
      id: item.id,
      label: item.label[lang],
      value: String(opts.values ? opts.values[item.id] === 'true' : Boolean(saved[item.id])),
    })),
    visitTitle: t('preparation.visitTitle'),
    labels: Object.fromEntries(FIELDS.map((f) => [f, t(`preparation.labels.${f}`)])) as TPreparationView['labels'],
    fields: fieldsOf(FIELDS, values, opts.errors),
    places: ['home', 'elsewhere'].map((p) => ({ title: t(`preparation.places.${p}`), value: p })),
    tipsTitle: t('preparation.tipsTitle'),
    tips: (lifeEvent?.tips ?? []).map((tip) => tip[lang]),
    contactId: contact.id,
    letterUrl: opts.letterUrl ?? '',
    actions: {
      save: t('preparation.actions.save'),
      letter: t('preparation.actions.letter'),
      download: t('preparation.actions.download'),
      back: t('preparation.actions.back'),
    },
  };
}
