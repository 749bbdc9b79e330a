import { z } from 'zod/v4';
import type { TDb } from '../client.ts';
import type { Prisma } from '../generated/postgresql/client.ts';

export type TOutboxRecord = Prisma.OutboxMessageGetPayload<object>;
/** The client inside `db.$transaction(async (tx) => …)`, so a message is enqueued with the change it reports. */
export type TOutboxTx = Prisma.TransactionClient;

export const ZOutboxMessageSchema = z.object({
  /** A conversation id, or `user:<aadObjectId>` for someone's personal chat. */
  target: z.string().min(1).max(500),
  teamId: z.string().min(1).optional(),
  kind: z.string().min(1).max(100),
  /** Ids and codes only; the text is rendered when the message is sent. */
  payload: z.record(z.string(), z.unknown()),
  /** Not before this moment (a reminder for later); now when absent. */
  notBefore: z.date().optional(),
});
export type TOutboxMessageInput = z.input<typeof ZOutboxMessageSchema>;

export interface TClaimOptions {
  instanceId: string;
  now: Date;
  /** How long the claim holds; must outlast one send (request timeout included), or another instance sends it too. */
  lockMs: number;
  /** Least time between two messages to one target (Teams allows 7 per second per conversation). */
  minGapMs: number;
  limit: number;
}

/** A short code (HTTP status, errno, our own code); anything else becomes `error`, so no message text is stored. */
function safeCode(code: string): string {
  return /^[A-Za-z0-9_.:-]{1,60}$/.test(code) ? code : 'error';
}

function rowOf(message: TOutboxMessageInput): Prisma.OutboxMessageCreateManyInput {
  const { target, teamId, kind, payload, notBefore } = ZOutboxMessageSchema.parse(message);
  return { target, teamId: teamId ?? null, kind, payload: payload as Prisma.InputJsonObject, ...(notBefore ? { nextAttemptAt: notBefore } : {}) };
}

export function createOutboxRepository(db: TDb) {
  const unlocked = (now: Date) => ({ OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] });

  return {
    async enqueue(message: TOutboxMessageInput, tx?: TOutboxTx): Promise<number> {
      const row = await (tx ?? db).outboxMessage.create({ data: rowOf(message), select: { id: true } });
      return row.id;
    },

    /** Several messages in one statement, sent in this order per target ("Alles besproken": one per post). */
    async enqueueMany(messages: readonly TOutboxMessageInput[], tx?: TOutboxTx): Promise<void> {
      if (messages.length) await (tx ?? db).outboxMessage.createMany({ data: messages.map(rowOf) });
    },

    /**
     * Claims what may be sent now: per target only its oldest pending message (strict order), if it is due, not
     * locked by a live claim, and the target's last message went out at least `minGapMs` ago. Each claim is a
     * conditional update on the message's status and lock, so of several instances exactly one wins it.
     */
    async claimDue({ instanceId, now, lockMs, minGapMs, limit }: TClaimOptions): Promise<TOutboxRecord[]> {
      if (limit <= 0) return [];
      const heads = await db.outboxMessage.groupBy({ by: ['target'], where: { status: 'pending' }, _min: { id: true } });
      const headIds = heads.flatMap((h) => (h._min.id === null ? [] : [h._min.id]));
      if (headIds.length === 0) return [];
      const due = await db.outboxMessage.findMany({
        where: { id: { in: headIds }, status: 'pending', nextAttemptAt: { lte: now }, ...unlocked(now) },
        orderBy: { id: 'asc' },
      });
      if (due.length === 0) return [];
      // Read after the heads: a send marked between the two reads is then seen here, never missed.
      const recent = await db.outboxMessage.findMany({
        where: { status: 'sent', target: { in: due.map((m) => m.target) }, sentAt: { gt: new Date(now.getTime() - minGapMs) } },
        select: { target: true },
        distinct: ['target'],
      });
      const tooSoon = new Set(recent.map((r) => r.target));
      const lockedUntil = new Date(now.getTime() + lockMs);
      const claimed: TOutboxRecord[] = [];
      for (const message of due) {
        if (claimed.length >= limit) break;
        if (tooSoon.has(message.target)) continue;
        const { count } = await db.outboxMessage.updateMany({
          where: { id: message.id, status: 'pending', nextAttemptAt: { lte: now }, ...unlocked(now) },
          data: { lockedBy: instanceId, lockedUntil },
        });
        if (count === 1) claimed.push({ ...message, lockedBy: instanceId, lockedUntil });
      }
      return claimed;
    },

    async markSent(id: number, { activityId, now }: { activityId?: string; now: Date }): Promise<void> {
      await db.outboxMessage.updateMany({
        where: { id, status: 'pending' },
        data: { status: 'sent', sentAt: now, sentActivityId: activityId ?? null, attempts: { increment: 1 }, lockedBy: null, lockedUntil: null },
      });
    },

    /** One more failed attempt; the message waits until `nextAttemptAt` and keeps its place in the target's order. */
    async markRetry(id: number, { error, nextAttemptAt }: { error: string; nextAttemptAt: Date }): Promise<void> {
      await db.outboxMessage.updateMany({
        where: { id, status: 'pending' },
        data: { attempts: { increment: 1 }, lastError: safeCode(error), nextAttemptAt, lockedBy: null, lockedUntil: null },
      });
    },

    /** Gives up on the message; the target's next messages go ahead. */
    async markFailed(id: number, { error }: { error: string }): Promise<void> {
      await db.outboxMessage.updateMany({
        where: { id, status: 'pending' },
        data: { status: 'failed', attempts: { increment: 1 }, lastError: safeCode(error), lockedBy: null, lockedUntil: null },
      });
    },

    /**
     * Where messages of this kind that became these posts were sent (post id → target), as long as the sent rows are
     * kept: e.g. the channel a signal was posted in, also after the team linked another channel.
     */
    async targetsOfPosts(kind: string, postIds: readonly string[], tx?: TOutboxTx): Promise<Map<string, string>> {
      if (!postIds.length) return new Map();
      const rows = await (tx ?? db).outboxMessage.findMany({ where: { kind, status: 'sent', sentActivityId: { in: [...postIds] } }, select: { sentActivityId: true, target: true } });
      return new Map(rows.map((r) => [r.sentActivityId!, r.target]));
    },

    async listFailed(teamId?: string): Promise<TOutboxRecord[]> {
      return db.outboxMessage.findMany({ where: { status: 'failed', ...(teamId ? { teamId } : {}) }, orderBy: { id: 'asc' } });
    },

    /**
     * Puts a failed message back in the queue with fresh attempts. It is sent as soon as it is its target's oldest
     * pending message – possibly after later messages that already went out. False if it was not failed.
     */
    async retryFailed(id: number, now: Date): Promise<boolean> {
      const { count } = await db.outboxMessage.updateMany({
        where: { id, status: 'failed' },
        data: { status: 'pending', attempts: 0, nextAttemptAt: now, lockedBy: null, lockedUntil: null },
      });
      return count === 1;
    },

    /**
     * Sent messages are kept a while for the minimum gap and for diagnosis, failed ones for the coordinator's
     * delivery status; older than `before` they go. A failed message counts from its last attempt (`nextAttemptAt`),
     * so one retried by hand long after it was made stays a while too.
     */
    async prune(before: Date): Promise<number> {
      const { count } = await db.outboxMessage.deleteMany({
        where: { OR: [{ status: 'sent', sentAt: { lt: before } }, { status: 'failed', nextAttemptAt: { lt: before } }] },
      });
      return count;
    },
  };
}

export type TOutboxRepository = ReturnType<typeof createOutboxRepository>;
