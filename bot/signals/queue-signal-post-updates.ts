import type { TOutboxTx } from '../../data/repositories/outbox.ts';
import type { TServices } from '../services.ts';
import type { TLocale } from '../ui/i18n.ts';
import { SIGNAL_POST_UPDATE_KIND, type TSignalPostUpdatePayload } from './render-signal-post.ts';

/** A signal whose channel post should show its new status, and that post's id (null: not known to be posted yet). */
export interface TSignalPostRef {
  id: string;
  postedActivityId: string | null;
}

/**
 * Queues an update of these signals' channel posts in the outbox, which renders each card when it sends it (the state
 * of that moment), retries with backoff and carries on after a restart. An Action.Execute answer replaces the card only
 * for the one who pressed, so without this the others would still see "open". `channelId` is the channel the posts are
 * in. With `tx`, the updates are queued in the transaction of the status change: both happen or neither. A signal
 * without a known post is skipped: its post, still in the outbox, shows its state when it goes out. The caller wakes
 * the outbox (deliverSoon) once the transaction is committed. Resolves to how many updates were queued.
 */
export async function queueSignalPostUpdates(
  deps: Pick<TServices, 'outbox'>,
  opts: { teamId: string; channelId: string; signals: readonly TSignalPostRef[]; locale: TLocale; tx?: TOutboxTx },
): Promise<number> {
  let queued = 0;
  for (const signal of opts.signals) {
    if (!signal.postedActivityId) continue;
    const payload: TSignalPostUpdatePayload = { signalId: signal.id, postId: signal.postedActivityId, locale: opts.locale };
    // The channel as target: updates queue with the channel's other posts and share its pace (Teams' rate limit).
    await deps.outbox.enqueue({ target: opts.channelId, teamId: opts.teamId, kind: SIGNAL_POST_UPDATE_KIND, payload }, opts.tx);
    queued++;
  }
  return queued;
}
