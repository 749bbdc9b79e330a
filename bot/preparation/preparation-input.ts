import { z } from 'zod/v4';

// An empty input means 'not filled in'; a union would hide the field's own message behind 'Invalid input'.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** The preparation card's inputs: toggles arrive as "true"/"false", the rest as text. */
export function ZPreparationSchema(checklistIds: readonly string[], messages: { visitDate: string; visitTime: string; visitPlace: string }) {
  return z
    .object({
      visitDate: optional(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, messages.visitDate).refine((v) => !Number.isNaN(Date.parse(v)), messages.visitDate)),
      visitTime: optional(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, messages.visitTime)),
      visitPlace: optional(z.enum(['home', 'elsewhere'], { error: messages.visitPlace })),
      visitPlaceNote: optional(z.string().trim().max(200)),
    })
    .catchall(z.string())
    .transform(({ visitDate, visitTime, visitPlace, visitPlaceNote, ...rest }) => ({
      visitDate,
      visitTime,
      visitPlace,
      visitPlaceNote,
      checklist: Object.fromEntries(checklistIds.map((id) => [id, rest[id] === 'true'])),
    }));
}
