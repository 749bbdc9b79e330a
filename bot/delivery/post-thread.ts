import type { ConversationReference } from 'botbuilder';

/**
 * Where the bot updates one of its posts: in a channel, the post's own thread (`<channel>;messageid=<post>`) – where
 * an action on the post arrives and where Teams updates it. A chat is its own thread.
 */
export function threadOfPost(reference: Partial<ConversationReference>, postId: string): Partial<ConversationReference> {
  const conversation = reference.conversation;
  if (!conversation?.id || conversation.conversationType !== 'channel' || conversation.id.includes(';messageid=')) return reference;
  return { ...reference, conversation: { ...conversation, id: `${conversation.id};messageid=${postId}` } };
}
