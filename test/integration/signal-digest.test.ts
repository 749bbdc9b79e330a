import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignalDigestRepository } from '../../data/repositories/signal-digest.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';

type TSeed = { theme: string; policyDomain: string; barrierType: string; at: string; status?: string; text?: string };

const TEAM = 'team-digest';
const OTHER_TEAM = 'team-other';
// The period [FROM, TO) and the previous one of equal length [PREVIOUS_FROM, FROM).
const FROM = new Date('2026-11-10T00:00:00Z');
const TO = new Date('2026-11-20T00:00:00Z');

const CURRENT: TSeed[] = [
  { theme: 'mobility', policyDomain: 'mobility', barrierType: 'transport', at: '2026-11-10T00:00:00Z' }, // exactly at `from`: in
  { theme: 'mobility', policyDomain: 'mobility', barrierType: 'transport', at: '2026-11-12T08:00:00Z', status: 'agenda' },
  { theme: 'mobility', policyDomain: 'public_space', barrierType: 'physical_access', at: '2026-11-15T08:00:00Z', status: 'discussed' },
  { theme: 'housing', policyDomain: 'housing', barrierType: 'financial', at: '2026-11-18T08:00:00Z', status: 'followup' },
  { theme: 'emotional', policyDomain: 'welfare', barrierType: 'social_anxiety', at: '2026-11-19T23:59:59Z', text: '=HYPERLINK("http://example.org")' },
];
const PREVIOUS: TSeed[] = [
  { theme: 'mobility', policyDomain: 'mobility', barrierType: 'transport', at: '2026-10-31T00:00:00Z' }, // exactly at previousFrom: in
  { theme: 'care', policyDomain: 'care', barrierType: 'information', at: '2026-11-05T08:00:00Z', status: 'discussed' },
  { theme: 'care', policyDomain: 'care', barrierType: 'information', at: '2026-11-09T23:59:59Z' },
];
const OUTSIDE: TSeed[] = [
  { theme: 'meaning', policyDomain: 'leisure', barrierType: 'no_offer', at: '2026-11-20T00:00:00Z' }, // exactly at `to`: out
  { theme: 'meaning', policyDomain: 'leisure', barrierType: 'no_offer', at: '2026-10-30T23:59:59Z' }, // before previousFrom
];

