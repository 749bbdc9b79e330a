import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import type { TSignalDigestRepository } from '../../data/repositories/signal-digest.ts';
import type { TServices } from '../services.ts';
import { deliveryProblemsCard } from '../teams/delivery-status-handlers.ts';
import { roleInTeam } from '../teams/roster.ts';
import { channelAction, channelMessage } from '../turn/channel-only.ts';
import { languageOf } from '../turn/context.ts';
import { workerIdOf } from '../turn/worker.ts';
import { messageView } from '../ui/message-view.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import { sendCard } from '../welcome/handlers.ts';
import { digestView, MARK_ALL_DISCUSSED_VERB } from './digest-view.ts';
import { exportLinks } from './export-links.ts';
import { queueSignalPostUpdates } from './queue-signal-post-updates.ts';

export const OVERVIEW_COMMAND = /^\s*(overzicht|signalen overzicht|overzicht signalen|overview|digest)\s*$/i;
// `until` is the end of the period the card showed: a signal posted during the meeting stays open for the next one.
const ZMarkAllSchema = z.object({ teamId: z.string().min(1).max(300), until: z.iso.datetime().optional() });

type TDigestServices = TServices & { signalDigest: TSignalDigestRepository };

/** The team meeting's review: `@Nabij overzicht` in the channel, "alles besproken", and the export links. */
export function registerDigestRoutes<TState extends TurnState>(app: Application<TState>, services: TDigestServices): void {
  const { signalDigest, forcedLocale } = services;
  const deps = { teams: services.teams, configuredCoordinators: services.coordinators };

  const notice = (context: TurnContext, title: string, text: string) => {
    const { locale } = languageOf(context, forcedLocale);
    return renderCard('message', messageView(locale, title, [text]));
  };

  const digestCard = async (context: TurnContext, teamId: string): Promise<TAdaptiveCard> => {
    const { t, locale } = languageOf(context, forcedLocale);
    const now = services.clock();
    const period = await signalDigest.currentPeriod({ teamId, now });
    const digest = await signalDigest.digest(period);
    const urls = exportLinks({ publicBaseUrl: services.publicBaseUrl, secret: services.linkSecret, now, teamId, from: period.from, to: period.to, requesterId: workerIdOf(context) });
    return renderCard('signal-digest', digestView(t, locale, services.content, digest, { teamId, sinceReview: period.sinceReview, urls, timeZone: services.timeZone }));
  };

  app.message(OVERVIEW_COMMAND, channelMessage(forcedLocale, async (context, _state, team) => {
    const { role } = await roleInTeam(context, deps, team.id, workerIdOf(context));
    const { t } = languageOf(context, forcedLocale);
    if (!role) return sendCard(context, notice(context, t('team.coordinatorOnly.title'), t('signals.post.notMember')));
    services.logger.info({ event: 'signal_digest_shown' });
    await sendCard(context, await digestCard(context, team.id));
    // What did not arrive matters most in the meeting: the coordinator sees it right under the digest.
    const problems = role === 'coordinator' ? await deliveryProblemsCard(context, services, team.id) : undefined;
    if (problems) await sendCard(context, problems);
  }));

  app.adaptiveCards.actionExecute(MARK_ALL_DISCUSSED_VERB, channelAction(forcedLocale, async (context, _state, data, team) => {
    const parsed = ZMarkAllSchema.safeParse(data);
    const { t } = languageOf(context, forcedLocale);
    if (!parsed.success || parsed.data.teamId !== team.id) return notice(context, t('signals.gone.title'), t('signals.gone.text'));
    const { role } = await roleInTeam(context, deps, team.id, workerIdOf(context));
    if (role !== 'coordinator') return notice(context, t('team.coordinatorOnly.title'), t('team.coordinatorOnly.review'));
    const now = services.clock();
    const until = parsed.data.until ? new Date(Math.min(Date.parse(parsed.data.until), now.getTime())) : now;
    const { locale } = languageOf(context, forcedLocale);
    const channelId = (await services.teams.find(team.id))?.signalChannelId;
    let queued = 0;
    // The post updates are queued with the status change, so a failure or a restart can never leave posts saying "open".
    const changed = await signalDigest.markAllDiscussed({
      teamId: team.id, by: workerIdOf(context), at: now, createdBefore: until,
      alsoInTransaction: async (tx, signals) => {
        if (channelId) queued = await queueSignalPostUpdates(services, { teamId: team.id, channelId, signals, locale, tx });
      },
    });
    services.logger.info({ event: 'signals_all_discussed', count: changed.length, postUpdates: queued });
    if (queued) services.deliverSoon();
    return renderCard('message', messageView(locale, t('signals.review.title'), [t('signals.review.text', { count: changed.length })]));
  }));
}
