// Random and hostile civil-affairs lists through the CSV parser and the import use case. Files are built from a
// model (valid rows, rows with one known defect, duplicates, blank lines, multi-line cells, any unicode in names,
// `;` or `,`, CRLF/LF/CR, BOM or not, text or bytes) so the exact outcome is known: every valid row is imported
// exactly as written and every rejected row has its Dutch message on its physical line. Wholly random files and
// bytes must never make the parser throw, and every message they produce is Dutch and names a real line.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContacts } from '../../bot/contacts/import-contacts.ts';
import { CONTACTS_CSV_COLUMNS, DEFAULT_LIFE_EVENT_ALIASES, parseContactsCsv } from '../../bot/contacts/parse-contacts-csv.ts';
import type { TNewContactInput } from '../../bot/contacts/contact-input.ts';
import { loadContent } from '../../data/content/load-content.ts';
import { createAccessAuditRepository } from '../../data/repositories/access-audit.ts';
import { createContactRepository } from '../../data/repositories/contacts.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';

/** Model-built files through the parser alone. */
const PARSE_RUNS = 1500;
/** Wholly random texts and byte strings through the parser. */
const NOISE_RUNS = 1500;
/** Model-built files imported into each database. */
const IMPORT_RUNS = 120;

const content = loadContent();
const LIFE_EVENT_IDS = content.lifeEvents.map((e) => e.id);

/** The documented columns (CONTACTS_CSV_COLUMNS, checked in the first test), typed. */
const COLUMNS = ['kantelmoment', 'datum_kantelmoment', 'bron', 'toestemming', 'voornaam', 'achternaam', 'straat', 'huisnummer', 'postcode', 'gemeente', 'telefoon', 'email', 'geboortedatum', 'naasten'] as const;
type TColumn = (typeof COLUMNS)[number];
type TCells = Record<TColumn, string>;
type TExpectedError = { field?: TColumn; message: string | RegExp };
/** A data row as written, and what the parser must make of it. */
type TRowSpec =
  | { kind: 'valid'; cells: TCells; input: TNewContactInput }
  | { kind: 'defect'; cells: TCells; extra?: string; error: TExpectedError; personal: boolean }
  | { kind: 'duplicate'; of: number }
  | { kind: 'blank'; text: 'empty' | 'spaces' | 'tab' | 'delimiters' };

/** The columns whose values must never appear in a message (parse-contacts-csv.ts PERSONAL_COLUMNS). */
const PERSONAL_COLUMNS: TColumn[] = ['voornaam', 'achternaam', 'straat', 'huisnummer', 'telefoon', 'email', 'geboortedatum', 'naasten'];
const SCHEMA_MESSAGES = {
  lastName: 'Vul de achternaam in.',
  firstName: 'Vul de voornaam in.',
  firstNameLong: 'De voornaam is te lang.',
  streetLong: 'De straat is te lang (max. 120 tekens).',
  lifeEvent: 'Kies het kantelmoment.',
  source: 'Kies hoe je het contact kent.',
  date: 'Geen geldige datum: gebruik dd/mm/jjjj.',
  future: 'De datum van het kantelmoment ligt in de toekomst.',
  postalCode: 'Een Belgische postcode heeft 4 cijfers.',
  email: 'Dit lijkt geen e-mailadres.',
  phone: 'Dit lijkt geen telefoonnummer.',
  birthDate: 'Vul een geboortejaar (jjjj) of geboortedatum (dd/mm/jjjj) in.',
  partnerConsent: 'Een signaal van een partner mag je alleen registreren met toestemming van de persoon.',
};
/** How every message the parser writes begins: Dutch, from the parser or from the shared contact schema. */
const DUTCH_MESSAGE = new RegExp(
  '^(Verplichte kolom|Kolom|Onbekende kolom|Het bestand is leeg|Een aanhalingsteken|Deze regel heeft|Het bestand heeft|Deze kolom bevat onleesbare|' +
    'Onbekend kantelmoment|Onbekende bron|Onbekende toestemming|Dubbel met regel|Ongeldige waarde in kolom|Ongeldige regel|Vul |Kies |Geen geldige datum|' +
    'De datum van het kantelmoment|Een Belgische postcode|Dit lijkt geen|De voornaam|De achternaam|De straat|Het huisnummer|De gemeente|Het veld naasten|' +
    'Een signaal van een partner)',
);

