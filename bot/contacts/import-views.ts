import type { TFunction, TLocale } from '../ui/i18n.ts';
import type { TImportOutcome } from './import-contacts.ts';

const SHOWN_ERRORS = 25;

export interface TImportResultView {
  lang: TLocale;
  title: string;
  summary: string;
  errorsTitle: string;
  errors: { where: string; message: string }[];
  more: string;
  actions: { list: string };
}

export function importResultView(t: TFunction, lang: TLocale, outcome: TImportOutcome): TImportResultView {
  return {
    lang,
    title: t('contacts.import.title'),
    summary: t('contacts.import.summary', { imported: outcome.imported, total: outcome.totalRows, first: outcome.caseCodes[0] ?? '-', last: outcome.caseCodes.at(-1) ?? '-' }),
    errorsTitle: t('contacts.import.errorsTitle', { count: outcome.errors.length }),
    errors: outcome.errors.slice(0, SHOWN_ERRORS).map((e) => ({
      where: e.field ? t('contacts.import.lineField', { line: e.line, field: e.field }) : t('contacts.import.line', { line: e.line }),
      message: e.message,
    })),
    more: outcome.errors.length > SHOWN_ERRORS ? t('contacts.import.more', { count: outcome.errors.length - SHOWN_ERRORS }) : '',
    actions: { list: t('contacts.detail.actions.list') },
  };
}
