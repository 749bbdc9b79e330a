import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ibanChecksumValid,
  leakedIdentifiers,
  nationalNumberValid,
  parseDate,
  pseudonymise,
  restore,
  type TKnownIdentifiers,
} from '../../bot/privacy/pseudonymise.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const notesDir = path.join(root, 'test/fixtures/notes');

interface NoteSpec {
  record: TKnownIdentifiers;
  other: {
    names?: string[];
    phones?: string[];
    emails?: string[];
    ibans?: string[];
    nationalNumbers?: string[];
    addresses?: string[];
    postcodes?: string[];
    birthDates?: string[];
  };
  mustSurvive: string[];
}

const specs = Object.entries(JSON.parse(readFileSync(path.join(notesDir, 'identifiers.json'), 'utf8')) as Record<string, unknown>).filter(
  ([k]) => !k.startsWith('$'),
) as [string, NoteSpec][];

const PARTICLES = new Set(['van', 'de', 'der', 'den', 'ter', 'ten', 'vande', 'vanden', 'vander', 'le', 'la', 'du', 'el']);
const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ı/g, 'i').toLowerCase();
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wholeWord = (haystack: string, needle: string): boolean =>
  new RegExp(`(?<![\\p{L}\\d])${escapeRe(fold(needle))}(?![\\p{L}\\d])`, 'u').test(fold(haystack));
/** Every run of digits in the text with separators removed ("0470 12.34/56" → "0470123456"). */
const digitRuns = (s: string): string[] => [...s.matchAll(/\d(?:[\s./()\-]{0,3}\d)*/g)].map((m) => m[0].replace(/\D/g, ''));
const digits = (s: string): string => s.replace(/\D/g, '');

/** Identifiers still readable in `out` (by a human or an LLM). */
function survivors(out: string, spec: NoteSpec): string[] {
  const list = (k: keyof NoteSpec['other']): string[] => [
    ...(spec.other[k] ?? []),
    ...(((spec.record as Record<string, string[] | undefined>)[k] as string[] | undefined) ?? []),
  ];
  const found: string[] = [];
  const runs = digitRuns(out);
  for (const name of list('names')) {
    for (const part of name.split(/[\s-]+/)) {
      if (part.length >= 2 && !PARTICLES.has(fold(part)) && wholeWord(out, part)) found.push(`name ${part}`);
    }
  }
  for (const p of list('phones')) if (runs.some((r) => r.includes(digits(p).slice(-8)))) found.push(`phone ${p}`);
  for (const n of [...list('nationalNumbers'), ...(spec.other.ibans ?? [])]) {
    if (runs.some((r) => r.includes(digits(n).slice(-11)))) found.push(`number ${n}`);
  }
  for (const e of list('emails')) if (fold(out).includes(fold(e))) found.push(`email ${e}`);
  for (const a of list('addresses')) {
    const street = a.split(',')[0]!.replace(/\b(?:nr\.?|bus)(?=\s|$)/gi, '').replace(/\d+\w?/g, '').trim();
    if (street && wholeWord(out, street)) found.push(`address ${a}`);
  }
  for (const p of spec.other.postcodes ?? []) if (new RegExp(`(?<!\\d)${p}(?!\\d)`).test(out)) found.push(`postcode ${p}`);
  for (const b of list('birthDates')) {
    const d = parseDate(b);
    const compact = d ? [`${String(d.day).padStart(2, '0')}${String(d.month).padStart(2, '0')}${d.year}`, `${d.year}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`] : [];
    if (fold(out).includes(fold(b)) || runs.some((r) => compact.includes(r))) found.push(`birth date ${b}`);
  }
  return found;
}

