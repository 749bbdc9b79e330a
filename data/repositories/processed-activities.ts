import type { TDb } from '../client.ts';

/** Remembers handled activities so that a redelivery by Teams (after ~15 s and ~30 s) is processed once. */
export function createProcessedActivityRepository(db: TDb) {
  return {
    /** True the first time a key is seen; false for every later delivery of the same activity. */
    async claim(key: string): Promise<boolean> {
      try {
        await db.processedActivity.create({ data: { key } });
        return true;
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return false;
        throw error;
      }
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
