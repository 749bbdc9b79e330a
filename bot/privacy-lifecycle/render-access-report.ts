// The access-request report as a .docx in Dutch, written for the person themselves (Flemish practice: the report is
// sent to the person). It shows every value Nabij holds about them, with labels instead of codes. The file name and
// the document's metadata carry only the case code.
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { TContent } from '../../data/content/load-content.ts';
import type { TContactExport } from '../../data/repositories/contact-export.ts';
import { CASE_CODE_PATTERN } from '../../data/repositories/contacts.ts';
import { formatDate } from '../contacts/contact-views.ts';
import { registrationSteps, type TInputDef } from '../registration/registration-steps.ts';
import { translator, type TFunction } from '../ui/i18n.ts';

export interface TAccessReportInput {
  exported: TContactExport;
  content: TContent;
  now: Date;
  timeZone: string;
  /** Display names of staff by Entra object id, for "who viewed your file". */
  staffNames: Map<string, string>;
}

export function accessReportFileName(caseCode: string, format: 'docx' | 'json'): string {
  if (!CASE_CODE_PATTERN.test(caseCode)) throw new Error('accessReportFileName: expected a case code such as K-26-0001');
  return `inzage-${caseCode}.${format}`;
}

// Characters XML 1.0 does not allow would make the file unreadable.
// eslint-disable-next-line no-control-regex
const clean = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

/** As formatDate (YYYY-MM-DD → 23/11/2026, anything else as it is), and a month alone: YYYY-MM → 11/2026. */
function formatDateText(value: string | null | undefined): string {
  const month = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  return month ? `${month[2]}/${month[1]}` : formatDate(value);
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1): Paragraph {
  return new Paragraph({ heading: level, spacing: { before: 240, after: 120 }, children: [new TextRun(clean(text))] });
}

function line(text: string): Paragraph {
  const parts = clean(text).split(/\r?\n/);
  return new Paragraph({ spacing: { after: 80 }, children: parts.map((part, i) => new TextRun({ text: part, ...(i ? { break: 1 } : {}) })) });
}

function labelled(label: string, value: string): Paragraph {
  return new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: `${clean(label)}: `, bold: true }), new TextRun(clean(value))] });
}

/** A registration value as the person would read it: choice titles instead of ids, ja/nee for a toggle. */
function valueText(input: TInputDef | undefined, value: unknown, t: TFunction): string {
  const title = (v: unknown) => input?.choices?.find((c) => c.value === v)?.title ?? String(v);
  if (Array.isArray(value)) return value.map(title).join(', ');
  if (typeof value === 'boolean') return value ? t('registration.yes') : t('registration.no');
  if (input?.kind === 'date' && typeof value === 'string') return formatDateText(value);
  return title(value);
}

