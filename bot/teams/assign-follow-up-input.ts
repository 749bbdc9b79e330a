import { z } from 'zod/v4';
import { ZCalendarDateSchema } from '../contacts/contact-input.ts';
import { FOLLOW_UP_MODE_IDS, FOLLOW_UP_REASON_IDS } from '../../data/content/schemas.ts';
import { CASE_CODE_PATTERN } from '../../data/repositories/contacts.ts';

export const ASSIGN_FIELDS = ['caseCode', 'assigneeId', 'dueDate', 'mode', 'reason', 'reasonNote'] as const;

/** A follow-up as the coordinator assigns it in the channel. Messages are Dutch, shown next to the field. */
export function ZAssignFollowUpSchema(memberIds: readonly string[], today: string) {
  return z.object({
    caseCode: z
      .string({ error: 'Vul de casuscode in, bv. K-26-0001.' })
      .trim()
      .toUpperCase()
      .regex(CASE_CODE_PATTERN, 'Een casuscode ziet eruit als K-26-0001.'),
    assigneeId: z.string({ error: 'Kies wie opvolgt.' }).refine((v) => memberIds.includes(v), 'Kies iemand uit het team.'),
    dueDate: z
      .string({ error: 'Kies een datum.' })
      .pipe(ZCalendarDateSchema)
      .refine((v) => v >= today, 'Kies een datum vanaf vandaag.'),
    mode: z.enum(FOLLOW_UP_MODE_IDS, { error: 'Kies bellen of een bezoek.' }),
    reason: z.enum(FOLLOW_UP_REASON_IDS, { error: 'Kies een reden.' }),
    reasonNote: z
      .string()
      .trim()
      .max(300, 'Houd de toelichting kort (max. 300 tekens).')
      .optional()
      .transform((v) => v || undefined),
  });
}
export type TAssignFollowUpInput = z.infer<ReturnType<typeof ZAssignFollowUpSchema>>;