// --- Values -----------------------------------------------------------------------------------------------

/** Any unicode a name may hold (no CR: line ends are normalised; no U+FFFD: that marks a wrongly decoded file). */
const freeText = (maxLength: number) =>
  fc
    .oneof(
      fc.string({ unit: 'grapheme', maxLength: Math.min(maxLength, 30) }),
      fc.constantFrom('Van den Broecke', "D'Hondt", 'Ørsted-Müller', 'Ğül Şahin', '王小明', 'Nguyễn', 'O"Neil', 'a;b,c', ' spatie ', 'twee\nregels', '\u0000nul', '<b>x</b>', '=1+1', '👩‍👩‍👧'),
    )
    .filter((s) => !/[\r\uFFFD]/.test(s) && s.length <= maxLength);
const name = freeText(60).filter((s) => s.replace(/\u0000/g, '').trim() !== '');
const optional = (maxLength: number) => fc.oneof(fc.constant(''), freeText(maxLength));
const day = fc.record({ y: fc.integer({ min: 1990, max: 2025 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) });
const pad = (n: number) => String(n).padStart(2, '0');
const dateCell = day.chain(({ y, m, d }) =>
  fc.constantFrom(`${pad(d)}/${pad(m)}/${y}`, `${y}-${pad(m)}-${pad(d)}`, `${d}-${m}-${y}`, `${d}.${m}.${y}`).map((cell) => ({ cell, iso: `${y}-${pad(m)}-${pad(d)}` })),
);
const casing = (text: string) => fc.constantFrom(text, text.toUpperCase(), text.replace(/ /g, '_'), ` ${text} `);
const lifeEventCell = fc.oneof(
  fc.constantFrom(...LIFE_EVENT_IDS).map((id) => ({ text: id, id })),
  fc.constantFrom(...Object.entries(DEFAULT_LIFE_EVENT_ALIASES).filter(([, id]) => LIFE_EVENT_IDS.includes(id))).map(([text, id]) => ({ text, id })),
).chain(({ text, id }) => casing(text).map((cell) => ({ cell, id })));
const SOURCES = [['burgerzaken', 'civil_affairs_list'], ['dienst burgerzaken', 'civil_affairs_list'], ['eigen werking', 'own_work'], ['own_work', 'own_work'], ['partner', 'partner_signal']] as const;
const CONSENTS = [['', 'not_needed'], ['niet nodig', 'not_needed'], ['gevraagd', 'asked'], ['nee', 'refused'], ['ja', 'given'], ['gegeven', 'given']] as const;

/** A valid row; `n` makes the last name unique so only deliberate duplicates are duplicates. */
function validRow(n: number): fc.Arbitrary<{ cells: TCells; input: TNewContactInput }> {
  return fc
    .record({
      lifeEvent: lifeEventCell,
      eventDate: fc.option(dateCell, { nil: undefined }),
      source: fc.constantFrom(...SOURCES),
      consent: fc.constantFrom(...CONSENTS),
      firstName: name,
      lastName: name,
      street: optional(60),
      houseNumber: fc.constantFrom('', '12', '7 bus 3', '101A'),
      postalCode: fc.oneof(fc.constant(''), fc.integer({ min: 1000, max: 9999 }).map(String)),
      municipality: optional(40),
      phone: fc.constantFrom('', '09 123 45 67', '+32 470 12 34 56', '0470/12.34.56'),
      email: fc.boolean(),
      birth: fc.oneof(fc.constant(undefined), fc.integer({ min: 1920, max: 2010 }).map((y) => ({ cell: String(y), value: String(y) })), dateCell.map(({ cell, iso }) => ({ cell, value: iso }))),
      relatives: optional(200),
    })
    .map((r) => {
      // A partner's signal needs the person's consent.
      const consent = r.source[1] === 'partner_signal' ? (['ja', 'given'] as const) : r.consent;
      const clean = (s: string) => s.replace(/\u0000/g, '').trim() || undefined;
      const lastName = `${r.lastName}·${n}·`;
      const cells: TCells = {
        kantelmoment: r.lifeEvent.cell, datum_kantelmoment: r.eventDate?.cell ?? '', bron: r.source[0], toestemming: consent[0], voornaam: r.firstName,
        achternaam: lastName, straat: r.street, huisnummer: r.houseNumber, postcode: r.postalCode, gemeente: r.municipality, telefoon: r.phone,
        email: r.email ? `persoon.${n}@example.org` : '', geboortedatum: r.birth?.cell ?? '', naasten: r.relatives,
      };
      const input = {
        lifeEvent: r.lifeEvent.id, eventDate: r.eventDate?.iso, detectionSource: r.source[1], consentStatus: consent[1],
        firstName: clean(r.firstName)!, lastName: clean(lastName)!, street: clean(r.street), houseNumber: clean(r.houseNumber), postalCode: clean(r.postalCode),
        municipality: clean(r.municipality), phone: clean(r.phone), email: clean(cells.email), birthDate: r.birth?.value, relatives: clean(r.relatives),
      } as TNewContactInput;
      return { cells, input };
    });
}

/** One defect in an otherwise valid row: the cell to change, and the one error it must give. */
const DEFECTS: { change: Partial<TCells> | ((cells: TCells) => Partial<TCells>); error: TExpectedError; schema: boolean; extra?: string }[] = [
  { change: { achternaam: '' }, error: { field: 'achternaam', message: SCHEMA_MESSAGES.lastName }, schema: true },
  { change: { achternaam: '  \t ' }, error: { field: 'achternaam', message: SCHEMA_MESSAGES.lastName }, schema: true },
  { change: { voornaam: '' }, error: { field: 'voornaam', message: SCHEMA_MESSAGES.firstName }, schema: true },
  { change: { voornaam: 'X'.repeat(81) }, error: { field: 'voornaam', message: SCHEMA_MESSAGES.firstNameLong }, schema: true },
  { change: { straat: 'S'.repeat(121) }, error: { field: 'straat', message: SCHEMA_MESSAGES.streetLong }, schema: true },
  { change: { kantelmoment: 'pensioen' }, error: { field: 'kantelmoment', message: /^Onbekend kantelmoment\./ }, schema: false },
  { change: { kantelmoment: '' }, error: { field: 'kantelmoment', message: SCHEMA_MESSAGES.lifeEvent }, schema: true },
  { change: { datum_kantelmoment: '31/02/2025' }, error: { field: 'datum_kantelmoment', message: SCHEMA_MESSAGES.date }, schema: true },
  { change: { datum_kantelmoment: 'gisteren' }, error: { field: 'datum_kantelmoment', message: SCHEMA_MESSAGES.date }, schema: true },
  { change: { datum_kantelmoment: '01/01/2099' }, error: { field: 'datum_kantelmoment', message: SCHEMA_MESSAGES.future }, schema: true },
  { change: { bron: 'facebook' }, error: { field: 'bron', message: /^Onbekende bron\./ }, schema: false },
  { change: { bron: '' }, error: { field: 'bron', message: SCHEMA_MESSAGES.source }, schema: true },
  { change: { toestemming: 'misschien' }, error: { field: 'toestemming', message: /^Onbekende toestemming\./ }, schema: false },
  { change: { bron: 'partner', toestemming: 'gevraagd' }, error: { field: 'toestemming', message: SCHEMA_MESSAGES.partnerConsent }, schema: true },
  { change: { postcode: '0900' }, error: { field: 'postcode', message: SCHEMA_MESSAGES.postalCode }, schema: true },
  { change: { postcode: 'ABCD' }, error: { field: 'postcode', message: SCHEMA_MESSAGES.postalCode }, schema: true },
  { change: { email: 'geen-adres' }, error: { field: 'email', message: SCHEMA_MESSAGES.email }, schema: true },
  { change: { telefoon: 'bel me' }, error: { field: 'telefoon', message: SCHEMA_MESSAGES.phone }, schema: true },
  { change: { geboortedatum: 'ooit' }, error: { field: 'geboortedatum', message: SCHEMA_MESSAGES.birthDate }, schema: true },
  { change: (c) => ({ voornaam: `${c.voornaam}\uFFFD` }), error: { field: 'voornaam', message: /^Deze kolom bevat onleesbare tekens/ }, schema: false },
  { change: {}, extra: 'te veel', error: { message: new RegExp(`^Deze regel heeft ${CONTACTS_CSV_COLUMNS.length + 1} velden, de kop ${CONTACTS_CSV_COLUMNS.length}:`) }, schema: false },
];

function defectRow(n: number): fc.Arbitrary<TRowSpec> {
  return fc.tuple(validRow(n), fc.integer({ min: 0, max: DEFECTS.length - 1 })).map(([row, i]) => {
    const defect = DEFECTS[i]!;
    const change = typeof defect.change === 'function' ? defect.change(row.cells) : defect.change;
    return { kind: 'defect', cells: { ...row.cells, ...change } as TCells, extra: defect.extra, error: defect.error, personal: defect.schema };
  });
}

// --- Files ------------------------------------------------------------------------------------------------

interface TFile {
  columns: TColumn[];
  header: string[];
  rows: TRowSpec[];
  delimiter: ';' | ',';
  eol: '\n' | '\r\n' | '\r';
  bom: boolean;
  asBytes: boolean;
}

const fileArbitrary = (maxRows: number): fc.Arbitrary<TFile> =>
  fc
    .record({
      columns: fc.shuffledSubarray([...COLUMNS], { minLength: COLUMNS.length }),
      headerStyle: fc.constantFrom('lower', 'upper', 'spaced'),
      kinds: fc.array(fc.constantFrom('valid', 'valid', 'valid', 'defect', 'defect', 'duplicate', 'blank'), { maxLength: maxRows }),
      delimiter: fc.constantFrom(';' as const, ',' as const),
      eol: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const),
      bom: fc.boolean(),
      asBytes: fc.boolean(),
      picks: fc.array(fc.nat(), { minLength: maxRows, maxLength: maxRows }),
    })
    .chain((f) => {
      const rowArbitraries = f.kinds.map((kind, n): fc.Arbitrary<TRowSpec> => {
        if (kind === 'valid') return validRow(n).map((r) => ({ kind: 'valid', ...r }));
        if (kind === 'defect') return defectRow(n);
        if (kind === 'blank') return fc.constantFrom('empty' as const, 'spaces' as const, 'tab' as const, 'delimiters' as const).map((text) => ({ kind: 'blank', text }));
        return fc.constant({ kind: 'duplicate', of: f.picks[n]! });
      });
      return fc.tuple(...rowArbitraries).map((rows) => ({
        columns: f.columns,
        header: f.columns.map((c) => (f.headerStyle === 'upper' ? c.toUpperCase() : f.headerStyle === 'spaced' ? ` ${c} ` : c)),
        rows,
        delimiter: f.delimiter,
        eol: f.eol,
        bom: f.bom,
        asBytes: f.asBytes,
      }));
    });

