// Renders the letter that announces a (home) visit as a .docx, from a template and one contact.
// Personal data goes into the document body only: the file name and the document's metadata never carry it.
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from 'docx';
import { CASE_CODE_PATTERN } from '../../data/repositories/contacts.ts';

export interface TLetterTemplate {
  lang: 'nl';
  sender: { organisation: string; service: string; address: string; phone: string; email: string; city: string };
  subject: string;
  /** e.g. "Beste {{firstName}} {{lastName}}," */
  salutation: string;
  paragraphs: string[];
  /** Used only when a visit is planned; uses {{visitDate}} {{visitTime}}. */
  visitParagraph: string;
  /** Used when no visit is planned yet. */
  noVisitParagraph: string;
  closing: string;
  /**
   * Lines, e.g. ["{{workerName}}", "maatschappelijk werker", "{{service}}"]; a line whose placeholders all lack a value
   * (e.g. "Tel. {{workerPhone}}" without a phone) is left out.
   */
  signature: string[];
}

export interface TLetterInput {
  template: TLetterTemplate;
  contact: { firstName: string; lastName: string; street?: string; houseNumber?: string; postalCode?: string; municipality?: string };
  worker: { name: string; phone?: string; email?: string };
  visit?: { date: string /* YYYY-MM-DD */; time?: string /* HH:mm */ };
  today: Date;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Replaces each `{{name}}` by its value. A placeholder without a value (or an unknown one) becomes "", and the text
 * around it is tidied: a dangling "om" right before it goes too ("om {{visitTime}}" → ""), double spaces become one,
 * a space before punctuation goes, and the ends are trimmed. Text without empty placeholders is left as it is.
 */
export function fillPlaceholders(text: string, values: Record<string, string | undefined>): string {
  const isEmpty = (name: string) => !Object.hasOwn(values, name) || !values[name]?.trim();
  let sawEmpty = false;
  let result = text.replace(/[ \t]+om[ \t]+\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (match, name: string) => {
    if (!isEmpty(name)) return match;
    sawEmpty = true;
    return '';
  });
  result = result.replace(PLACEHOLDER, (_match, name: string) => {
    if (isEmpty(name)) {
      sawEmpty = true;
      return '';
    }
    return values[name]!;
  });
  // Anything left that still opens a placeholder (e.g. "{{ }}" or an unclosed "{{") must not reach the letter.
  result = result.replace(/\{\{|\}\}/g, '');
  if (sawEmpty) {
    result = result
      .replace(/[ \t]{2,}/g, ' ')
      .replace(/[ \t]+([.,;:!?])/g, '$1')
      .trim();
  }
  return result;
}

/** File name for the letter of one case: only the case code, never a person's name. */
export function letterFileName(caseCode: string): string {
  if (!CASE_CODE_PATTERN.test(caseCode)) throw new Error('letterFileName: expected a case code such as K-26-0001');
  return `aankondigingsbrief-${caseCode}.docx`;
}

/** "2027-01-12" → "dinsdag 12 januari 2027", in UTC so the day never shifts. */
export function formatVisitDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== isoDate) throw new Error('visit date: expected YYYY-MM-DD');
  return new Intl.DateTimeFormat('nl-BE', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** "14:30" → "14.30 uur", "09:05" → "9.05 uur". */
export function formatVisitTime(time: string): string {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new Error('visit time: expected HH:mm');
  return `${Number(match[1])}.${match[2]} uur`;
}

/** The letter's date: "12 januari 2027", the day as it is in Belgium. */
export function formatLetterDate(today: Date): string {
  return new Intl.DateTimeFormat('nl-BE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Brussels' }).format(today);
}

// Characters XML 1.0 does not allow would make the file unreadable; they never belong in a letter anyway.
function clean(text: string | undefined): string | undefined {
  // eslint-disable-next-line no-control-regex
  return text?.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').trim();
}

// Page and layout, in twips (1 mm ≈ 56.7 twips).
const MM = 1440 / 25.4;
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: Math.round(20 * MM), right: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(25 * MM) };
const FONT = 'Arial';
const BODY_SIZE = 24; // half-points: 12 pt
const SENDER_SIZE = 20; // 10 pt
const SENDER_LINE = 240; // exact line height of the sender block: 12 pt
// A window envelope (DL, window on the right) shows the letter from about 50 to 95 mm from the top and from about
// 100 mm from the left edge: the recipient block starts at 55 mm from the top and 110 mm from the left.
const RECIPIENT_TOP = Math.round(55 * MM);
const RECIPIENT_INDENT = Math.round(110 * MM) - MARGIN.left;

