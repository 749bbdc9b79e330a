import type { Activity, ConversationReference } from 'botbuilder';
import type { TOutboxRecord, TOutboxRepository } from '../../data/repositories/outbox.ts';
import type { Logger } from '../logger.ts';
import { backoffDelayMs, DEFAULT_BACKOFF, type TBackoffOptions } from './backoff.ts';
import { classifySendError } from './classify-send-error.ts';

export interface TOutboxPolicy {
  /** After this many tries a retryable failure fails for good (shown by listFailed, retried by hand). */
  maxAttempts: number;
  /** How long a claim holds; keep it well above the send's request timeout. */
  lockMs: number;
  /** Least time between two messages to one target. */
  minGapMs: number;
  /** Messages claimed per tick (at most one per target), sent concurrently. */
  batchSize: number;
  backoff: TBackoffOptions;
}

export const DEFAULT_OUTBOX_POLICY: TOutboxPolicy = { maxAttempts: 8, lockMs: 2 * 60 * 1000, minGapMs: 150, batchSize: 20, backoff: DEFAULT_BACKOFF };

/** A new message; with an `id`, the replacement of that earlier post (e.g. a signal's card with its new status). */
export type TOutboxActivity = Partial<Activity>;

export interface TOutboxDispatcherDeps {
  outbox: Pick<TOutboxRepository, 'claimDue' | 'markSent' | 'markRetry' | 'markFailed'>;
  /** The activity for a message, rendered now from its ids; undefined when its subject no longer exists. */
  render(kind: string, payload: unknown, message: TOutboxRecord): Promise<TOutboxActivity | undefined> | TOutboxActivity | undefined;
  /** Where to post: a conversation id or `user:<aadObjectId>`; undefined when the bot cannot reach it. */
  resolveReference(target: string, message: TOutboxRecord): Promise<Partial<ConversationReference> | undefined>;
  /** Sends one activity (or replaces the post its `id` names); returns its id. Must not retry by itself: the outbox does (see send-via-adapter.ts). */
  send(reference: Partial<ConversationReference>, activity: TOutboxActivity): Promise<string | undefined>;
  /** After a message is marked sent, e.g. to record the channel message id on the signal. */
  onSent?(message: TOutboxRecord, activityId: string | undefined): Promise<void> | void;
  clock: () => Date;
  random: () => number;
  logger: Logger;
  instanceId: string;
  policy?: Partial<TOutboxPolicy>;
}

export interface TOutboxDispatcher {
  /** Claims and sends what is due now; resolves to how many were sent. Ticks of one dispatcher never overlap. */
  tick(): Promise<number>;
  /** Ticks every `intervalMs` while there is work, every `idleIntervalMs` when the last tick found nothing. */
  start(intervalMs: number, idleIntervalMs?: number): void;
  /** Ticks as soon as possible instead of after the idle interval, e.g. right after enqueueing a message. */
  wake(): void;
  /** Stops ticking; resolves when a tick in progress has finished. */
  stop(): Promise<void>;
}

type TOutcome = 'sent' | 'retry' | 'failed' | 'error';

