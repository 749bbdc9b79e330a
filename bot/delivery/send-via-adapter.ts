import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { takeOverRetries } from './connector-retries.ts';
import { DeliveryError } from './delivery-error.ts';
import type { TOutboxActivity } from './outbox-dispatcher.ts';
import { threadOfPost } from './post-thread.ts';

export interface TAdapterSendOptions {
  /** The bot's app id (empty in anonymous mode). */
  botAppId?: string;
  /** Gives up on a hanging request, so a send always ends well within the outbox claim (lockMs). */
  requestTimeoutMs?: number;
}

/**
 * Sends one activity to a conversation through the adapter (a proactive turn) and returns the new activity's id; an
 * activity with an id replaces that earlier post instead (updateActivity, in the post's thread) and returns its id.
 * Errors are caught inside the turn: otherwise the adapter's onTurnError (app.error) would receive them and post
 * a "something went wrong" message in the very conversation we could not reach.
 */
export function createAdapterSend(
  adapter: Pick<CloudAdapter, 'continueConversationAsync' | 'ConnectorClientKey'>,
  options: TAdapterSendOptions = {},
): (reference: Partial<ConversationReference>, activity: TOutboxActivity) => Promise<string | undefined> {
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  return async (reference, activity) => {
    let sent: { id: string | undefined } | undefined;
    let failure: { error: unknown } | undefined;
    const replaces = activity.id;
    await adapter.continueConversationAsync(options.botAppId ?? '', replaces ? threadOfPost(reference, replaces) : reference, async (context) => {
      try {
        takeOverRetries(context.turnState.get(adapter.ConnectorClientKey), requestTimeoutMs);
        if (replaces) {
          await context.updateActivity(activity);
          sent = { id: replaces };
        } else {
          const response = await context.sendActivity(activity);
          sent = { id: response?.id || undefined };
        }
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
    // A middleware (e.g. the tenant allow-list) ended the turn before our logic ran: nothing was sent.
    if (!sent) throw new DeliveryError('turn_skipped', false);
    return sent.id;
  };
}
