import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { z } from 'zod/v4';
import type { TContent } from '../../data/content/load-content.ts';
import type { TSignalRecord, TSignalRepository } from '../../data/repositories/signals.ts';
import type { TTeamRepository } from '../../data/repositories/teams.ts';
import { localeOf, translator, type TLocale } from '../ui/i18n.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import { signalPostView } from './signal-views.ts';

export interface TSignalCardDeps {
  content: TContent;
  signals: TSignalRepository;
  teams: TTeamRepository;
  /** The municipality's time zone: the day a status changed. */
  timeZone: string;
}

/** The signal's channel card as it is now: status, and who changed it (a colleague's name from the roster). */
export async function signalPostCard(deps: TSignalCardDeps, signal: TSignalRecord, locale: TLocale, problem?: { error: string; noteValue?: string }): Promise<TAdaptiveCard> {
  const team = await deps.teams.find(signal.teamId);
  const statusBy = signal.statusBy ? await deps.teams.member(signal.teamId, signal.statusBy) : undefined;
  return renderCard('signal-post', signalPostView(translator(locale), locale, deps.content, signal, {
    statusByName: statusBy?.displayName,
    error: problem?.error,
    noteValue: problem?.noteValue,
    showCaseCode: Boolean(team?.allowCaseCodes),
    timeZone: deps.timeZone,
  }));
}

/** Renders an outbox 'signal.post' message at send time; undefined when the signal is gone. */
export async function renderSignalPost(deps: TSignalCardDeps, payload: { signalId?: unknown; locale?: unknown }): Promise<Partial<Activity> | undefined> {
  const signal = typeof payload.signalId === 'string' ? await deps.signals.find(payload.signalId) : undefined;
  if (!signal) return undefined;
  const card = await signalPostCard(deps, signal, localeOf(typeof payload.locale === 'string' ? payload.locale : 'nl'));
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** The outbox kind that replaces a signal's existing channel post with its current card. */
export const SIGNAL_POST_UPDATE_KIND = 'signal.postUpdate';

/** Ids and a language code only: the card is rendered when the update is sent. */
export const ZSignalPostUpdatePayloadSchema = z.object({
  signalId: z.uuid(),
  /** The channel post's activity id: the message to replace. */
  postId: z.string().min(1).max(200),
  locale: z.enum(['nl', 'en']).optional(),
});
export type TSignalPostUpdatePayload = z.infer<typeof ZSignalPostUpdatePayloadSchema>;

/**
 * Renders an outbox 'signal.postUpdate' message at send time, from the signal's state at that moment (a later status
 * wins, a retry never shows an older one). The activity carries the post's id: the outbox replaces that post instead
 * of posting a new message. Undefined when the signal is gone.
 */
export async function renderSignalPostUpdate(deps: TSignalCardDeps, payload: unknown): Promise<Partial<Activity> | undefined> {
  const parsed = ZSignalPostUpdatePayloadSchema.safeParse(payload);
  const signal = parsed.success ? await deps.signals.find(parsed.data.signalId) : undefined;
  if (!parsed.success || !signal) return undefined;
  const card = await signalPostCard(deps, signal, parsed.data.locale ?? 'nl');
  return { type: 'message', id: parsed.data.postId, attachments: [CardFactory.adaptiveCard(card)] };
}

/** Replaces the channel post for everyone in the conversation of `context` (the post's thread). */
export async function replaceSignalPost(context: TurnContext, postId: string, card: TAdaptiveCard): Promise<void> {
  await context.updateActivity({ id: postId, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
}
