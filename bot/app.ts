import { ActivityTypes, type Storage, type TurnContext } from 'botbuilder';
import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import { userMessageFor } from './errors.ts';
import type { Logger } from './logger.ts';
import { conversationKindOf, languageOf } from './turn/context.ts';
import type { TLocale } from './ui/i18n.ts';
import { registerContactRoutes } from './contacts/contact-handlers.ts';
import { registerImportFileRoute } from './contacts/import-file-handler.ts';
import { registerGuideRoutes } from './guide/guide-handlers.ts';
import { collectNoteMessage, registerNotesRoutes } from './notes/notes-handlers.ts';
import { NabijTurnState } from './turn/nabij-turn-state.ts';
import { registerPreparationRoutes } from './preparation/preparation-handlers.ts';
import { registerRegistrationRoutes } from './registration/registration-handlers.ts';
import type { TServices } from './services.ts';
import { registerFollowUpRoutes } from './follow-ups/follow-up-handlers.ts';
import { registerAuditRoutes } from './audit/audit-handlers.ts';
import { registerLifecycleRoutes } from './privacy-lifecycle/register-lifecycle-routes.ts';
import { registerDigestRoutes } from './signals/digest-handlers.ts';
import { registerSignalChannelRoutes } from './signals/signal-channel-handlers.ts';
import { registerSignalRoutes } from './signals/signal-handlers.ts';
import { registerAssignFollowUpRoutes } from './teams/assign-follow-up-handlers.ts';
import { registerTeamRoutes } from './teams/team-handlers.ts';
import { registerDeliveryStatusRoutes } from './teams/delivery-status-handlers.ts';
import { buildCard, cardForMessage, sendCard } from './welcome/handlers.ts';

export interface TAppDeps {
  adapter: TeamsAdapter;
  storage: Storage;
  logger: Logger;
  botAppId?: string;
  /** The local Teams client always reports en-US; `npm start` pins Dutch so the demo speaks Dutch. */
  forcedLocale?: TLocale;
  services: Omit<TServices, 'logger' | 'forcedLocale' | 'continueConversation'>;
}

const GREETING = /^\s*(hallo|hoi|dag|goeiedag|goedemorgen|hello|hi|hey|start|begin|welkom)\b[\s.!?]*$/i;
const HELP = /^\s*(help|hulp|\?|wat kan je\??)\s*$/i;
const PRIVACY = /^\s*privacy\s*$/i;

/** Builds the teams-ai Application and registers every route. Reads no environment: everything comes in deps. */
export function createApp(deps: TAppDeps): Application<NabijTurnState> {
  const { forcedLocale, logger } = deps;
  const app = new Application<NabijTurnState>({
    turnStateFactory: () => new NabijTurnState(),
    adapter: deps.adapter,
    botAppId: deps.botAppId ?? '',
    storage: deps.storage,
    removeRecipientMention: true,
    startTypingTimer: false,
  });

  const welcome = async (context: TurnContext, state: NabijTurnState) => {
    if (conversationKindOf(context) === 'personal') state.user.welcomedAt = new Date().toISOString();
    await sendCard(context, cardForMessage('welcome', context, forcedLocale));
  };

  app.conversationUpdate('membersAdded', async (context, state) => {
    const botWasAdded = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
    if (botWasAdded) await welcome(context, state);
  });

  app.message(GREETING, welcome);
  app.message(HELP, async (context) => sendCard(context, cardForMessage('help', context, forcedLocale)));
  app.message(PRIVACY, async (context) => sendCard(context, cardForMessage('privacy', context, forcedLocale)));

  const services: TServices = {
    ...deps.services,
    logger,
    forcedLocale,
    continueConversation: (reference, logic) => deps.adapter.continueConversationAsync(deps.botAppId ?? '', reference, logic),
  };
  registerImportFileRoute(app, services);
  registerContactRoutes(app, services);
  registerPreparationRoutes(app, services);
  registerGuideRoutes(app, services);
  registerRegistrationRoutes(app, services);
  registerNotesRoutes(app, services);
  registerSignalRoutes(app, services);
  registerFollowUpRoutes(app, services);
  registerAuditRoutes(app, services);
  registerLifecycleRoutes(app, services);
  // Team work in the channel.
  registerTeamRoutes(app, services);
  registerSignalChannelRoutes(app, services);
  registerDigestRoutes(app, services);
  registerAssignFollowUpRoutes(app, services);
  registerDeliveryStatusRoutes(app, services);

  // Anything else, including a stray Action.Submit: a first-time user is welcomed, others get a friendly overview.
  app.activity(ActivityTypes.Message, async (context, state) => {
    if (conversationKindOf(context) === 'personal' && (await collectNoteMessage(context, state, services))) return;
    if (conversationKindOf(context) === 'personal' && !state.user.welcomedAt) return welcome(context, state);
    await sendCard(context, cardForMessage('notUnderstood', context, forcedLocale));
  });

  app.adaptiveCards.actionExecute('showWelcome', async (context) => buildCard('welcome', context, forcedLocale));
  app.adaptiveCards.actionExecute('showHelp', async (context) => buildCard('help', context, forcedLocale));
  app.adaptiveCards.actionExecute('showPrivacy', async (context) => buildCard('privacy', context, forcedLocale));
  // Registered last: any verb no route knows (an old card, a tampered payload).
  app.adaptiveCards.actionExecute(/.*/, async (context) => {
    logger.warn({ event: 'unknown_card_verb' });
    return buildCard('unknownAction', context, forcedLocale);
  });

  app.error(async (context: TurnContext, error: Error) => {
    logger.error({ event: 'turn_failed', activityType: context.activity.type, err: error });
    const { t } = languageOf(context, forcedLocale);
    const message = userMessageFor(error, t);
    if (context.activity.type === ActivityTypes.Invoke) {
      // A message response leaves the card – and what the user typed in it – as it was.
      const body = { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: message };
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } }).catch(() => undefined);
      return;
    }
    await context.sendActivity(message).catch(() => undefined);
  });

  return app;
}
