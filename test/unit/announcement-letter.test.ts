import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import {
  fillPlaceholders,
  formatLetterDate,
  formatVisitDate,
  formatVisitTime,
  letterFileName,
  renderAnnouncementLetter,
  type TLetterInput,
  type TLetterTemplate,
} from '../../bot/letters/render-announcement-letter.ts';

// Fictitious organisation, worker and person.
const template: TLetterTemplate = {
  lang: 'nl',
  sender: {
    organisation: 'OCMW Denderkerke',
    service: 'Sociale dienst – team Nabij',
    address: 'Marktplein 1\n9999 Denderkerke',
    phone: '053 00 00 00',
    email: 'nabij@denderkerke.example',
    city: 'Denderkerke',
  },
  subject: 'Aankondiging van een huisbezoek',
  salutation: 'Beste {{firstName}} {{lastName}},',
  paragraphs: [
    'Wij vernamen dat u onlangs een ingrijpende gebeurtenis meemaakte. Vanuit {{organisation}} komen wij graag eens langs.',
    'Het gesprek is vrijblijvend en gratis.',
    'Past het moment niet? Bel of mail mij dan gerust.',
  ],
  visitParagraph: 'Ik kom graag bij u langs op {{visitDate}} om {{visitTime}}.',
  noVisitParagraph: 'Ik neem binnenkort telefonisch contact met u op om een moment af te spreken.',
  closing: 'Met vriendelijke groeten,',
  signature: ['{{workerName}}', 'maatschappelijk werker', '{{service}}', 'Tel. {{workerPhone}}', '{{workerEmail}}'],
};

const input: TLetterInput = {
  template,
  contact: { firstName: 'Mariette', lastName: 'Vandamme', street: 'Kerkstraat', houseNumber: '12', postalCode: '9999', municipality: 'Denderkerke' },
  worker: { name: 'Jonas Verbeke', phone: '0470 00 00 00', email: 'jonas.verbeke@denderkerke.example' },
  visit: { date: '2027-01-12', time: '14:30' },
  today: new Date('2026-12-20T10:00:00Z'),
};

const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/** The document's paragraphs as plain text: the runs' text joined, a line break as "\n". */
function paragraphsOf(documentXml: string): string[] {
  return [...documentXml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((m) => (m[0] === '<w:br/>' ? '\n' : m[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (e) => XML_ENTITIES[e]!)))
      .join(''),
  );
}

async function open(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`missing ${name} in the .docx`);
    return file.async('string');
  };
  const documentXml = await read('word/document.xml');
  const paragraphs = paragraphsOf(documentXml);
  return { zip, read, documentXml, paragraphs, text: paragraphs.join('\n') };
}

