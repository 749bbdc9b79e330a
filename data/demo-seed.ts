import type { TDb } from './client.ts';
import { createWorkerRepository, type TWorkerRole } from './repositories/workers.ts';

// Fictitious staff matching the users of the local Teams client (.m365agentsplayground.yml).
const DEMO_WORKERS: { aadObjectId: string; displayName: string; role: TWorkerRole }[] = [
  { aadObjectId: '00000000-0000-4000-8000-00000000c001', displayName: 'Lotte Vermeulen', role: 'worker' },
  { aadObjectId: '00000000-0000-4000-8000-00000000c002', displayName: 'Jonas De Smet', role: 'worker' },
  { aadObjectId: '00000000-0000-4000-8000-00000000c003', displayName: 'Fien Claes', role: 'coordinator' },
];

/** Adds the demo data once, on a database that has none; later runs leave the data alone. */
export async function seedDemoData(db: TDb): Promise<{ seeded: boolean }> {
  const workers = createWorkerRepository(db);
  if ((await workers.count()) > 0) return { seeded: false };
  for (const worker of DEMO_WORKERS) await workers.upsert(worker);
  return { seeded: true };
}