describe('pseudonymise – corpus of visit notes', () => {
  it('has at least 12 notes, all described in identifiers.json', () => {
    const files = readdirSync(notesDir).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(new Set(specs.map(([f]) => f))).toEqual(new Set(files));
  });

  for (const [file, spec] of specs) {
    describe(file, () => {
      const text = readFileSync(path.join(notesDir, file), 'utf8');
      const result = pseudonymise(text, spec.record);

      it('leaves no listed identifier (names, numbers by digits, e-mail, address, postcode, birth date)', () => {
        expect(survivors(result.text, spec)).toEqual([]);
      });

      it('keeps every service, municipality, weekday, month and age', () => {
        expect(spec.mustSurvive.filter((term) => !fold(result.text).includes(fold(term)))).toEqual([]);
      });

      it('restores the original exactly', () => {
        expect(restore(result.text, result.mapping)).toBe(text);
      });

      it('is deterministic', () => {
        const again = pseudonymise(text, spec.record);
        expect(again.text).toBe(result.text);
        expect([...again.mapping]).toEqual([...result.mapping]);
        expect(again.findings).toEqual(result.findings);
      });

      it('passes the final leak check', () => {
        expect(leakedIdentifiers(JSON.stringify({ messages: [{ role: 'user', content: result.text }] }), spec.record)).toEqual([]);
      });
    });
  }
});

describe('placeholders and restore', () => {
  it('numbers placeholders per kind in order of first appearance; the same original gets the same placeholder', () => {
    const r = pseudonymise('Tom belt Rita. Rita belt Tom op 0470 12 34 56 en 09 123 45 67.');
    expect(r.text).toBe('[PERSOON_1] belt [PERSOON_2]. [PERSOON_2] belt [PERSOON_1] op [TELEFOON_1] en [TELEFOON_2].');
    expect([...r.mapping]).toEqual([
      ['[PERSOON_1]', 'Tom'],
      ['[PERSOON_2]', 'Rita'],
      ['[TELEFOON_1]', '0470 12 34 56'],
      ['[TELEFOON_2]', '09 123 45 67'],
    ]);
  });

  it('replaces a full name part by part so later mentions keep the link', () => {
    const r = pseudonymise('Mevrouw Marie Peeters is moe. Mevrouw Peeters slaapt slecht.', { names: ['Marie Peeters'] });
    expect(r.text).toBe('Mevrouw [PERSOON_1] [PERSOON_2] is moe. Mevrouw [PERSOON_2] slaapt slecht.');
    expect(r.findings.every((f) => f.source === 'record')).toBe(true);
  });

  it('marks findings as record or detected', () => {
    const r = pseudonymise('Marie belt haar buurvrouw Rita.', { names: ['Marie Peeters'] });
    expect(r.findings).toEqual([
      { kind: 'PERSOON', placeholder: '[PERSOON_1]', source: 'record' },
      { kind: 'PERSOON', placeholder: '[PERSOON_2]', source: 'detected' },
    ]);
  });

  it('restores placeholders that an LLM wrote slightly differently and leaves unknown ones alone', () => {
    const mapping = new Map([['[PERSOON_1]', 'Rita']]);
    expect(restore('[PERSOON 1] en [ PERSOON_1 ] en [persoon-1] en [PERSOON_7]', mapping)).toBe('Rita en Rita en Rita en [PERSOON_7]');
  });

  it('does not collide with placeholder-like text already in the note', () => {
    const text = 'Sjabloon: [PERSOON_1] invullen. Buurvrouw Rita komt.';
    const r = pseudonymise(text);
    expect(r.text).toBe('Sjabloon: [PERSOON_1] invullen. Buurvrouw [PERSOON_2] komt.');
    expect(restore(r.text, r.mapping)).toBe(text);
  });
});

describe('phone numbers', () => {
  const notations = [
    '0470 12 34 56',
    '0470/12.34.56',
    '0470123456',
    '0470-12-34-56',
    '+32 470 12 34 56',
    '+32 (0)470 12 34 56',
    '0032470123456',
    '0032 470 12 34 56',
    '09 123 45 67',
    '09/123.45.67',
    '(09) 123 45 67',
    '052 21 43 65',
    '+32 9 123 45 67',
    '+34 612 34 56 78',
  ];
  for (const n of notations) {
    it(`replaces ${n}`, () => {
      const r = pseudonymise(`Bel haar op ${n} na 10 uur.`);
      expect(r.text).toBe('Bel haar op [TELEFOON_1] na 10 uur.');
    });
  }

  it('recognises the record phone in another notation as the record', () => {
    const r = pseudonymise('Nummer: +32 470 12 34 56.', { phones: ['0470/12.34.56'] });
    expect(r.findings).toEqual([{ kind: 'TELEFOON', placeholder: '[TELEFOON_1]', source: 'record' }]);
  });

  it('leaves ages, dates, amounts and short numbers alone', () => {
    const text = 'Ze is 85 jaar, betaalt 1.250 euro, belde 106 en komt op 12/03/2025 terug.';
    expect(pseudonymise(text).text).toBe(text);
  });
});