export function createOutboxDispatcher(deps: TOutboxDispatcherDeps): TOutboxDispatcher {
  const policy: TOutboxPolicy = { ...DEFAULT_OUTBOX_POLICY, ...deps.policy };
  const { outbox, clock, logger } = deps;
  let last: Promise<TOutcome[]> = Promise.resolve([]);
  let running = false;
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  let ticking = false;
  let woken = false;
  let wakeLoop: () => void = () => undefined;

  // `err` is logged by type, code and code locations only (bot/logger.ts), never its message.
  async function fail(message: TOutboxRecord, code: string, err?: unknown): Promise<TOutcome> {
    await outbox.markFailed(message.id, { error: code });
    logger.warn({ event: 'outbox_failed', outboxId: message.id, kind: message.kind, code, attempt: message.attempts + 1, ...(err ? { err } : {}) });
    return 'failed';
  }

  async function failedAttempt(message: TOutboxRecord, error: unknown, ownCode?: string): Promise<TOutcome> {
    const now = clock();
    const classified = classifySendError(error, now);
    const code = ownCode ?? classified.code;
    const attempt = message.attempts + 1;
    if (!classified.retryable || attempt >= policy.maxAttempts) return fail(message, code, error);
    const delayMs = backoffDelayMs(attempt, { ...policy.backoff, random: deps.random, retryAfterMs: classified.retryAfterMs });
    await outbox.markRetry(message.id, { error: code, nextAttemptAt: new Date(now.getTime() + delayMs) });
    logger.info({ event: 'outbox_retry', outboxId: message.id, kind: message.kind, code, attempt, delayMs, err: error });
    return 'retry';
  }

  async function deliver(message: TOutboxRecord): Promise<TOutcome> {
    let activity: TOutboxActivity | undefined;
    try {
      activity = await deps.render(message.kind, message.payload, message);
    } catch (error) {
      return failedAttempt(message, error, 'render_error');
    }
    // The subject was erased or removed: nothing left to say. Kept as failed (ids only) so it stays visible.
    if (!activity) return fail(message, 'gone');

    let reference: Partial<ConversationReference> | undefined;
    try {
      reference = await deps.resolveReference(message.target, message);
    } catch (error) {
      return failedAttempt(message, error, 'reference_error');
    }
    if (!reference) return fail(message, 'no_conversation');

    let activityId: string | undefined;
    try {
      activityId = await deps.send(reference, activity);
    } catch (error) {
      return failedAttempt(message, error);
    }
    await outbox.markSent(message.id, { activityId, now: clock() });
    logger.info({ event: 'outbox_sent', outboxId: message.id, kind: message.kind, attempt: message.attempts + 1 });
    try {
      await deps.onSent?.(message, activityId);
    } catch (err) {
      logger.warn({ event: 'outbox_on_sent_failed', outboxId: message.id, kind: message.kind, err });
    }
    return 'sent';
  }

  async function guardedDeliver(message: TOutboxRecord): Promise<TOutcome> {
    try {
      return await deliver(message);
    } catch (err) {
      // Recording the outcome failed (database away): the claim expires and the message is tried again.
      logger.error({ event: 'outbox_record_failed', outboxId: message.id, kind: message.kind, err });
      return 'error';
    }
  }

  async function runTick(): Promise<TOutcome[]> {
    const claimed = await outbox.claimDue({
      instanceId: deps.instanceId,
      now: clock(),
      lockMs: policy.lockMs,
      minGapMs: policy.minGapMs,
      limit: policy.batchSize,
    });
    // At most one message per target is claimed, so targets run concurrently and each target stays in order.
    return Promise.all(claimed.map(guardedDeliver));
  }

  function tickOutcomes(): Promise<TOutcome[]> {
    const next = last.catch(() => []).then(runTick);
    last = next;
    return next;
  }

  return {
    async tick() {
      return (await tickOutcomes()).filter((o) => o === 'sent').length;
    },

    start(intervalMs, idleIntervalMs = intervalMs) {
      if (running) return;
      running = true;
      const mine = ++generation;
      const schedule = (delayMs: number) => {
        clearTimeout(timer);
        timer = setTimeout(loop, delayMs);
        timer.unref();
      };
      const loop = async () => {
        ticking = true;
        woken = false;
        let busy = false;
        try {
          busy = (await tickOutcomes()).length > 0;
        } catch (err) {
          logger.error({ event: 'outbox_tick_failed', err });
        }
        ticking = false;
        if (!running || mine !== generation) return;
        // Never sooner than the gap: a tick before it would find the busy target not yet claimable.
        schedule(woken ? 0 : busy ? Math.max(intervalMs, policy.minGapMs) : idleIntervalMs);
      };
      wakeLoop = () => (ticking ? (woken = true) : schedule(0));
      void loop();
    },

    wake() {
      if (running) wakeLoop();
    },

    async stop() {
      running = false;
      clearTimeout(timer);
      await last.catch(() => undefined);
    },
  };
}
