import type { TurnContext } from 'botbuilder';
import type { TLocale } from '../ui/i18n.ts';
import type { TAdaptiveCard } from '../ui/render.ts';
import { buildCard, sendCard } from '../welcome/handlers.ts';
import { conversationKindOf } from './context.ts';

// Personal data is shown and typed only in the personal chat. In a team channel or group chat these routes answer
// with the short team explanation instead, so a contact form can never be opened where colleagues read along.

export function personalMessage<TState>(forcedLocale: TLocale | undefined, handler: (context: TurnContext, state: TState) => Promise<void>) {
  return async (context: TurnContext, state: TState): Promise<void> =>
    conversationKindOf(context) === 'personal' ? handler(context, state) : sendCard(context, buildCard('channel', context, forcedLocale));
}

export function personalAction<TState, TData>(
  forcedLocale: TLocale | undefined,
  handler: (context: TurnContext, state: TState, data: TData) => Promise<TAdaptiveCard>,
) {
  return async (context: TurnContext, state: TState, data: TData): Promise<TAdaptiveCard> =>
    conversationKindOf(context) === 'personal' ? handler(context, state, data) : buildCard('channel', context, forcedLocale);
}
