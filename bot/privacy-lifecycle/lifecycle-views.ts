import type { TContent } from '../../data/content/load-content.ts';
import type { TErasurePreview, TErasureResult } from '../../data/repositories/retention.ts';
import type { TFunction, TLocale } from '../ui/i18n.ts';
import { messageView, type TMessageView } from '../ui/message-view.ts';

/** The contact as the erasure confirmation shows it (personal chat of a coordinator only). */
export interface TErasureSubject {
  contactId: string;
  caseCode: string;
  firstName: string;
  lastName: string;
  lifeEvent: string;
  status: string;
}

export interface TEraseConfirmView {
  lang: TLocale;
  title: string;
  intro: string;
  facts: { title: string; value: string }[];
  removedTitle: string;
  removed: { text: string }[];
  keptTitle: string;
  kept: string;
  confirm: { label: string; value: string; requiredMessage: string; problem: string };
  contactId: string;
  actions: { confirm: string; cancel: string };
}

export function eraseConfirmView(
  t: TFunction,
  lang: TLocale,
  content: TContent,
  subject: TErasureSubject,
  preview: TErasurePreview,
  opts: { value?: string; problem?: string } = {},
): TEraseConfirmView {
  const caseCode = subject.caseCode;
  const counted = (key: keyof TErasurePreview) => (preview[key] ? [t(`lifecycle.erase.removed.${key}`, { count: preview[key] })] : []);
  const lifeEvent = content.lifeEvents.find((e) => e.id === subject.lifeEvent)?.label[lang] ?? subject.lifeEvent;
  return {
    lang,
    title: t('lifecycle.erase.title', { caseCode }),
    intro: t('lifecycle.erase.intro'),
    facts: [
      { title: t('lifecycle.erase.contact'), value: `${subject.firstName} ${subject.lastName} · ${caseCode}` },
      { title: t('lifecycle.erase.lifeEvent'), value: lifeEvent },
      { title: t('lifecycle.erase.status'), value: t(`contacts.statuses.${subject.status}`, { defaultValue: subject.status }) },
    ],
    removedTitle: t('lifecycle.erase.removedTitle'),
    removed: [
      t('lifecycle.erase.removed.personal'),
      ...counted('registrations'),
      ...counted('notes'),
      ...counted('suggestions'),
      ...(preview.followUps - preview.openFollowUps > 0 ? [t('lifecycle.erase.removed.followUps', { count: preview.followUps - preview.openFollowUps })] : []),
      ...counted('openFollowUps'),
      ...counted('outbox'),
      t('lifecycle.erase.removed.state'),
    ].map((text) => ({ text: `• ${text}` })),
    keptTitle: t('lifecycle.erase.keptTitle'),
    kept: t('lifecycle.erase.kept'),
    confirm: {
      label: t('lifecycle.erase.confirmLabel', { caseCode }),
      value: opts.value ?? '',
      requiredMessage: t('lifecycle.erase.confirmRequired'),
      problem: opts.problem ?? '',
    },
    contactId: subject.contactId,
    actions: { confirm: t('lifecycle.erase.confirm'), cancel: t('lifecycle.erase.cancel') },
  };
}

export function erasureDoneView(t: TFunction, lang: TLocale, result: TErasureResult): TMessageView {
  return messageView(lang, t('lifecycle.erase.doneTitle', { caseCode: result.caseCode }), [t('lifecycle.erase.done', { caseCode: result.caseCode }), t('lifecycle.erase.doneCounts', { ...result })]);
}

export interface TAccessExportView {
  lang: TLocale;
  title: string;
  lines: { text: string }[];
  urls: { docx: string; json: string };
  actions: { docx: string; json: string };
}

export function accessExportView(t: TFunction, lang: TLocale, caseCode: string, urls: { docx: string; json: string }): TAccessExportView {
  return {
    lang,
    title: t('lifecycle.access.title', { caseCode }),
    lines: [t('lifecycle.access.intro'), t('lifecycle.access.report'), t('lifecycle.access.expires')].map((text) => ({ text })),
    urls,
    actions: { docx: t('lifecycle.access.docx'), json: t('lifecycle.access.json') },
  };
}

export interface TCloseConfirmView {
  lang: TLocale;
  title: string;
  text: string;
  retention: string;
  contactId: string;
  actions: { confirm: string; cancel: string };
}

export function closeConfirmView(t: TFunction, lang: TLocale, contact: { id: string; caseCode: string }, retentionMonths: number): TCloseConfirmView {
  return {
    lang,
    title: t('lifecycle.close.title', { caseCode: contact.caseCode }),
    text: t('lifecycle.close.text'),
    retention: t('lifecycle.close.retention', { count: retentionMonths }),
    contactId: contact.id,
    actions: { confirm: t('lifecycle.close.confirm'), cancel: t('lifecycle.close.cancel') },
  };
}
