import type { TContent } from '../../data/content/load-content.ts';
import type { TSignalRecord } from '../../data/repositories/signals.ts';
import type { TShareableFinding } from '../privacy/check-shareable-text.ts';
import { fieldsOf, type TField } from '../ui/form.ts';
import type { TFunction, TLocale } from '../ui/i18n.ts';
import { signalLabels } from './export-labels.ts';
import { choiceListOf, SIGNAL_AREA_MAX, SIGNAL_CHOICE_FIELDS, SIGNAL_TEXT_MAX, type TSignalChoiceField, type TSignalInput } from './signal-input.ts';

type TChoice = { title: string; value: string };
export interface TTeamChoice {
  id: string;
  name: string;
}

export interface TSignalFormView {
  lang: TLocale;
  title: string;
  intro: string;
  errorSummary: string;
  privacy: { show: boolean; title: string; intro: string; items: { text: string }[] };
  team: { multiple: boolean; line: string; label: string; field: TField; choices: TChoice[]; message: string };
  choiceFields: { id: string; label: string; value: string; error: string; message: string; choices: TChoice[] }[];
  area: TField & { label: string; placeholder: string; maxLength: number };
  text: TField & { label: string; placeholder: string; maxLength: number };
  data: { signalId: string; contactId?: string; teamId?: string };
  actions: { preview: string; back: string };
  hasContact: boolean;
}

export function signalFormView(
  t: TFunction,
  lang: TLocale,
  content: TContent,
  opts: {
    teams: TTeamChoice[];
    signalId: string;
    contactId?: string;
    values?: Record<string, unknown>;
    errors?: Record<string, string>;
    findings?: { field: 'text' | 'area'; finding: TShareableFinding }[];
  },
): TSignalFormView {
  const values = { ...(opts.teams.length === 1 ? { teamId: opts.teams[0]!.id } : {}), ...opts.values };
  const errors = opts.errors ?? {};
  const findings = opts.findings ?? [];
  const count = Object.keys(errors).length;
  const fields = fieldsOf(['teamId', ...SIGNAL_CHOICE_FIELDS, 'area', 'text'], values, errors);
  return {
    lang,
    title: t('signals.form.title'),
    intro: t('signals.form.intro'),
    errorSummary: count ? t('signals.form.errorSummary', { count }) : '',
    privacy: {
      show: findings.length > 0,
      title: t('signals.privacy.title'),
      intro: t('signals.privacy.intro'),
      items: findings.map(({ field, finding }) => ({
        text: t('signals.privacy.item', { what: t(`signals.privacy.kinds.${finding.kind}`), fragment: finding.fragment, field: t(`signals.form.labels.${field}`) }),
      })),
    },
    team: {
      multiple: opts.teams.length > 1,
      line: opts.teams.length === 1 ? t('signals.form.teamLine', { team: opts.teams[0]!.name }) : '',
      label: t('signals.form.labels.teamId'),
      field: fields.teamId,
      choices: opts.teams.map((team) => ({ title: team.name, value: team.id })),
      message: t('signals.form.required'),
    },
    choiceFields: SIGNAL_CHOICE_FIELDS.map((id) => ({
      id,
      label: t(`signals.form.labels.${id}`),
      value: fields[id].value,
      error: fields[id].error,
      message: t('signals.form.required'),
      choices: choiceListOf(id, content).map((item) => ({ title: item.label[lang], value: item.id })),
    })),
    area: { ...fields.area, label: t('signals.form.labels.area'), placeholder: t('signals.form.placeholders.area'), maxLength: SIGNAL_AREA_MAX },
    text: { ...fields.text, label: t('signals.form.labels.text'), placeholder: t('signals.form.placeholders.text'), maxLength: SIGNAL_TEXT_MAX },
    // With one team there is no team input: the team travels with the action.
    data: { signalId: opts.signalId, ...(opts.contactId ? { contactId: opts.contactId } : {}), ...(opts.teams.length === 1 ? { teamId: opts.teams[0]!.id } : {}) },
    actions: { preview: t('signals.form.actions.preview'), back: t('signals.form.actions.back') },
    hasContact: Boolean(opts.contactId),
  };
}