function lines(text: string): TextRun[] {
  return text.split(/\r?\n/).map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

export async function renderAnnouncementLetter(input: TLetterInput): Promise<Buffer> {
  const { template, contact, worker, visit, today } = input;
  const sender = template.sender;

  const nonPersonal: Record<string, string | undefined> = {
    service: clean(sender.service),
    organisation: clean(sender.organisation),
    city: clean(sender.city),
  };
  const values: Record<string, string | undefined> = {
    ...nonPersonal,
    firstName: clean(contact.firstName),
    lastName: clean(contact.lastName),
    street: clean(contact.street),
    houseNumber: clean(contact.houseNumber),
    postalCode: clean(contact.postalCode),
    municipality: clean(contact.municipality),
    workerName: clean(worker.name),
    workerPhone: clean(worker.phone),
    workerEmail: clean(worker.email),
    visitDate: visit ? formatVisitDate(visit.date) : undefined,
    visitTime: visit?.time ? formatVisitTime(visit.time) : undefined,
    today: formatLetterDate(today),
  };
  const fill = (text: string) => fillPlaceholders(clean(text) ?? '', values);
  const present = (parts: (string | undefined)[]) => parts.filter((p): p is string => !!p).join(' ');

  const senderLines = [
    ...[sender.organisation, sender.service].map(fill),
    ...sender.address.split(/\r?\n/).map(fill),
    sender.phone.trim() ? `Tel. ${fill(sender.phone)}` : '',
    sender.email.trim() ? `E-mail: ${fill(sender.email)}` : '',
  ].filter((line) => line !== '');
  const senderBlock = senderLines.map(
    (line, i) =>
      new Paragraph({
        spacing: { before: 0, after: 0, line: SENDER_LINE, lineRule: LineRuleType.EXACT },
        children: [new TextRun({ text: line, size: SENDER_SIZE, bold: i === 0 })],
      }),
  );

  const recipientLines = [
    present([values.firstName, values.lastName]),
    present([values.street, values.houseNumber]),
    present([values.postalCode, values.municipality]),
  ].filter((line) => line !== '');
  const recipientBefore = Math.max(240, RECIPIENT_TOP - MARGIN.top - senderLines.length * SENDER_LINE);
  const recipientBlock = recipientLines.map(
    (line, i) =>
      new Paragraph({
        indent: { left: RECIPIENT_INDENT },
        spacing: { before: i === 0 ? recipientBefore : 0, after: 0 },
        children: [new TextRun(line)],
      }),
  );

  const dateLine = new Paragraph({
    spacing: { before: Math.round(25 * MM), after: 360 },
    children: [new TextRun(present([`${fill(sender.city)},`, values.today]).replace(/^,\s*/, ''))],
  });
  const subject = new Paragraph({ spacing: { after: 360 }, children: [new TextRun({ text: fill(template.subject), bold: true })] });

  const bodyTexts = template.paragraphs.map(fill);
  const planned = fill(visit ? template.visitParagraph : template.noVisitParagraph);
  bodyTexts.splice(Math.min(1, bodyTexts.length), 0, planned);
  const body = [fill(template.salutation), ...bodyTexts]
    .filter((text) => text !== '')
    .map((text) => new Paragraph({ spacing: { after: 200 }, children: lines(text) }));

  const closing = new Paragraph({ keepNext: true, spacing: { before: 120, after: 0 }, children: lines(fill(template.closing)) });
  // A signature line made of placeholders that all lack a value ("Tel. {{workerPhone}}" without a phone) is left out.
  const onlyEmptyPlaceholders = (line: string) => {
    const names = [...line.matchAll(PLACEHOLDER)].map((m) => m[1]!);
    return names.length > 0 && names.every((name) => !values[name]);
  };
  const signatureLines = template.signature
    .filter((line) => !onlyEmptyPlaceholders(line))
    .map(fill)
    .filter((line) => line !== '');
  const signature = signatureLines.map(
    (line, i) =>
      new Paragraph({
        keepNext: i < signatureLines.length - 1,
        keepLines: true,
        // Room above the first line for a handwritten signature.
        spacing: { before: i === 0 ? Math.round(18 * MM) : 0, after: 0 },
        children: [new TextRun(line)],
      }),
  );

  const doc = new Document({
    // Metadata: never the person's name, so the title is filled with the non-personal values only.
    title: fillPlaceholders(clean(template.subject) ?? '', nonPersonal),
    creator: nonPersonal.service ?? '',
    lastModifiedBy: nonPersonal.service ?? '',
    description: '',
    keywords: '',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY_SIZE, language: { value: 'nl-BE' } },
          paragraph: { spacing: { line: 276 }, alignment: AlignmentType.LEFT },
        },
      },
    },
    sections: [
      {
        properties: { page: { size: A4, margin: MARGIN } },
        children: [...senderBlock, ...recipientBlock, dateLine, subject, ...body, closing, ...signature],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
