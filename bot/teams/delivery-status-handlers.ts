import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import { NO_SHARED_TEAM, PERSONAL_CHAT_REFUSED } from '../delivery/open-personal-chat.ts';
import type { TServices } from '../services.ts';
import { channelAction, channelMessage } from '../turn/channel-only.ts';
import { languageOf } from '../turn/context.ts';
import { workerIdOf } from '../turn/worker.ts';
import { messageView } from '../ui/message-view.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import { sendCard } from '../welcome/handlers.ts';
import { roleInTeam } from './roster.ts';

export const DELIVERY_COMMAND = /^\s*(bezorging|berichten|delivery|status)\s*$/i;
const ZRetrySchema = z.object({ teamId: z.string().min(1).max(300) });

const KNOWN_KINDS = ['signal.post', 'signal.postUpdate', 'followUp.assigned', 'followUp.reminder', 'followUp.weekly'];
const KNOWN_ERRORS = ['no_conversation', NO_SHARED_TEAM, PERSONAL_CHAT_REFUSED, 'gone', '403', '404', 'turn_skipped'];

/**
 * Messages that could not be delivered after all retries, shown to the team's coordinator with a way to try again.
 * Names shown are colleagues' (from the roster), never a citizen's.
 */
export async function deliveryProblemsCard(context: TurnContext, services: TServices, teamId: string): Promise<TAdaptiveCard | undefined> {
  const failed = await services.outbox.listFailed(teamId);
  if (!failed.length) return undefined;
  const { t, locale } = languageOf(context, services.forcedLocale);
  const members = new Map((await services.teams.members(teamId)).map((m) => [m.aadObjectId, m.displayName]));
  const lines = failed.slice(0, 10).map((message) => {
    const person = message.target.startsWith('user:') ? (members.get(message.target.slice(5)) ?? t('delivery.someone')) : '';
    const what = t(`delivery.kinds.${KNOWN_KINDS.includes(message.kind) ? message.kind.replace('.', '_') : 'other'}`, { name: person });
    // Connector errors carry the service's code after the status ("404:NotFound").
    const known = KNOWN_ERRORS.find((k) => message.lastError === k || message.lastError?.startsWith(`${k}:`));
    const why = t(`delivery.errors.${known ?? 'other'}`, { code: message.lastError ?? '?' });
    return `- ${what}: ${why}`;
  });
  return renderCard('message', messageView(locale, t('delivery.title', { count: failed.length }), [t('delivery.intro'), ...lines], {
    actions: [{ title: t('delivery.retry'), verb: 'delivery.retry', data: { teamId } }],
  }));
}

export function registerDeliveryStatusRoutes<TState extends TurnState>(app: Application<TState>, services: TServices): void {
  const { forcedLocale } = services;
  const deps = { teams: services.teams, configuredCoordinators: services.coordinators };

  const allClear = (context: TurnContext) => {
    const { t, locale } = languageOf(context, forcedLocale);
    return renderCard('message', messageView(locale, t('delivery.allClear.title'), [t('delivery.allClear.text')]));
  };
  const refusal = (context: TurnContext) => {
    const { t, locale } = languageOf(context, forcedLocale);
    return renderCard('message', messageView(locale, t('team.coordinatorOnly.title'), [t('delivery.coordinatorOnly')]));
  };
  const isCoordinator = async (context: TurnContext, teamId: string) => (await roleInTeam(context, deps, teamId, workerIdOf(context))).role === 'coordinator';

  app.message(DELIVERY_COMMAND, channelMessage(forcedLocale, async (context, _state, team) => {
    if (!(await isCoordinator(context, team.id))) return sendCard(context, refusal(context));
    await sendCard(context, (await deliveryProblemsCard(context, services, team.id)) ?? allClear(context));
  }));

  app.adaptiveCards.actionExecute('delivery.retry', channelAction(forcedLocale, async (context, _state, data, team) => {
    const parsed = ZRetrySchema.safeParse(data);
    if (!parsed.success || parsed.data.teamId !== team.id || !(await isCoordinator(context, team.id))) return refusal(context);
    const failed = await services.outbox.listFailed(team.id);
    for (const message of failed) await services.outbox.retryFailed(message.id, services.clock());
    services.logger.info({ event: 'outbox_retry_requested', count: failed.length });
    services.deliverSoon();
    const { t, locale } = languageOf(context, forcedLocale);
    return renderCard('message', messageView(locale, t('delivery.retried.title'), [t('delivery.retried.text', { count: failed.length })]));
  }));
}