export async function renderAccessReport(input: TAccessReportInput): Promise<Buffer> {
  const t = translator('nl');
  const { exported, content } = input;
  const { contact } = exported;
  const sender = content.letter.sender;
  const stamp = new Intl.DateTimeFormat('nl-BE', { dateStyle: 'short', timeStyle: 'short', timeZone: input.timeZone });
  const day = new Intl.DateTimeFormat('nl-BE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: input.timeZone });
  const r = (key: string, values?: Record<string, unknown>) => t(`lifecycle.report.${key}`, values);
  const none = line(r('none'));
  const children: Paragraph[] = [];

  children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(r('title'))] }));
  children.push(line(r('subtitle', { caseCode: contact.caseCode, date: day.format(input.now) })));
  children.push(line(r('intro', { service: sender.service })));
  if (contact.anonymisedAt) children.push(line(r('anonymised', { date: day.format(contact.anonymisedAt) })));

  // The person
  children.push(heading(r('sections.person')));
  const address = [[contact.street, contact.houseNumber].filter(Boolean).join(' '), [contact.postalCode, contact.municipality].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const lifeEvent = content.lifeEvents.find((e) => e.id === contact.lifeEvent)?.label.nl ?? contact.lifeEvent;
  const visit = [formatDateText(contact.visitDate), contact.visitTime ?? ''].filter(Boolean).join(' ');
  const facts: [string, string | null | undefined][] = [
    ['caseCode', contact.caseCode],
    ['firstName', contact.firstName],
    ['lastName', contact.lastName],
    ['address', address],
    ['phone', contact.phone],
    ['email', contact.email],
    ['birthDate', formatDateText(contact.birthDate)],
    ['relatives', contact.relatives],
    ['lifeEvent', lifeEvent],
    ['eventDate', formatDateText(contact.eventDate)],
    ['detectionSource', t(`contacts.sources.${contact.detectionSource}`, { defaultValue: contact.detectionSource })],
    ['consentStatus', t(`contacts.consent.${contact.consentStatus}`, { defaultValue: contact.consentStatus })],
    ['status', t(`contacts.statuses.${contact.status}`, { defaultValue: contact.status })],
    ['visit', visit],
    ['visitPlaceNote', contact.visitPlaceNote],
    ['createdAt', day.format(contact.createdAt)],
    ['closedAt', contact.closedAt ? day.format(contact.closedAt) : ''],
  ];
  for (const [key, value] of facts) if (value) children.push(labelled(r(`fields.${key}`), value));

  // Timeline
  children.push(heading(r('sections.timeline')));
  if (!exported.events.length) children.push(none);
  for (const event of exported.events) {
    const what = t([`contacts.detail.events.${event.type}`, `lifecycle.events.${event.type}`], { defaultValue: event.type });
    children.push(line(`${stamp.format(event.at)} · ${what}`));
  }

  // Registrations, every version
  children.push(heading(r('sections.registrations')));
  if (!exported.registrations.length) children.push(none);
  const steps = registrationSteps(content, t, 'nl', content.socialMaps.flatMap((m) => m.services.map((s) => ({ title: s.name, value: s.id }))));
  for (const registration of exported.registrations) {
    const status = r(`registrationStatus.${registration.status}`);
    children.push(heading(r('registration', { version: registration.version, status, date: day.format(registration.submittedAt ?? registration.updatedAt) }), HeadingLevel.HEADING_2));
    const data = (registration.data ?? {}) as Record<string, Record<string, unknown>>;
    for (const [stepId, values] of Object.entries(data)) {
      const step = steps.find((s) => s.id === stepId);
      for (const [fieldId, value] of Object.entries(values ?? {})) {
        if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) continue;
        const field = step?.inputs.find((i) => i.id === fieldId);
        children.push(labelled(field?.label ?? fieldId, valueText(field, value, t)));
      }
    }
  }

  // Notes and AI suggestions
  children.push(heading(r('sections.notes')));
  if (!exported.notes.length) children.push(none);
  for (const notes of exported.notes) {
    children.push(new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: r('notes', { date: stamp.format(notes.createdAt), status: r(`notesStatus.${notes.status}`) }), bold: true })] }));
    children.push(line(notes.text));
  }
  children.push(heading(r('sections.suggestions')));
  const accepted = exported.suggestions.flatMap((s) => ((s.fields as { accepted?: { field: string; value: string }[] } | null)?.accepted ?? []));
  if (!accepted.length) children.push(none);
  const allInputs = steps.flatMap((s) => s.inputs);
  for (const field of accepted) children.push(line(r('suggestion', { field: allInputs.find((i) => i.id === field.field)?.label ?? field.field, value: field.value })));

  // Follow-ups
  children.push(heading(r('sections.followUps')));
  if (!exported.followUps.length) children.push(none);
  for (const followUp of exported.followUps) {
    const reason = content.team.followUpReasons.find((x) => x.id === followUp.reason)?.label.nl ?? followUp.reason;
    children.push(line(r('followUp', { date: formatDateText(followUp.dueDate), mode: r(`followUpMode.${followUp.mode}`), reason, status: r(`followUpStatus.${followUp.status}`) })));
    const outcome = followUp.outcome ? (content.team.followUpOutcomes.find((x) => x.id === followUp.outcome)?.label.nl ?? followUp.outcome) : '';
    if (outcome) children.push(line(r('followUpOutcome', { outcome })));
    for (const note of [followUp.reasonNote, followUp.outcomeNote]) if (note) children.push(line(r('followUpNote', { note })));
  }

  // Access log
  children.push(heading(r('sections.access')));
  children.push(line(r('access', { count: exported.audit.length })));
  for (const entry of exported.audit) {
    const who = entry.actorId === 'system' ? r('system') : (input.staffNames.get(entry.actorId) ?? entry.actorId);
    children.push(line(r('accessLine', { date: stamp.format(entry.at), who, what: t(`lifecycle.report.actions.${entry.action.replaceAll('.', '_')}`, { defaultValue: entry.action }) })));
  }

  // AI and signals
  children.push(heading(r('sections.llm')));
  children.push(line(exported.llmCalls.length ? r('llm', { count: exported.llmCalls.length }) : r('llmNone')));
  if (exported.signals.length) {
    children.push(heading(r('sections.signals')));
    children.push(line(r('signals', { count: exported.signals.length })));
    for (const signal of exported.signals) children.push(line(`${day.format(signal.createdAt)} · ${signal.text}`));
  }

  children.push(heading(r('sections.questions')));
  children.push(line(r('questions', { service: sender.service, phone: sender.phone, email: sender.email })));

  const doc = new Document({
    title: `Inzage ${contact.caseCode}`,
    creator: sender.service,
    lastModifiedBy: sender.service,
    description: '',
    keywords: '',
    styles: { default: { document: { run: { font: 'Arial', size: 22, language: { value: 'nl-BE' } } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
