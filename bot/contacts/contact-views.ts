import type { TContactRecord, TContactWithEvents } from '../../data/repositories/contacts.ts';
import type { TContent } from '../../data/content/load-content.ts';
import { fieldsOf, type TField } from '../ui/form.ts';
import type { TFunction, TLocale } from '../ui/i18n.ts';
import { CONSENT_STATUSES, DETECTION_SOURCES } from './contact-input.ts';

const TEXT_FIELDS = [
  { id: 'firstName', required: true, maxLength: 80 },
  { id: 'lastName', required: true, maxLength: 80 },
  { id: 'street', maxLength: 120 },
  { id: 'houseNumber', maxLength: 20 },
  { id: 'postalCode', maxLength: 4 },
  { id: 'municipality', maxLength: 80 },
  { id: 'phone', maxLength: 20 },
  { id: 'email', maxLength: 120 },
  { id: 'birthDate', maxLength: 10 },
  { id: 'relatives', maxLength: 500, multiline: true },
] as const;
const CHOICE_FIELDS = ['lifeEvent', 'eventDate', 'detectionSource', 'consentStatus'] as const;

type TChoice = { title: string; value: string };

export interface TContactFormView {
  lang: TLocale;
  title: string;
  intro: string;
  errorSummary: string;
  sections: { event: string; person: string };
  personHint: string;
  labels: Record<(typeof CHOICE_FIELDS)[number], string>;
  messages: { required: string };
  fields: Record<(typeof CHOICE_FIELDS)[number], TField>;
  lifeEvents: TChoice[];
  detectionSources: TChoice[];
  consentStatuses: TChoice[];
  textFields: { id: string; label: string; value: string; error: string; required: boolean; requiredMessage: string; multiline: boolean; maxLength: number }[];
  actions: { save: string; cancel: string };
}

export function contactFormView(
  t: TFunction,
  lang: TLocale,
  content: TContent,
  values: Record<string, unknown> = {},
  errors: Record<string, string> = {},
): TContactFormView {
  const count = Object.keys(errors).length;
  const text = fieldsOf(TEXT_FIELDS.map((f) => f.id), values, errors);
  return {
    lang,
    title: t('contacts.form.title'),
    intro: t('contacts.form.intro'),
    errorSummary: count ? t('contacts.form.errorSummary', { count }) : '',
    sections: { event: t('contacts.form.sections.event'), person: t('contacts.form.sections.person') },
    personHint: t('contacts.form.personHint'),
    labels: Object.fromEntries(CHOICE_FIELDS.map((f) => [f, t(`contacts.form.labels.${f}`)])) as TContactFormView['labels'],
    messages: { required: t('contacts.form.required') },
    fields: fieldsOf(CHOICE_FIELDS, { consentStatus: 'not_needed', ...values }, errors),
    lifeEvents: content.lifeEvents.map((e) => ({ title: e.label[lang], value: e.id })),
    detectionSources: DETECTION_SOURCES.map((s) => ({ title: t(`contacts.sources.${s}`), value: s })),
    consentStatuses: CONSENT_STATUSES.map((s) => ({ title: t(`contacts.consent.${s}`), value: s })),
    textFields: TEXT_FIELDS.map((f) => ({
      id: f.id,
      label: t(`contacts.form.labels.${f.id}`),
      value: text[f.id].value,
      error: text[f.id].error,
      required: 'required' in f && f.required,
      requiredMessage: t('contacts.form.required'),
      multiline: 'multiline' in f && f.multiline,
      maxLength: f.maxLength,
    })),
    actions: { save: t('contacts.form.actions.save'), cancel: t('contacts.form.actions.cancel') },
  };
}

/** 2027-01-12 → 12/01/2027, the way Flemish workers write dates. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const [y, m, d] = isoDate.split('-');
  return d ? `${d}/${m}/${y}` : isoDate;
}

function lifeEventLabel(content: TContent, id: string, lang: TLocale): string {
  return content.lifeEvents.find((e) => e.id === id)?.label[lang] ?? id;
}

type TListItem = { id: string; heading: string; subheading: string; next: string; openTitle: string };

export interface TContactListView {
  lang: TLocale;
  title: string;
  summary: string;
  /** When there are more own contacts than the card shows; '' otherwise. */
  more: string;
  empty: string;
  contacts: TListItem[];
  /** Contacts of colleagues the worker may see (bot/audit, contact-access.ts), in a second group; '' and [] when none. */
  teamTitle: string;
  teamHint: string;
  teamMore: string;
  teamContacts: TListItem[];
  actions: { new: string };
}

/**
 * The worker's own contacts, and after them (when `shared` says who the worker is) the contacts of colleagues they
 * may see, each with the name of the colleague it is assigned to.
 */
