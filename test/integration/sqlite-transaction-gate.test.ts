// Two turns at once: one rolls its transaction back while the other writes outside any transaction. The other
// turn's write must survive. On SQLite (one connection) it did not, until data/sqlite-transaction-gate.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';

describe.each(DATABASE_KINDS)('a write outside a transaction while another transaction rolls back (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
  });
  afterAll(async () => database?.dispose());

  it('keeps the outside write and undoes only the transaction', async () => {
    const { db } = database;
    let inside!: () => void;
    const insideDone = new Promise<void>((resolve) => (inside = resolve));
    const failing = db
      .$transaction(async (tx) => {
        await tx.worker.create({ data: { aadObjectId: 'in-transaction', displayName: 'A', role: 'worker' } });
        inside();
        await new Promise((resolve) => setTimeout(resolve, 200));
        throw new Error('rolled back on purpose');
      })
      .then(() => 'committed', (error: Error) => error.message);
    await insideDone;
    await db.worker.create({ data: { aadObjectId: 'outside', displayName: 'B', role: 'worker' } });

    expect(await failing).toBe('rolled back on purpose');
    expect((await db.worker.findMany()).map((w) => w.aadObjectId)).toEqual(['outside']);
  });

  it('lets many concurrent writes and transactions finish without losing any', async () => {
    const { db } = database;
    await db.worker.deleteMany();
    const work = Array.from({ length: 40 }, (_, i) =>
      i % 4 === 0
        ? db.$transaction(async (tx) => {
            await tx.worker.create({ data: { aadObjectId: `rolled-${i}`, displayName: 'x', role: 'worker' } });
            throw new Error('no');
          }).catch(() => undefined)
        : db.worker.create({ data: { aadObjectId: `kept-${i}`, displayName: 'x', role: 'worker' } }),
    );
    await Promise.all(work);
    const ids = (await db.worker.findMany()).map((w) => w.aadObjectId);
    expect(ids.filter((id) => id.startsWith('rolled-'))).toEqual([]);
    expect(ids.filter((id) => id.startsWith('kept-'))).toHaveLength(30);
  });

  it('serves a query outside a transaction in its turn while other transactions keep overlapping', async () => {
    const { db } = database;
    let stop = false;
    let committed = 0;
    // Three turns that always have a transaction open between them, as under steady load.
    const busy = Array.from({ length: 3 }, async () => {
      while (!stop) {
        await db.$transaction(async (tx) => {
          await tx.worker.count();
          await new Promise((resolve) => setTimeout(resolve, 2));
        });
        committed += 1;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = committed;
    const count = await db.worker.count();
    const waitedFor = committed - before;
    stop = true;
    await Promise.all(busy);
    expect(count).toBeGreaterThanOrEqual(0);
    // In turn: at most the transactions already waiting when it came, not until the load stops.
    expect(waitedFor).toBeLessThanOrEqual(3);
  });
});
