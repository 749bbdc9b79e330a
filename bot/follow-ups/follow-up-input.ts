import { z } from 'zod/v4';
import { ZCalendarDateSchema } from '../contacts/contact-input.ts';
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

/**
 * The fields of an assignment, for the channel card that assigns follow-ups (the repository trusts its input).
 * `reasonIds` come from team.yaml followUpReasons.
 */
export function ZFollowUpAssignmentSchema(reasonIds: readonly string[]) {
  return z.object({
    dueDate: ZCalendarDateSchema,
    mode: z.enum(['phone', 'visit'], { error: 'Kies bellen of een bezoek.' }),
    reason: z.string({ error: 'Kies een reden.' }).refine((v) => reasonIds.includes(v), 'Kies een reden uit de lijst.'),
    reasonNote: z
      .string()
      .trim()
      .max(200, 'Houd de notitie kort (max. 200 tekens).')
      .optional()
      .transform((v) => (v ? v : undefined)),
  });
}
