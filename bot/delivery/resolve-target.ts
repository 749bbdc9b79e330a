import type { ConversationReference } from 'botbuilder';

type TFindReference = (id: string) => Promise<Partial<ConversationReference> | undefined>;

export interface TTargetResolverDeps {
  /** Team.signalChannelRef of the team whose signal channel has this conversation id. */
  findSignalChannel?: TFindReference;
  /** ConversationRefRepository.find. */
  findConversation: TFindReference;
  /** ConversationRefRepository.findPersonal. */
  findPersonal: TFindReference;
}

/** An outbox target (`user:<aadObjectId>` or a conversation id) to a reference the bot can post to. */
export function createTargetResolver(deps: TTargetResolverDeps) {
  return async (target: string): Promise<Partial<ConversationReference> | undefined> => {
    const reference = target.startsWith('user:')
      ? await deps.findPersonal(target.slice('user:'.length))
      : ((await deps.findSignalChannel?.(target)) ?? (await deps.findConversation(target)));
    return reference?.serviceUrl && reference.conversation?.id ? reference : undefined;
  };
}
