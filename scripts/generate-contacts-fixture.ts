// Writes test/fixtures/contacts-1000.csv: a civil-affairs list as Excel nl-BE saves it ("CSV UTF-8": BOM, `;`,
// CRLF between rows, LF inside a cell), with 1,000 fictitious people of which exactly 7 rows are bad.
// Usage: node --import tsx scripts/generate-contacts-fixture.ts
// Deterministic (seeded): running it again gives the same bytes; test/unit/parse-contacts-csv.test.ts checks that.
// The names are composed at random from short lists: they are not real people.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const FIXTURE_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'contacts-1000.csv');
export const FIXTURE_ROWS = 1000;

/** Data row (1-based, not the line) → what is wrong with it. Each bad row has exactly this one problem. */
export const FIXTURE_BAD_ROWS = {
  42: 'missing achternaam',
  137: 'unknown kantelmoment',
  298: 'impossible date 31/02/2025',
  451: 'partner signal without consent',
  620: 'bad postcode',
  803: 'event date in 2099',
  968: 'duplicate of row 500',
} as const;
const DUPLICATED_ROW = 500;

const HEADER = [
  'kantelmoment',
  'datum_kantelmoment',
  'bron',
  'toestemming',
  'voornaam',
  'achternaam',
  'straat',
  'huisnummer',
  'postcode',
  'gemeente',
  'telefoon',
  'email',
  'geboortedatum',
  'naasten',
] as const;
type TRow = Record<(typeof HEADER)[number], string>;

const FIRST_NAMES = [
  'Maria', 'Jozef', 'Godelieve', 'Frans', 'Agnes', 'Roger', 'Willy', 'Lucien', 'Rita', 'Georgette', 'Gilbert',
  'André', 'Hilda', 'Jeanine', 'Noël', 'Irène', 'Paula', 'Etienne', 'Simonne', 'Lieve', 'Mariette', 'Omer',
  'Yvonne', 'Norbert', 'Gerda', 'Éloïse', 'Joëlle', 'Marcel', 'Rosalie', 'Cyriel',
];
const NAME_PREFIXES = ['Van de', 'Vande', 'De', 'Van', 'Ver', 'Vanden', 'Van der', ''];
const NAME_ROOTS = ['Wiele', 'Velde', 'Putte', 'Meersch', 'Kerckhove', 'Bossche', 'Linden', 'Haegen', 'Broucke', 'Steene', 'Moortel', 'Walle'];
const STREETS = ['Kerkstraat', 'Molenstraat', 'Stationsstraat', 'Dorpsstraat', 'Nieuwstraat', 'Schoolstraat', 'Beekstraat', 'Lindelaan', 'Kapelleweg', 'Populierenlaan'];
const PLACES: [string, string][] = [
  ['9000', 'Gent'], ['8500', 'Kortrijk'], ['2800', 'Mechelen'], ['3000', 'Leuven'], ['8800', 'Roeselare'],
  ['9300', 'Aalst'], ['3500', 'Hasselt'], ['2300', 'Turnhout'], ['8400', 'Oostende'], ['9100', 'Sint-Niklaas'],
];
/** Ways a list writes each life event (the importer's aliases and ids, in varying case). */
const LIFE_EVENT_SPELLINGS = [
  ['overlijden partner', 'Overlijden', 'weduwe', 'Weduwnaar', 'partner_death'],
  ['verhuis', 'Verhuizing', 'nieuwe inwoner', 'move'],
  ['scheiding', 'Echtscheiding', 'divorce'],
  ['alleenstaand', 'Leeftijd', 'single_older'],
  ['andere', 'Ander', 'other'],
];
const LIFE_EVENTS = LIFE_EVENT_SPELLINGS.flat();
const SOURCES = ['burgerzaken', 'Dienst Burgerzaken', 'lijst burgerzaken', 'civil_affairs_list', 'eigen werking', 'eigen', 'own_work'];
const CONSENTS = ['', '', 'niet nodig', 'gevraagd', 'ja', 'Gegeven', 'nee', 'geweigerd', 'not_needed'];
const RELATIVES = ['dochter Els', 'zoon Tom', 'buurvrouw Mia', 'broer Jan', 'nicht Sara', 'zus Lea'];

