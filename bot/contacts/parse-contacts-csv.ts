import { parse } from 'csv-parse/sync';
import type { z } from 'zod/v4';
import { ZNewContactSchema, type TNewContactInput } from './contact-input.ts';

// Reads a civil-affairs list (CSV, as exported by Excel nl-BE or a population register) into new contacts.
// Every row is validated with ZNewContactSchema – the same definition as the "nieuw contact" card – and every
// problem is reported by its physical line in the file, so a worker can open the file and find it.
// Privacy: messages name a line and a column, never a cell's value (they end up on screens and maybe in logs).
// Documentation for the people who make the file: docs/import-contacts.md.

export interface TCsvImportResult {
  valid: { line: number; input: TNewContactInput }[];
  /** Dutch messages, one per problem, sorted by line. `field` is the CSV column name. */
  errors: { line: number; field?: string; message: string }[];
  /** Data rows read (blank lines and rows of empty cells do not count; rows beyond `maxRows` do). */
  totalRows: number;
}

export interface TCsvImportOptions {
  lifeEventIds: readonly string[];
  /** Extra Dutch names for life events: alias → id. Case and accents do not matter. */
  lifeEventAliases?: Record<string, string>;
  /** Default 5000. Rows beyond it are counted, reported once and not read. */
  maxRows?: number;
}

type TSchemaKey = keyof TNewContactInput;

/** CSV column → field of the new-contact schema, in the documented order. */
const COLUMN_FIELDS = {
  kantelmoment: 'lifeEvent',
  datum_kantelmoment: 'eventDate',
  bron: 'detectionSource',
  toestemming: 'consentStatus',
  voornaam: 'firstName',
  achternaam: 'lastName',
  straat: 'street',
  huisnummer: 'houseNumber',
  postcode: 'postalCode',
  gemeente: 'municipality',
  telefoon: 'phone',
  email: 'email',
  geboortedatum: 'birthDate',
  naasten: 'relatives',
} as const satisfies Record<string, TSchemaKey>;

type TColumn = keyof typeof COLUMN_FIELDS;

export const CONTACTS_CSV_COLUMNS: readonly string[] = Object.freeze(Object.keys(COLUMN_FIELDS));
export const CONTACTS_CSV_REQUIRED_COLUMNS: readonly string[] = Object.freeze(['kantelmoment', 'bron', 'voornaam', 'achternaam']);
export const DEFAULT_MAX_ROWS = 5000;

/** Columns about the person (not vocabulary such as "partner"): their values must never appear in a message. */
const PERSONAL_COLUMNS: ReadonlySet<string> = new Set(['voornaam', 'achternaam', 'straat', 'huisnummer', 'telefoon', 'email', 'geboortedatum', 'naasten']);

const FIELD_COLUMNS = Object.fromEntries(Object.entries(COLUMN_FIELDS).map(([column, field]) => [field, column])) as Record<
  TSchemaKey,
  TColumn
>;

/** Lower case, no accents, single spaces; `_` and `-` count as spaces ("Partner_Death" = "partner death"). */
const normalize = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[_\-\s]+/g, ' ')
    .trim();

export const DEFAULT_LIFE_EVENT_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  'overlijden partner': 'partner_death',
  overlijden: 'partner_death',
  weduwe: 'partner_death',
  weduwnaar: 'partner_death',
  verhuis: 'move',
  verhuizing: 'move',
  'nieuwe inwoner': 'move',
  scheiding: 'divorce',
  echtscheiding: 'divorce',
  alleenstaand: 'single_older',
  leeftijd: 'single_older',
  ander: 'other',
  andere: 'other',
});

const SOURCE_VALUES: Readonly<Record<string, string>> = {
  burgerzaken: 'civil_affairs_list',
  'dienst burgerzaken': 'civil_affairs_list',
  'lijst burgerzaken': 'civil_affairs_list',
  partner: 'partner_signal',
  partnersignaal: 'partner_signal',
  'eigen werking': 'own_work',
  eigen: 'own_work',
};