/** The facts of a signal as the channel shows them: categories, area and text. Never a name, never a contact id. */
export function signalFacts(t: TFunction, lang: TLocale, content: TContent, signal: Pick<TSignalInput, TSignalChoiceField | 'area'>, caseCode?: string | null) {
  const labels = signalLabels(t, lang, content);
  const facts = [
    ...SIGNAL_CHOICE_FIELDS.map((field) => ({ title: t(`signals.form.labels.${field}`), value: labels[field](signal[field]) })),
    { title: t('signals.form.labels.area'), value: signal.area },
  ];
  if (caseCode) facts.push({ title: t('signals.post.caseCode'), value: caseCode });
  return facts;
}

export interface TSignalPreviewView {
  lang: TLocale;
  title: string;
  intro: string;
  teamLine: string;
  heading: string;
  facts: { title: string; value: string }[];
  text: string;
  data: Record<string, string>;
  actions: { post: string; edit: string };
}

export function signalPreviewView(
  t: TFunction,
  lang: TLocale,
  content: TContent,
  opts: { input: TSignalInput; teamName: string; signalId: string; contactId?: string; caseCode?: string },
): TSignalPreviewView {
  const { input } = opts;
  return {
    lang,
    title: t('signals.preview.title'),
    intro: t('signals.preview.intro'),
    teamLine: t('signals.preview.teamLine', { team: opts.teamName }),
    heading: t('signals.post.title', { theme: signalLabels(t, lang, content).theme(input.theme) }),
    facts: signalFacts(t, lang, content, input, opts.caseCode),
    text: input.text,
    // Everything travels with the card, so "Plaatsen" posts exactly what was previewed (checked again first).
    data: { ...input, signalId: opts.signalId, ...(opts.contactId ? { contactId: opts.contactId } : {}) },
    actions: { post: t('signals.preview.actions.post'), edit: t('signals.preview.actions.edit') },
  };
}

export interface TSignalPostView {
  lang: TLocale;
  title: string;
  facts: { title: string; value: string }[];
  text: string;
  status: { label: string; line: string; note: string; color: string };
  signalId: string;
  error: string;
  isDiscussed: boolean;
  labels: { note: string; notePlaceholder: string };
  noteValue: string;
  actions: { discussed: string; discussedConfirm: string; agenda: string; followUp: string };
}

const STATUS_COLORS: Record<string, string> = { open: 'Accent', agenda: 'Warning', followup: 'Attention', discussed: 'Good' };

/** The signal's card in the team channel. `statusByName` is a colleague's name (staff), never a citizen's. */
export function signalPostView(
  t: TFunction,
  lang: TLocale,
  content: TContent,
  signal: TSignalRecord,
  opts: { statusByName?: string; error?: string; noteValue?: string; showCaseCode: boolean; timeZone: string },
): TSignalPostView {
  const when = signal.statusAt ? signal.statusAt.toLocaleDateString(lang === 'nl' ? 'nl-BE' : 'en-GB', { day: 'numeric', month: 'long', timeZone: opts.timeZone }) : '';
  return {
    lang,
    title: t('signals.post.title', { theme: signalLabels(t, lang, content).theme(signal.theme) }),
    facts: signalFacts(t, lang, content, signal, opts.showCaseCode ? signal.caseCode : undefined),
    text: signal.text,
    status: {
      label: t(`signals.status.${signal.status}`),
      line: signal.status !== 'open' && opts.statusByName ? t('signals.post.statusBy', { name: opts.statusByName, date: when }) : '',
      note: signal.discussedNote ?? '',
      color: STATUS_COLORS[signal.status] ?? 'Default',
    },
    signalId: signal.id,
    error: opts.error ?? '',
    isDiscussed: signal.status === 'discussed',
    labels: { note: t('signals.post.noteLabel'), notePlaceholder: t('signals.post.notePlaceholder') },
    noteValue: opts.noteValue ?? '',
    actions: {
      discussed: t('signals.post.actions.discussed'),
      discussedConfirm: t('signals.post.actions.discussedConfirm'),
      agenda: t('signals.post.actions.agenda'),
      followUp: t('signals.post.actions.followUp'),
    },
  };
}
