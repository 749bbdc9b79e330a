import type { TContactRecord } from '../../data/repositories/contacts.ts';
import type { TFunction, TLocale } from '../ui/i18n.ts';

export type TNotesState =
  | { kind: 'collecting'; words: number }
  | { kind: 'summarising'; words: number; slow?: boolean }
  | { kind: 'done'; accepted: number; rejected: number }
  | { kind: 'failed'; message: string }
  /** The notes would leak an identifier: trying again cannot help. */
  | { kind: 'blocked'; message: string }
  | { kind: 'stopped' };

export interface TNotesView {
  lang: TLocale;
  title: string;
  subtitle: string;
  text: string;
  words: string;
  status: string;
  statusStyle: 'default' | 'good' | 'attention' | 'emphasis';
  privacy: string;
  buttons: { title: string; verb: string; contactId: string }[];
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export function notesView(t: TFunction, lang: TLocale, contact: Pick<TContactRecord, 'id' | 'caseCode'>, state: TNotesState): TNotesView {
  const button = (key: string, verb: string) => ({ title: t(`notes.actions.${key}`), verb, contactId: contact.id });
  const base = { lang, title: t('notes.title'), subtitle: contact.caseCode, text: t('notes.collecting'), words: '', status: '', statusStyle: 'default' as const, privacy: t('notes.privacy') };
  switch (state.kind) {
    case 'collecting':
      return { ...base, words: t('notes.words', { count: state.words }), buttons: [button('summarise', 'notes.summarise'), button('manual', 'reg.open'), button('stop', 'notes.stop')] };
    case 'summarising':
      return { ...base, words: t('notes.words', { count: state.words }), status: t(state.slow ? 'notes.stillWorking' : 'notes.summarising'), statusStyle: 'emphasis', buttons: [] };
    case 'done':
      return {
        ...base,
        status: [t('notes.done', { count: state.accepted }), state.rejected ? t('notes.doneRejected', { count: state.rejected }) : '', t('notes.doneReview')].filter(Boolean).join(' '),
        statusStyle: 'good',
        buttons: [button('review', 'reg.open'), button('discard', 'ai.discard')],
      };
    case 'failed':
      return { ...base, status: state.message, statusStyle: 'attention', buttons: [button('retry', 'notes.summarise'), button('manual', 'reg.open')] };
    case 'blocked':
      return { ...base, status: state.message, statusStyle: 'attention', buttons: [button('manual', 'reg.open')] };
    case 'stopped':
      return { ...base, text: t('notes.stopped'), privacy: '', buttons: [button('manual', 'reg.open')] };
  }
}
