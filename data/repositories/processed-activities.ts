import type { TDb } from '../client.ts';

/** Remembers handled activities so that a redelivery by Teams (after ~15 s and ~30 s) is processed once. */
export function createProcessedActivityRepository(db: TDb) {
  return {
    /** True the first time a key is seen; false for every later delivery of the same activity. */
    async claim(key: string): Promise<boolean> {
      // Runs on every turn: one statement that reports whether it inserted (SQLite and PostgreSQL alike) costs a
      // third of a `create` that returns the row and throws on a duplicate (bench/turns.bench.ts).
      const inserted = await db.$executeRaw`INSERT INTO "ProcessedActivity" ("key", "createdAt") VALUES (${key}, ${new Date()}) ON CONFLICT ("key") DO NOTHING`;
      return inserted === 1;
    },

    async release(key: string): Promise<void> {
      await db.processedActivity.deleteMany({ where: { key } });
    },

    async pruneOlderThan(cutoff: Date): Promise<number> {
      const { count } = await db.processedActivity.deleteMany({ where: { createdAt: { lt: cutoff } } });
      return count;
    },
  };
}

export type TProcessedActivityRepository = ReturnType<typeof createProcessedActivityRepository>;