const CONSENT_VALUES: Readonly<Record<string, string>> = {
  '': 'not_needed',
  'niet nodig': 'not_needed',
  gevraagd: 'asked',
  ja: 'given',
  gegeven: 'given',
  nee: 'refused',
  geweigerd: 'refused',
};

function valueMap(ids: readonly string[], aliases: Readonly<Record<string, string>>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [alias, id] of Object.entries(aliases)) map.set(normalize(alias), id);
  for (const id of ids) map.set(normalize(id), id);
  return map;
}

const SOURCE_MAP = valueMap(['civil_affairs_list', 'partner_signal', 'own_work'], SOURCE_VALUES);
const CONSENT_MAP = valueMap(['not_needed', 'asked', 'given', 'refused'], CONSENT_VALUES);

// --- Decoding ---------------------------------------------------------------------------------------------

/** Windows-1252 bytes 0x80–0x9F (Node 20's TextDecoder('windows-1252') decodes these as ISO-8859-1 controls). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Decodes a CSV file's bytes: UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise Windows-1252
 * (what many population-register and older Excel exports write).
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    let text = '';
    for (const byte of bytes) text += byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
    return { text, encoding: 'windows-1252' };
  }
}

// --- Reading records --------------------------------------------------------------------------------------

interface TRecord {
  line: number;
  cells: string[];
}

/** The delimiter of the first non-empty line: `;` unless that line has more `,` (outside quotes). */
function detectDelimiter(text: string): ';' | ',' {
  const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? '';
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}

const countNewlines = (cells: string[]) => cells.reduce((n, cell) => n + cell.split('\n').length - 1, 0);

/** `text` has `\n` line ends only. Calls `onBadRecord` with the first and last line of a record it cannot read. */
function readRecords(text: string, delimiter: string, onBadRecord: (line: number, lastLine: number) => void): TRecord[] {
  const records: TRecord[] = [];
  const lines = text.split('\n');
  let lastEnd = 0; // last line of the previous record
  parse(text, {
    delimiter,
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // `context.lines` is the line the record ends on; it starts as many lines earlier as its (quoted) fields
    // hold line breaks.
    on_record: (cells: string[], context) => {
      lastEnd = context.lines;
      if (cells.some((c) => c.trim() !== '')) records.push({ line: context.lines - countNewlines(cells), cells });
      return null;
    },
    // In practice only a quote that is never closed: everything from its line to the end is one bad "record".
    on_skip: (err) => {
      const lastLine = typeof err?.lines === 'number' ? err.lines : lines.length;
      let first = lastEnd + 1;
      while (first < lastLine && (lines[first - 1] ?? '').trim() === '') first++;
      onBadRecord(first, lastLine);
      lastEnd = lastLine;
      return undefined;
    },
  });
  return records;
}

/**
 * The schema's Dutch message for an issue. A union without its own message (e.g. `eventDate`: empty or a date)
 * gets zod's English "Invalid input"; the Dutch message is then on the failing option's custom issue.
 */
function messageOf(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code !== 'invalid_union' || issue.message !== 'Invalid input') return issue.message;
  return issue.errors.flat().find((nested) => nested.code === 'custom')?.message;
}

// --- Parsing ----------------------------------------------------------------------------------------------