describe('national register numbers', () => {
  it('checks the check digits, including the rule for people born in 2000 or later', () => {
    expect(nationalNumberValid('41030212320')).toBe(true);
    expect(nationalNumberValid('03051445627')).toBe(true); // born 2003: 2000000000 + base
    expect(nationalNumberValid('41030212345')).toBe(false);
    expect(nationalNumberValid('41130212320')).toBe(false); // month 13
  });

  it('replaces valid numbers in every layout', () => {
    for (const n of ['41.03.02-123.20', '410302-123.20', '41030212320', '41 03 02 123 20', '03.05.14-456.27']) {
      expect(pseudonymise(`RRN ${n} ok`).text).toBe('RRN [RIJKSREGISTERNUMMER_1] ok');
    }
  });

  it('replaces a number with wrong check digits only when it is written in the official layout (documented decision)', () => {
    // A typo in an NRN still identifies the person, so the official layout is enough...
    expect(pseudonymise('RRN 41.03.02-123.45 ok').text).toBe('RRN [RIJKSREGISTERNUMMER_1] ok');
    // ...but a bare 11-digit run that fails the check is no NRN (an order or file number).
    expect(pseudonymise('bestelnummer 41030212345 ok').text).toBe('bestelnummer 41030212345 ok');
  });
});

describe('IBAN', () => {
  it('checks mod-97', () => {
    expect(ibanChecksumValid('BE68 5390 0754 7034')).toBe(true);
    expect(ibanChecksumValid('BE69 5390 0754 7034')).toBe(false);
    expect(ibanChecksumValid('NL44RABO0123456789')).toBe(true);
  });

  it('replaces Belgian and foreign IBANs and old Belgian account numbers', () => {
    expect(pseudonymise('rekening BE68 5390 0754 7034.').text).toBe('rekening [IBAN_1].');
    expect(pseudonymise('rekening be68539007547034.').text).toBe('rekening [IBAN_1].');
    expect(pseudonymise('rekening NL44 RABO 0123 4567 89 bij de bank').text).toBe('rekening [IBAN_1] bij de bank');
    expect(pseudonymise('oud nummer 063-1234567-83.').text).toBe('oud nummer [IBAN_1].');
  });

  it('replaces the Belgian layout even with a wrong check (typo), but not random codes', () => {
    expect(pseudonymise('rekening BE69 5390 0754 7034.').text).toBe('rekening [IBAN_1].');
    expect(pseudonymise('code AB12 CDEF GHIJ KLMN').text).toBe('code AB12 CDEF GHIJ KLMN');
  });
});

describe('known names: particles, case, spacing, possessives', () => {
  const known = { names: ['Marie Van den Bossche'] };
  const forms = ['Van den Bossche', 'van den bossche', 'Vandenbossche', 'vandenbossche', 'VAN DEN BOSSCHE', 'Van Den Bossche', 'Vanden Bossche'];
  for (const form of forms) {
    it(`replaces "${form}"`, () => {
      const r = pseudonymise(`Gesprek met mevrouw ${form} in Gent.`, known);
      expect(r.text).toMatch(/^Gesprek met mevrouw \[PERSOON_\d+\] in Gent\.$/);
    });
  }

  it('replaces the first name alone, possessive and diminutive forms, and the bare capitalised core', () => {
    const r = pseudonymise("Marie's zoon. Maries fiets. Mariekes kat. Mevrouw Bossche. marie komt.", known);
    expect(r.text).toBe('[PERSOON_1]\'s zoon. [PERSOON_1]s fiets. [PERSOON_1]kes kat. Mevrouw [PERSOON_2]. [PERSOON_3] komt.');
  });

  it('handles other particles and hyphenated double names', () => {
    const r = pseudonymise('De Smet-Peeters belde. Mevrouw de smet. Peeters ook. De smid niet.', { names: ['Anna De Smet-Peeters'] });
    expect(r.text).toBe('[PERSOON_1] belde. Mevrouw [PERSOON_2]. [PERSOON_3] ook. De smid niet.');
    expect(pseudonymise("Ze belt met meneer d'Hondt.").text).toBe('Ze belt met meneer [PERSOON_1].');
  });

  it('matches accents and ij/y spelling variants', () => {
    const r = pseudonymise('Helene Vandevyver en hélène vandevijver.', { names: ['Hélène Vandevijver'] });
    expect(r.text).toBe('[PERSOON_1] [PERSOON_2] en [PERSOON_3] [PERSOON_4].');
  });
});

