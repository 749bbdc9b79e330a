import type { TServices } from '../services.ts';
import type { TLocale } from '../ui/i18n.ts';
import { SIGNAL_POST_UPDATE_KIND, type TSignalPostUpdatePayload } from './render-signal-post.ts';

type TRefreshDeps = Pick<TServices, 'teams' | 'signals' | 'outbox' | 'deliverSoon' | 'logger'>;

/**
 * Queues an update of these signals' channel posts in the outbox, which renders each card when it sends it (the state
 * of that moment), retries with backoff and carries on after a restart. An Action.Execute answer replaces the card only
 * for the one who pressed, so without this the others would still see "open". A signal not posted yet is skipped:
 * its post, still in the outbox, shows its state when it goes out. Resolves to how many updates were queued.
 */
export async function refreshSignalPosts(deps: TRefreshDeps, teamId: string, signalIds: readonly string[], locale: TLocale): Promise<number> {
  const team = await deps.teams.find(teamId);
  if (!team?.signalChannelId) return 0;
  let queued = 0;
  for (const id of signalIds) {
    const signal = await deps.signals.find(id);
    const postId = signal?.postedActivityId;
    if (!signal || signal.teamId !== teamId || !postId) continue;
    const payload: TSignalPostUpdatePayload = { signalId: signal.id, postId, locale };
    // The channel as target: updates queue behind the channel's new posts and share its pace (Teams' rate limit).
    await deps.outbox.enqueue({ target: team.signalChannelId, teamId, kind: SIGNAL_POST_UPDATE_KIND, payload });
    queued++;
  }
  if (queued) {
    deps.logger.info({ event: 'signal_post_updates_queued', count: queued });
    deps.deliverSoon();
  }
  return queued;
}
