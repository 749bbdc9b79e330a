import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTACTS_CSV_COLUMNS, decodeCsvBytes, parseContactsCsv, type TCsvImportResult } from '../../bot/contacts/parse-contacts-csv.ts';
import { FIXTURE_PATH, generateContactsCsv } from '../../scripts/generate-contacts-fixture.ts';

const LIFE_EVENT_IDS = ['partner_death', 'move', 'divorce', 'single_older', 'other'] as const;
const parseCsv = (text: string | Uint8Array, opts: { lifeEventAliases?: Record<string, string>; maxRows?: number } = {}) =>
  parseContactsCsv(text, { lifeEventIds: LIFE_EVENT_IDS, ...opts });
const where = (result: TCsvImportResult) => result.errors.map(({ line, field }) => ({ line, field }));
const HEAD = 'kantelmoment;bron;voornaam;achternaam';

/** Windows-1252 bytes, written out by hand (Latin-1 range plus the two 0x80–0x9F characters used here). */
function cp1252(text: string): Uint8Array {
  const special: Record<string, number> = { '’': 0x92, '€': 0x80 };
  return Uint8Array.from([...text].map((ch) => special[ch] ?? ch.charCodeAt(0)));
}

describe('the 1,000-row civil-affairs list fixture', () => {
  const bytes = readFileSync(FIXTURE_PATH);
  const result = parseCsv(bytes);

  it('is what the generator writes (regenerate with node --import tsx scripts/generate-contacts-fixture.ts)', () => {
    expect(bytes.toString('utf8')).toBe(generateContactsCsv());
  });

  it('reads 993 valid contacts out of 1,000 rows', () => {
    expect(result.totalRows).toBe(1000);
    expect(result.valid).toHaveLength(993);
  });

  it('reports exactly the 7 bad rows, by physical line (quoted cells with line breaks come before them) and column', () => {
    expect(where(result)).toEqual([
      { line: 45, field: 'achternaam' }, // missing achternaam
      { line: 148, field: 'kantelmoment' }, // "pensioen"
      { line: 312, field: 'datum_kantelmoment' }, // 31/02/2025
      { line: 467, field: 'toestemming' }, // partner signal, consent only asked
      { line: 643, field: 'postcode' }, // 0900
      { line: 830, field: 'datum_kantelmoment' }, // 2099
      { line: 1010, field: undefined }, // duplicate of line 519
    ]);
    expect(result.errors.map((e) => e.message)).toEqual([
      'Vul de achternaam in.',
      expect.stringMatching(/^Onbekend kantelmoment/),
      'Geen geldige datum: gebruik dd/mm/jjjj.',
      'Een signaal van een partner mag je alleen registreren met toestemming van de persoon.',
      'Een Belgische postcode heeft 4 cijfers.',
      'De datum van het kantelmoment ligt in de toekomst.',
      expect.stringMatching(/^Dubbel met regel 519\b/),
    ]);
  });

  it('gives valid rows their physical line, past multi-line cells', () => {
    const lines = result.valid.map((v) => v.line);
    expect(lines[0]).toBe(2);
    expect(lines.at(-1)).toBe(1044);
    expect(lines).toContain(519);
    expect(lines).not.toContain(1010);
    expect(new Set(lines).size).toBe(993);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
    const duplicated = result.valid.find((v) => v.line === 519)!.input;
    expect(duplicated).toMatchObject({ firstName: 'Noël', lastName: 'Van der Linden', birthDate: '1941-09-14', lifeEvent: 'partner_death' });
    expect(result.valid.some((v) => v.input.relatives?.includes('\n'))).toBe(true);
  });

  it('never repeats a name in a message', () => {
    const names = result.valid.flatMap((v) => [v.input.firstName, v.input.lastName]);
    for (const { message } of result.errors) for (const name of names) expect(message).not.toContain(name);
  });
});

