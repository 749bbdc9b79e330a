import { describe, expect, it } from 'vitest';
import { checkGrounding, normaliseQuote, quoteOccursIn } from '../../bot/ai/grounding.ts';
import type { TSuggestibleField, TSuggestion } from '../../bot/ai/registration-suggestion.ts';

const NOTES = [
  'Huisbezoek bij [PERSOON_1] op [ADRES_1]. Haar man is drie maanden geleden overleden.',
  'Ze zegt: "Ik slaap slecht sinds de begrafenis." Ze mist vooral de avonden samen.',
  "Dochter [PERSOON_2] komt elke zondag langs - helpt met de papieren. Haar moeder's naaimachine staat nog in de gang.",
  'Ze geeft zichzelf een 6 op 10 voor hoe het nu gaat. Het bezoek was thuis.',
  'Vraagt hulp bij de aanvraag van de parkeerkaart; ik bel [PERSOON_3] van het OCMW…',
].join('\n');

const FIELDS: TSuggestibleField[] = [
  { id: 'wellbeing.worries', description: 'Zorgen', kind: 'text' },
  { id: 'wellbeing.score', description: 'Welzijn 0-10', kind: 'number' },
  { id: 'visit.place', description: 'Plaats', kind: 'choice', choices: ['thuis', 'elders'] },
  { id: 'network.strengths', description: 'Netwerk', kind: 'text' },
  { id: 'actions.action1What', description: 'Actie 1: wat', kind: 'text' },
  { id: 'actions.action1Who', description: 'Actie 1: door wie', kind: 'text' },
  { id: 'actions.action1When', description: 'Actie 1: wanneer', kind: 'date' },
];

const one = (field: string, value: string, quotes: string[]) => checkGrounding({ fields: [{ field, value, quotes }] }, NOTES, FIELDS);

describe('quote matching', () => {
  it('ignores case, whitespace runs, curly vs straight quotes and apostrophes, dash variants and trailing punctuation', () => {
    expect(quoteOccursIn('“ik slaap  slecht\nsinds de begrafenis.”', NOTES)).toBe(true);
    expect(quoteOccursIn('haar moeder’s naaimachine staat nog', NOTES)).toBe(true);
    expect(quoteOccursIn('komt elke zondag langs – helpt met de papieren!', NOTES)).toBe(true);
    expect(quoteOccursIn('ik bel [PERSOON_3] van het OCMW...', NOTES)).toBe(true);
    expect(quoteOccursIn('…de aanvraag van de parkeerkaart', NOTES)).toBe(true);
  });

  it('needs the exact words in order and whole words', () => {
    expect(quoteOccursIn('ik slaap heel slecht sinds de begrafenis', NOTES)).toBe(false);
    expect(quoteOccursIn('slecht slaap ik sinds de begrafenis', NOTES)).toBe(false);
    expect(quoteOccursIn('an is drie maanden', NOTES)).toBe(false); // "man", cut inside a word
    expect(quoteOccursIn('ik slaap … de begrafenis', NOTES)).toBe(false); // an inner ellipsis is no wildcard
  });

  it('keeps brackets so placeholders stay whole', () => {
    expect(normaliseQuote('"[PERSOON_2]"')).toBe('[persoon_2]');
  });
});