describe('addresses and postcodes', () => {
  const known = { addresses: ['Kerkstraat 12, 9200 Dendermonde'] };
  for (const form of ['Kerkstraat 12', 'kerkstr. 12', 'Kerkstraat nr 12', 'Kerkstraat nr. 12', '12 Kerkstraat', 'Kerkstraat 12 bus 3', 'kerk straat 12', 'Kerkstraat']) {
    it(`replaces the record address written as "${form}"`, () => {
      expect(pseudonymise(`Ze woont ${form} in Dendermonde.`, known).text).toBe('Ze woont [ADRES_1] in Dendermonde.');
    });
  }

  it('replaces street + number and postcode, keeps the municipality', () => {
    expect(pseudonymise('Adres: Stationsstraat 5, 9200 Dendermonde.').text).toBe('Adres: [ADRES_1], [POSTCODE_1] Dendermonde.');
    expect(pseudonymise('Ze woont Grote Markt 3 in Aalst.').text).toBe('Ze woont [ADRES_1] in Aalst.');
    expect(pseudonymise('ze woont in de molenstraat 3 in lokeren').text).toBe('ze woont in de [ADRES_1] in lokeren');
    expect(pseudonymise('Woont in Gent (9000).').text).toBe('Woont in Gent ([POSTCODE_1]).');
  });

  it('does not take a quantity after a street for a house number', () => {
    expect(pseudonymise('Ze woont al 40 jaar in de buurt van de markt 2 keer per week.').text).toBe('Ze woont al 40 jaar in de buurt van de markt 2 keer per week.');
  });
});

describe('birth dates', () => {
  const known = { birthDates: ['02/03/1941'] };
  for (const form of ['02/03/1941', '2-3-1941', '2.3.1941', '2 maart 1941', '1941-03-02', '02/03/41']) {
    it(`replaces the record birth date written as "${form}"`, () => {
      expect(pseudonymise(`Datum: ${form}.`, known).text).toBe('Datum: [GEBOORTEDATUM_1].');
    });
  }

  it('uses birth cues and the pre-2010 rule, keeps visit and appointment dates', () => {
    expect(pseudonymise('Geboren op 12 maart.').text).toBe('Geboren op [GEBOORTEDATUM_1].');
    expect(pseudonymise('° 4/7/1950, weduwe.').text).toBe('° [GEBOORTEDATUM_1], weduwe.');
    expect(pseudonymise('geboren in maart 1941').text).toBe('geboren in [GEBOORTEDATUM_1]');
    expect(pseudonymise('Getrouwd op 14/06/1962.').text).toBe('Getrouwd op [GEBOORTEDATUM_1].');
    const kept = 'Volgende dinsdag 12 maart komen we terug; afspraak op 12/03/2025 en op 3 april 2025. Ze is 83 en geboren in 1941.';
    expect(pseudonymise(kept).text).toBe(kept);
  });
});