describe('parseContactsCsv', () => {
  it('exports the documented columns in order', () => {
    expect(CONTACTS_CSV_COLUMNS).toEqual([
      'kantelmoment', 'datum_kantelmoment', 'bron', 'toestemming', 'voornaam', 'achternaam', 'straat',
      'huisnummer', 'postcode', 'gemeente', 'telefoon', 'email', 'geboortedatum', 'naasten',
    ]);
  });

  it('reads a full row into the schema fields', () => {
    const csv = `${CONTACTS_CSV_COLUMNS.join(';')}\nweduwe;03/02/2024;burgerzaken;niet nodig;An;Peeters;Kerkstraat;12 bus 3;9000;Gent;09 123 45 67;an@example.org;1941;dochter Els`;
    expect(parseCsv(csv)).toEqual({
      valid: [
        {
          line: 2,
          input: {
            lifeEvent: 'partner_death', eventDate: '2024-02-03', detectionSource: 'civil_affairs_list', consentStatus: 'not_needed',
            firstName: 'An', lastName: 'Peeters', street: 'Kerkstraat', houseNumber: '12 bus 3', postalCode: '9000',
            municipality: 'Gent', phone: '09 123 45 67', email: 'an@example.org', birthDate: '1941', relatives: 'dochter Els',
          },
        },
      ],
      errors: [],
      totalRows: 1,
    });
  });

  describe('delimiter and header', () => {
    it('detects `,` as well as `;` from the header, with quoted delimiters inside cells', () => {
      const semi = parseCsv('kantelmoment;bron;voornaam;achternaam;naasten\nverhuis;burgerzaken;An;Peeters;"Els, Tom; Mia"');
      const comma = parseCsv('kantelmoment,bron,voornaam,achternaam,naasten\nverhuis,burgerzaken,An,Peeters,"Els, Tom; Mia"');
      expect(semi.errors).toEqual([]);
      expect(comma.errors).toEqual([]);
      expect(comma.valid).toEqual(semi.valid);
      expect(comma.valid[0]?.input.relatives).toBe('Els, Tom; Mia');
    });

    it('takes `;` when the header has `;` and the data has commas', () => {
      const result = parseCsv('kantelmoment;bron;voornaam;achternaam;naasten\nverhuis;burgerzaken;An;Peeters;Els, Tom');
      expect(result.valid[0]?.input.relatives).toBe('Els, Tom');
    });

    it('accepts any column order, any case and surrounding spaces in the header', () => {
      const result = parseCsv(' Achternaam ;VOORNAAM; Bron;Kantelmoment \nPeeters;An;burgerzaken;verhuis');
      expect(result.errors).toEqual([]);
      expect(result.valid[0]?.input).toMatchObject({ firstName: 'An', lastName: 'Peeters', lifeEvent: 'move' });
    });

    it('strips a UTF-8 BOM, in a string or in bytes', () => {
      const text = `\uFEFF${HEAD}\nverhuis;burgerzaken;Éloïse;Peeters`;
      for (const input of [text, new TextEncoder().encode(text)]) {
        const result = parseCsv(input);
        expect(result.errors).toEqual([]);
        expect(result.valid[0]?.input.firstName).toBe('Éloïse');
      }
    });

    it('reports unknown columns once on line 1, by name, and still reads the rows', () => {
      const result = parseCsv(`${HEAD};voornam;opmerking;constructor\nverhuis;burgerzaken;An;Peeters;x;y;z\nscheiding;eigen;Jan;Claes;;;`);
      expect(where(result)).toEqual([{ line: 1, field: undefined }]);
      expect(result.errors[0]?.message).toMatch(/voornam, opmerking, constructor/);
      expect(result.valid.map((v) => v.line)).toEqual([2, 3]);
    });

    it('reports a missing required column once on line 1 and reads no rows', () => {
      const result = parseCsv('kantelmoment;voornaam;achternaam\nverhuis;An;Peeters\nscheiding;Jan;Claes');
      expect(result.errors).toEqual([{ line: 1, message: expect.stringMatching(/kolom ontbreekt in de kop: bron\b/) }]);
      expect(result.valid).toEqual([]);
      expect(result.totalRows).toBe(2);
    });

    it('does not echo the first row when the header line is missing', () => {
      const result = parseCsv('verhuis;burgerzaken;Rozemarijn;Vandekerckhove\nscheiding;eigen;Jan;Claes');
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]?.message).toMatch(/kantelmoment, bron, voornaam, achternaam/);
      expect(result.errors[0]?.message).not.toMatch(/Rozemarijn|Vandekerckhove/);
      expect(result.valid).toEqual([]);
    });

    it('refuses a header that names a column twice', () => {
      const result = parseCsv(`${HEAD};voornaam\nverhuis;burgerzaken;An;Peeters;Anna`);
      expect(result.errors).toEqual([{ line: 1, message: expect.stringMatching(/meer dan eens.*voornaam/) }]);
      expect(result.valid).toEqual([]);
    });

    it('reports an empty file', () => {
      expect(parseCsv('\n\n').errors).toEqual([{ line: 1, message: expect.stringMatching(/leeg/) }]);
    });
  });

  describe('line numbers', () => {
    const csv = [
      HEAD + ';naasten', // 1
      'verhuis;burgerzaken;An;Peeters;"dochter Els', // 2
      'zoon Tom; buurvrouw Mia"', // 3
      '', // 4
      'verhuis;burgerzaken;Jan;;', // 5: missing achternaam
      ';;;;', // 6: an "empty" Excel row
      'scheiding;"dienst', // 7: cell with a line break, bad bron
      'onbekend";Mia;Claes;', // 8
      'onbekend;eigen;Lea;Maes;', // 9: bad kantelmoment
    ];

    it.each([
      ['LF', '\n'],
      ['CRLF', '\r\n'],
      ['CR', '\r'],
    ])('are physical lines, also after quoted line breaks and empty lines (%s)', (_name, eol) => {
      const result = parseCsv(csv.join(eol) + eol);
      expect(result.valid.map((v) => v.line)).toEqual([2]);
      expect(result.valid[0]?.input.relatives).toBe('dochter Els\nzoon Tom; buurvrouw Mia');
      expect(where(result)).toEqual([
        { line: 5, field: 'achternaam' },
        { line: 7, field: 'bron' },
        { line: 9, field: 'kantelmoment' },
      ]);
      expect(result.totalRows).toBe(4);
    });

    it('reports a quote that is never closed at the line where it opens, keeping the rows before it', () => {
      const result = parseCsv(`${HEAD}\nverhuis;burgerzaken;An;Peeters\n\nverhuis;burgerzaken;"Jan;Claes\nscheiding;eigen;Mia;Maes\n`);
      expect(result.valid.map((v) => v.line)).toEqual([2]);
      expect(result.errors).toEqual([{ line: 4, message: expect.stringMatching(/regel 4 tot 5/) }]);
    });

    it('reports a row with more cells than the header, but accepts trailing empty cells', () => {
      const result = parseCsv(`${HEAD}\nverhuis;burgerzaken;An;Peeters;;;\nverhuis;burgerzaken;Jan;Van;Damme`);
      expect(result.valid.map((v) => v.line)).toEqual([2]);
      expect(where(result)).toEqual([{ line: 3, field: undefined }]);
      expect(result.errors[0]?.message).toMatch(/5 velden, de kop 4/);
    });
  });

  describe('values', () => {
    const withEvent = (value: string, opts = {}) => parseCsv(`${HEAD}\n${value};burgerzaken;An;Peeters`, opts);

    it.each([
      ['partner_death', 'partner_death'],
      ['Overlijden partner', 'partner_death'],
      ['overlijden', 'partner_death'],
      ['WEDUWE', 'partner_death'],
      ['weduwnaar', 'partner_death'],
      ['Partner_Death', 'partner_death'],
      ['verhuis', 'move'],
      ['Verhuizing', 'move'],
      ['nieuwe  inwoner', 'move'],
      ['scheiding', 'divorce'],
      ['echtscheiding', 'divorce'],
      ['Alleenstaand', 'single_older'],
      ['leeftijd', 'single_older'],
      ['ander', 'other'],
      ['Andere', 'other'],
      ['Wédüwe', 'partner_death'],
    ])('kantelmoment %j → %s', (value, id) => {
      const result = withEvent(value);
      expect(result.errors).toEqual([]);
      expect(result.valid[0]?.input.lifeEvent).toBe(id);
    });

    it('extends the kantelmoment aliases with opts.lifeEventAliases', () => {
      expect(withEvent('pensioen').errors).toEqual([{ line: 2, field: 'kantelmoment', message: expect.stringMatching(/^Onbekend kantelmoment/) }]);
      const result = withEvent('Pensioen', { lifeEventAliases: { pensioen: 'single_older' } });
      expect(result.valid[0]?.input.lifeEvent).toBe('single_older');
    });

    it('refuses an alias that points at a life event that is not in the list', () => {
      const result = parseContactsCsv(`${HEAD}\nverhuis;burgerzaken;An;Peeters`, { lifeEventIds: ['partner_death'] });
      expect(where(result)).toEqual([{ line: 2, field: 'kantelmoment' }]);
    });

    it.each([
      ['burgerzaken', 'civil_affairs_list'],
      ['Dienst burgerzaken', 'civil_affairs_list'],
      ['lijst burgerzaken', 'civil_affairs_list'],
      ['civil_affairs_list', 'civil_affairs_list'],
      ['eigen werking', 'own_work'],
      ['Eigen', 'own_work'],
      ['own_work', 'own_work'],
      ['partner', 'partner_signal'],
      ['Partnersignaal', 'partner_signal'],
      ['partner_signal', 'partner_signal'],
    ])('bron %j → %s', (value, id) => {
      const result = parseCsv(`${HEAD};toestemming\nverhuis;${value};An;Peeters;ja`);
      expect(result.errors).toEqual([]);
      expect(result.valid[0]?.input.detectionSource).toBe(id);
    });

    it.each([
      ['', 'not_needed'],
      ['niet nodig', 'not_needed'],
      ['Niet Nodig', 'not_needed'],
      ['gevraagd', 'asked'],
      ['ja', 'given'],
      ['Gegeven', 'given'],
      ['nee', 'refused'],
      ['geweigerd', 'refused'],
      ['refused', 'refused'],
    ])('toestemming %j → %s', (value, id) => {
      const result = parseCsv(`${HEAD};toestemming\nverhuis;burgerzaken;An;Peeters;${value}`);
      expect(result.errors).toEqual([]);
      expect(result.valid[0]?.input.consentStatus).toBe(id);
    });

    it('defaults toestemming to not_needed without the column', () => {
      expect(parseCsv(`${HEAD}\nverhuis;burgerzaken;An;Peeters`).valid[0]?.input.consentStatus).toBe('not_needed');
    });

    it('reads dates as dd/mm/yyyy or yyyy-mm-dd and reports impossible ones in Dutch', () => {
      const result = parseCsv(
        `${HEAD};datum_kantelmoment;geboortedatum\nverhuis;burgerzaken;An;Peeters;05/03/2024;1941-07-30\nverhuis;burgerzaken;Jan;Claes;2024-03-05;30/07/1941\nverhuis;burgerzaken;Mia;Maes;31/02/2025;\nverhuis;burgerzaken;Lea;Maes;;31/02/1941`,
      );
      expect(result.valid.map((v) => [v.input.eventDate, v.input.birthDate])).toEqual([
        ['2024-03-05', '1941-07-30'],
        ['2024-03-05', '1941-07-30'],
      ]);
      expect(result.errors).toEqual([
        { line: 4, field: 'datum_kantelmoment', message: 'Geen geldige datum: gebruik dd/mm/jjjj.' },
        { line: 5, field: 'geboortedatum', message: 'Vul een geboortejaar (jjjj) of geboortedatum (dd/mm/jjjj) in.' },
      ]);
    });

    it('reports every problem of a row, one per column, and keeps the good rows', () => {
      const result = parseCsv(
        `${HEAD};toestemming;postcode;email\nverhuis;burgerzaken;An;Peeters;;9000;\nverhuis;partner;;Claes;gevraagd;900;x@\nscheiding;eigen;Mia;Maes;;;`,
      );
      expect(result.valid.map((v) => v.line)).toEqual([2, 4]);
      expect(where(result)).toEqual([
        { line: 3, field: 'voornaam' },
        { line: 3, field: 'postcode' },
        { line: 3, field: 'email' },
        { line: 3, field: 'toestemming' },
      ]);
    });
  });

  describe('encoding', () => {
    it('reads Windows-1252 bytes (invalid UTF-8), including the 0x80–0x9F range', () => {
      const bytes = cp1252(`${HEAD};straat\nweduwe;burgerzaken;Éloïse;Vandenbroucke-Éloïse;Kerkstraat\nverhuis;eigen;Renée;D’Hondt;Rue de l’Église`);
      expect(decodeCsvBytes(bytes).encoding).toBe('windows-1252');
      const result = parseCsv(bytes);
      expect(result.errors).toEqual([]);
      expect(result.valid.map((v) => [v.input.firstName, v.input.lastName])).toEqual([
        ['Éloïse', 'Vandenbroucke-Éloïse'],
        ['Renée', 'D’Hondt'],
      ]);
      expect(result.valid[1]?.input.street).toBe('Rue de l’Église');
    });

    it('reads UTF-8 bytes as UTF-8', () => {
      const bytes = new TextEncoder().encode(`${HEAD}\nweduwe;burgerzaken;Éloïse;D’Hondt`);
      expect(decodeCsvBytes(bytes).encoding).toBe('utf-8');
      expect(parseCsv(bytes).valid[0]?.input.lastName).toBe('D’Hondt');
    });

    it('refuses cells that were already decoded wrongly (replacement characters) instead of storing garbled names', () => {
      const result = parseCsv(`${HEAD}\nweduwe;burgerzaken;\uFFFDlo\uFFFDse;Peeters\nverhuis;eigen;Jan;Claes`);
      expect(where(result)).toEqual([{ line: 2, field: 'voornaam' }]);
      expect(result.errors[0]?.message).toMatch(/CSV UTF-8/);
      expect(result.valid.map((v) => v.line)).toEqual([3]);
    });
  });

  describe('maxRows', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `verhuis;burgerzaken;Persoon${i};Peeters`);

    it('reads up to maxRows rows and reports the rest once', () => {
      const result = parseCsv([HEAD, ...rows(5)].join('\n'), { maxRows: 3 });
      expect(result.valid.map((v) => v.line)).toEqual([2, 3, 4]);
      expect(result.errors).toEqual([{ line: 5, message: expect.stringMatching(/5 rijen.*hoogstens 3.*Vanaf regel 5/) }]);
      expect(result.totalRows).toBe(5);
    });

    it('defaults to 5000 rows', () => {
      const atLimit = parseCsv([HEAD, ...rows(5000)].join('\n'));
      expect(atLimit.errors).toEqual([]);
      expect(atLimit.valid).toHaveLength(5000);
      const over = parseCsv([HEAD, ...rows(5001)].join('\n'));
      expect(over.valid).toHaveLength(5000);
      expect(where(over)).toEqual([{ line: 5002, field: undefined }]);
    });
  });

  describe('duplicates', () => {
    const HEAD_DUP = `${HEAD};geboortedatum`;

    it('reports a later row with the same voornaam, achternaam, geboortedatum and kantelmoment', () => {
      const result = parseCsv(
        `${HEAD_DUP}\nweduwe;burgerzaken;Noël;Van der Linden;14/09/1941\nverhuis;eigen;Jan;Claes;\noverlijden partner;eigen;NOEL;van der linden;1941-09-14\nverhuis;burgerzaken;Jan;Claes;`,
      );
      expect(result.valid.map((v) => v.line)).toEqual([2, 3]);
      expect(result.errors).toEqual([
        { line: 4, message: expect.stringMatching(/^Dubbel met regel 2\b/) },
        { line: 5, message: expect.stringMatching(/^Dubbel met regel 3\b/) },
      ]);
    });

    it('keeps rows that differ in kantelmoment or geboortedatum', () => {
      const result = parseCsv(
        `${HEAD_DUP}\nweduwe;burgerzaken;An;Peeters;1941\nverhuis;burgerzaken;An;Peeters;1941\nweduwe;burgerzaken;An;Peeters;1942\nweduwe;burgerzaken;An;Peeters;`,
      );
      expect(result.errors).toEqual([]);
      expect(result.valid).toHaveLength(4);
    });
  });

  it('replaces a schema message that happens to contain a cell of the person by a neutral one', () => {
    // Safety net for future schema messages: here the achternaam "Vul" appears in "Vul de voornaam in."
    const result = parseCsv(`${HEAD}\nverhuis;burgerzaken;;Vul`);
    expect(result.errors).toEqual([{ line: 2, field: 'voornaam', message: 'Ongeldige waarde in kolom voornaam.' }]);
  });

  it('never repeats a cell value in a message', () => {
    const secrets = {
      kantelmoment: 'Kwispelstaart',
      datum_kantelmoment: 'Zeventien',
      bron: 'Flurkendam',
      toestemming: 'Brolleke',
      voornaam: 'Geheimpje'.repeat(10),
      achternaam: 'Verborgen'.repeat(10),
      straat: 'Schuilweg'.repeat(15),
      huisnummer: 'Huisje'.repeat(5),
      postcode: 'Zwijgzaam',
      gemeente: 'Stilledorp'.repeat(10),
      telefoon: 'Belmijnooit',
      email: 'Stiekem@',
      geboortedatum: 'Jaartalloos',
      naasten: 'Tantezus'.repeat(70),
    };
    const columns = Object.keys(secrets);
    const result = parseCsv(`${columns.join(';')}\n${Object.values(secrets).join(';')}`);
    expect(result.valid).toEqual([]);
    expect(result.errors.map((e) => e.field).sort()).toEqual([...columns].sort());
    for (const { message } of result.errors) {
      for (const secret of Object.values(secrets)) expect(message).not.toContain(secret.slice(0, 8));
    }
  });
});
