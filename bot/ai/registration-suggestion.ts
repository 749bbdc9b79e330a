import { z } from 'zod/v4';

/**
 * The model's answer when it drafts registration fields from (pseudonymised) visit notes.
 *
 * The zod schema is defined once (`buildSuggestionSchema`); the JSON schema sent to the model as
 * `response_format: { type: 'json_schema', json_schema: { strict: true, ... } }` is derived from it with
 * `z.toJSONSchema`. OpenAI's strict mode only accepts a subset of JSON schema: every object must list all its
 * properties in `required` and set `additionalProperties: false`; optional properties are not allowed (use
 * `.nullable()` instead). This shape has no optional or nullable properties, and `suggestionJsonSchema`
 * checks the derived schema against those rules so a later edit cannot silently break strict mode.
 *
 * Per-kind value rules (choice / 0–10 / date) are deliberately NOT in the JSON schema (keywords like `pattern`
 * are not supported by every OpenAI-compatible server); the answer's format is checked after parsing by
 * `normaliseValue`, and what is left is checked once more with the registration step's own schema
 * (bot/notes/refuse-invalid-suggestions.ts), so nothing is offered that saving the step would refuse.
 */

/** A registration field the model may fill. `id` is the registration's field id, e.g. `wellbeing.worries`. */
export type TSuggestibleField = {
  id: string;
  description: string;
  kind: 'text' | 'choice' | 'number' | 'date';
  /** Allowed values for kind 'choice' (the stored value ids, not translated labels). */
  choices?: string[];
};

/** The one definition of the output shape; `field` is parameterised (enum of allowed ids, or any string). */
function buildSuggestionSchema<TField extends z.ZodType<string>>(field: TField) {
  return z.object({
    fields: z
      .array(
        z.object({
          field: field.describe('Id van het registratieveld.'),
          value: z.string().describe('Voorgestelde waarde, kort en feitelijk, in het Nederlands.'),
          quotes: z
            .array(z.string())
            .describe('Letterlijke fragmenten uit de notities waarop de waarde steunt, exact overgenomen.'),
        }),
      )
      .describe('Alleen velden waarvoor de notities iets zeggen.'),
  });
}

/** The schema with `field` restricted to the given ids – this is what the model is told to produce. */
export function suggestionSchema(fields: TSuggestibleField[]) {
  const ids = [...new Set(fields.map((f) => f.id))];
  if (ids.length === 0) throw new Error('suggestionSchema: at least one suggestible field is required');
  return buildSuggestionSchema(z.enum(ids as [string, ...string[]]));
}

/**
 * The same shape with `field` as any string. Used to PARSE the model's answer, so one unknown field id
 * (a non-strict compatible server may ignore the enum) rejects only that field ('unknown_field') instead of
 * the whole answer.
 */
export const parsedSuggestionSchema = buildSuggestionSchema(z.string());

export type TSuggestion = z.infer<typeof parsedSuggestionSchema>;
export type TSuggestedField = TSuggestion['fields'][number];

type TJsonSchema = Record<string, unknown>;

/** JSON schema for OpenAI structured outputs, derived from `suggestionSchema(fields)`. */
export function suggestionJsonSchema(fields: TSuggestibleField[]): TJsonSchema {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(suggestionSchema(fields), { io: 'output' }) as TJsonSchema;
  const problems = strictModeProblems(schema);
  if (problems.length > 0) throw new Error(`suggestionJsonSchema: not valid for OpenAI strict mode: ${problems.join('; ')}`);
  return schema;
}

export const SUGGESTION_SCHEMA_NAME = 'registration_suggestion';

/** The `response_format` parameter for `chat.completions.create`. */
export function suggestionResponseFormat(fields: TSuggestibleField[]) {
  return {
    type: 'json_schema' as const,
    json_schema: { name: SUGGESTION_SCHEMA_NAME, strict: true, schema: suggestionJsonSchema(fields) },
  };
}

/**
 * Lists where a JSON schema breaks OpenAI strict-mode rules: an object without `additionalProperties: false`,
 * or a property missing from `required`. Empty when fine.
 */
export function strictModeProblems(schema: unknown, path = '#'): string[] {
  if (Array.isArray(schema)) return schema.flatMap((s, i) => strictModeProblems(s, `${path}/${i}`));
  if (schema === null || typeof schema !== 'object') return [];
  const node = schema as TJsonSchema;
  const problems: string[] = [];
  if (node['type'] === 'object' || 'properties' in node) {
    if (node['additionalProperties'] !== false) problems.push(`${path}: additionalProperties must be false`);
    const properties = (node['properties'] ?? {}) as TJsonSchema;
    const required = Array.isArray(node['required']) ? (node['required'] as unknown[]) : [];
    for (const key of Object.keys(properties)) {
      if (!required.includes(key)) problems.push(`${path}/properties/${key}: must be required`);
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'object' && value !== null) problems.push(...strictModeProblems(value, `${path}/${key}`));
  }
  return problems;
}

/**
 * Checks a value against its field kind and returns the value to store (choices are matched case-insensitively
 * and returned in their canonical spelling), or `undefined` when invalid.
 */
export function normaliseValue(field: TSuggestibleField, value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  switch (field.kind) {
    case 'text':
      return trimmed;
    case 'choice': {
      const wanted = trimmed.toLowerCase();
      return (field.choices ?? []).find((c) => c.toLowerCase() === wanted);
    }
    case 'number':
      return /^(?:[0-9]|10)$/.test(trimmed) ? trimmed : undefined;
    case 'date': {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
      if (!match) return undefined;
      const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? trimmed : undefined;
    }
  }
}

export function isValidValue(field: TSuggestibleField, value: string): boolean {
  return normaliseValue(field, value) !== undefined;
}
