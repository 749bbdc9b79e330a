import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import { z } from 'zod/v4';
import type { TContent } from '../../data/content/load-content.ts';
import { addDays, type TFollowUpRepository } from '../../data/repositories/follow-ups.ts';
import { translator, type TLocale } from '../ui/i18n.ts';
import { renderCard } from '../ui/render.ts';
import { localDay, NABIJ_TIME_ZONE, startOfLocalDay, weekStartOfKey } from './calendar.ts';
import { followUpAssignedView, followUpReminderView, followUpWeeklyView } from './follow-up-views.ts';

// The outbox stores a kind and ids; this turns them into the message at the moment it is sent, so it shows the
// state of now and a person erased in the meantime leaves nothing behind.

export const FOLLOW_UP_MESSAGE_KINDS = ['followUp.assigned', 'followUp.reminder', 'followUp.weekly'] as const;
export type TFollowUpMessageKind = (typeof FOLLOW_UP_MESSAGE_KINDS)[number];

const ZLocale = z.enum(['nl', 'en']).optional();
const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The payload of each kind: ids only, never names or text. */
export const ZFollowUpPayloadSchemas = {
  'followUp.assigned': z.object({ followUpId: z.uuid(), locale: ZLocale }),
  'followUp.reminder': z.object({ assigneeId: z.string().min(1), day: ZDay, locale: ZLocale }),
  'followUp.weekly': z.object({ teamId: z.string().min(1), weekKey: z.string().regex(/^\d{4}-W\d{2}$/), locale: ZLocale }),
} as const;

export interface TFollowUpRenderDeps {
  followUps: Pick<TFollowUpRepository, 'findForMessage' | 'listOpenForAssignee' | 'countsForTeam'>;
  content: TContent;
  clock: () => Date;
  timeZone?: string;
  /** When the payload names no language (a personal chat's language is not stored); Dutch by default. */
  defaultLocale?: TLocale;
}

export function isFollowUpMessageKind(kind: string): kind is TFollowUpMessageKind {
  return (FOLLOW_UP_MESSAGE_KINDS as readonly string[]).includes(kind);
}

/**
 * The activity for an outbox message of a follow-up kind; undefined when there is nothing (left) to say: the
 * follow-up or contact is gone or done, nothing is due any more, the payload is not valid, or the kind is not ours.
 */
export async function renderFollowUpMessage(kind: string, payload: unknown, deps: TFollowUpRenderDeps): Promise<Partial<Activity> | undefined> {
  if (!isFollowUpMessageKind(kind)) return undefined;
  const timeZone = deps.timeZone ?? NABIJ_TIME_ZONE;
  const today = localDay(deps.clock(), timeZone);
  const language = (locale: TLocale | undefined) => {
    const lang = locale ?? deps.defaultLocale ?? 'nl';
    return { lang, t: translator(lang) };
  };
  const asActivity = (card: object) => MessageFactory.attachment(CardFactory.adaptiveCard(card));

  switch (kind) {
    case 'followUp.assigned': {
      const parsed = ZFollowUpPayloadSchemas[kind].safeParse(payload);
      if (!parsed.success) return undefined;
      const followUp = await deps.followUps.findForMessage(parsed.data.followUpId);
      if (!followUp || followUp.status !== 'open') return undefined;
      const { lang, t } = language(parsed.data.locale);
      return asActivity(renderCard('follow-up-assigned', followUpAssignedView(t, lang, deps.content, followUp, today)));
    }
    case 'followUp.reminder': {
      const parsed = ZFollowUpPayloadSchemas[kind].safeParse(payload);
      if (!parsed.success) return undefined;
      // What is due when the message goes out: done ones drop off, ones that became due since are included.
      const open = await deps.followUps.listOpenForAssignee(parsed.data.assigneeId, today);
      const due = open.filter((f) => f.timing !== 'later');
      if (!due.length) return undefined;
      const { lang, t } = language(parsed.data.locale);
      return asActivity(renderCard('follow-up-reminder', followUpReminderView(t, lang, deps.content, due, today)));
    }
    case 'followUp.weekly': {
      const parsed = ZFollowUpPayloadSchemas[kind].safeParse(payload);
      const weekStart = parsed.success ? weekStartOfKey(parsed.data.weekKey) : undefined;
      if (!parsed.success || !weekStart) return undefined;
      const counts = await deps.followUps.countsForTeam(parsed.data.teamId, {
        today: today > weekStart ? today : weekStart,
        weekEnd: addDays(weekStart, 6),
        doneFrom: startOfLocalDay(addDays(weekStart, -7), timeZone),
        doneTo: startOfLocalDay(weekStart, timeZone),
      });
      const { lang, t } = language(parsed.data.locale);
      return asActivity(renderCard('follow-up-weekly', followUpWeeklyView(t, lang, counts, parsed.data.weekKey)));
    }
  }
}
