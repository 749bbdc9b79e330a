import type { TPurgeResult, TRetentionPolicy, TRetentionRepository } from '../../data/repositories/retention.ts';
import { localMoment, NABIJ_TIME_ZONE } from '../follow-ups/calendar.ts';
import { createPeriodicJob } from '../background/periodic-job.ts';
import type { Logger } from '../logger.ts';

// The daily retention purge. Each local day is claimed in the database (a unique key `purge:<day>`), so with
// several instances on one PostgreSQL exactly one runs it, and a restart later that day does not run it again. A
// run that fails gives the day back, so the next tick tries again; the purge itself is idempotent.

export interface TPurgeSchedulerDeps {
  retention: Pick<TRetentionRepository, 'claimDailyPurge' | 'releaseDailyPurge' | 'purgeExpired'>;
  policy: TRetentionPolicy;
  clock: () => Date;
  logger: Logger;
  timeZone?: string;
  /** Local hour from which the day's purge may run (at night, when nobody works). */
  hour?: number;
}

export type TPurgeTickResult = { ran: false; reason: 'too_early' | 'claimed'; day: string } | { ran: true; day: string; result: TPurgeResult };

export interface TPurgeScheduler {
  /** One check; ticks of one scheduler never overlap (a tick asked for during another returns that one). */
  tick(): Promise<TPurgeTickResult>;
  start(intervalMs: number): void;
  /** Stops ticking; resolves when a tick in progress has finished. */
  stop(): Promise<void>;
}

export const DEFAULT_PURGE_HOUR = 2;

export function createPurgeScheduler(deps: TPurgeSchedulerDeps): TPurgeScheduler {
  const { retention, logger } = deps;
  const timeZone = deps.timeZone ?? NABIJ_TIME_ZONE;
  const hour = deps.hour ?? DEFAULT_PURGE_HOUR;

  async function runTick(): Promise<TPurgeTickResult> {
    const now = deps.clock();
    const local = localMoment(now, timeZone);
    if (local.hour < hour) return { ran: false, reason: 'too_early', day: local.day };
    if (!(await retention.claimDailyPurge(local.day))) return { ran: false, reason: 'claimed', day: local.day };
    try {
      const started = performance.now();
      const result = await retention.purgeExpired({ now, policy: deps.policy });
      logger.info({ event: 'retention_purge', day: local.day, ms: Math.round(performance.now() - started), ...result });
      return { ran: true, day: local.day, result };
    } catch (error) {
      await retention.releaseDailyPurge(local.day).catch(() => undefined);
      throw error;
    }
  }

  return createPeriodicJob(runTick, { logger, failureEvent: 'retention_purge_failed' });
}
