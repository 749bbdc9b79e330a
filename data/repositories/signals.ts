import type { TDb } from '../client.ts';
import type { Prisma } from '../generated/postgresql/client.ts';

export type TSignalRecord = Prisma.SignalGetPayload<object>;
export type TSignalStatus = 'open' | 'agenda' | 'followup' | 'discussed';
export type TTransaction = Parameters<Parameters<TDb['$transaction']>[0]>[0];

/** What a worker posts; status, who changed it and the channel post come later. */
export type TNewSignal = Pick<TSignalRecord, 'id' | 'teamId' | 'theme' | 'barrierType' | 'policyDomain' | 'lifeEvent' | 'ageBand' | 'area' | 'text' | 'createdBy'> & {
  caseCode?: string;
  source: 'registration' | 'chat';
};

export function createSignalRepository(db: TDb) {
  return {
    /**
     * Saves the signal and, in the same transaction, whatever must follow it (the outbox post), so a signal is never
     * saved without its post nor posted without being saved. The id comes from the preview card: pressing "Plaatsen"
     * twice saves it once (returns `created: false` the second time).
     */
    async create(signal: TNewSignal, andThen: (tx: TTransaction, saved: TSignalRecord) => Promise<unknown>): Promise<{ signal: TSignalRecord; created: boolean }> {
      const existing = await db.signal.findUnique({ where: { id: signal.id } });
      if (existing) return { signal: existing, created: false };
      try {
        return await db.$transaction(async (tx) => {
          const saved = await tx.signal.create({ data: { ...signal, caseCode: signal.caseCode ?? null, status: 'open' } });
          await andThen(tx, saved);
          return { signal: saved, created: true };
        });
      } catch (error) {
        // Two deliveries of the same click racing: the other one saved it.
        const raced = await db.signal.findUnique({ where: { id: signal.id } });
        if (raced) return { signal: raced, created: false };
        throw error;
      }
    },

    async find(id: string): Promise<TSignalRecord | undefined> {
      return (await db.signal.findUnique({ where: { id } })) ?? undefined;
    },

    /**
     * A discussed signal stays discussed: its card has no actions left, so a change can only come from a card that was
     * out of date. Returns the signal as it is now and whether this call changed it; undefined when it is not the team's.
     */
    async setStatus(opts: { id: string; teamId: string; status: TSignalStatus; by: string; at: Date; note?: string }): Promise<{ signal: TSignalRecord; changed: boolean } | undefined> {
      const { count } = await db.signal.updateMany({
        where: { id: opts.id, teamId: opts.teamId, status: { not: 'discussed' } },
        data: { status: opts.status, statusBy: opts.by, statusAt: opts.at, ...(opts.status === 'discussed' ? { discussedNote: opts.note ?? null } : {}) },
      });
      const signal = await this.find(opts.id);
      return signal?.teamId === opts.teamId ? { signal, changed: count === 1 } : undefined;
    },

    async recordPosted(id: string, activityId: string): Promise<void> {
      await db.signal.updateMany({ where: { id }, data: { postedActivityId: activityId } });
    },
  };
}

export type TSignalRepository = ReturnType<typeof createSignalRepository>;