export function contactListView(
  t: TFunction,
  lang: TLocale,
  content: TContent,
  contacts: TContactRecord[],
  shared?: { workerId: string; names: ReadonlyMap<string, string>; totals: { own: number; shared: number } },
): TContactListView {
  const own = shared ? contacts.filter((c) => c.assignedWorkerId === shared.workerId) : contacts;
  const team = shared ? contacts.filter((c) => c.assignedWorkerId !== shared.workerId) : [];
  const item = (c: TContactRecord, suffix = ''): TListItem => ({
    id: c.id,
    heading: `${c.firstName} ${c.lastName} · ${c.caseCode}`,
    subheading: `${lifeEventLabel(content, c.lifeEvent, lang)} · ${t(`contacts.statuses.${c.status}`)}${suffix}`,
    next: nextStep(t, c),
    openTitle: t('contacts.list.open'),
  });
  const assignedTo = (c: TContactRecord) => {
    const name = c.assignedWorkerId ? shared?.names.get(c.assignedWorkerId) : undefined;
    return ` · ${name ? t('audit.list.assignedTo', { name }) : t('audit.list.assignedToUnknown')}`;
  };
  const ownTotal = Math.max(shared?.totals.own ?? 0, own.length);
  const total = Math.max(shared?.totals.shared ?? 0, team.length);
  return {
    lang,
    title: t('contacts.list.title'),
    summary: own.length ? t('contacts.list.count', { count: ownTotal }) : '',
    more: ownTotal > own.length ? t('audit.list.ownMore', { shown: own.length }) : '',
    empty: own.length ? '' : t('contacts.list.empty'),
    contacts: own.map((c) => item(c)),
    teamTitle: team.length ? t('audit.list.team') : '',
    teamHint: team.length ? t('audit.list.teamHint') : '',
    teamMore: total > team.length ? t('audit.list.teamMore', { shown: team.length, count: total }) : '',
    teamContacts: team.map((c) => item(c, assignedTo(c))),
    actions: { new: t('contacts.list.new') },
  };
}

function nextStep(t: TFunction, c: TContactRecord): string {
  if (c.status === 'visit_planned') {
    return c.visitDate ? t('contacts.list.next.visit_planned', { date: `${formatDate(c.visitDate)}${c.visitTime ? ` ${c.visitTime}` : ''}` }) : t('contacts.list.next.visit_planned_nodate');
  }
  return t(`contacts.list.next.${c.status}`);
}

export interface TContactDetailView {
  lang: TLocale;
  notice: string;
  title: string;
  subtitle: string;
  facts: { title: string; value: string }[];
  timelineTitle: string;
  timeline: { when: string; what: string }[];
  noTimeline: string;
  contactId: string;
  /** `close` is '' when the contact is already closed (bot/privacy-lifecycle). */
  actions: { prepare: string; guide: string; notes: string; register: string; signal: string; list: string; close: string };
}

export function contactDetailView(
  t: TFunction,
  lang: TLocale,
  content: TContent,
  contact: TContactWithEvents,
  opts: { notice?: string; registration: 'none' | 'draft' | 'submitted'; aiEnabled?: boolean },
): TContactDetailView {
  const address = [[contact.street, contact.houseNumber].filter(Boolean).join(' '), [contact.postalCode, contact.municipality].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  const visit = contact.visitDate ? `${formatDate(contact.visitDate)}${contact.visitTime ? ` ${contact.visitTime}` : ''}` : '';
  const facts: [string, string | null | undefined][] = [
    ['lifeEvent', lifeEventLabel(content, contact.lifeEvent, lang)],
    ['eventDate', formatDate(contact.eventDate)],
    ['status', t(`contacts.statuses.${contact.status}`)],
    ['source', t(`contacts.sources.${contact.detectionSource}`)],
    ['consent', t(`contacts.consent.${contact.consentStatus}`)],
    ['visit', visit],
    ['address', address],
    ['phone', contact.phone],
    ['email', contact.email],
    ['birthDate', contact.birthDate?.length === 4 ? contact.birthDate : formatDate(contact.birthDate)],
    ['relatives', contact.relatives],
  ];
  const register = { none: 'register', draft: 'resume', submitted: 'correct' }[opts.registration];
  return {
    lang,
    notice: opts.notice ?? '',
    title: `${contact.firstName} ${contact.lastName}`,
    subtitle: contact.caseCode,
    facts: facts.filter(([, v]) => v).map(([k, v]) => ({ title: t(`contacts.detail.facts.${k}`), value: String(v) })),
    timelineTitle: t('contacts.detail.timeline'),
    timeline: contact.events.map((e) => ({
      when: e.at.toISOString().slice(0, 10).split('-').reverse().join('/'),
      what: t([`contacts.detail.events.${e.type}`, `lifecycle.events.${e.type}`], { defaultValue: e.type }),
    })),
    noTimeline: contact.events.length ? '' : t('contacts.detail.noTimeline'),
    contactId: contact.id,
    actions: {
      prepare: t('contacts.detail.actions.prepare'),
      guide: t('contacts.detail.actions.guide'),
      notes: opts.aiEnabled ? t('notes.actions.start') : '',
      register: t(`contacts.detail.actions.${register}`),
      signal: t('contacts.detail.actions.signal'),
      list: t('contacts.detail.actions.list'),
      close: contact.status === 'closed' ? '' : t('lifecycle.close.action'),
    },
  };
}
