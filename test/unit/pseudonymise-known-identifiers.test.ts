import { describe, expect, it } from 'vitest';
import { identifyingFragments } from '../../bot/privacy/check-shareable-text.ts';
import { knownIdentifiersOf } from '../../bot/privacy/known-identifiers.ts';
import { pseudonymise } from '../../bot/privacy/pseudonymise.ts';

const contact = (relatives: string) => ({
  firstName: 'Godelieve',
  lastName: 'Testaert',
  street: 'Beukenlaan',
  houseNumber: '7',
  phone: '0470 11 22 33',
  email: null,
  birthDate: '1941-03-02',
  relatives,
});

describe('knownIdentifiersOf', () => {
  it('takes the names from the relatives field, not its relation words or places', () => {
    const known = knownIdentifiersOf(contact('Dochter Els woont in Gent, zoon Tom'));
    expect(known.names).toEqual(['Godelieve Testaert', 'Els', 'Tom']);
    expect(identifyingFragments('Geen dochter of zoon in de buurt: in Gent is er geen vervoer naar het LDC', known)).toEqual([]);
    expect(identifyingFragments('Tom komt niet meer langs', known).map((f) => f.kind)).toEqual(['PERSOON']);
  });

  it('finds a relative written in lower case', () => {
    // without the record, "dries" (also a word) at the start of a sentence is no name
    expect(identifyingFragments('dries komt op zondag')).toEqual([]);
    const known = knownIdentifiersOf(contact('zoon dries woont in aalst'));
    expect(known.names).toEqual(['Godelieve Testaert', 'dries']);
    expect(pseudonymise('dries komt op zondag', known).text).toBe('[PERSOON_1] komt op zondag');
    expect(identifyingFragments('dries komt op zondag', known).map((f) => f.kind)).toEqual(['PERSOON']);
  });

  it('keeps the record identifiers', () => {
    expect(knownIdentifiersOf(contact(''))).toEqual({
      names: ['Godelieve Testaert'],
      addresses: ['Beukenlaan 7'],
      phones: ['0470 11 22 33'],
      emails: [],
      birthDates: ['1941-03-02'],
    });
  });
});
