import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { TProcessedActivityRepository } from '../../data/repositories/processed-activities.ts';
import type { Logger } from '../logger.ts';

const DEDUPED_TYPES: string[] = [ActivityTypes.Message, ActivityTypes.Invoke, ActivityTypes.ConversationUpdate];

/**
 * Teams redelivers an activity it got no timely answer for. Each activity is claimed once in the database, so
 * a redelivery (to this or another instance) is acknowledged without running the turn again. A turn that fails
 * releases its claim, so the retry can succeed.
 */
export function dedupeMiddleware(repo: TProcessedActivityRepository, logger: Logger): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const { id, type, channelId, conversation } = context.activity;
      if (!id || !DEDUPED_TYPES.includes(type)) return next();
      const key = `${channelId}:${conversation?.id}:${id}`;
      if (!(await repo.claim(key))) {
        logger.info({ event: 'duplicate_activity', activityType: type });
        if (type === ActivityTypes.Invoke) {
          await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: {} } });
        }
        return;
      }
      try {
        await next();
      } catch (error) {
        await repo.release(key).catch(() => undefined);
        throw error;
      }
    },
  };
}
