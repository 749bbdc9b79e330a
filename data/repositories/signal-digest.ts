import type { TDb } from '../client.ts';
import type { Prisma } from '../generated/postgresql/client.ts';

// The team-meeting digest of anonymised signals: counts for a period and the one before it, the open signals, an
// export, and "everything discussed". Never returns who posted a signal or its case code.

export interface TSignalPeriod {
  teamId: string;
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

export interface TSignalCounts {
  total: number;
  byTheme: Record<string, number>;
  byPolicyDomain: Record<string, number>;
  byBarrierType: Record<string, number>;
}

const OPEN_SIGNAL_FIELDS = { id: true, theme: true, barrierType: true, policyDomain: true, area: true, text: true, status: true, createdAt: true } as const;
export type TOpenSignal = Prisma.SignalGetPayload<{ select: typeof OPEN_SIGNAL_FIELDS }>;

export interface TSignalDigest {
  from: Date;
  to: Date;
  /** The previous period of equal length: [previousFrom, from). */
  previousFrom: Date;
  current: TSignalCounts;
  previous: TSignalCounts;
  /** Not yet discussed signals of the period, newest first, at most `openLimit`; `total` counts them all. */
  open: { signals: TOpenSignal[]; total: number };
}

// No createdBy/statusBy (staff ids are not needed for policy reports) and never the case code.
const EXPORT_FIELDS = {
  id: true, createdAt: true, theme: true, barrierType: true, policyDomain: true, lifeEvent: true, ageBand: true, area: true, text: true, status: true, discussedNote: true,
} as const;
/** One exported signal: ids and text only, labels are the caller's business (and so is leaving out the time). */
export type TSignalExportRow = Prisma.SignalGetPayload<{ select: typeof EXPORT_FIELDS }>;

export const DEFAULT_OPEN_LIMIT = 15;
/** A team that never reviewed its signals gets the last 30 days. */
export const DEFAULT_PERIOD_MS = 30 * 24 * 60 * 60 * 1000;
const DISCUSSED = 'discussed';

function emptyCounts(): TSignalCounts {
  return { total: 0, byTheme: {}, byPolicyDomain: {}, byBarrierType: {} };
}

function add(map: Record<string, number>, key: string, n: number): void {
  map[key] = (map[key] ?? 0) + n;
}

export function createSignalDigestRepository(db: TDb) {
  /**
   * One grouped query per period: grouping by all three lists at once returns at most a few hundred rows
   * (themes × domains × barriers × statuses), from which every count is summed here.
   */
  async function countsFor(teamId: string, from: Date, to: Date): Promise<{ counts: TSignalCounts; open: number }> {
    const groups = await db.signal.groupBy({
      by: ['theme', 'policyDomain', 'barrierType', 'status'],
      where: { teamId, createdAt: { gte: from, lt: to } },
      _count: { _all: true },
    });
    const counts = emptyCounts();
    let open = 0;
    for (const g of groups) {
      const n = g._count._all;
      counts.total += n;
      add(counts.byTheme, g.theme, n);
      add(counts.byPolicyDomain, g.policyDomain, n);
      add(counts.byBarrierType, g.barrierType, n);
      if (g.status !== DISCUSSED) open += n;
    }
    return { counts, open };
  }

  return {
    /** The period the next digest covers: since the team's last review, or the last 30 days if there was none. */
    async currentPeriod(opts: { teamId: string; now: Date }): Promise<TSignalPeriod & { sinceReview: boolean }> {
      const team = await db.team.findUnique({ where: { teamId: opts.teamId }, select: { lastReviewAt: true } });
      const lastReviewAt = team?.lastReviewAt && team.lastReviewAt < opts.now ? team.lastReviewAt : undefined;
      return {
        teamId: opts.teamId,
        from: lastReviewAt ?? new Date(opts.now.getTime() - DEFAULT_PERIOD_MS),
        to: opts.now,
        sinceReview: lastReviewAt !== undefined,
      };
    },

    async digest(opts: TSignalPeriod & { openLimit?: number }): Promise<TSignalDigest> {
      const { teamId, from, to } = opts;
      const previousFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
      const [current, previous, openSignals] = await Promise.all([
        countsFor(teamId, from, to),
        countsFor(teamId, previousFrom, from),
        db.signal.findMany({
          where: { teamId, createdAt: { gte: from, lt: to }, status: { not: DISCUSSED } },
          select: OPEN_SIGNAL_FIELDS,
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          take: opts.openLimit ?? DEFAULT_OPEN_LIMIT,
        }),
      ]);
      return { from, to, previousFrom, current: current.counts, previous: previous.counts, open: { signals: openSignals, total: current.open } };
    },

    /** Every signal of the period, oldest first, for a CSV or Excel export. */
    async exportRows(opts: TSignalPeriod): Promise<TSignalExportRow[]> {
      return db.signal.findMany({
        where: { teamId: opts.teamId, createdAt: { gte: opts.from, lt: opts.to } },
        select: EXPORT_FIELDS,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
    },

    /**
     * Marks every signal of the team that is not yet discussed as discussed and records the review, in one
     * transaction. With `createdBefore` (the end of the digest the team looked at), a signal posted while the
     * meeting was going on stays open, and the next digest starts there. Returns the ids of the signals it marked
     * (their channel posts show the new status).
     */
    /**
     * Marks the team's open signals discussed and starts the next review period; `alsoInTransaction` gets the changed
     * signals with their channel post (e.g. to queue the post updates), so all of it happens or none.
     */
    async markAllDiscussed(opts: {
      teamId: string;
      by: string;
      at: Date;
      createdBefore?: Date;
      alsoInTransaction?: (tx: Prisma.TransactionClient, changed: { id: string; postedActivityId: string | null }[]) => Promise<unknown>;
    }): Promise<string[]> {
      const reviewedUntil = opts.createdBefore ?? opts.at;
      return db.$transaction(async (tx) => {
        const where = { teamId: opts.teamId, status: { not: DISCUSSED }, ...(opts.createdBefore ? { createdAt: { lt: opts.createdBefore } } : {}) };
        const changed = await tx.signal.findMany({ where, select: { id: true, postedActivityId: true }, orderBy: { createdAt: 'asc' } });
        const ids = changed.map((s) => s.id);
        if (ids.length) await tx.signal.updateMany({ where: { ...where, id: { in: ids } }, data: { status: DISCUSSED, statusBy: opts.by, statusAt: opts.at } });
        await tx.team.upsert({
          where: { teamId: opts.teamId },
          create: { teamId: opts.teamId, lastReviewAt: reviewedUntil },
          update: { lastReviewAt: reviewedUntil },
        });
        await opts.alsoInTransaction?.(tx, changed);
        return ids;
      });
    },
  };
}

export type TSignalDigestRepository = ReturnType<typeof createSignalDigestRepository>;
