import type { TOutboxTx } from '../../data/repositories/outbox.ts';
import type { TServices } from '../services.ts';
import type { TLocale } from '../ui/i18n.ts';
import { SIGNAL_POST_UPDATE_KIND, type TSignalPostUpdatePayload } from './render-signal-post.ts';
import { SIGNAL_POST_KIND } from './signal-handlers.ts';

/** A signal whose channel post should show its new status, and that post's id (null: not known to be posted yet). */
export interface TSignalPostRef {
  id: string;
  postedActivityId: string | null;
}

/**
 * Queues an update of these signals' channel posts in the outbox, which renders each card when it sends it (the state
 * of that moment), retries with backoff and carries on after a restart. An Action.Execute answer replaces the card only
 * for the one who pressed, so without this the others would still see "open". Each update goes to the channel its
 * post was sent to (the outbox remembers it for 30 days; `channelId`, the team's channel now, after that). With `tx`,
 * the updates are queued in the transaction of the status change: both happen or neither. A signal without a known
 * post is skipped: its post, still in the outbox, shows its state when it goes out. The caller wakes the outbox
 * (deliverSoon) once the transaction is committed. Resolves to how many updates were queued.
 */
export async function queueSignalPostUpdates(
  deps: Pick<TServices, 'outbox'>,
  opts: { teamId: string; channelId: string; signals: readonly TSignalPostRef[]; locale: TLocale; tx?: TOutboxTx },
): Promise<number> {
  const posted = opts.signals.filter((s): s is TSignalPostRef & { postedActivityId: string } => Boolean(s.postedActivityId));
  const sentTo = await deps.outbox.targetsOfPosts(SIGNAL_POST_KIND, posted.map((s) => s.postedActivityId), opts.tx);
  // The channel as target: updates queue with the channel's other posts and share its pace (Teams' rate limit).
  await deps.outbox.enqueueMany(posted.map((signal) => {
    const payload: TSignalPostUpdatePayload = { signalId: signal.id, postId: signal.postedActivityId, locale: opts.locale };
    return { target: sentTo.get(signal.postedActivityId) ?? opts.channelId, teamId: opts.teamId, kind: SIGNAL_POST_UPDATE_KIND, payload };
  }), opts.tx);
  return posted.length;
}
