/**
 * pseudonymise() on a generated 2,000-word Dutch visit note with about 40 identifiers, against a baseline
 * of six simple regular expressions over the same text. Fictitious data only.
 */
import type { BenchSuite } from './run.ts';
import { pseudonymise, type TKnownIdentifiers } from '../bot/privacy/pseudonymise.ts';
import { seededRandom } from './support/report.ts';


const FILLER = [
  'Mevrouw vertelt dat ze de dagen lang vindt sinds het overlijden van haar man.',
  'Ze gaat elke dinsdag naar de markt en drinkt daarna koffie in het LDC.',
  'De thuisverpleging van het Wit-Gele Kruis komt elke ochtend voor de medicatie.',
  'We bespreken de mogelijkheden van Mobitwin om naar het ziekenhuis te gaan.',
  'ze slaapt slecht en piekert veel over de papieren van de nalatenschap.',
  'Het CAW kan helpen met de administratie en de aanvraag bij het OCMW.',
  'Ze is 84 jaar en woont al veertig jaar in Dendermonde, vlak bij de kerk.',
  'Op zaterdag komt de familie soms langs, maar niet elke week.',
  'de poetshulp van Familiehulp komt op woensdag en vrijdag.',
  'Ze wil graag deelnemen aan de rouwgroep in maart en vraagt naar vervoer.',
  'Het ziekenfonds heeft de premie voor mantelzorg nog niet uitbetaald.',
  'We spreken af om in april opnieuw te bellen en te kijken hoe het gaat.',
  'Ze heeft interesse in de activiteiten van Okra en in de bib van Lebbeke.',
  'De wilsverklaring is nog niet opgemaakt; info over LEIF meegegeven.',
  'Ze voelt zich eenzaam op zondag, vooral sinds de winter.',
  'het huis is te groot geworden en de trap is moeilijk, een aanpassing is nodig.',
  'Het CGG heeft een wachtlijst van drie maanden voor een eerste gesprek.',
  'Ze kookt nog zelf, maar eet vaak alleen een boterham.',
];

const IDENTIFIER_SENTENCES = [
  'Haar zoon Tom Peeters belt elke avond op 0470 12 34 56.',
  'De buurvrouw Rita Claes doet de boodschappen.',
  'huisarts dokter Vermeulen komt op maandag langs.',
  'Mevrouw Verhaegen woont in de Kapellestraat 14, 9200 Dendermonde.',
  'haar dochter annemie janssens woont in zele, gsm 0479/23.45.61.',
  'Geboren op 17/09/1938, rijksregisternummer 38.09.17-046.14.',
  'Mail van de kleindochter: febe.verhaegen@telenet.be.',
  'De huur wordt betaald via BE68 5390 0754 7034.',
  'Zijn broer Gilbert woont in de Stationsstraat 5 bus 2 in Lokeren.',
  'Nicht Veerle Lannoo regelt de administratie, tel. +32 9 123 45 67.',
];

export function generateNote(words = 2000, seed = 42): string {
  const rnd = seededRandom(seed);
  const parts: string[] = [];
  let count = 0;
  let k = 0;
  while (count < words) {
    const useId = k % 8 === 7;
    const list = useId ? IDENTIFIER_SENTENCES : FILLER;
    const sentence = list[Math.floor(rnd() * list.length)]!;
    parts.push(sentence);
    count += sentence.split(/\s+/).length;
    k++;
    if (k % 7 === 0) parts.push('\n');
  }
  return parts.join(' ');
}

export const note = generateNote();
export const known: TKnownIdentifiers = {
  names: ['Godelieve Verhaegen'],
  addresses: ['Kapellestraat 14, 9200 Dendermonde'],
  phones: ['052 21 43 65'],
  birthDates: ['17/09/1938'],
  nationalNumbers: ['38.09.17-046.14'],
};

const BASELINE = [
  /[\w.+-]+@[\w-]+\.[\w.]+/g,
  /\b0\d{1,3}[\s/.]?\d{2,3}[\s.]?\d{2}[\s.]?\d{2}\b/g,
  /\bBE\d{2}(?:\s?\d{4}){3}\b/g,
  /\b\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}\b/g,
  /\b\d{1,2}\/\d{1,2}\/\d{4}\b/g,
  /\b[1-9]\d{3}\b(?=\s+[A-Z])/g,
];

function baseline(text: string): string {
  let out = text;
  for (const re of BASELINE) out = out.replace(re, '[X]');
  return out;
}

const sample = pseudonymise(note, known);
const occurrences = (sample.text.match(/\[[A-Z]+_\d+\]/g) ?? []).length;

export default {
  name: 'pseudonymise – 2,000-word note',
  description: `input: ${note.split(/\s+/).filter(Boolean).length} words, ${note.length} characters, ${occurrences} identifiers replaced (${sample.findings.length} distinct placeholders)`,
  cases: [
    { name: 'baseline: 6 simple regexes', baseline: true, fn: () => baseline(note) },
    { name: 'pseudonymise (no record)', fn: () => pseudonymise(note) },
    { name: 'pseudonymise (with record)', fn: () => pseudonymise(note, known) },
  ],
} satisfies BenchSuite;
