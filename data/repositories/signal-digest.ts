import type { TDb } from '../client.ts';

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

export interface TOpenSignal {
  id: string;
  theme: string;
  barrierType: string;
  policyDomain: string;
  area: string;
  text: string;
  status: string;
  createdAt: Date;
}

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

/** One exported signal: labels are the caller's business, this is ids and text only. */
export interface TSignalExportRow {
  id: string;
  /** YYYY-MM-DD in Belgian time; the exact time is left out on purpose. */
  date: string;
  theme: string;
  barrierType: string;
  policyDomain: string;
  lifeEvent: string;
  ageBand: string;
  area: string;
  text: string;
  status: string;
  discussedNote: string;
}

export const DEFAULT_OPEN_LIMIT = 15;
/** A team that never reviewed its signals gets the last 30 days. */
export const DEFAULT_PERIOD_MS = 30 * 24 * 60 * 60 * 1000;
const DISCUSSED = 'discussed';

const belgianDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' });

/** 2026-11-23T23:30:00Z → "2026-11-24" (the day in Belgium). */
export function belgianIsoDate(date: Date): string {
  return belgianDate.format(date);
}

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
          select: { id: true, theme: true, barrierType: true, policyDomain: true, area: true, text: true, status: true, createdAt: true },
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          take: opts.openLimit ?? DEFAULT_OPEN_LIMIT,
        }),
      ]);
      return { from, to, previousFrom, current: current.counts, previous: previous.counts, open: { signals: openSignals, total: current.open } };
    },

    /** Every signal of the period, oldest first, for a CSV or Excel export. */
    async exportRows(opts: TSignalPeriod): Promise<TSignalExportRow[]> {
      const rows = await db.signal.findMany({
        where: { teamId: opts.teamId, createdAt: { gte: opts.from, lt: opts.to } },
        // No createdBy/statusBy (staff ids are not needed for policy reports) and never the case code.
        select: {
          id: true,
          createdAt: true,
          theme: true,
          barrierType: true,
          policyDomain: true,
          lifeEvent: true,
          ageBand: true,
          area: true,
          text: true,
          status: true,
          discussedNote: true,
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map(({ createdAt, discussedNote, ...row }) => ({ ...row, date: belgianIsoDate(createdAt), discussedNote: discussedNote ?? '' }));
    },

    /**
     * Marks every signal of the team that is not yet discussed as discussed and records the review, in one
     * transaction. With `createdBefore` (the end of the digest the team looked at), a signal posted while the
     * meeting was going on stays open, and the next digest starts there. Returns how many signals changed.
     */
    async markAllDiscussed(opts: { teamId: string; by: string; at: Date; createdBefore?: Date }): Promise<number> {
      const reviewedUntil = opts.createdBefore ?? opts.at;
      return db.$transaction(async (tx) => {
        const { count } = await tx.signal.updateMany({
          where: { teamId: opts.teamId, status: { not: DISCUSSED }, ...(opts.createdBefore ? { createdAt: { lt: opts.createdBefore } } : {}) },
          data: { status: DISCUSSED, statusBy: opts.by, statusAt: opts.at },
        });
        await tx.team.upsert({
          where: { teamId: opts.teamId },
          create: { teamId: opts.teamId, lastReviewAt: reviewedUntil },
          update: { lastReviewAt: reviewedUntil },
        });
        return count;
      });
    },
  };
}

export type TSignalDigestRepository = ReturnType<typeof createSignalDigestRepository>;