const MESSAGE = {
  missingColumns: (cols: string[]) =>
    `Verplichte kolom${cols.length > 1 ? 'men' : ''} ontbreekt in de kop: ${cols.join(', ')}. Is de eerste regel wel de kop, en is het scheidingsteken ; of ,? Er is niets ingelezen.`,
  duplicateColumns: (cols: string[]) => `Kolom${cols.length > 1 ? 'men' : ''} staat meer dan eens in de kop: ${cols.join(', ')}. Er is niets ingelezen.`,
  unknownColumns: (cols: string[]) =>
    `Onbekende kolom${cols.length > 1 ? 'men' : ''} (genegeerd): ${cols.join(', ')}. Controleer de spelling; toegelaten kolommen: ${CONTACTS_CSV_COLUMNS.join(', ')}.`,
  empty: 'Het bestand is leeg: de eerste regel moet de kop met de kolomnamen zijn.',
  unclosedQuote: (from: number, to: number) =>
    `Een aanhalingsteken (") wordt niet gesloten: regel ${from}${to > from ? ` tot ${to}` : ''} kon niet gelezen worden.`,
  tooManyCells: (cells: number, columns: number) =>
    `Deze regel heeft ${cells} velden, de kop ${columns}: staat er een scheidingsteken in een waarde zonder aanhalingstekens? De regel is niet ingelezen.`,
  tooManyRows: (max: number, total: number, fromLine: number) =>
    `Het bestand heeft ${total} rijen; er worden er hoogstens ${max} per keer ingelezen. Vanaf regel ${fromLine} is niets ingelezen: splits het bestand.`,
  unreadable: 'Deze kolom bevat onleesbare tekens (verkeerde codering). Bewaar het bestand als "CSV UTF-8" en probeer opnieuw.',
  unknownLifeEvent: (ids: readonly string[]) =>
    `Onbekend kantelmoment. Gebruik een van: ${ids.join(', ')}, of een omschrijving zoals "overlijden partner", "verhuis", "scheiding", "alleenstaand", "andere".`,
  unknownSource: 'Onbekende bron. Gebruik "burgerzaken", "partner" of "eigen werking".',
  unknownConsent: 'Onbekende toestemming. Gebruik "niet nodig", "gevraagd", "ja" of "nee" (of laat leeg).',
  duplicate: (line: number) => `Dubbel met regel ${line}: zelfde voornaam, achternaam, geboortedatum en kantelmoment. Deze regel is niet ingelezen.`,
  invalidValue: (column: string) => `Ongeldige waarde in kolom ${column}.`,
};

/**
 * Parses a CSV list of new contacts. Pass the file's bytes (a Uint8Array/Buffer) so the encoding can be detected;
 * a string is taken as already decoded. Never throws on bad content: every problem is an entry in `errors`.
 */
