// The daily purge (bot/privacy-lifecycle/purge-scheduler.ts) with two bot instances on one database, each on its
// own connection: the day is claimed once, a restart the same day does not run it again, the next day does, and a
// failed run gives the day back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/logger.ts';
import { createPurgeScheduler } from '../../bot/privacy-lifecycle/purge-scheduler.ts';
import { openDatabase, type TDatabase } from '../../data/client.ts';
import { createContactRepository } from '../../data/repositories/contacts.ts';
import { createRetentionRepository, type TRetentionPolicy, type TRetentionRepository } from '../../data/repositories/retention.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';

const POLICY: TRetentionPolicy = { contactMonths: 24, openContactMonths: 36, notesDays: 30 };
const logger = createLogger({ level: 'silent' });
// 03:00 in Brussels (UTC+1 in winter) on three days in 2029, when the contacts seeded today are long expired.
const day1 = new Date('2029-12-10T02:00:00Z');
const day1Later = new Date('2029-12-10T20:00:00Z');
const day2Early = new Date('2029-12-11T00:30:00Z');
const day2 = new Date('2029-12-11T02:00:00Z');

describe.each(DATABASE_KINDS)('daily purge with two instances (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let second: TDatabase;

  const scheduler = (retention: Pick<TRetentionRepository, 'claimDailyPurge' | 'releaseDailyPurge' | 'purgeExpired'>, now: Date) =>
    createPurgeScheduler({ retention, policy: POLICY, clock: () => now, logger, timeZone: 'Europe/Brussels', hour: 2 });

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    second = await openDatabase(database.url);
    const contacts = createContactRepository(database.db);
    await contacts.createMany(
      Array.from({ length: 30 }, (_, i) => ({ lifeEvent: 'move', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: `Voornaam${i}`, lastName: 'Testachternaam' })),
      { workerId: 'w1', now: new Date(), via: 'test' },
    );
  });
  afterAll(async () => {
    await second?.close();
    await database?.dispose();
  });

  it('runs the day once across two instances started at the same moment', async () => {
    const a = scheduler(createRetentionRepository(database.db), day1);
    const b = scheduler(createRetentionRepository(second.db), day1);
    const results = await Promise.all([a.tick(), b.tick()]);
    expect(results.map((r) => r.ran).sort()).toEqual([false, true]);
    expect(results.find((r) => !r.ran)).toMatchObject({ reason: 'claimed', day: '2029-12-10' });
    expect(results.find((r) => r.ran)).toMatchObject({ result: { contacts: 30, inactiveContacts: 30 } });
    expect(await database.db.accessAudit.count({ where: { action: 'purge' } })).toBe(1);
    expect(await database.db.contact.count({ where: { anonymisedAt: null } })).toBe(0);
  });

  it('does not run again after a restart the same day, waits for the hour the next day, then runs', async () => {
    expect(await scheduler(createRetentionRepository(second.db), day1Later).tick()).toMatchObject({ ran: false, reason: 'claimed' });
    expect(await scheduler(createRetentionRepository(database.db), day2Early).tick()).toEqual({ ran: false, reason: 'too_early', day: '2029-12-11' });
    const next = await scheduler(createRetentionRepository(second.db), day2).tick();
    expect(next).toMatchObject({ ran: true, day: '2029-12-11', result: { contacts: 0 } });
    expect(await database.db.accessAudit.count({ where: { action: 'purge' } })).toBe(2);
  });

  it('gives the day back when the purge fails, so the next tick of any instance runs it', async () => {
    const day3 = new Date('2029-12-12T02:00:00Z');
    const real = createRetentionRepository(database.db);
    const failing = { ...real, purgeExpired: async () => Promise.reject(new Error('database went away')) };
    await expect(scheduler(failing, day3).tick()).rejects.toThrow('database went away');
    expect(await scheduler(createRetentionRepository(second.db), day3).tick()).toMatchObject({ ran: true, day: '2029-12-12' });
  });

  it('start() ticks on its own and stop() waits for the tick in progress', async () => {
    const day4 = new Date('2029-12-13T02:00:00Z');
    const s = scheduler(createRetentionRepository(database.db), day4);
    s.start(60_000);
    await s.stop();
    expect(await database.db.processedActivity.count({ where: { key: 'purge:2029-12-13' } })).toBe(1);
  });
});
