import type { TFollowUpRepository } from '../../data/repositories/follow-ups.ts';
import type { TOutboxMessageInput, TOutboxTx } from '../../data/repositories/outbox.ts';
import type { TTeamScheduleRepository } from '../../data/repositories/team-schedule.ts';
import { createPeriodicJob, type TPeriodicJob } from '../background/periodic-job.ts';
import type { Logger } from '../logger.ts';
import { localMoment, NABIJ_TIME_ZONE, weeklySummaryDue, type TWeeklyOn } from './calendar.ts';

// Personal reminders for due follow-ups and the weekly summary in each team's channel. Every decision is a claim
// in the database, made in one transaction with the message it allows, so several instances tick side by side, a
// restart picks up where it was, and a failed enqueue is tried again. Messages only carry ids: the outbox renders
// them when it sends (render-follow-up-message.ts).

/** What the scheduler needs of the outbox (data/repositories/outbox.ts). */
export interface TFollowUpOutbox {
  enqueue(message: TOutboxMessageInput, tx?: TOutboxTx): Promise<unknown>;
}

export interface TReminderSchedulerDeps {
  followUps: Pick<TFollowUpRepository, 'assigneesToRemind' | 'markReminded'>;
  schedule: Pick<TTeamScheduleRepository, 'claimPersonalReminder' | 'listTeamsAwaitingWeeklySummary' | 'claimWeeklySummary'>;
  outbox: TFollowUpOutbox;
  clock: () => Date;
  logger: Logger;
  timeZone?: string;
  /** Local hour from which the day's reminders go out; default 08:00. */
  reminderHour?: number;
  /** When the weekly summary goes out, in local time; default Monday 08:00. */
  weeklyOn?: TWeeklyOn;
  /** People looked up per query. */
  batchSize?: number;
  /** After something was enqueued, e.g. to wake the outbox dispatcher. */
  onEnqueued?: () => void;
}

export interface TTickResult {
  reminders: number;
  weeklySummaries: number;
}

export type TReminderScheduler = TPeriodicJob<TTickResult>;

export const DEFAULT_REMINDER_HOUR = 8;
export const DEFAULT_WEEKLY_ON: TWeeklyOn = { weekday: 1, hour: 8 };
/** A guard against a loop that never ends if claims keep failing. */
const MAX_BATCHES_PER_TICK = 50;

export function createReminderScheduler(deps: TReminderSchedulerDeps): TReminderScheduler {
  const timeZone = deps.timeZone ?? NABIJ_TIME_ZONE;
  const reminderHour = deps.reminderHour ?? DEFAULT_REMINDER_HOUR;
  const weeklyOn = deps.weeklyOn ?? DEFAULT_WEEKLY_ON;
  const batchSize = deps.batchSize ?? 200;
  const { followUps, schedule, outbox, logger } = deps;

  /** One message per person per day, from the reminder hour on. */
  async function sendReminders(now: Date): Promise<number> {
    const local = localMoment(now, timeZone);
    if (local.hour < reminderHour) return 0;
    const day = local.day;
    let sent = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
      const assignees = await followUps.assigneesToRemind(day, batchSize);
      for (const assigneeId of assignees) {
        const claimed = await schedule.claimPersonalReminder(assigneeId, day, async (tx) => {
          const { teamId } = await followUps.markReminded(assigneeId, day, tx);
          await outbox.enqueue({ target: `user:${assigneeId}`, teamId, kind: 'followUp.reminder', payload: { assigneeId, day } }, tx);
        });
        if (claimed) sent += 1;
        // Another round holds today's claim (its message lists what is due when it is sent); the rest waits for tomorrow.
        else await followUps.markReminded(assigneeId, day);
      }
      if (assignees.length < batchSize) break;
    }
    return sent;
  }

  async function sendWeeklySummaries(now: Date): Promise<number> {
    const weekKey = weeklySummaryDue(now, weeklyOn, timeZone);
    if (!weekKey) return 0;
    let sent = 0;
    for (const team of await schedule.listTeamsAwaitingWeeklySummary(weekKey)) {
      const message = { target: team.signalChannelId, teamId: team.teamId, kind: 'followUp.weekly', payload: { teamId: team.teamId, weekKey } };
      if (!(await schedule.claimWeeklySummary(team.teamId, weekKey, (tx) => outbox.enqueue(message, tx)))) continue;
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
