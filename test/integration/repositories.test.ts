import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseStorage, StorageConflictError } from '../../data/repositories/bot-storage.ts';
import { createConversationRefRepository } from '../../data/repositories/conversation-refs.ts';
import { createProcessedActivityRepository } from '../../data/repositories/processed-activities.ts';
import { seedDemoData } from '../../data/demo-seed.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';

describe.each(DATABASE_KINDS)('repositories on %s', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
  });
  afterAll(async () => database?.dispose());

  describe('DatabaseStorage (turn state)', () => {
    it('round-trips items and a second instance on the same database reads what the first wrote', async () => {
      const first = new DatabaseStorage(database.db);
      await first.write({ 'msteams/bot/conversations/c1': { step: 2, draft: { wellbeing: 7 } } });
      const second = new DatabaseStorage(database.db);
      const items = await second.read(['msteams/bot/conversations/c1', 'missing']);
      expect(items['msteams/bot/conversations/c1']).toMatchObject({ step: 2, draft: { wellbeing: 7 } });
      expect(typeof items['msteams/bot/conversations/c1'].eTag).toBe('string');
      expect(items.missing).toBeUndefined();
    });

    it('applies the eTag rule: a stale write is refused, a current one succeeds', async () => {
      const storage = new DatabaseStorage(database.db);
      await storage.write({ k2: { n: 1 } });
      const { k2: read } = await storage.read(['k2']);
      await storage.write({ k2: { ...read, n: 2 } });
      await expect(storage.write({ k2: { ...read, n: 3 } })).rejects.toBeInstanceOf(StorageConflictError);
      const { k2: now } = await storage.read(['k2']);
      expect(now.n).toBe(2);
      await storage.write({ k2: { ...now, n: 4 } });
      expect((await storage.read(['k2'])).k2.n).toBe(4);
    });

    it('deletes items', async () => {
      const storage = new DatabaseStorage(database.db);
      await storage.write({ k3: { a: 1 } });
      await storage.delete(['k3']);
      expect(await storage.read(['k3'])).toEqual({});
    });
  });

  describe('processed activities', () => {
    it('claims an activity once; a released claim can be claimed again', async () => {
      const repo = createProcessedActivityRepository(database.db);
      expect(await repo.claim('msteams:conv:act-1')).toBe(true);
      expect(await repo.claim('msteams:conv:act-1')).toBe(false);
      await repo.release('msteams:conv:act-1');
      expect(await repo.claim('msteams:conv:act-1')).toBe(true);
    });

    it('claims concurrently delivered copies exactly once', async () => {
      const repo = createProcessedActivityRepository(database.db);
      const results = await Promise.all(Array.from({ length: 8 }, () => repo.claim('msteams:conv:act-race')));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('stamps a claim with its time, so pruning removes old claims and keeps recent ones', async () => {
      const repo = createProcessedActivityRepository(database.db);
      const before = new Date(Date.now() - 1000);
      await repo.claim('msteams:conv:act-prune');
      const after = new Date(Date.now() + 1000);
      const row = await database.db.processedActivity.findUnique({ where: { key: 'msteams:conv:act-prune' } });
      expect(row!.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
      expect(row!.createdAt.getTime()).toBeLessThanOrEqual(after.getTime());
      await repo.pruneOlderThan(before);
      expect(await repo.claim('msteams:conv:act-prune')).toBe(false);
      expect(await repo.pruneOlderThan(after)).toBeGreaterThanOrEqual(1);
      expect(await repo.claim('msteams:conv:act-prune')).toBe(true);
    });
  });

  describe('conversation references', () => {
    it('stores what a proactive post needs and leaves display names out', async () => {
      const repo = createConversationRefRepository(database.db);
      await repo.save(
        {
          bot: { id: '28:bot', name: 'Nabij' },
          user: { id: '29:user', name: 'Testmedewerker Eén', aadObjectId: 'aad-1' },
          conversation: { id: 'a:personal-1', name: 'chat', isGroup: false, conversationType: 'personal' },
          channelId: 'msteams',
          serviceUrl: 'https://smba.example/emea/',
        },
        'personal',
        'tenant-1',
      );
      const stored = await repo.findPersonal('aad-1');
      expect(stored?.serviceUrl).toBe('https://smba.example/emea/');
      expect(stored?.conversation?.id).toBe('a:personal-1');
      expect(JSON.stringify(stored)).not.toContain('Testmedewerker');
      expect(JSON.stringify(stored)).not.toContain('Nabij');
    });
  });

  it('adds the demo data once', async () => {
    expect((await seedDemoData(database.db)).seeded).toBe(true);
    const count = await database.db.worker.count();
    expect(count).toBeGreaterThan(0);
    expect((await seedDemoData(database.db)).seeded).toBe(false);
    expect(await database.db.worker.count()).toBe(count);
  });
});
