import type { TurnContext } from 'botbuilder';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import { messageView } from '../ui/message-view.ts';
import type { TLocale } from '../ui/i18n.ts';
import { sendCard } from '../welcome/handlers.ts';
import { conversationKindOf, languageOf } from './context.ts';
import { teamOf } from '../teams/team-context.ts';

// Team work (binding the signal channel, roles, the meeting digest, assigning follow-ups) happens in a team channel.
// Elsewhere these routes explain where to type the command instead.

function elsewhereCard(context: TurnContext, forcedLocale: TLocale | undefined): TAdaptiveCard {
  const { t, locale } = languageOf(context, forcedLocale);
  return renderCard('message', messageView(locale, t('team.onlyInChannel.title'), [t('team.onlyInChannel.text')]));
}

export function channelMessage<TState>(forcedLocale: TLocale | undefined, handler: (context: TurnContext, state: TState, team: { id: string; name?: string }) => Promise<void>) {
  return async (context: TurnContext, state: TState): Promise<void> => {
    const team = teamOf(context);
    if (conversationKindOf(context) !== 'channel' || !team) return sendCard(context, elsewhereCard(context, forcedLocale));
    return handler(context, state, team);
  };
}

export function channelAction<TState, TData>(
  forcedLocale: TLocale | undefined,
  handler: (context: TurnContext, state: TState, data: TData, team: { id: string; name?: string }) => Promise<TAdaptiveCard>,
) {
  return async (context: TurnContext, state: TState, data: TData): Promise<TAdaptiveCard> => {
    const team = teamOf(context);
    if (conversationKindOf(context) !== 'channel' || !team) return elsewhereCard(context, forcedLocale);
    return handler(context, state, data, team);
  };
}
