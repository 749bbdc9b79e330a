import type { ConversationReference } from 'botbuilder';
import type { TPersonalChatRoute } from '../../data/repositories/teams.ts';
import { unopenedPersonalChat } from './open-personal-chat.ts';

type TFindReference = (id: string) => Promise<Partial<ConversationReference> | undefined>;

export interface TTargetResolverDeps {
  /** Team.signalChannelRef of the team whose signal channel has this conversation id. */
  findSignalChannel?: TFindReference;
  /** ConversationRefRepository.find. */
  findConversation: TFindReference;
  /** ConversationRefRepository.findPersonal. */
  findPersonal: TFindReference;
  /**
   * TeamRepository.personalChatRoute: where a personal chat could be opened with someone the bot has none with yet.
   * Without it such a person cannot be reached (undefined).
   */
  findPersonalChatRoute?: (aadObjectId: string, preferTeamId?: string) => Promise<TPersonalChatRoute | undefined>;
}

const usable = (reference: Partial<ConversationReference> | undefined) => (reference?.serviceUrl && reference.conversation?.id ? reference : undefined);

/**
 * An outbox target (`user:<aadObjectId>` or a conversation id) to a reference the bot can post to. Someone without a
 * personal chat yet gets a reference without a conversation id, which the sender opens first (open-personal-chat.ts);
 * the team of the message is preferred for that.
 */
export function createTargetResolver(deps: TTargetResolverDeps) {
  return async (target: string, message?: { teamId?: string | null }): Promise<Partial<ConversationReference> | undefined> => {
    if (!target.startsWith('user:')) return usable((await deps.findSignalChannel?.(target)) ?? (await deps.findConversation(target)));
    const aadObjectId = target.slice('user:'.length);
    const personal = usable(await deps.findPersonal(aadObjectId));
    if (personal || !deps.findPersonalChatRoute) return personal;
    return unopenedPersonalChat(aadObjectId, await deps.findPersonalChatRoute(aadObjectId, message?.teamId ?? undefined));
  };
}
