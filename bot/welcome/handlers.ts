import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { conversationKindOf, firstNameOf, languageOf } from '../turn/context.ts';
import type { TLocale } from '../ui/i18n.ts';
import { renderCard, type TAdaptiveCard } from '../ui/render.ts';
import { helpView, noticeView, privacyView, welcomeView } from './views.ts';

// Thin handlers: pick the card for the turn, render it from its view-model, send or return it.

export type TWelcomeCardName = 'welcome' | 'help' | 'notUnderstood' | 'privacy' | 'channel' | 'unknownAction';

export function buildCard(name: TWelcomeCardName, context: TurnContext, forcedLocale?: TLocale): TAdaptiveCard {
  const { t, locale } = languageOf(context, forcedLocale);
  switch (name) {
    case 'welcome':
      return renderCard('welcome', welcomeView(t, locale, firstNameOf(context)));
    case 'help':
      return renderCard('help', helpView(t, locale, 'asked', conversationKindOf(context) === 'channel' ? 'team' : 'personal'));
    case 'notUnderstood':
      return renderCard('help', helpView(t, locale, 'notUnderstood', conversationKindOf(context) === 'channel' ? 'team' : 'personal'));
    case 'privacy':
      return renderCard('privacy', privacyView(t, locale));
    case 'channel':
    case 'unknownAction':
      return renderCard('notice', noticeView(t, locale, name));
  }
}

export async function sendCard(context: TurnContext, card: TAdaptiveCard): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

/** In a team or group chat Nabij explains itself briefly; personal matters belong in the personal chat. */
export function cardForMessage(name: Exclude<TWelcomeCardName, 'channel' | 'unknownAction'>, context: TurnContext, forcedLocale?: TLocale) {
  if (conversationKindOf(context) !== 'personal' && name !== 'help') return buildCard('channel', context, forcedLocale);
  return buildCard(name, context, forcedLocale);
}