export function parseContactsCsv(text: string | Uint8Array, opts: TCsvImportOptions): TCsvImportResult {
  const decoded = typeof text === 'string' ? text : decodeCsvBytes(text).text;
  const normalized = decoded.replace(/\r\n?/g, '\n');
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const schema = ZNewContactSchema(opts.lifeEventIds);
  const lifeEventMap = valueMap(opts.lifeEventIds, { ...DEFAULT_LIFE_EVENT_ALIASES, ...opts.lifeEventAliases });

  const errors: TCsvImportResult['errors'] = [];
  const valid: TCsvImportResult['valid'] = [];
  const records = readRecords(normalized, detectDelimiter(normalized), (from, to) =>
    errors.push({ line: from, message: MESSAGE.unclosedQuote(from, to) }),
  );
  const done = (totalRows: number): TCsvImportResult => ({
    valid,
    errors: errors.sort((a, b) => a.line - b.line),
    totalRows,
  });

  const [header, ...rows] = records;
  if (!header) {
    if (errors.length === 0) errors.push({ line: 1, message: MESSAGE.empty });
    return done(0);
  }

  // Header: column name → index. Empty names (trailing delimiters) are ignored.
  const names = header.cells.map((c) => c.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  const index = new Map<TColumn, number>();
  const unknown: string[] = [];
  const repeated = new Set<string>();
  names.forEach((name, i) => {
    if (name === '') return;
    if (!Object.hasOwn(COLUMN_FIELDS, name)) unknown.push(name.slice(0, 40));
    else if (index.has(name as TColumn)) repeated.add(name);
    else index.set(name as TColumn, i);
  });
  const missing = CONTACTS_CSV_REQUIRED_COLUMNS.filter((c) => !index.has(c as TColumn));
  if (missing.length > 0) {
    // Unknown names are not echoed here: without a header the first "column names" are a person's data.
    errors.push({ line: header.line, message: MESSAGE.missingColumns(missing) });
    return done(rows.length);
  }
  if (repeated.size > 0) {
    errors.push({ line: header.line, message: MESSAGE.duplicateColumns([...repeated]) });
    return done(rows.length);
  }
  if (unknown.length > 0) errors.push({ line: header.line, message: MESSAGE.unknownColumns(unknown) });
  const lastUsedIndex = names.reduce((last, name, i) => (name !== '' ? i : last), -1);

  if (rows.length > maxRows) {
    errors.push({ line: rows[maxRows]!.line, message: MESSAGE.tooManyRows(maxRows, rows.length, rows[maxRows]!.line) });
  }

  const seen = new Map<string, number>();
  for (const { line, cells } of rows.slice(0, maxRows)) {
    const extra = cells.slice(lastUsedIndex + 1).some((c) => c.trim() !== '');
    if (extra) {
      errors.push({ line, message: MESSAGE.tooManyCells(cells.length, lastUsedIndex + 1) });
      continue;
    }
    const rowErrors = parseRow(line, cells);
    errors.push(...rowErrors.errors);
    if (!rowErrors.input) continue;
    const input = rowErrors.input;
    const key = [normalize(input.firstName), normalize(input.lastName), input.birthDate ?? '', input.lifeEvent].join('\u0000');
    const first = seen.get(key);
    if (first !== undefined) errors.push({ line, message: MESSAGE.duplicate(first) });
    else {
      seen.set(key, line);
      valid.push({ line, input });
    }
  }
  return done(rows.length);

  function parseRow(line: number, cells: string[]): { input?: TNewContactInput; errors: TCsvImportResult['errors'] } {
    const rowErrors: TCsvImportResult['errors'] = [];
    const flagged = new Set<string>();
    const flag = (column: string, message: string) => {
      flagged.add(column);
      rowErrors.push({ line, field: column, message });
    };
    const raw: Partial<Record<TSchemaKey, string>> = {};
    for (const [column, i] of index) {
      const value = cells[i] ?? '';
      if (value.includes('\uFFFD')) flag(column, MESSAGE.unreadable);
      raw[COLUMN_FIELDS[column]] = value;
    }
    const mapped = (column: TColumn, map: Map<string, string>, message: string) => {
      const value = raw[COLUMN_FIELDS[column]];
      if (value === undefined || flagged.has(column)) return value;
      if (value.trim() === '' && !map.has('')) return undefined; // let the schema say it is required
      const id = map.get(normalize(value));
      if (id === undefined) flag(column, message);
      return id ?? value;
    };
    const input = {
      ...raw,
      lifeEvent: mapped('kantelmoment', lifeEventMap, MESSAGE.unknownLifeEvent(opts.lifeEventIds)),
      detectionSource: mapped('bron', SOURCE_MAP, MESSAGE.unknownSource),
      consentStatus: mapped('toestemming', CONSENT_MAP, MESSAGE.unknownConsent),
    };
    const result = schema.safeParse(input);
    if (!result.success) {
      const personal = [...index]
        .filter(([column]) => PERSONAL_COLUMNS.has(column))
        .map(([, i]) => (cells[i] ?? '').trim())
        .filter((v) => v.length >= 3);
      for (const issue of result.error.issues) {
        const key = issue.path[0];
        const column = typeof key === 'string' ? FIELD_COLUMNS[key as TSchemaKey] : undefined;
        if (column && flagged.has(column)) continue; // already reported, with a CSV-specific message
        // Safety net: a message must never repeat a cell (if the schema ever echoes its input).
        const text = messageOf(issue);
        const leaks = text === undefined || personal.some((v) => text.includes(v));
        const message = leaks ? (column ? MESSAGE.invalidValue(column) : 'Ongeldige regel.') : text;
        rowErrors.push(column ? { line, field: column, message } : { line, message });
        if (column) flagged.add(column);
      }
    }
    if (rowErrors.length > 0 || !result.success) return { errors: rowErrors };
    return { input: result.data, errors: rowErrors };
  }
}