describe('names without a record', () => {
  it('recognises lower-case dictation with a relational cue or a first name + surname', () => {
    expect(pseudonymise('haar zoon tom peeters komt morgen').text).toBe('haar zoon [PERSOON_1] [PERSOON_2] komt morgen');
    expect(pseudonymise('ze praat veel over jan van de velde').text).toBe('ze praat veel over [PERSOON_1] [PERSOON_2]');
    expect(pseudonymise('gisteren belde rita claes nog').text).toBe('gisteren belde [PERSOON_1] [PERSOON_2] nog');
  });

  const cues: [string, string][] = [
    ['Buurvrouw Rita helpt.', 'Buurvrouw [PERSOON_1] helpt.'],
    ['haar schoonzus Lutgarde belt.', 'haar schoonzus [PERSOON_1] belt.'],
    ['Haar kleinzoon Jasper studeert.', 'Haar kleinzoon [PERSOON_1] studeert.'],
    ['De huisarts dokter Peeters komt.', 'De huisarts dokter [PERSOON_1] komt.'],
    ['Haar zoon Tom en zijn vrouw Lies.', 'Haar zoon [PERSOON_1] en zijn vrouw [PERSOON_2].'],
    ['De kinderen Tom, Lies en Bart.', 'De kinderen [PERSOON_1], [PERSOON_2] en [PERSOON_3].'],
    ['mevrouw vermeersch is moe', 'mevrouw [PERSOON_1] is moe'],
    // a lower-case surname behind a particle after a title need not be on a name list
    ['ik sprak met mevrouw de bruycker', 'ik sprak met mevrouw [PERSOON_1]'],
    ['meneer van roeyen belde', 'meneer [PERSOON_1] belde'],
    ['mevrouw van der auwera is ziek', 'mevrouw [PERSOON_1] is ziek'],
    ['de mevrouw van de mutualiteit belde', 'de mevrouw van de mutualiteit belde'],
    ['meneer van het ocmw belde', 'meneer van het ocmw belde'],
    ['Dhr. Vanderstraeten belt.', 'Dhr. [PERSOON_1] belt.'],
    ['Ze gaat met Achiel Bogaert wandelen.', 'Ze gaat met [PERSOON_1] [PERSOON_2] wandelen.'],
    ['Zijn dochter woont in Gent.', 'Zijn dochter woont in Gent.'],
    ['Haar zoon komt morgen.', 'Haar zoon komt morgen.'],
  ];
  for (const [input, expected] of cues) {
    it(`"${input}"`, () => expect(pseudonymise(input).text).toBe(expected));
  }

  it('replaces a name found once everywhere in the note', () => {
    expect(pseudonymise('Haar kleindochter Elif vertaalt. Elif is 16.').text).toBe('Haar kleindochter [PERSOON_1] vertaalt. [PERSOON_1] is 16.');
  });
});

describe('what must survive', () => {
  it('keeps services, municipalities, weekdays, months and ages', () => {
    const text =
      'Doorverwijzing naar CAW, CGG, LEIF, Mobitwin, Wit-Gele Kruis, Familiehulp, OCMW, ziekenfonds en het LDC. ' +
      'Ze woont in Sint-Niklaas, vroeger in Heist-op-den-Berg en De Panne. Van maandag tot vrijdag, niet in mei of juni. ' +
      'Ze is 78, haar man was 85 jaar.';
    expect(pseudonymise(text).text).toBe(text);
  });

  it('does not take common words that are also names for names', () => {
    const text =
      'Roos vertelde niets, maar de roos in de tuin bloeit. Hoop doet leven. Kerk en Berg zijn plaatsen. Mei is een mooie maand. ' +
      'Van maandag tot vrijdag is het LDC open. De buurvrouw komt vaak langs.';
    expect(pseudonymise(text).text).toBe(text);
  });

  it('leaves a name-free note untouched', () => {
    const text = [
      'Welkom bij Nabij. Velden met een sterretje zijn verplicht. Kies een kantelmoment.',
      'Gezondheid: goed. Wonen: huurt een appartement. Mobiliteit: rijdt niet meer met de auto.',
      'Financiën: pensioen van de Federale Pensioendienst, zorgbudget aangevraagd. Netwerk: klein.',
      'Ze heeft Kerstmis gevierd bij haar familie in Aalst. Met Pasen gaat ze naar zee in Blankenberge.',
      'Op woensdagnamiddag gaat ze naar de bib. Ze kijkt naar Familie op VTM. Ze gebruikt WhatsApp.',
      'Ze wil naar het LDC De Vlinder en heeft een afspraak in het AZ Sint-Jan.',
    ].join('\n');
    expect(pseudonymise(text).text).toBe(text);
  });
});

