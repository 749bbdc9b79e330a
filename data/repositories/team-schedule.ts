import type { TDb } from '../client.ts';

// Claims for scheduled messages. Every claim is one conditional statement, so with several bot instances on one
// database exactly one wins, and a restart finds the claim in the database.

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
    async claimWeeklySummary(teamId: string, weekKey: string): Promise<boolean> {
      const { count } = await db.team.updateMany({
        where: { teamId, OR: [{ weeklySummaryKey: null }, { weeklySummaryKey: { lt: weekKey } }] },
        data: { weeklySummaryKey: weekKey },
      });
      return count === 1;
    },

    /**
     * True for the one caller that may send this person their reminder of this day. The follow-ups themselves are
     * claimed row by row, so two instances may each hold some of one person's rows; this single insert decides
     * who sends the one message. It uses the table of handled activities (a unique key, pruned after a day): the
     * key names the day, and later that day the person's rows are already marked as reminded.
     */
    async claimPersonalReminder(assigneeId: string, day: string): Promise<boolean> {
      try {
        await db.processedActivity.create({ data: { key: `followUp.reminder:${assigneeId}:${day}` } });
        return true;
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return false;
        throw error;
      }
    },
  };
}

export type TTeamScheduleRepository = ReturnType<typeof createTeamScheduleRepository>;
