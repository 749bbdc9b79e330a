import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportFileName, signalsCsv, signalsXlsx, type TSignalExportInput } from '../../bot/signals/export-signals.ts';
import { loadContent } from '../../data/content/load-content.ts';
import type { TSignalExportRow } from '../../data/repositories/signal-digest.ts';

const content = loadContent();

function row(overrides: Partial<TSignalExportRow>): TSignalExportRow {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    createdAt: new Date('2026-11-12T09:30:00Z'),
    theme: 'mobility',
    barrierType: 'transport',
    policyDomain: 'mobility',
    lifeEvent: 'partner_death',
    ageBand: '75_84',
    area: 'Voorbeeldwijk',
    text: 'Na 18 uur geen bus meer naar het dienstencentrum.',
    status: 'open',
    discussedNote: '',
    ...overrides,
  };
}

const HOSTILE = ['=HYPERLINK("http://example.org","klik")', '+32 9 000 00 00', '-2+3', '@SUM(A1:A2)'];

const input: TSignalExportInput = {
  from: new Date('2026-11-10T00:00:00Z'),
  to: new Date('2026-11-20T00:00:00Z'),
  content,
  timeZone: 'Europe/Brussels',
  rows: [
    row({}),
    row({ id: '00000000-0000-4000-8000-000000000002', theme: 'housing', barrierType: 'financial', policyDomain: 'housing', status: 'discussed', discussedNote: 'Doorgegeven aan de dienst wonen; "premie" volgt.', text: 'Badkamer; te duur\nen premie onbekend, ça va pas' }),
    ...HOSTILE.map((text, i) => row({ id: `00000000-0000-4000-8000-00000000001${i}`, text, area: i === 0 ? '=1+1' : 'Dorpskern', theme: 'retired_theme' })),
  ],
};

const DUTCH_HEADERS = [
  'Id',
  'Datum',
  'Levensdomein',
  'Levensdomein (id)',
  'Drempel',
  'Drempel (id)',
  'Beleidsdomein',
  'Beleidsdomein (id)',
  'Kantelmoment',
  'Kantelmoment (id)',
  'Leeftijd',
  'Leeftijd (id)',
  'Buurt',
  'Signaal',
  'Status',
  'Status (id)',
  'Notitie bij de bespreking',
];

