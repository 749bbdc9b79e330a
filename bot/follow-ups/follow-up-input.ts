import { z } from 'zod/v4';
import type { TFunction } from '../ui/i18n.ts';
import { NOTE_MAX_LENGTH } from './follow-up-views.ts';

export const ZFollowUpRefSchema = z.object({ followUpId: z.uuid() });

/** What the "Afronden" card sends; messages in the worker's language, shown next to the field. */
export function ZCompleteFollowUpSchema(outcomeIds: readonly string[], t: TFunction) {
  return z.object({
    followUpId: z.uuid(),
    outcome: z.string({ error: t('followUps.complete.errors.outcome') }).refine((v) => outcomeIds.includes(v), t('followUps.complete.errors.outcome')),
    outcomeNote: z
      .string()
      .trim()
      .max(NOTE_MAX_LENGTH, t('followUps.complete.errors.noteTooLong', { max: NOTE_MAX_LENGTH }))
      .optional()
      .transform((v) => (v ? v : undefined)),
  });
}
