import { describe, expect, it } from 'vitest';
import { identifyingFragments } from '../../bot/privacy/check-shareable-text.ts';
import { datesIn } from '../../bot/privacy/dates.ts';
import { pseudonymise } from '../../bot/privacy/pseudonymise.ts';

// One reading of dates for both privacy paths: the pseudonymiser (birth dates go, recent dates stay) and the check on
// texts shared with a team (every exact date goes).

const found = (text: string) => datesIn(text).map((d) => ({ text: text.slice(d.start, d.end), day: d.day, month: d.month, year: d.year }));

describe('datesIn', () => {
  it('reads numeric, ISO and written dates, with or without a year', () => {
    expect(found('op 12/03/2025, 7-10-24, 2 . 3 . 1941, 2025-06-12 en 3 feb. 2025; 14 maart; 2 may 1941')).toEqual([
      { text: '12/03/2025', day: 12, month: 3, year: 2025 },
      { text: '7-10-24', day: 7, month: 10, year: 2024 },
      { text: '2 . 3 . 1941', day: 2, month: 3, year: 1941 },
      { text: '2025-06-12', day: 12, month: 6, year: 2025 },
      { text: '3 feb. 2025', day: 3, month: 2, year: 2025 },
      { text: '14 maart', day: 14, month: 3, year: undefined },
      { text: '2 may 1941', day: 2, month: 5, year: 1941 },
    ]);
  });

  it('does not read a date inside a longer run of numbers or an impossible one', () => {
    expect(found('gsm 0485-11-22-33, nummer 12.34.56, 1.12.03.2025, op 2025-13-45 en 45 maart 2025')).toEqual([]);
  });
});

describe('both privacy paths use it', () => {
  it('a shared text may hold no exact date; a phone number is no date', () => {
    expect(identifyingFragments('gevallen op 12 / 03 / 2025 aan de bushalte').map((f) => f.kind)).toEqual(['DATUM']);
    expect(identifyingFragments('gsm 0485-11-22-33, vraagt naar een rolstoeltaxi').map((f) => f.kind)).toEqual(['TELEFOON']);
  });

  it('the pseudonymiser replaces a birth date with an English month name and keeps a recent date', () => {
    expect(pseudonymise('geboren op 2 may 1941, gevallen op 12 march 2025').text).toBe('geboren op [GEBOORTEDATUM_1], gevallen op 12 march 2025');
  });
});
