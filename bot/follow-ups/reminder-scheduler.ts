import type { TFollowUpRecord, TFollowUpRepository } from '../../data/repositories/follow-ups.ts';
import type { TTeamScheduleRepository } from '../../data/repositories/team-schedule.ts';
import { createPeriodicJob } from '../background/periodic-job.ts';
import type { Logger } from '../logger.ts';
import { localDay, NABIJ_TIME_ZONE, weeklySummaryDue, type TWeeklyOn } from './calendar.ts';

// Personal reminders for due follow-ups and the weekly summary in each team's channel. Every decision is a claim
// in the database, so several instances tick side by side and a restart picks up where it was. Messages only
// carry ids: the outbox renders them when it sends (render-follow-up-message.ts).

/** What the scheduler needs of the outbox (data/repositories/outbox.ts). */
export interface TFollowUpOutbox {
  enqueue(message: { target: string; teamId?: string; kind: string; payload: Record<string, unknown> }): Promise<unknown>;
}

export interface TReminderSchedulerDeps {
  followUps: Pick<TFollowUpRepository, 'claimDueReminders'>;
  schedule: Pick<TTeamScheduleRepository, 'claimPersonalReminder' | 'listTeamsAwaitingWeeklySummary' | 'claimWeeklySummary'>;
  outbox: TFollowUpOutbox;
  clock: () => Date;
  logger: Logger;
  timeZone?: string;
  /** When the weekly summary goes out, in local time; default Monday 08:00. */
  weeklyOn?: TWeeklyOn;
  /** Follow-ups claimed per query. */
  batchSize?: number;
  /** After something was enqueued, e.g. to wake the outbox dispatcher. */
  onEnqueued?: () => void;
}

export interface TTickResult {
  reminders: number;
  weeklySummaries: number;
}

export interface TReminderScheduler {
  /** One round; ticks of one scheduler never overlap (a tick asked for during another returns that one). */
  tick(): Promise<TTickResult>;
  start(intervalMs: number): void;
  /** Stops ticking; resolves when a tick in progress has finished. */
  stop(): Promise<void>;
}

export const DEFAULT_WEEKLY_ON: TWeeklyOn = { weekday: 1, hour: 8 };
/** A guard against a loop that never ends if claims keep failing. */
const MAX_BATCHES_PER_TICK = 50;

export function createReminderScheduler(deps: TReminderSchedulerDeps): TReminderScheduler {
  const timeZone = deps.timeZone ?? NABIJ_TIME_ZONE;
  const weeklyOn = deps.weeklyOn ?? DEFAULT_WEEKLY_ON;
  const batchSize = deps.batchSize ?? 200;
  const { followUps, schedule, outbox, logger } = deps;

  /** One message per person per day: the follow-ups are claimed row by row, the person's day once. */
  async function sendReminders(now: Date): Promise<number> {
    const day = localDay(now, timeZone);
    let sent = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
      const claimed = await followUps.claimDueReminders(day, batchSize);
      for (const assigneeId of new Set(claimed.map((f: TFollowUpRecord) => f.assigneeId))) {
        if (!(await schedule.claimPersonalReminder(assigneeId, day))) continue;
        await outbox.enqueue({ target: `user:${assigneeId}`, kind: 'followUp.reminder', payload: { assigneeId, day } });
        sent += 1;
      }
      if (claimed.length < batchSize) break;
    }
    return sent;
  }

  async function sendWeeklySummaries(now: Date): Promise<number> {
    const weekKey = weeklySummaryDue(now, weeklyOn, timeZone);
    if (!weekKey) return 0;
    let sent = 0;
    for (const team of await schedule.listTeamsAwaitingWeeklySummary(weekKey)) {
      if (!(await schedule.claimWeeklySummary(team.teamId, weekKey))) continue;
      await outbox.enqueue({ target: team.signalChannelId, teamId: team.teamId, kind: 'followUp.weekly', payload: { teamId: team.teamId, weekKey } });
      logger.info({ event: 'follow_up_weekly_enqueued', teamId: team.teamId, weekKey });
      sent += 1;
    }
    return sent;
  }

  async function runTick(): Promise<TTickResult> {
    const now = deps.clock();
    const reminders = await sendReminders(now);
    const weeklySummaries = await sendWeeklySummaries(now);
    if (reminders) logger.info({ event: 'follow_up_reminders_enqueued', count: reminders });
    if (reminders || weeklySummaries) deps.onEnqueued?.();
    return { reminders, weeklySummaries };
  }

  return createPeriodicJob(runTick, { logger, failureEvent: 'follow_up_tick_failed' });
}
