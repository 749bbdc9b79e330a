import type { CloudAdapter, ConversationParameters, ConversationReference, ConversationResourceResponse } from 'botbuilder';
import type { TPersonalChatRoute } from '../../data/repositories/teams.ts';
import type { Logger } from '../logger.ts';
import { classifySendError } from './classify-send-error.ts';
import { takeOverRetries } from './connector-retries.ts';
import { DeliveryError } from './delivery-error.ts';
import type { TOutboxActivity } from './outbox-dispatcher.ts';

/** The colleague is in no team with a linked channel: the bot has no service URL and no Teams id to open a chat with. */
export const NO_SHARED_TEAM = 'no_shared_team';
/** Teams refused to open the chat (403/404): the app is not available to that person. */
export const PERSONAL_CHAT_REFUSED = 'personal_chat_refused';

/** The part of botframework-connector's ConnectorClient used here (not a direct dependency, so typed here). */
interface TConnectorLike {
  conversations: { createConversation(parameters: ConversationParameters): Promise<ConversationResourceResponse> };
}

type TSend = (reference: Partial<ConversationReference>, activity: TOutboxActivity) => Promise<string | undefined>;

/**
 * Someone's personal chat with the bot before it exists: who they are in Teams and where to open it (the service URL,
 * tenant and bot id of a team of theirs), but no conversation id. Without a route it names only the person.
 */
export function unopenedPersonalChat(aadObjectId: string, route: TPersonalChatRoute | undefined): Partial<ConversationReference> {
  if (!route) return { channelId: 'msteams', user: { id: '', name: '', aadObjectId } };
  const channel = route.channelReference;
  return {
    channelId: channel.channelId ?? 'msteams',
    serviceUrl: channel.serviceUrl,
    ...(channel.bot?.id ? { bot: { id: channel.bot.id, name: '' } } : {}),
    user: { id: route.teamsUserId, name: '', aadObjectId },
    conversation: { id: '', isGroup: false, conversationType: 'personal', name: '', ...(route.tenantId ? { tenantId: route.tenantId } : {}) },
  };
}

export function isUnopenedPersonalChat(reference: Partial<ConversationReference>): boolean {
  return !reference.conversation?.id && Boolean(reference.user?.aadObjectId);
}

export interface TPersonalChatOpenerDeps {
  adapter: Pick<CloudAdapter, 'continueConversationAsync' | 'ConnectorClientKey'>;
  /** The bot's app id (empty in anonymous mode). */
  botAppId?: string;
  requestTimeoutMs?: number;
  /** Keeps the new chat as the person's personal reference (ConversationRefRepository.save), so the next message reuses it. */
  savePersonal(reference: Partial<ConversationReference>, tenantId: string | undefined): Promise<void>;
  logger: Logger;
}

/**
 * Opens the 1:1 chat with a colleague who never chatted with the bot, as Teams documents it for a bot installed in a
 * team the user is in: POST /v3/conversations with the bot, the member's 29: id and the tenant. Teams answers with the
 * chat's id (the same one again if the chat already exists). The request is made with the connector client of a
 * proactive turn, with the SDK's own retries off (adapter.createConversationAsync would retry in memory, without a
 * time limit): the outbox retries a 429/5xx with its attempts and backoff, and a 403/404 fails for good.
 */
export function createPersonalChatOpener(deps: TPersonalChatOpenerDeps) {
  const requestTimeoutMs = deps.requestTimeoutMs ?? 30_000;
  const { adapter, logger } = deps;

  return async (unopened: Partial<ConversationReference>): Promise<Partial<ConversationReference>> => {
    const member = unopened.user;
    if (!unopened.serviceUrl || !member?.id || !member.aadObjectId) throw new DeliveryError(NO_SHARED_TEAM, false);
    const tenantId = unopened.conversation?.tenantId;
    const bot = { id: unopened.bot?.id || (deps.botAppId ? `28:${deps.botAppId}` : ''), name: '' };
    const parameters: ConversationParameters = {
      isGroup: false,
      bot,
      members: [{ id: member.id, name: '' }],
      channelData: tenantId ? { tenant: { id: tenantId } } : {},
      ...(tenantId ? { tenantId } : {}),
    };
    let created: ConversationResourceResponse | undefined;
    let failure: { error: unknown } | undefined;
    // Errors are caught inside the turn, so the adapter's onTurnError does not post about them.
    await adapter.continueConversationAsync(deps.botAppId ?? '', unopened, async (context) => {
      try {
        const connector = context.turnState.get<TConnectorLike>(adapter.ConnectorClientKey);
        takeOverRetries(connector, requestTimeoutMs);
        created = await connector.conversations.createConversation(parameters);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw refusalOr(failure.error, logger);
    // A middleware (e.g. the tenant allow-list) ended the turn before our logic ran.
    if (!created) throw new DeliveryError('turn_skipped', false);
    if (!created.id) throw new DeliveryError('no_conversation_id', true);

    const reference: Partial<ConversationReference> = {
      channelId: unopened.channelId,
      serviceUrl: created.serviceUrl || unopened.serviceUrl,
      bot,
      user: { id: member.id, name: '', aadObjectId: member.aadObjectId },
      conversation: { id: created.id, isGroup: false, conversationType: 'personal', name: '', ...(tenantId ? { tenantId } : {}) },
    };
    await deps.savePersonal(reference, tenantId);
    logger.info({ event: 'personal_chat_opened' });
    return reference;
  };
}

function refusalOr(error: unknown, logger: Logger): unknown {
  const { code } = classifySendError(error);
  const status = code.split(':')[0];
  if (status !== '403' && status !== '404') return error;
  logger.warn({ event: 'personal_chat_refused', code });
  return new DeliveryError(PERSONAL_CHAT_REFUSED, false);
}

/** The outbox's send, opening a personal chat that does not exist yet (and storing it) before the first message. */
export function sendOpeningPersonalChats(send: TSend, open: ReturnType<typeof createPersonalChatOpener>): TSend {
  return async (reference, activity) => send(isUnopenedPersonalChat(reference) ? await open(reference) : reference, activity);
}
