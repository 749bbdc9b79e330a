import { describe, expect, it } from 'vitest';
import {
  isValidValue,
  normaliseValue,
  parsedSuggestionSchema,
  strictModeProblems,
  suggestionJsonSchema,
  suggestionResponseFormat,
  suggestionSchema,
  type TSuggestibleField,
} from '../../bot/ai/registration-suggestion.ts';

const FIELDS: TSuggestibleField[] = [
  { id: 'wellbeing.worries', description: 'Waar maakt de persoon zich zorgen over?', kind: 'text' },
  { id: 'wellbeing.score', description: 'Schaal van welzijn', kind: 'number' },
  { id: 'domains_a.emotionalStatus', description: 'Emotioneel welzijn', kind: 'choice', choices: ['ok', 'attention', 'concern'] },
  { id: 'actions.action1When', description: 'Actie 1: wanneer', kind: 'date' },
];

type TNode = Record<string, unknown>;

/** Independent walk (not strictModeProblems): every object node, wherever it sits in the schema. */
function objectNodes(node: unknown, out: TNode[] = []): TNode[] {
  if (Array.isArray(node)) node.forEach((n) => objectNodes(n, out));
  else if (node && typeof node === 'object') {
    const n = node as TNode;
    if (n['type'] === 'object') out.push(n);
    Object.values(n).forEach((v) => objectNodes(v, out));
  }
  return out;
}

describe('the JSON schema derived from the zod schema', () => {
  const schema = suggestionJsonSchema(FIELDS);

  it('is accepted by OpenAI strict mode: additionalProperties false on every object, every property required', () => {
    const objects = objectNodes(schema);
    expect(objects.length).toBe(2); // the root and each suggested field
    for (const node of objects) {
      expect(node['additionalProperties']).toBe(false);
      expect([...(node['required'] as string[])].sort()).toEqual(Object.keys(node['properties'] as TNode).sort());
    }
    expect(schema['type']).toBe('object'); // strict mode needs an object at the root
    expect(JSON.stringify(schema)).not.toMatch(/"(?:\$schema|optional|default)"/);
  });

  it('has the shape { fields: { field: enum of ids, value: string, quotes: string[] }[] }', () => {
    const item = ((schema['properties'] as TNode)['fields'] as TNode)['items'] as TNode;
    const props = item['properties'] as Record<string, TNode>;
    expect(Object.keys(props).sort()).toEqual(['field', 'quotes', 'value']);
    expect(props['field']?.['enum']).toEqual(FIELDS.map((f) => f.id));
    expect(props['value']?.['type']).toBe('string');
    expect(props['quotes']).toMatchObject({ type: 'array', items: { type: 'string' } });
  });

  it('is wrapped as a strict json_schema response_format', () => {
    expect(suggestionResponseFormat(FIELDS)).toEqual({
      type: 'json_schema',
      json_schema: { name: 'registration_suggestion', strict: true, schema },
    });
  });

  it('strictModeProblems catches a missing additionalProperties and a property left out of required', () => {
    expect(strictModeProblems(schema)).toEqual([]);
    const loose = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'object', properties: {} } }, required: ['b'] };
    expect(strictModeProblems(loose)).toEqual([
      '#: additionalProperties must be false',
      '#/properties/a: must be required',
      '#/properties/b: additionalProperties must be false',
    ]);
  });

  it('refuses an empty field list (an empty enum is not a valid schema)', () => {
    expect(() => suggestionSchema([])).toThrow(/at least one/);
  });
});

describe('parsing the model output', () => {
  const good = { fields: [{ field: 'wellbeing.score', value: '6', quotes: ['een 6 op 10'] }] };

  it('the enum schema rejects an id that is not offered; the parsing schema lets grounding reject it per field', () => {
    expect(suggestionSchema(FIELDS).safeParse(good).success).toBe(true);
    const unknown = { fields: [{ field: 'wellbeing.secret', value: 'x', quotes: [] }] };
    expect(suggestionSchema(FIELDS).safeParse(unknown).success).toBe(false);
    expect(parsedSuggestionSchema.safeParse(unknown).success).toBe(true);
  });

  it('rejects a missing quotes array, a non-string value and a missing fields list', () => {
    expect(parsedSuggestionSchema.safeParse({ fields: [{ field: 'a', value: 'x' }] }).success).toBe(false);
    expect(parsedSuggestionSchema.safeParse({ fields: [{ field: 'a', value: 6, quotes: [] }] }).success).toBe(false);
    expect(parsedSuggestionSchema.safeParse({}).success).toBe(false);
  });
});

describe('value rules per kind', () => {
  const [text, number, choice, date] = FIELDS as [TSuggestibleField, TSuggestibleField, TSuggestibleField, TSuggestibleField];

  it('number: integer 0–10 only', () => {
    for (const ok of ['0', '6', '10', ' 7 ']) expect(isValidValue(number, ok)).toBe(true);
    for (const bad of ['11', '-1', '6.5', '06', 'zes', '']) expect(isValidValue(number, bad)).toBe(false);
  });

  it('choice: one of the choices, returned in its canonical spelling', () => {
    expect(normaliseValue(choice, 'Concern')).toBe('concern');
    expect(isValidValue(choice, 'zorgwekkend')).toBe(false);
    expect(isValidValue({ ...choice, choices: undefined }, 'ok')).toBe(false);
  });

  it('date: a real calendar date as YYYY-MM-DD', () => {
    expect(isValidValue(date, '2026-12-01')).toBe(true);
    expect(isValidValue(date, '2028-02-29')).toBe(true);
    for (const bad of ['2026-02-30', '2027-02-29', '01/12/2026', '2026-12-1', 'volgende week']) expect(isValidValue(date, bad)).toBe(false);
  });

  it('text: anything but blank, trimmed', () => {
    expect(normaliseValue(text, '  slaapt slecht ')).toBe('slaapt slecht');
    expect(isValidValue(text, '   ')).toBe(false);
  });
});