describe('renderAnnouncementLetter', () => {
  it('writes a .docx: a zip with [Content_Types].xml and word/document.xml', async () => {
    const buffer = await renderAnnouncementLetter(input);
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    const { zip } = await open(buffer);
    expect(zip.file('[Content_Types].xml')).not.toBeNull();
    expect(zip.file('word/document.xml')).not.toBeNull();
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('wordprocessingml.document.main+xml');
  });

  it('has the sender, recipient, date line, subject, letter text and signature', async () => {
    const { paragraphs, text } = await open(await renderAnnouncementLetter(input));
    for (const line of ['OCMW Denderkerke', 'Sociale dienst – team Nabij', 'Marktplein 1', 'Tel. 053 00 00 00', 'E-mail: nabij@denderkerke.example']) {
      expect(paragraphs).toContain(line);
    }
    for (const line of ['Mariette Vandamme', 'Kerkstraat 12', '9999 Denderkerke', 'Denderkerke, 20 december 2026', 'Aankondiging van een huisbezoek', 'Beste Mariette Vandamme,']) {
      expect(paragraphs).toContain(line);
    }
    expect(text).toContain('Vanuit OCMW Denderkerke komen wij');
    for (const line of ['Jonas Verbeke', 'maatschappelijk werker', 'Tel. 0470 00 00 00', 'jonas.verbeke@denderkerke.example']) {
      expect(paragraphs).toContain(line);
    }
    // Sender block first, then the recipient, then the date line, subject and salutation.
    const order = ['OCMW Denderkerke', 'Mariette Vandamme', 'Denderkerke, 20 december 2026', 'Aankondiging van een huisbezoek', 'Beste Mariette Vandamme,'];
    const positions = order.map((line) => paragraphs.indexOf(line));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(paragraphs.at(-1)).toBe('jonas.verbeke@denderkerke.example');
  });

  it('puts the visit, written the Flemish way, right after the first paragraph', async () => {
    const { paragraphs, text } = await open(await renderAnnouncementLetter(input));
    expect(text).toContain('dinsdag 12 januari 2027');
    expect(text).toContain('14.30 uur');
    const visit = paragraphs.indexOf('Ik kom graag bij u langs op dinsdag 12 januari 2027 om 14.30 uur.');
    expect(visit).toBeGreaterThan(0);
    expect(paragraphs[visit - 1]).toMatch(/^Wij vernamen/);
    expect(paragraphs[visit + 1]).toBe('Het gesprek is vrijblijvend en gratis.');
    expect(text).not.toContain('Ik neem binnenkort telefonisch contact');
  });

  it('without a visit has the no-visit paragraph and not the visit paragraph', async () => {
    const { visit: _visit, ...withoutVisit } = input;
    const { paragraphs, text } = await open(await renderAnnouncementLetter(withoutVisit));
    const noVisit = paragraphs.indexOf(template.noVisitParagraph);
    expect(noVisit).toBeGreaterThan(0);
    expect(paragraphs[noVisit - 1]).toMatch(/^Wij vernamen/);
    expect(text).not.toContain('Ik kom graag bij u langs');
    expect(text).not.toContain('januari 2027');
  });

  it('leaves no "{{" when values are missing, and drops a dangling "om" and empty signature lines', async () => {
    const { documentXml, paragraphs } = await open(
      await renderAnnouncementLetter({
        ...input,
        template: { ...template, paragraphs: [...template.paragraphs, 'Onbekend: {{nietBestaand}} en {{ workerEmail }}.'] },
        contact: { firstName: 'Mariette', lastName: 'Vandamme' },
        worker: { name: 'Jonas Verbeke' },
        visit: { date: '2027-01-12' },
      }),
    );
    expect(documentXml).not.toContain('{{');
    expect(documentXml).not.toContain('}}');
    expect(paragraphs).toContain('Ik kom graag bij u langs op dinsdag 12 januari 2027.');
    expect(paragraphs).toContain('Onbekend: en.');
    expect(paragraphs).not.toContain('Tel.');
    expect(paragraphs.at(-1)).toBe('Sociale dienst – team Nabij');
    // Recipient block without an address: only the name.
    const name = paragraphs.indexOf('Mariette Vandamme');
    expect(paragraphs[name + 1]).toBe('Denderkerke, 20 december 2026');
  });

  it('keeps the person out of the metadata: title is the subject, creator the service', async () => {
    const { zip, read } = await open(
      await renderAnnouncementLetter({ ...input, template: { ...template, subject: 'Huisbezoek {{firstName}} {{lastName}} – {{service}}' } }),
    );
    const core = await read('docProps/core.xml');
    expect(core).toContain('<dc:title>Huisbezoek – Sociale dienst – team Nabij</dc:title>');
    expect(core).toContain('<dc:creator>Sociale dienst – team Nabij</dc:creator>');
    const props = await Promise.all(Object.keys(zip.files).filter((name) => name.startsWith('docProps/')).map(read));
    expect(props.length).toBeGreaterThan(0);
    for (const xml of props) {
      for (const personal of ['Mariette', 'Vandamme', 'Kerkstraat', 'Jonas', 'Verbeke', '0470']) expect(xml).not.toContain(personal);
    }
  });

  it('is an A4 page in Arial 12 pt, with the language nl-BE and a bold subject', async () => {
    const { documentXml, read } = await open(await renderAnnouncementLetter(input));
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const styles = await read('word/styles.xml');
    const defaults = /<w:docDefaults>[\s\S]*<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
    expect(defaults).toContain('<w:lang w:val="nl-BE"/>');
    expect(defaults).toMatch(/<w:rFonts w:ascii="Arial"/);
    expect(defaults).toContain('<w:sz w:val="24"/>');
    expect(documentXml).toMatch(/<w:b\/>(?:(?!<\/w:r>)[\s\S])*<w:t[^>]*>Aankondiging van een huisbezoek<\/w:t>/);
  });

  it('still writes a readable file when a field holds characters XML does not allow', async () => {
    const { paragraphs } = await open(await renderAnnouncementLetter({ ...input, contact: { ...input.contact, lastName: 'Van\u0001dam\uFFFFme' } }));
    expect(paragraphs).toContain('Mariette Vandamme');
  });
});

