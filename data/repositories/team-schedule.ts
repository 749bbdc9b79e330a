import type { TDb } from '../client.ts';
import type { Prisma } from '../generated/postgresql/client.ts';

// Claims for scheduled messages. Every claim is one conditional statement, so with several bot instances on one
// database exactly one wins, and a restart finds the claim in the database. The winner's `alsoInTransaction`
// (enqueueing the message) runs in the claim's transaction: if it fails, the claim is undone and the next round
// tries again, so a failure after the claim cannot lose the message.

type TAlsoInTransaction = (tx: Prisma.TransactionClient) => Promise<unknown>;

/** Thrown inside the transaction to roll it back when another caller holds the claim. */
const CLAIMED_BY_ANOTHER = Symbol('claimed by another');

export function createTeamScheduleRepository(db: TDb) {
  return {
    /** Teams with a channel for Nabij's posts whose summary of this week has not been claimed yet. */
    async listTeamsAwaitingWeeklySummary(weekKey: string): Promise<{ teamId: string; signalChannelId: string }[]> {
      const teams = await db.team.findMany({
        where: { signalChannelId: { not: null }, OR: [{ weeklySummaryKey: null }, { weeklySummaryKey: { lt: weekKey } }] },
        select: { teamId: true, signalChannelId: true },
        orderBy: { teamId: 'asc' },
      });
      return teams.flatMap((t) => (t.signalChannelId ? [{ teamId: t.teamId, signalChannelId: t.signalChannelId }] : []));
    },

    /**
     * True for the one caller that may post this week's summary (week keys like 2026-W48 sort in time order).
     * Only a later week replaces the stored one, so an instance with a lagging clock cannot claim a week twice.
     */
    async claimWeeklySummary(teamId: string, weekKey: string, alsoInTransaction?: TAlsoInTransaction): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const { count } = await tx.team.updateMany({
          where: { teamId, OR: [{ weeklySummaryKey: null }, { weeklySummaryKey: { lt: weekKey } }] },
          data: { weeklySummaryKey: weekKey },
        });
        if (count !== 1) return false;
        await alsoInTransaction?.(tx);
        return true;
      });
    },

    /**
     * True for the one caller that may send this person their reminder of this day. The claim is a row in the
     * table of handled activities (a unique key, pruned after a day); later that day the person's follow-ups are
     * already marked as reminded.
     */
    async claimPersonalReminder(assigneeId: string, day: string, alsoInTransaction?: TAlsoInTransaction): Promise<boolean> {
      try {
        await db.$transaction(async (tx) => {
          // First, so a lost claim has changed nothing yet (PostgreSQL aborts a transaction on a failed statement).
          await tx.processedActivity.create({ data: { key: `followUp.reminder:${assigneeId}:${day}` } }).catch((error: unknown) => {
            throw (error as { code?: string }).code === 'P2002' ? CLAIMED_BY_ANOTHER : error;
          });
          await alsoInTransaction?.(tx);
        });
        return true;
      } catch (error) {
        if (error === CLAIMED_BY_ANOTHER) return false;
        throw error;
      }
    },
  };
}

export type TTeamScheduleRepository = ReturnType<typeof createTeamScheduleRepository>;
