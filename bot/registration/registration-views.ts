import type { TContactRecord } from '../../data/repositories/contacts.ts';
import type { TRegistrationData } from '../../data/repositories/registrations.ts';
import type { TFunction, TLocale } from '../ui/i18n.ts';
import type { TInputKind, TStepDef } from './registration-steps.ts';

/** What the AI suggested for one step: values, the quotes behind them, and fields it had no evidence for. */
export interface TStepSuggestion {
  values: Record<string, string>;
  quotes: Record<string, string[]>;
  notFound: string[];
}

export interface TStepView {
  lang: TLocale;
  hasSuggestion: boolean;
  notice: string;
  errorSummary: string;
  progress: string;
  title: string;
  subtitle: string;
  help: string;
  contactId: string;
  stepId: string;
  hasPrevious: boolean;
  search: { enabled: boolean; label: string; value: string; button: string };
  inputs: {
    id: string;
    kind: TInputKind;
    label: string;
    value: string;
    required: boolean;
    requiredMessage: string;
    maxLength: number;
    choices: { title: string; value: string }[];
    aiSuggestion: string;
    error: string;
  }[];
  actions: { next: string; previous: string; back: string; discard: string };
}

/** Stored step values back into the strings card inputs take. */
export function toInputValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

export function stepView(
  t: TFunction,
  lang: TLocale,
  contact: TContactRecord,
  steps: TStepDef[],
  index: number,
  opts: { values: Record<string, unknown>; errors?: Record<string, string>; notice?: string; search?: string; suggestion?: TStepSuggestion },
): TStepView {
  const suggestion = opts.suggestion;
  const mark = (inputId: string, value: string): string => {
    if (!suggestion) return '';
    if (suggestion.values[inputId] !== undefined && suggestion.values[inputId] === value) {
      return t('notes.suggestion', { quotes: (suggestion.quotes[inputId] ?? []).map((q) => `“${q}”`).join(' … ') });
    }
    return suggestion.notFound.includes(inputId) && value === '' ? t('notes.notFound') : '';
  };
  const step = steps[index]!;
  const errors = opts.errors ?? {};
  const count = Object.keys(errors).length;
  const isLast = index === steps.length - 1;
  return {
    lang,
    hasSuggestion: Boolean(suggestion),
    notice: opts.notice ?? '',
    errorSummary: count ? t('registration.errorSummary', { count }) : '',
    progress: t('registration.stepOf', { n: index + 1, total: steps.length }),
    title: step.title,
    subtitle: `${contact.firstName} ${contact.lastName} · ${contact.caseCode}`,
    help: step.help,
    contactId: contact.id,
    stepId: step.id,
    hasPrevious: index > 0,
    search: { enabled: step.id === 'referrals', label: t('registration.fields.search'), value: opts.search ?? '', button: t('registration.actions.search') },
    inputs: step.inputs.map((input) => ({
      id: input.id,
      kind: input.kind,
      label: input.label,
      value: toInputValue(opts.values[input.id]),
      required: Boolean(input.required),
      requiredMessage: t('registration.errors.required'),
      maxLength: input.maxLength ?? 1000,
      choices: input.choices ?? [],
      aiSuggestion: mark(input.id, toInputValue(opts.values[input.id])),
      error: errors[input.id] ?? '',
    })),
    actions: {
      next: isLast ? t('registration.actions.review') : t('registration.actions.next'),
      previous: t('registration.actions.previous'),
      back: t('registration.actions.back'),
      discard: t('notes.actions.discard'),
    },
  };
}

export interface TReviewView {
  lang: TLocale;
  errorSummary: string;
  title: string;
  subtitle: string;
  intro: string;
  contactId: string;
  steps: { id: string; title: string; editTitle: string; contactId: string; facts: { title: string; value: string }[] }[];
  actions: { submit: string; back: string };
}

export function reviewView(t: TFunction, lang: TLocale, contact: TContactRecord, steps: TStepDef[], data: TRegistrationData, errorSummary = ''): TReviewView {
  return {
    lang,
    errorSummary,
    title: t('registration.review.title'),
    subtitle: `${contact.firstName} ${contact.lastName} · ${contact.caseCode}`,
    intro: t('registration.review.intro'),
    contactId: contact.id,
    steps: steps.map((step) => {
      const values = data[step.id] ?? {};
      const facts = step.inputs
        .map((input) => {
          const raw = values[input.id];
          const shown = Array.isArray(raw)
            ? raw.map((v) => input.choices?.find((c) => c.value === v)?.title ?? v).join(', ')
            : input.choices?.find((c) => c.value === toInputValue(raw))?.title ?? (input.kind === 'toggle' ? (raw ? t('registration.yes') : '') : toInputValue(raw));
          return { title: input.label, value: shown };
        })
        .filter((f) => f.value !== '');
      return {
        id: step.id,
        title: step.title,
        editTitle: t('registration.review.edit', { step: step.title }),
        contactId: contact.id,
        facts: facts.length ? facts : [{ title: '', value: t('registration.review.empty') }],
      };
    }),
    actions: { submit: t('registration.actions.submit'), back: t('registration.actions.back') },
  };
}
