// The encryption layer finds encrypted rows through relations it knows by name; these tests keep that list and
// the encrypted columns in step with data/schema.prisma, so a new relation or a renamed field cannot slip by.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENCRYPTED_MODELS, RELATIONS_TO_ENCRYPTED } from '../../data/crypto/encrypted-fields.ts';

const SCHEMA = readFileSync(join(import.meta.dirname, '../../data/schema.prisma'), 'utf8');

/** model → field → type as written (e.g. `String?`, `Json`, `VisitNotes[]`). */
function modelsOf(schema: string): Map<string, Map<string, string>> {
  const models = new Map<string, Map<string, string>>();
  for (const [, name, body] of schema.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const fields = new Map<string, string>();
    for (const line of body!.split('\n')) {
      const match = /^\s+(\w+)\s+(\w+(?:\[\])?\??)/.exec(line);
      if (match) fields.set(match[1]!, match[2]!);
    }
    models.set(name!, fields);
  }
  return models;
}

describe('encrypted fields and data/schema.prisma', () => {
  const models = modelsOf(SCHEMA);

  it('reads the schema', () => {
    expect(models.get('VisitNotes')?.get('text')).toBe('String');
    expect(models.get('Contact')?.get('notes')).toBe('VisitNotes[]');
  });

  it('every encrypted field exists with a type that can hold a ciphertext (text: String, json: a required Json)', () => {
    for (const [model, spec] of Object.entries(ENCRYPTED_MODELS)) {
      const fields = models.get(model);
      expect(fields, model).toBeDefined();
      expect(fields!.has('updatedAt'), `${model}.updatedAt`).toBe(spec.hasUpdatedAt);
      for (const [field, kind] of Object.entries(spec.fields)) {
        expect(fields!.get(field)?.replace('?', ''), `${model}.${field}`).toBe(kind === 'text' ? 'String' : 'Json');
        if (kind === 'json') expect(fields!.get(field), `${model}.${field} must be required`).toBe('Json');
      }
    }
  });

  it('knows every relation that leads to a model with encrypted fields, from any model', () => {
    const modelNames = new Set(models.keys());
    const relations: Record<string, Record<string, string>> = {};
    for (const [model, fields] of models) {
      for (const [field, type] of fields) {
        const target = type.replace(/\[\]|\?/g, '');
        if (modelNames.has(target)) (relations[model] ??= {})[field] = target;
      }
    }
    // The models whose rows can contain or lead to encrypted values: the encrypted ones and all that point at them.
    const relevant = new Set(Object.keys(ENCRYPTED_MODELS));
    for (let grew = true; grew; ) {
      grew = false;
      for (const [model, rels] of Object.entries(relations)) {
        if (!relevant.has(model) && Object.values(rels).some((t) => relevant.has(t))) {
          relevant.add(model);
          grew = true;
        }
      }
    }
    const expected = Object.fromEntries([...relevant].sort().map((m) => [m, relations[m] ?? {}]));
    const actual = Object.fromEntries(Object.keys(RELATIONS_TO_ENCRYPTED).sort().map((m) => [m, RELATIONS_TO_ENCRYPTED[m]]));
    expect(actual).toEqual(expected);
  });
});