/** mulberry32: a small seeded generator, so the file is the same on every machine. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, int, pick };
}

const pad = (n: number) => String(n).padStart(2, '0');

function quote(value: string): string {
  return /[;"\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function generateContactsCsv(seed = 20261123): string {
  const rnd = seeded(seed);
  const taken = new Set<string>();
  const rows: TRow[] = [];

  const person = (): TRow => {
    for (;;) {
      const first = rnd.pick(FIRST_NAMES);
      const prefix = rnd.pick(NAME_PREFIXES);
      const last = `${prefix ? `${prefix} ` : ''}${rnd.pick(NAME_ROOTS)}${rnd.next() < 0.1 ? `-${rnd.pick(NAME_ROOTS)}` : ''}`;
      const birth = new Date(Date.UTC(rnd.int(1928, 1962), rnd.int(0, 11), rnd.int(1, 28)));
      const birthKind = rnd.next();
      const iso = birth.toISOString().slice(0, 10);
      const geboortedatum =
        birthKind < 0.2 ? iso.slice(0, 4) : birthKind < 0.8 ? `${pad(birth.getUTCDate())}/${pad(birth.getUTCMonth() + 1)}/${iso.slice(0, 4)}` : birthKind < 0.9 ? iso : '';
      // No accidental duplicates: the key is stricter than the importer's (it ignores the life event).
      const key = `${first}|${last}|${birthKind < 0.2 ? iso.slice(0, 4) : birthKind < 0.9 ? iso : ''}`.toLowerCase();
      if (taken.has(key)) continue;
      taken.add(key);

      const event = new Date(Date.UTC(rnd.int(2023, 2025), rnd.int(0, 11), rnd.int(1, 28)));
      const eventKind = rnd.next();
      const datum =
        eventKind < 0.7
          ? `${pad(event.getUTCDate())}/${pad(event.getUTCMonth() + 1)}/${event.getUTCFullYear()}`
          : eventKind < 0.9
            ? event.toISOString().slice(0, 10)
            : '';
      const partner = rnd.next() < 0.1;
      const [postcode, gemeente] = rnd.pick(PLACES);
      const mail = `${first}.${last}`
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/[\s-]+/g, '')
        .toLowerCase();
      const relativesKind = rnd.next();
      return {
        kantelmoment: rnd.pick(LIFE_EVENTS),
        datum_kantelmoment: datum,
        bron: partner ? rnd.pick(['partner', 'Partnersignaal', 'partner_signal']) : rnd.pick(SOURCES),
        toestemming: partner ? rnd.pick(['ja', 'gegeven', 'given']) : rnd.pick(CONSENTS),
        voornaam: first,
        achternaam: last,
        straat: rnd.pick(STREETS),
        huisnummer: rnd.next() < 0.15 ? `${rnd.int(1, 200)} bus ${rnd.int(1, 9)}` : String(rnd.int(1, 250)),
        postcode,
        gemeente,
        telefoon: rnd.next() < 0.5 ? `04${rnd.int(70, 99)} ${pad(rnd.int(0, 99))} ${pad(rnd.int(0, 99))} ${pad(rnd.int(0, 99))}` : '',
        email: rnd.next() < 0.3 ? `${mail}@example.org` : '',
        geboortedatum,
        // Some cells hold the delimiter or a line break (Alt+Enter in Excel): they are quoted.
        naasten:
          relativesKind < 0.05
            ? `${rnd.pick(RELATIVES)} (belt wekelijks)\n${rnd.pick(RELATIVES)}`
            : relativesKind < 0.2
              ? `${rnd.pick(RELATIVES)}; ${rnd.pick(RELATIVES)}`
              : relativesKind < 0.5
                ? rnd.pick(RELATIVES)
                : '',
      };
    }
  };

  for (let row = 1; row <= FIXTURE_ROWS; row++) {
    const r = person();
    switch (row) {
      case 42:
        r.achternaam = '';
        break;
      case 137:
        r.kantelmoment = 'pensioen';
        break;
      case 298:
        r.datum_kantelmoment = '31/02/2025';
        break;
      case 451:
        r.bron = 'partner';
        r.toestemming = 'gevraagd';
        break;
      case 620:
        r.postcode = '0900';
        break;
      case 803:
        r.datum_kantelmoment = '15/06/2099';
        break;
      case DUPLICATED_ROW:
        r.geboortedatum = '14/09/1941'; // a full date, so that its duplicate can write it the other way
        break;
      case 968: {
        // The same person and life event as row 500, written differently: other case, date format and alias.
        const original = rows[DUPLICATED_ROW - 1]!;
        r.voornaam = original.voornaam.toUpperCase();
        r.achternaam = original.achternaam.toUpperCase();
        const dmy = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(original.geboortedatum);
        const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(original.geboortedatum);
        r.geboortedatum = dmy ? `${dmy[3]}-${dmy[2]}-${dmy[1]}` : ymd ? `${ymd[3]}/${ymd[2]}/${ymd[1]}` : original.geboortedatum;
        const spellings = LIFE_EVENT_SPELLINGS.find((group) => group.includes(original.kantelmoment))!;
        r.kantelmoment = spellings.find((spelling) => spelling !== original.kantelmoment)!.toUpperCase();
        break;
      }
    }
    rows.push(r);
  }
  const lines = [HEADER.join(';'), ...rows.map((r) => HEADER.map((column) => quote(r[column])).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(FIXTURE_PATH, generateContactsCsv());
  console.log(`Wrote ${FIXTURE_PATH}`);
}
