import { describe, expect, it } from 'vitest';
import { pseudonymise, restore } from '../../bot/privacy/pseudonymise.ts';
import { isTitleCue } from '../../bot/privacy/title-cues.ts';

// A title typed in a hurry ("menr", "mevrouwe", "mneer", "Dhrr") announces a name just like the title itself: the
// surname after it is replaced even when it is in lower case or on no name list. Fictitious names only.

describe('a mistyped title before a name', () => {
  const notes: [string, string, string][] = [
    ['menr verstuyft kwam langs', 'menr [PERSOON_1] kwam langs', 'verstuyft'],
    ['mevrouwe vanhoeck is moe', 'mevrouwe [PERSOON_1] is moe', 'vanhoeck'],
    ['mneer de clercq belde', 'mneer [PERSOON_1] belde', 'de clercq'],
    ['menr. vanbrabander belde', 'menr. [PERSOON_1] belde', 'vanbrabander'],
    ['Mevruow callebaut woont alleen', 'Mevruow [PERSOON_1] woont alleen', 'callebaut'],
  ];
  for (const [note, expected, name] of notes) {
    it(`"${note}": the name is replaced, the title stays as typed, restore gives the note back`, () => {
      const result = pseudonymise(note);
      expect(result.text).toBe(expected);
      expect(result.text.toLowerCase()).not.toContain(name);
      expect([...result.mapping.values()]).toEqual([name]);
      expect(restore(result.text, result.mapping)).toBe(note);
    });
  }

  it('replaces a capitalised look-alike mid-sentence as well: it could be a name ("Muneer"), the name after it too', () => {
    const note = 'gesprek met Dhrr wouters vandaag';
    const result = pseudonymise(note);
    expect(result.text).toBe('gesprek met [PERSOON_1] [PERSOON_2] vandaag');
    expect(restore(result.text, result.mapping)).toBe(note);
  });

  it('replaces the name everywhere once the title has shown it is one', () => {
    const note = 'menr verstuyft belde. verstuyft komt dinsdag terug.';
    const result = pseudonymise(note);
    expect(result.text).toBe('menr [PERSOON_1] belde. [PERSOON_1] komt dinsdag terug.');
    expect(restore(result.text, result.mapping)).toBe(note);
  });

  it('keeps every other placeholder at its place (the text is never rewritten)', () => {
    const note = 'mevrouwe vanhoeck (0470 12 34 56) en mneer de clercq, Kerkstraat 12, 9300 Aalst.';
    const result = pseudonymise(note);
    expect(result.text).toBe('mevrouwe [PERSOON_1] ([TELEFOON_1]) en mneer [PERSOON_2], [ADRES_1], [POSTCODE_1] Aalst.');
    expect(restore(result.text, result.mapping)).toBe(note);
  });
});

describe('words that only look like a title', () => {
  it('are no title cue when they are Dutch words or too short', () => {
    // one typo from "mevr", "meneer", "madame", "dhr", "mnr" – but ordinary words
    for (const word of ['meer', 'menger', 'geneer', 'madam', 'meur', 'der', 'dor', 'mor']) expect(isTitleCue(word), word).toBe(false);
    // more than one typo from any title
    for (const word of ['mee', 'neer', 'even', 'mevrouwen', 'dame']) expect(isTitleCue(word), word).toBe(false);
  });

  it('are titles when typed one letter off and no word', () => {
    for (const word of ['menr', 'mevrouwe', 'mneer', 'dhrr', 'mevruow', 'mijnheerr', 'monsiuer', 'meneeer', 'meneers']) expect(isTitleCue(word), word).toBe(true);
  });

  const kept = [
    'ze wil meer Frans spreken met de buren', // "meer" would make "Frans" a name
    'de menger Kenwood is stuk', // "menger" would make "Kenwood" a name
  ];
  for (const note of kept) {
    it(`leaves "${note}" as it is`, () => expect(pseudonymise(note).text).toBe(note));
  }

  // Names one typo from a title ("Mehr" ~ "mevr", "Muneer" ~ "meneer") are still names: a look-alike is only a cue.
  const names: [string, string][] = [
    ['Haar buurvrouw, mevrouw Dhar, komt elke dag.', 'Haar buurvrouw, mevrouw [PERSOON_1], komt elke dag.'],
    ['haar dochter Mehr belt elke dag', 'haar dochter [PERSOON_1] belt elke dag'],
    ['Haar kleinzoon Meir komt op zondag.', 'Haar kleinzoon [PERSOON_1] komt op zondag.'],
    ['Meneer Mehr belt elke week', 'Meneer [PERSOON_1] belt elke week'],
    ['Haar broer Moneer belt soms.', 'Haar broer [PERSOON_1] belt soms.'],
    ['Gesprek met Muneer Haddad over de verhuis.', 'Gesprek met [PERSOON_1] [PERSOON_2] over de verhuis.'],
  ];
  for (const [note, expected] of names) {
    it(`still replaces the name in "${note}"`, () => expect(pseudonymise(note).text).toBe(expected));
  }

  it('does not take a short name one typo from "mnr" for a title (it would no longer be replaced)', () => {
    expect(pseudonymise('haar dochter Mir belt elke dag').text).toBe('haar dochter [PERSOON_1] belt elke dag');
  });
});