describe('leakedIdentifiers', () => {
  const known: TKnownIdentifiers = {
    names: ['Hélène Van den Bossche'],
    phones: ['0470 12 34 56'],
    emails: ['helene.vdb@telenet.be'],
    nationalNumbers: ['41.03.02-123.20'],
    birthDates: ['02/03/1941'],
    addresses: ['Kerkstraat 12, 9200 Dendermonde'],
  };
  const body = (content: string): string => JSON.stringify({ model: 'x', messages: [{ role: 'user', content }] });

  it('returns nothing for a clean body', () => {
    expect(leakedIdentifiers(body('Mevrouw [PERSOON_1] [PERSOON_2] woont in Dendermonde.'), known)).toEqual([]);
  });

  it('finds a known name in a JSON request body', () => {
    expect(leakedIdentifiers(body('Gesprek met Hélène over haar zoon.'), known)).toEqual(['PERSOON']);
  });

  it('finds names hidden by JSON escapes (\\u00e9), other whitespace, zero-width characters and compaction', () => {
    const escaped = '{"messages":[{"content":"Gesprek met H\\u00e9l\\u00e8ne."}]}';
    expect(leakedIdentifiers(escaped, known)).toEqual(['PERSOON']);
    expect(leakedIdentifiers(body('mevrouw Van\u00a0den\tBossche'), known)).toEqual(['PERSOON']);
    expect(leakedIdentifiers(body('mevrouw Van den\nBossche'), known)).toEqual(['PERSOON']);
    expect(leakedIdentifiers(body('mevrouw VANDENBOSSCHE'), known)).toEqual(['PERSOON']);
    expect(leakedIdentifiers(body('mevrouw Helene'), known)).toEqual(['PERSOON']);
    expect(leakedIdentifiers(body('mevrouw He\u200blène'), known)).toEqual(['PERSOON']);
    expect(leakedIdentifiers('{"content":"H\\\\u00e9l\\\\u00e8ne"}', known)).toEqual(['PERSOON']);
  });

  it('finds numbers, e-mail, birth date and address in any notation, and returns kinds only', () => {
    const leaked = leakedIdentifiers(
      body('Bel +32 470/12.34.56, mail HELENE.VDB@telenet.be, RRN 41030212320, geboren 2 maart 1941, woont Kerkstr. 14.'),
      known,
    );
    // the e-mail address also holds her first name
    expect(leaked).toEqual(['PERSOON', 'ADRES', 'TELEFOON', 'EMAIL', 'RIJKSREGISTERNUMMER', 'GEBOORTEDATUM']);
    expect(JSON.stringify(leaked)).not.toMatch(/helene|0470|Kerkstraat|1941/i);
  });

  it('does not count what the fixed text of the request holds as often, per identifier', () => {
    const velden: TKnownIdentifiers = { names: ['Karel Velden'], phones: ['0470 12 34 56'] };
    const request = (notes: string) => body(`Velden die je mag invullen: zorgen, hulp. Laat velden weg. Notities: ${notes}`);
    const fixed = request('');
    expect(leakedIdentifiers(request('[PERSOON_1] is moe'), velden, fixed)).toEqual([]);
    // the same word once more, now from the notes
    expect(leakedIdentifiers(request('meneer Velden is moe'), velden, fixed)).toEqual(['PERSOON']);
    expect(leakedIdentifiers(request('bel 0470 12 34 56'), velden, fixed)).toEqual(['TELEFOON']);
    expect(leakedIdentifiers(request('[PERSOON_1] is moe'), velden)).toEqual(['PERSOON']);
  });
});

describe('CLI scripts/pseudonymise.ts', () => {
  const run = (args: string[], input: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/pseudonymise.ts'), ...args], {
      cwd: root,
      input,
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('prints exactly the pseudonymised text on stdout', () => {
    const note = 'Bezoek bij mevrouw Marie Peeters, Kerkstraat 12, 9200 Dendermonde. Haar zoon Tom belt op 0470 12 34 56.\n';
    const result = run(['--name', 'Marie Peeters', '--address', 'Kerkstraat 12, 9200 Dendermonde'], note);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      'Bezoek bij mevrouw [PERSOON_1] [PERSOON_2], [ADRES_1], [POSTCODE_1] Dendermonde. Haar zoon [PERSOON_3] belt op [TELEFOON_1].\n',
    );
  }, 60_000);

  it('reports usage errors on stderr with exit code 2 and prints nothing on stdout', () => {
    const result = run(['--nmae', 'Marie'], 'x');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('usage:');
  }, 60_000);
});