describe('dates and times', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it('writes the visit date with weekday, day, month and year, never a day off in any time zone', () => {
    expect(formatVisitDate('2027-01-12')).toBe('dinsdag 12 januari 2027');
    for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
      process.env.TZ = zone;
      expect(formatVisitDate('2027-01-12')).toBe('dinsdag 12 januari 2027');
      expect(formatVisitDate('2027-03-28')).toBe('zondag 28 maart 2027');
    }
    expect(() => formatVisitDate('12/01/2027')).toThrow();
    expect(() => formatVisitDate('2027-02-30')).toThrow();
  });

  it('writes times as "14.30 uur"', () => {
    expect(formatVisitTime('14:30')).toBe('14.30 uur');
    expect(formatVisitTime('09:05')).toBe('9.05 uur');
    expect(() => formatVisitTime('25:00')).toThrow();
  });

  it("writes the letter's date as the day in Belgium", () => {
    expect(formatLetterDate(new Date('2027-01-12T09:00:00Z'))).toBe('12 januari 2027');
    expect(formatLetterDate(new Date('2026-12-31T23:30:00Z'))).toBe('1 januari 2027');
  });
});

describe('fillPlaceholders', () => {
  it('replaces known placeholders, also with spaces inside the braces', () => {
    expect(fillPlaceholders('Beste {{firstName}} {{ lastName }},', { firstName: 'Mariette', lastName: 'Vandamme' })).toBe('Beste Mariette Vandamme,');
  });

  it('renders a missing, empty or unknown placeholder as nothing and tidies the spaces', () => {
    expect(fillPlaceholders('Beste {{firstName}} {{lastName}},', { lastName: 'Vandamme' })).toBe('Beste Vandamme,');
    expect(fillPlaceholders('Beste {{firstName}} {{lastName}},', { firstName: '', lastName: 'Vandamme' })).toBe('Beste Vandamme,');
    expect(fillPlaceholders('Hallo {{wie}} !', {})).toBe('Hallo!');
  });

  it('drops a dangling "om" before a missing time, and keeps it when the time is there', () => {
    const text = 'Ik kom op {{visitDate}} om {{visitTime}}.';
    expect(fillPlaceholders(text, { visitDate: 'dinsdag 12 januari 2027' })).toBe('Ik kom op dinsdag 12 januari 2027.');
    expect(fillPlaceholders('Ik kom op {{visitDate}} om {{visitTime}} bij u langs.', { visitDate: 'dinsdag 12 januari 2027' })).toBe(
      'Ik kom op dinsdag 12 januari 2027 bij u langs.',
    );
    expect(fillPlaceholders(text, { visitDate: 'dinsdag 12 januari 2027', visitTime: '14.30 uur' })).toBe('Ik kom op dinsdag 12 januari 2027 om 14.30 uur.');
  });

  it('leaves text without empty placeholders alone, including an "om" of its own', () => {
    expect(fillPlaceholders('Daar gaat het om.  Echt', {})).toBe('Daar gaat het om.  Echt');
    expect(fillPlaceholders('Daar gaat het om, {{firstName}}.', { firstName: 'Mariette' })).toBe('Daar gaat het om, Mariette.');
  });

  it('never lets "{{" through, not even from a broken placeholder', () => {
    expect(fillPlaceholders('Kapot {{ }} en {{firstName', { firstName: 'Mariette' })).not.toContain('{{');
  });
});

describe('letterFileName', () => {
  it('is made of the case code only', () => {
    expect(letterFileName('K-26-0001')).toBe('aankondigingsbrief-K-26-0001.docx');
    expect(letterFileName('K-27-12345')).toBe('aankondigingsbrief-K-27-12345.docx');
  });

  it('refuses anything that is not a case code, such as a name', () => {
    expect(() => letterFileName('Mariette Vandamme')).toThrow();
    expect(() => letterFileName('K-26-0001-Vandamme')).toThrow();
    expect(() => letterFileName('../K-26-0001')).toThrow();
  });
});