describe('checkGrounding', () => {
  it('accepts a field whose quotes are all in the notes, and keeps the quotes', () => {
    const result = one('wellbeing.worries', 'Slaapt slecht sinds de begrafenis; mist de avonden samen.', [
      'Ik slaap slecht sinds de begrafenis',
      'Ze mist vooral de avonden samen',
    ]);
    expect(result.rejected).toEqual([]);
    expect(result.accepted).toEqual([
      {
        field: 'wellbeing.worries',
        value: 'Slaapt slecht sinds de begrafenis; mist de avonden samen.',
        quotes: ['Ik slaap slecht sinds de begrafenis', 'Ze mist vooral de avonden samen'],
      },
    ]);
  });

  it('rejects a field when one of its quotes is not in the notes, even if the others are', () => {
    const result = one('wellbeing.worries', 'Slaapt slecht en voelt zich eenzaam', ['Ik slaap slecht sinds de begrafenis', 'ze voelt zich erg eenzaam']);
    expect(result).toEqual({ accepted: [], rejected: [{ field: 'wellbeing.worries', reason: 'quote_not_in_notes' }] });
  });

  it('rejects a field without quotes, or with only blank quotes', () => {
    expect(one('wellbeing.worries', 'Risico op isolement', []).rejected).toEqual([{ field: 'wellbeing.worries', reason: 'no_quote' }]);
    expect(one('wellbeing.worries', 'Risico op isolement', ['  ', '…']).rejected).toEqual([{ field: 'wellbeing.worries', reason: 'no_quote' }]);
  });

  it('does not count a quote under 3 words or 12 characters as evidence for text', () => {
    expect(one('wellbeing.worries', 'Verdriet om overlijden', ['drie maanden']).rejected[0]?.reason).toBe('no_quote'); // 12 characters, 2 words
    expect(one('wellbeing.worries', 'Verdriet', ['Haar man is']).rejected[0]?.reason).toBe('no_quote'); // 3 words, 11 characters
    expect(one('wellbeing.worries', 'Verdriet', ['geleden overleden']).rejected[0]?.reason).toBe('no_quote'); // 17 characters, 2 words
    expect(one('wellbeing.worries', 'Man overleden', ['Haar man is drie']).accepted).toHaveLength(1);
  });

  it('lets a short quote count for a number or choice when it contains the value', () => {
    expect(one('wellbeing.score', '6', ['een 6']).accepted).toEqual([{ field: 'wellbeing.score', value: '6', quotes: ['een 6'] }]);
    expect(one('visit.place', 'thuis', ['was thuis']).accepted).toHaveLength(1);
    expect(one('wellbeing.score', '7', ['een 6']).rejected).toEqual([{ field: 'wellbeing.score', reason: 'no_quote' }]);
    // For text the same short quote is not enough.
    expect(one('wellbeing.worries', 'thuis', ['was thuis']).rejected[0]?.reason).toBe('no_quote');
  });

  it('rejects a text value that introduces a placeholder its quotes do not contain', () => {
    const invented = one('actions.action1Who', '[PERSOON_4] van de thuiszorg', ['ik bel [PERSOON_3] van het OCMW']);
    expect(invented).toEqual({ accepted: [], rejected: [{ field: 'actions.action1Who', reason: 'invalid_value', detail: 'placeholder_not_in_quotes' }] });
    // A placeholder that is in the notes but not in this field's quotes is also new for this field.
    expect(one('actions.action1Who', '[PERSOON_2]', ['ik bel [PERSOON_3] van het OCMW']).rejected[0]?.detail).toBe('placeholder_not_in_quotes');
    // A mangled placeholder does not pass, even when the quote carries the same mangling.
    expect(one('actions.action1Who', '[persoon_3]', ['ik bel [persoon_3] van het OCMW']).rejected[0]?.detail).toBe('placeholder_not_in_quotes');
    expect(one('actions.action1Who', '[PERSOON_3] (OCMW)', ['ik bel [PERSOON_3] van het OCMW']).accepted).toHaveLength(1);
  });

  it('reads a placeholder written differently as restore does, so it cannot put back a name its quotes lack', () => {
    // restore() would turn "[PERSOON 1]" into the name behind [PERSOON_1]: the quotes only vouch for [PERSOON_3].
    expect(one('actions.action1Who', '[PERSOON 1] helpt met boodschappen', ['ik bel [PERSOON_3] van het OCMW']).rejected).toEqual([
      { field: 'actions.action1Who', reason: 'invalid_value', detail: 'placeholder_not_in_quotes' },
    ]);
    expect(one('actions.action1Who', '[ persoon-3 ] (OCMW)', ['ik bel [PERSOON_3] van het OCMW']).accepted).toEqual([
      { field: 'actions.action1Who', value: '[PERSOON_3] (OCMW)', quotes: ['ik bel [PERSOON_3] van het OCMW'] },
    ]);
  });

  it('rejects ids that are not offered, and values that do not fit the kind', () => {
    const result = checkGrounding(
      {
        fields: [
          { field: 'wellbeing.suicideRisk', value: 'hoog', quotes: ['Ik slaap slecht sinds de begrafenis'] },
          { field: 'wellbeing.score', value: '60', quotes: ['een 6 op 10 voor hoe het nu gaat'] },
          { field: 'visit.place', value: 'bij de dochter', quotes: ['Het bezoek was thuis'] },
          { field: 'actions.action1When', value: 'zondag', quotes: ['komt elke zondag langs'] },
          { field: 'wellbeing.worries', value: '  ', quotes: ['Ik slaap slecht sinds de begrafenis'] },
        ],
      },
      NOTES,
      FIELDS,
    );
    expect(result.accepted).toEqual([]);
    expect(result.rejected).toEqual([
      { field: 'wellbeing.suicideRisk', reason: 'unknown_field' },
      { field: 'wellbeing.score', reason: 'invalid_value' },
      { field: 'visit.place', reason: 'invalid_value' },
      { field: 'actions.action1When', reason: 'invalid_value' },
      { field: 'wellbeing.worries', reason: 'invalid_value' },
    ]);
  });

  it('keeps the first grounded suggestion of a field and rejects a second one', () => {
    const result = checkGrounding(
      {
        fields: [
          { field: 'wellbeing.score', value: '6', quotes: ['een 6 op 10'] },
          { field: 'wellbeing.score', value: '10', quotes: ['een 6 op 10'] },
        ],
      },
      NOTES,
      FIELDS,
    );
    expect(result.accepted).toEqual([{ field: 'wellbeing.score', value: '6', quotes: ['een 6 op 10'] }]);
    expect(result.rejected).toEqual([{ field: 'wellbeing.score', reason: 'invalid_value', detail: 'duplicate_field' }]);
  });

  it('keeps the faithful fields of an answer that also invents things', () => {
    const suggestion: TSuggestion = {
      fields: [
        { field: 'network.strengths', value: 'Dochter [PERSOON_2] komt elke zondag en helpt met de papieren', quotes: ['Dochter [PERSOON_2] komt elke zondag langs - helpt met de papieren'] },
        { field: 'actions.action1What', value: 'Aanmelden bij de rouwgroep', quotes: ['Ze wil graag naar de rouwgroep'] },
        { field: 'wellbeing.score', value: '6', quotes: ['Ze geeft zichzelf een 6 op 10'] },
      ],
    };
    const result = checkGrounding(suggestion, NOTES, FIELDS);
    expect(result.accepted.map((a) => a.field)).toEqual(['network.strengths', 'wellbeing.score']);
    expect(result.rejected).toEqual([{ field: 'actions.action1What', reason: 'quote_not_in_notes' }]);
  });

  it('without the field list treats every value as text and checks only quotes and placeholders', () => {
    const result = checkGrounding({ fields: [{ field: 'anything', value: '[PERSOON_9]', quotes: ['ik bel [PERSOON_3] van het OCMW'] }, { field: 'other', value: 'x', quotes: ['Haar man is drie maanden'] }] }, NOTES);
    expect(result.rejected).toEqual([{ field: 'anything', reason: 'invalid_value', detail: 'placeholder_not_in_quotes' }]);
    expect(result.accepted).toEqual([{ field: 'other', value: 'x', quotes: ['Haar man is drie maanden'] }]);
  });
});