function quote(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || /["\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The file's content, and what the parser must return for it. */
function build(file: TFile) {
  const lines: string[] = [file.header.join(file.delimiter)];
  const valid: { line: number; input: TNewContactInput }[] = [];
  const errors: { line: number; field?: TColumn; message: string | RegExp }[] = [];
  const validRows: { line: number; cells: TCells; input: TNewContactInput }[] = [];
  let line = 2;
  let totalRows = 0;
  for (const row of file.rows) {
    if (row.kind === 'blank') {
      // An empty line, or an "empty" spreadsheet row: not a row of data.
      lines.push({ empty: '', spaces: '   ', tab: '\t', delimiters: file.delimiter.repeat(3) }[row.text]);
      line += 1;
      continue;
    }
    // A duplicate repeats an earlier valid row; with none before it, it is one more valid row.
    const original = row.kind === 'duplicate' ? validRows[row.of % Math.max(validRows.length, 1)] : undefined;
    if (row.kind === 'duplicate' && !original) continue;
    const cells = row.kind === 'duplicate' ? original!.cells : row.cells;
    const values = file.columns.map((c) => cells[c]);
    if (row.kind === 'defect' && row.extra) values.push(row.extra);
    lines.push(values.map((v) => quote(v, file.delimiter)).join(file.delimiter));
    totalRows += 1;
    if (row.kind === 'valid') {
      valid.push({ line, input: row.input });
      validRows.push({ line, cells, input: row.input });
    } else if (row.kind === 'duplicate') {
      errors.push({ line, message: new RegExp(`^Dubbel met regel ${original!.line}: `) });
    } else {
      // The parser never repeats a person's value: a schema message that would, becomes a neutral one.
      const personal = PERSONAL_COLUMNS.map((c) => cells[c].trim()).filter((v) => v.length >= 3);
      const leaks = row.personal && typeof row.error.message === 'string' && personal.some((v) => (row.error.message as string).includes(v));
      errors.push({ line, field: row.error.field, message: leaks ? `Ongeldige waarde in kolom ${row.error.field}.` : row.error.message });
    }
    line += 1 + values.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
  }
  const text = (file.bom ? '\uFEFF' : '') + lines.join(file.eol) + file.eol;
  return { csv: file.asBytes ? new TextEncoder().encode(text) : text, valid, errors, totalRows };
}

function expectOutcome(actual: ReturnType<typeof parseContactsCsv>, expected: ReturnType<typeof build>) {
  expect(actual.totalRows).toBe(expected.totalRows);
  expect(actual.valid).toEqual(expected.valid);
  expect(actual.errors.map((e) => ({ line: e.line, field: e.field }))).toEqual(expected.errors.map((e) => ({ line: e.line, field: e.field })));
  actual.errors.forEach((e, i) => {
    const want = expected.errors[i]!.message;
    if (typeof want === 'string') expect(e.message).toBe(want);
    else expect(e.message).toMatch(want);
    expect(e.message).toMatch(DUTCH_MESSAGE);
  });
}

// --- Random files -----------------------------------------------------------------------------------------

const NOISE_CELLS = ['"', '""', '"a"b"', ';', ',', '\n', '\r\n', '\r', ' ', '', 'kantelmoment', 'bron', 'voornaam', 'achternaam', 'verhuis', 'burgerzaken',
  '31/02/2025', '9000', '\u0000', '\uFFFD', '\uFEFF', '\uD800', '=cmd|\' /C calc\'!A0', '<script>', '𝕏', 'é'.repeat(300)];
const noiseFile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.uint8Array({ maxLength: 3000 }),
  fc
    .tuple(
      fc.shuffledSubarray([...CONTACTS_CSV_COLUMNS, 'onbekend', '', 'voornaam'], { minLength: 0 }),
      fc.array(fc.array(fc.oneof(fc.constantFrom(...NOISE_CELLS), fc.string({ unit: 'binary', maxLength: 12 })), { maxLength: 18 }), { maxLength: 40 }),
      fc.constantFrom(';', ','),
      fc.constantFrom('\n', '\r\n', '\r'),
    )
    .map(([header, rows, delimiter, eol]) => [header.join(delimiter), ...rows.map((r) => r.join(delimiter))].join(eol)),
);

describe('the contacts CSV parser under random and hostile files', () => {
  it(`reads ${PARSE_RUNS} model-built files exactly: valid rows as written, each bad row with its Dutch message on its line`, () => {
    expect(CONTACTS_CSV_COLUMNS).toEqual(COLUMNS);
    let runs = 0;
    let rows = 0;
    let rejected = 0;
    fc.assert(
      fc.property(fileArbitrary(25), (file) => {
        runs += 1;
        const expected = build(file);
        expectOutcome(parseContactsCsv(expected.csv, { lifeEventIds: LIFE_EVENT_IDS }), expected);
        rows += expected.totalRows;
        rejected += expected.errors.length;
      }),
      { numRuns: PARSE_RUNS },
    );
    expect(runs).toBe(PARSE_RUNS);
    console.info(`parse property: ${PARSE_RUNS} files, ${rows} rows, ${rows - rejected} read as valid, ${rejected} rejected with the expected message and line`);
  });

  it(`never throws on ${NOISE_RUNS} random texts and byte strings, and every message is Dutch and names a real line`, () => {
    let runs = 0;
    let messages = 0;
    fc.assert(
      fc.property(noiseFile, (input) => {
        runs += 1;
        const result = parseContactsCsv(input, { lifeEventIds: LIFE_EVENT_IDS });
        const text = typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
        const physicalLines = text.replace(/\r\n?/g, '\n').split('\n').length;
        for (const error of result.errors) {
          messages += 1;
          expect(Number.isInteger(error.line) && error.line >= 1 && error.line <= physicalLines, `line ${error.line} of ${physicalLines}`).toBe(true);
          expect(error.message).toMatch(DUTCH_MESSAGE);
        }
        const lines = result.valid.map((v) => v.line);
        expect(new Set(lines).size).toBe(lines.length);
        expect(result.valid.length).toBeLessThanOrEqual(result.totalRows);
      }),
      { numRuns: NOISE_RUNS },
    );
    expect(runs).toBe(NOISE_RUNS);
    expect(messages).toBeGreaterThan(NOISE_RUNS / 2);
    console.info(`noise property: ${NOISE_RUNS} random files, ${messages} messages, all Dutch and on a real line`);
  });
});

describe.each(DATABASE_KINDS)('importing random and hostile lists (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
  });
  afterAll(async () => database?.dispose());

  it(`imports ${IMPORT_RUNS} model-built files: exactly the valid rows become contacts, the rest is reported by line`, async () => {
    const contacts = createContactRepository(database.db);
    const audit = createAccessAuditRepository(database.db);
    let runs = 0;
    let imported = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(fileArbitrary(12), async (file) => {
        runs += 1;
        const expected = build(file);
        const workerId = `worker-fc-${runs}`;
        const outcome = await importContacts({ csv: expected.csv, workerId, content, contacts, now: new Date(), via: 'command', audit: { log: audit, actorId: workerId } });
        expectOutcome({ valid: [], errors: outcome.errors, totalRows: outcome.totalRows }, { ...expected, valid: [] });
        expect(outcome.imported).toBe(expected.valid.length);
        const stored = await database.db.contact.findMany({ where: { assignedWorkerId: workerId }, orderBy: { caseCode: 'asc' } });
        expect(stored.map((c) => c.caseCode)).toEqual(outcome.caseCodes);
        // Every field as the list had it (after trimming), in the order of the file.
        stored.forEach((c, i) => {
          const want = expected.valid[i]!.input;
          expect({
            lifeEvent: c.lifeEvent, eventDate: c.eventDate ?? undefined, detectionSource: c.detectionSource, consentStatus: c.consentStatus, firstName: c.firstName, lastName: c.lastName,
            street: c.street ?? undefined, houseNumber: c.houseNumber ?? undefined, postalCode: c.postalCode ?? undefined, municipality: c.municipality ?? undefined,
            phone: c.phone ?? undefined, email: c.email ?? undefined, birthDate: c.birthDate ?? undefined, relatives: c.relatives ?? undefined,
          }).toEqual(want);
        });
        imported += outcome.imported;
        rejected += outcome.errors.length;
      }),
      { numRuns: IMPORT_RUNS },
    );
    expect(runs).toBe(IMPORT_RUNS);
    console.info(`import property (${kind}): ${IMPORT_RUNS} files, ${imported} contacts imported, ${rejected} rows rejected`);
  }, 120_000);
});
