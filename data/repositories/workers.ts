import type { TDb } from '../client.ts';

export type TWorkerRole = 'worker' | 'coordinator';

export function createWorkerRepository(db: TDb) {
  return {
    async upsert(worker: { aadObjectId: string; displayName: string; role: TWorkerRole }): Promise<void> {
      await db.worker.upsert({ where: { aadObjectId: worker.aadObjectId }, create: worker, update: worker });
    },
    async count(): Promise<number> {
      return db.worker.count();
    },
    /** Keeps a staff member's display name (for letters they sign); a new person starts as a worker. */
    async rememberName(aadObjectId: string, displayName: string): Promise<void> {
      await db.worker.upsert({ where: { aadObjectId }, create: { aadObjectId, displayName, role: 'worker' }, update: { displayName } });
    },
    async find(aadObjectId: string) {
      return db.worker.findUnique({ where: { aadObjectId } });
    },
  };
}

export type TWorkerRepository = ReturnType<typeof createWorkerRepository>;