describe('CSV export', () => {
  const csv = signalsCsv(input);
  const records = parse(csv, { bom: true, delimiter: ';' }) as string[][];

  it('is UTF-8 with a byte order mark and ";" between fields, so Belgian Excel opens it right', () => {
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('ça va pas');
    expect(csv.toString('utf8').split('\r\n')[0]).toBe(`\uFEFF${DUTCH_HEADERS.join(';')}`);
  });

  it('parses back to Dutch headers, Dutch labels next to the ids, and the texts whole', () => {
    expect(records[0]).toEqual(DUTCH_HEADERS);
    expect(records).toHaveLength(1 + input.rows.length);
    expect(records[1]).toEqual([
      '00000000-0000-4000-8000-000000000001',
      '2026-11-12',
      'Mobiliteit',
      'mobility',
      'Vervoer en verplaatsing',
      'transport',
      'Mobiliteit',
      'mobility',
      'Overlijden van de partner',
      'partner_death',
      '75 tot 84',
      '75_84',
      'Voorbeeldwijk',
      'Na 18 uur geen bus meer naar het dienstencentrum.',
      'Open',
      'open',
      '',
    ]);
    // Separators, quotes and line breaks inside a field survive the round trip.
    expect(records[2]?.[13]).toBe('Badkamer; te duur\nen premie onbekend, ça va pas');
    expect(records[2]?.[14]).toBe('Besproken');
    expect(records[2]?.[16]).toBe('Doorgegeven aan de dienst wonen; "premie" volgt.');
  });

  it('shows an id the content no longer knows as the id itself', () => {
    expect(records[3]?.slice(2, 4)).toEqual(['retired_theme', 'retired_theme']);
  });

  it('never lets a text become a formula: = + - @ at the start get a leading apostrophe', () => {
    const texts = records.slice(3).map((r) => r[13]);
    expect(texts).toEqual(HOSTILE.map((text) => `'${text}`));
    expect(records[3]?.[12]).toBe("'=1+1");
    // No field of the file starts with a formula character.
    for (const record of records) for (const field of record) expect(field).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('can use English labels', () => {
    const english = parse(signalsCsv({ ...input, lang: 'en' }), { bom: true, delimiter: ';' }) as string[][];
    expect(english[0]?.slice(0, 3)).toEqual(['Id', 'Date', 'Life domain']);
    expect(english[1]?.[2]).toBe('Mobility');
  });
});

describe('Excel export', () => {
  async function read(): Promise<ExcelJS.Workbook> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await signalsXlsx(input)) as unknown as ArrayBuffer);
    return workbook;
  }

  it('has a sheet of signals with Dutch headers, labels and ids, and a real date', async () => {
    const workbook = await read();
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Signalen', 'Aantallen']);
    const sheet = workbook.getWorksheet('Signalen')!;
    expect(sheet.rowCount).toBe(1 + input.rows.length);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(DUTCH_HEADERS);
    const first = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(first[1]).toEqual(new Date('2026-11-12T00:00:00Z'));
    expect(sheet.getRow(2).getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect(first.slice(2, 16)).toEqual([
      'Mobiliteit',
      'mobility',
      'Vervoer en verplaatsing',
      'transport',
      'Mobiliteit',
      'mobility',
      'Overlijden van de partner',
      'partner_death',
      '75 tot 84',
      '75_84',
      'Voorbeeldwijk',
      'Na 18 uur geen bus meer naar het dienstencentrum.',
      'Open',
      'open',
    ]);
  });

  it('keeps texts starting with = + - @ as text cells, never formulas', async () => {
    const sheet = (await read()).getWorksheet('Signalen')!;
    const hostile = [4, 5, 6, 7].map((r) => sheet.getRow(r).getCell(14));
    expect(hostile.map((cell) => cell.value)).toEqual(HOSTILE);
    expect(sheet.getRow(4).getCell(13).value).toBe('=1+1');
    for (const cell of [...hostile, sheet.getRow(4).getCell(13)]) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
  });

  it('has a sheet of counts per life domain, policy domain and barrier, zeros included, and the total', async () => {
    const sheet = (await read()).getWorksheet('Aantallen')!;
    const rows = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['Periode: 10/11/2026 tot 20/11/2026']);
    expect(rows[1]).toEqual(['Lijst', 'Waarde', 'Id', 'Aantal']);
    const count = (list: string, id: string) => rows.find((r) => r[0] === list && r[2] === id)?.[3];
    expect(count('Levensdomein', 'mobility')).toBe(1);
    expect(count('Levensdomein', 'housing')).toBe(1);
    expect(count('Levensdomein', 'end_of_life')).toBe(0);
    expect(count('Levensdomein', 'retired_theme')).toBe(4);
    expect(count('Beleidsdomein', 'mobility')).toBe(5);
    expect(count('Drempel', 'transport')).toBe(5);
    expect(rows.find((r) => r[2] === 'transport')?.[1]).toBe('Vervoer en verplaatsing');
    expect(rows.filter((r) => r[0] === 'Levensdomein')).toHaveLength(content.domains.length + 1);
    expect(rows.at(-1)).toEqual(['Totaal', '', '', input.rows.length]);
  });

  it('drops characters XML cannot hold instead of writing a file Excel calls damaged', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await signalsXlsx({ ...input, rows: [row({ text: 'bel\u0007 me\u0000 terug' })] })) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Signalen')!.getRow(2).getCell(14).value).toBe('bel me terug');
  });
});

describe('days in the configured time zone', () => {
  it('names the day of the export there', () => {
    expect(exportFileName('csv', new Date('2026-11-23T10:00:00Z'), 'Europe/Brussels')).toBe('signalen-2026-11-23.csv');
    expect(exportFileName('xlsx', new Date('2026-11-23T23:30:00Z'), 'Europe/Brussels')).toBe('signalen-2026-11-24.xlsx');
    expect(exportFileName('xlsx', new Date('2026-11-23T23:30:00Z'), 'America/New_York')).toBe('signalen-2026-11-23.xlsx');
  });

  it('gives each signal its day there, never the time', () => {
    // 23:30 UTC is already the next day in Brussels, still the same day in New York.
    const late = { ...input, rows: [row({ createdAt: new Date('2026-11-19T23:30:00Z') })] };
    const dayIn = (timeZone: string) => (parse(signalsCsv({ ...late, timeZone }), { bom: true, delimiter: ';' }) as string[][])[1]![1];
    expect(dayIn('Europe/Brussels')).toBe('2026-11-20');
    expect(dayIn('America/New_York')).toBe('2026-11-19');
    expect(signalsCsv(late).toString('utf8')).not.toMatch(/23:30|00:30/);
  });
});