describe.each(DATABASE_KINDS)('signal digest repository (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let repo: ReturnType<typeof createSignalDigestRepository>;

  async function seed(teamId: string, signals: TSeed[]): Promise<void> {
    await database.db.signal.createMany({
      data: signals.map((s, i) => ({
        id: randomUUID(),
        teamId,
        theme: s.theme,
        barrierType: s.barrierType,
        policyDomain: s.policyDomain,
        lifeEvent: 'partner_death',
        ageBand: '75_84',
        area: 'Voorbeeldwijk',
        text: s.text ?? `Testsignaal ${i + 1}`,
        caseCode: 'K-26-0042',
        source: 'chat',
        status: s.status ?? 'open',
        createdBy: 'aad-worker-1',
        statusBy: s.status && s.status !== 'open' ? 'aad-coordinator-1' : null,
        createdAt: new Date(s.at),
      })),
    });
  }

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    repo = createSignalDigestRepository(database.db);
    await seed(TEAM, [...CURRENT, ...PREVIOUS, ...OUTSIDE]);
    // Another team's signals in the same period never count.
    await seed(OTHER_TEAM, [...CURRENT, ...CURRENT]);
  });
  afterAll(async () => database?.dispose());

  it('counts the period [from, to) and the previous one of equal length, by theme, policy domain and barrier', async () => {
    const digest = await repo.digest({ teamId: TEAM, from: FROM, to: TO });
    expect(digest.previousFrom.toISOString()).toBe('2026-10-31T00:00:00.000Z');
    expect(digest.current).toEqual({
      total: 5,
      byTheme: { mobility: 3, housing: 1, emotional: 1 },
      byPolicyDomain: { mobility: 2, public_space: 1, housing: 1, welfare: 1 },
      byBarrierType: { transport: 2, physical_access: 1, financial: 1, social_anxiety: 1 },
    });
    expect(digest.previous).toEqual({
      total: 3,
      byTheme: { mobility: 1, care: 2 },
      byPolicyDomain: { mobility: 1, care: 2 },
      byBarrierType: { transport: 1, information: 2 },
    });
  });

  it('lists the open (not discussed) signals of the period, newest first, capped, with their total', async () => {
    const digest = await repo.digest({ teamId: TEAM, from: FROM, to: TO });
    expect(digest.open.total).toBe(4);
    expect(digest.open.signals.map((s) => [s.theme, s.status, s.createdAt.toISOString()])).toEqual([
      ['emotional', 'open', '2026-11-19T23:59:59.000Z'],
      ['housing', 'followup', '2026-11-18T08:00:00.000Z'],
      ['mobility', 'agenda', '2026-11-12T08:00:00.000Z'],
      ['mobility', 'open', '2026-11-10T00:00:00.000Z'],
    ]);
    expect(Object.keys(digest.open.signals[0]!).sort()).toEqual(['area', 'barrierType', 'createdAt', 'id', 'policyDomain', 'status', 'text', 'theme']);

    const capped = await repo.digest({ teamId: TEAM, from: FROM, to: TO, openLimit: 2 });
    expect(capped.open.total).toBe(4);
    expect(capped.open.signals.map((s) => s.theme)).toEqual(['emotional', 'housing']);
  });

  it('gives empty counts for a period without signals', async () => {
    const digest = await repo.digest({ teamId: TEAM, from: new Date('2027-01-01T00:00:00Z'), to: new Date('2027-01-02T00:00:00Z') });
    expect(digest.current).toEqual({ total: 0, byTheme: {}, byPolicyDomain: {}, byBarrierType: {} });
    expect(digest.open).toEqual({ signals: [], total: 0 });
  });

  it('exports every signal of the period, oldest first, and never a case code or a staff id', async () => {
    const rows = await repo.exportRows({ teamId: TEAM, from: FROM, to: TO });
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['ageBand', 'area', 'createdAt', 'discussedNote', 'id', 'lifeEvent', 'policyDomain', 'barrierType', 'status', 'text', 'theme'].sort());
      expect(JSON.stringify(row)).not.toMatch(/K-26-0042|aad-worker-1|aad-coordinator-1/);
    }
    expect(rows.map((r) => r.createdAt.toISOString())).toEqual(CURRENT.map((s) => new Date(s.at).toISOString()));
    expect(rows[4]).toMatchObject({ theme: 'emotional', text: '=HYPERLINK("http://example.org")', discussedNote: null, lifeEvent: 'partner_death', ageBand: '75_84' });
  });

  it('starts the period at the last review, or 30 days back when the team never had one', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(await repo.currentPeriod({ teamId: 'team-never-seen', now })).toEqual({
      teamId: 'team-never-seen',
      from: new Date('2026-10-24T10:00:00Z'),
      to: now,
      sinceReview: false,
    });
    await database.db.team.create({ data: { teamId: 'team-reviewed', lastReviewAt: new Date('2026-11-16T09:30:00Z') } });
    expect(await repo.currentPeriod({ teamId: 'team-reviewed', now })).toEqual({
      teamId: 'team-reviewed',
      from: new Date('2026-11-16T09:30:00Z'),
      to: now,
      sinceReview: true,
    });
  });

  it('marks all signals of the team discussed in one go and records the review', async () => {
    const teamId = 'team-mark';
    await seed(teamId, [...PREVIOUS, ...CURRENT, ...OUTSIDE]);
    const at = new Date('2026-11-20T10:00:00Z');
    // The digest shown ended at TO: a signal posted after it (OUTSIDE[0], at TO) stays open.
    const changed = await repo.markAllDiscussed({ teamId, by: 'aad-coordinator-2', at, createdBefore: TO });
    expect(changed).toHaveLength(7); // 10 signals, 2 already discussed, 1 posted after the digest

    const signals = await database.db.signal.findMany({ where: { teamId }, orderBy: { createdAt: 'asc' } });
    const stillOpen = signals.filter((s) => s.status !== 'discussed');
    expect(stillOpen.map((s) => s.createdAt.toISOString())).toEqual(['2026-11-20T00:00:00.000Z']);
    const marked = signals.filter((s) => s.statusBy === 'aad-coordinator-2');
    expect(marked.map((s) => s.id).sort()).toEqual([...changed].sort());
    expect(marked.every((s) => s.status === 'discussed' && s.statusAt?.getTime() === at.getTime())).toBe(true);
    // Those discussed before keep who discussed them.
    expect(signals.filter((s) => s.status === 'discussed' && s.statusBy === 'aad-coordinator-1')).toHaveLength(2);
    expect((await database.db.team.findUnique({ where: { teamId } }))?.lastReviewAt?.toISOString()).toBe(TO.toISOString());

    // Without createdBefore: everything, and the review is at `at`; a second press changes nothing more.
    expect(await repo.markAllDiscussed({ teamId, by: 'aad-coordinator-2', at })).toEqual([stillOpen[0]!.id]);
    expect(await repo.markAllDiscussed({ teamId, by: 'aad-coordinator-2', at })).toEqual([]);
    expect((await database.db.team.findUnique({ where: { teamId } }))?.lastReviewAt?.toISOString()).toBe(at.toISOString());
    // Other teams are untouched.
    expect(await database.db.signal.count({ where: { teamId: OTHER_TEAM, status: 'open' } })).toBe(4);
  });

  it('rolls the signal update back when recording the review fails', async () => {
    const teamId = 'team-rollback';
    await seed(teamId, CURRENT);
    // The same database, but recording the review fails inside the transaction.
    const failingDb = new Proxy(database.db, {
      get(target, prop) {
        if (prop !== '$transaction') return Reflect.get(target, prop);
        return (work: (tx: unknown) => Promise<unknown>) =>
          target.$transaction((tx) => work(new Proxy(tx, { get: (t, p) => (p === 'team' ? { upsert: () => Promise.reject(new Error('disk full')) } : Reflect.get(t, p)) })));
      },
    });
    await expect(createSignalDigestRepository(failingDb).markAllDiscussed({ teamId, by: 'aad-coordinator-2', at: new Date('2026-11-20T10:00:00Z') })).rejects.toThrow('disk full');
    expect(await database.db.signal.count({ where: { teamId, status: 'discussed' } })).toBe(1);
    expect(await database.db.signal.count({ where: { teamId, statusBy: 'aad-coordinator-2' } })).toBe(0);
  });
});
