import { ActivityTypes, TurnContext, type Middleware } from 'botbuilder';
import type { TConversationRefRepository } from '../../data/repositories/conversation-refs.ts';
import { conversationKindOf, tenantIdOf } from './context.ts';

const MAX_REMEMBERED = 10_000;

/** Keeps a conversation reference for every chat and channel the bot hears from, for proactive posts later. */
export function conversationRefMiddleware(repo: TConversationRefRepository): Middleware {
  // Saved once per process and conversation; the reference of a conversation rarely changes.
  const saved = new Set<string>();
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const { type, conversation } = context.activity;
      const relevant = type === ActivityTypes.Message || type === ActivityTypes.ConversationUpdate || type === 'installationUpdate';
      if (relevant && conversation?.id && !saved.has(conversation.id)) {
        await repo.save(TurnContext.getConversationReference(context.activity), conversationKindOf(context), tenantIdOf(context));
        if (saved.size >= MAX_REMEMBERED) saved.clear();
        saved.add(conversation.id);
      }
      await next();
    },
  };
}
