import type { ConversationReference } from 'botbuilder';
import type { TServices } from '../services.ts';
import type { TLocale } from '../ui/i18n.ts';
import { replaceSignalPost, signalPostCard, type TSignalCardDeps } from './render-signal-post.ts';

type TRefreshDeps = TSignalCardDeps & Pick<TServices, 'continueConversation' | 'logger'>;

/**
 * Shows these signals' current state on their channel posts, one post after the other, outside the turn: an
 * Action.Execute answer replaces the card only for the one who pressed, so the others would still see "open". A post
 * that cannot be updated is logged and skipped; the statuses are saved either way.
 */
export async function refreshSignalPosts(deps: TRefreshDeps, teamId: string, signalIds: readonly string[], locale: TLocale): Promise<void> {
  const team = await deps.teams.find(teamId);
  const channel = team?.signalChannelRef as Partial<ConversationReference> | null | undefined;
  if (!team?.signalChannelId || !channel?.conversation) return;
  for (const id of signalIds) {
    const signal = await deps.signals.find(id);
    const postId = signal?.postedActivityId;
    if (!signal || !postId) continue;
    const card = await signalPostCard(deps, signal, locale);
    // The post's own thread: where an action on the post arrives, and where Teams updates it.
    const thread = { ...channel, conversation: { ...channel.conversation, id: `${team.signalChannelId};messageid=${postId}` } };
    await deps.continueConversation(thread, (context) => replaceSignalPost(context, postId, card))
      .catch((err: unknown) => deps.logger.warn({ event: 'signal_post_update_failed', err }));
  }
}
