import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import type { TSignalStatus } from '../../data/repositories/signals.ts';
import { identifyingFragments } from '../privacy/check-shareable-text.ts';
import type { TServices } from '../services.ts';
import { roleInTeam } from '../teams/roster.ts';
import { channelAction } from '../turn/channel-only.ts';
import { languageOf } from '../turn/context.ts';
import { workerIdOf } from '../turn/worker.ts';
import { messageView } from '../ui/message-view.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import { classifySendError } from '../delivery/classify-send-error.ts';
import { queueSignalPostUpdates } from './queue-signal-post-updates.ts';
import { replaceSignalPost, signalPostCard } from './render-signal-post.ts';

const ZSignalActionSchema = z.object({ signalId: z.uuid(), note: z.string().max(300).optional() });

/** The actions on a signal's card in the channel: discussed (with an optional note), on the agenda, needs follow-up. */
export function registerSignalChannelRoutes<TState extends TurnState>(app: Application<TState>, services: TServices): void {
  const { forcedLocale } = services;
  const deps = { teams: services.teams, configuredCoordinators: services.coordinators };

  const notice = (context: TurnContext, key: string): TAdaptiveCard => {
    const { t, locale } = languageOf(context, forcedLocale);
    return renderCard('message', messageView(locale, t(`${key}.title`), [t(`${key}.text`)]));
  };

  const mark = (status: TSignalStatus) =>
    channelAction(forcedLocale, async (context: TurnContext, _state: TState, data: unknown, team) => {
      const parsed = ZSignalActionSchema.safeParse(data);
      const signal = parsed.success ? await services.signals.find(parsed.data.signalId) : undefined;
      if (!parsed.success || !signal || signal.teamId !== team.id) return notice(context, 'signals.gone');
      const { t, locale } = languageOf(context, forcedLocale);
      const { role } = await roleInTeam(context, deps, team.id, workerIdOf(context));
      if (!role) return signalPostCard(services, signal, locale, { error: t('signals.post.notMember') });
      const note = parsed.data.note?.trim() || undefined;
      if (note && identifyingFragments(note).length) {
        services.logger.info({ event: 'signal_note_blocked_identifying' });
        return signalPostCard(services, signal, locale, { error: t('signals.post.noteIdentifying'), noteValue: note });
      }
      const result = await services.signals.setStatus({ id: signal.id, teamId: team.id, status, by: workerIdOf(context), at: services.clock(), note });
      if (!result) return notice(context, 'signals.gone');
      if (result.changed) services.logger.info({ event: 'signal_status_changed', status });
      const card = await signalPostCard(services, result.signal, locale);
      // The answer below replaces the card only for the one who pressed: the post itself is updated for everyone, at
      // once in this turn, or else by the outbox, which retries.
      const postId = result.signal.postedActivityId ?? context.activity.replyToId;
      const retryLater = postId && (await replaceSignalPost(context, postId, card).then(() => false, (err: unknown) => {
        services.logger.warn({ event: 'signal_post_update_failed', err });
        // A post that is gone or that the bot may no longer change (404, 403) will not get better by retrying.
        return classifySendError(err).retryable;
      }));
      if (retryLater) {
        // The channel the post is in: this turn's conversation, the post's thread (also after the channel was re-linked).
        const channelId = (context.activity.conversation.id ?? '').split(';messageid=')[0]!;
        await queueSignalPostUpdates(services, { teamId: team.id, channelId, signals: [{ id: result.signal.id, postedActivityId: postId }], locale })
          .then(() => services.deliverSoon(), (err: unknown) => services.logger.warn({ event: 'signal_post_update_failed', err }));
      }
      // Pressed on a card that was out of date: someone discussed the signal meanwhile, and it stays discussed.
      return result.changed ? card : signalPostCard(services, result.signal, locale, { error: t('signals.post.alreadyDiscussed') });
    });

  app.adaptiveCards.actionExecute('signal.markDiscussed', mark('discussed'));
  app.adaptiveCards.actionExecute('signal.markAgenda', mark('agenda'));
  app.adaptiveCards.actionExecute('signal.markFollowUp', mark('followup'));
}
