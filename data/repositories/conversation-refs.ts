import type { ConversationReference } from 'botbuilder';
import type { TDb } from '../client.ts';

export type TConversationKind = 'personal' | 'groupChat' | 'channel';

/** Stores where the bot can post later; display names are not needed for that and are left out. */
export function createConversationRefRepository(db: TDb) {
  return {
    async save(ref: Partial<ConversationReference>, kind: TConversationKind, tenantId?: string): Promise<void> {
      const conversationId = ref.conversation?.id;
      if (!conversationId) return;
      const reference = {
        activityId: undefined,
        bot: ref.bot ? { id: ref.bot.id } : undefined,
        channelId: ref.channelId,
        conversation: { id: conversationId, conversationType: ref.conversation?.conversationType, tenantId },
        serviceUrl: ref.serviceUrl,
        user: ref.user ? { id: ref.user.id, aadObjectId: ref.user.aadObjectId } : undefined,
        locale: ref.locale,
      };
      const json = JSON.parse(JSON.stringify(reference)) as object;
      const aadObjectId = kind === 'personal' ? (ref.user?.aadObjectId ?? null) : null;
      await db.conversationRef.upsert({
        where: { conversationId },
        create: { conversationId, conversationType: kind, tenantId: tenantId ?? null, aadObjectId, reference: json },
        update: { conversationType: kind, tenantId: tenantId ?? null, aadObjectId, reference: json },
      });
    },

    async find(conversationId: string): Promise<Partial<ConversationReference> | undefined> {
      const row = await db.conversationRef.findUnique({ where: { conversationId } });
      return row ? (row.reference as Partial<ConversationReference>) : undefined;
    },

    async findPersonal(aadObjectId: string): Promise<Partial<ConversationReference> | undefined> {
      const row = await db.conversationRef.findFirst({
        where: { aadObjectId, conversationType: 'personal' },
        orderBy: { updatedAt: 'desc' },
      });
      return row ? (row.reference as Partial<ConversationReference>) : undefined;
    },
  };
}

export type TConversationRefRepository = ReturnType<typeof createConversationRefRepository>;
