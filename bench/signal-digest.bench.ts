/**
 * The team-meeting digest (data/repositories/signal-digest.ts) on a team with 100,000 signals, on SQLite and, when
 * NABIJ_TEST_POSTGRES_URL is set, on PostgreSQL (a fresh schema, dropped afterwards). Target: well under 200 ms.
 *
 * Database calls are asynchronous and bench/run.ts times synchronous functions, so the database part runs when
 * this file is loaded (`npm run bench -- signal-digest`) and prints its own tables in the same format: each query
 * is run 3 times to warm up, then timed 20 times one by one; median and p95 per query, and the ratio to a baseline
 * in the same run: a plain count() of the team's signals. The default export is the synchronous part: the digest
 * card (view-model and template) for 10 themes and 15 open signals.
 *
 * Data: 100,000 signals for one team spread evenly over two years (about 4,100 in the last 30 days, 50,000 in the
 * last year), 10,000 for another team, saved in time order; 80% discussed. Fictitious: generated ids, lists from
 * the content files, no people.
 */
import { randomUUID } from 'node:crypto';
import { digestView } from '../bot/signals/digest-view.ts';
import { translator } from '../bot/ui/i18n.ts';
import { renderCard } from '../bot/ui/render.ts';
import type { TDatabase } from '../data/client.ts';
import { loadContent } from '../data/content/load-content.ts';
import { AGE_BAND_IDS, BARRIER_TYPE_IDS, DOMAIN_IDS, POLICY_DOMAIN_IDS } from '../data/content/schemas.ts';
import { createSignalDigestRepository, type TSignalDigest } from '../data/repositories/signal-digest.ts';
// Types only: importing run.ts's code from here would deadlock (run.ts awaits this module's top-level await).
import type { BenchResult, BenchSuite } from './run.ts';
import { benchTargets, type TBenchTarget } from './support/bench-databases.ts';
import { printTable, quantile, seededRandom } from './support/report.ts';

const TEAM = '19:bench-team@thread.tacv2';
const OTHER_TEAM = '19:bench-other@thread.tacv2';
const SIGNALS = 100_000;
const OTHER_SIGNALS = 10_000;
const BATCH = 1_000;
const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-11-23T10:00:00Z');
const SPAN_MS = 730 * DAY;
const TARGET_MS = 200;
const WARMUP_RUNS = 3;
const RUNS = 20;


const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

/**
 * Both teams' signals in time order, as they are saved in production (a signal is stored when it is made): every
 * 11th belongs to the other team. The order matters for SQLite, whose rows lie in insertion order.
 */
async function seed(db: TDatabase['db']): Promise<void> {
  const rnd = seededRandom(1);
  const total = SIGNALS + OTHER_SIGNALS;
  const start = NOW.getTime() - SPAN_MS;
  for (let offset = 0; offset < total; offset += BATCH) {
    const data = Array.from({ length: Math.min(BATCH, total - offset) }, (_, k) => {
      const i = offset + k;
      const createdAt = new Date(start + Math.floor(((i + rnd()) / total) * SPAN_MS));
      const discussed = rnd() < 0.8;
      return {
        id: randomUUID(),
        teamId: i % 11 === 10 ? OTHER_TEAM : TEAM,
        theme: pick(rnd, DOMAIN_IDS),
        barrierType: pick(rnd, BARRIER_TYPE_IDS),
        policyDomain: pick(rnd, POLICY_DOMAIN_IDS),
        lifeEvent: pick(rnd, ['partner_death', 'move', 'divorce']),
        ageBand: pick(rnd, AGE_BAND_IDS),
        area: `Wijk ${1 + Math.floor(rnd() * 12)}`,
        text: 'Het dienstencentrum is moeilijk bereikbaar zonder auto; de belbus rijdt niet op zondag.',
        source: 'chat',
        status: discussed ? 'discussed' : pick(rnd, ['open', 'agenda', 'followup']),
        statusBy: discussed ? 'bench-coordinator' : null,
        statusAt: discussed ? createdAt : null,
        createdBy: 'bench-worker',
        createdAt,
      };
    });
    await db.signal.createMany({ data });
  }
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP_RUNS; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

async function benchDatabase(target: TBenchTarget): Promise<void> {
  const database = await target.open();
  try {
    const seedStart = performance.now();
    await seed(database.db);
    // What autovacuum does on a live PostgreSQL soon after a bulk load; SQLite gets no ANALYZE in production either.
    if (database.provider === 'postgresql') await database.db.$executeRawUnsafe('ANALYZE "Signal"');
    const seedMs = performance.now() - seedStart;

    const repo = createSignalDigestRepository(database.db);
    const cases: { name: string; baseline?: boolean; fn: () => Promise<unknown> }[] = [
      { name: 'baseline: count() of the team', baseline: true, fn: () => database.db.signal.count({ where: { teamId: TEAM } }) },
      { name: 'digest, last 30 days', fn: () => repo.digest({ teamId: TEAM, from: new Date(NOW.getTime() - 30 * DAY), to: NOW }) },
      { name: 'digest, since a review 90 days ago', fn: () => repo.digest({ teamId: TEAM, from: new Date(NOW.getTime() - 90 * DAY), to: NOW }) },
      { name: 'digest, since a review 1 year ago', fn: () => repo.digest({ teamId: TEAM, from: new Date(NOW.getTime() - 365 * DAY), to: NOW }) },
      { name: 'exportRows, last 30 days', fn: () => repo.exportRows({ teamId: TEAM, from: new Date(NOW.getTime() - 30 * DAY), to: NOW }) },
    ];
    const timed: { name: string; baseline?: boolean; times: number[] }[] = [];
    for (const c of cases) timed.push({ name: c.name, baseline: c.baseline, times: await time(c.fn) });
    const baseMedian = quantile(timed.find((t) => t.baseline)!.times, 0.5);
    const results: BenchResult[] = timed.map((t) => ({
      name: t.name,
      medianMs: quantile(t.times, 0.5),
      p95Ms: quantile(t.times, 0.95),
      opsPerSecond: 1000 / (t.times.reduce((a, b) => a + b, 0) / t.times.length),
      ratio: quantile(t.times, 0.5) / baseMedian,
    }));
    const recent = await repo.digest({ teamId: TEAM, from: new Date(NOW.getTime() - 30 * DAY), to: NOW });
    printTable(
      `signal digest – ${target.name}, ${SIGNALS.toLocaleString('en-US')} signals in the team (+${OTHER_SIGNALS.toLocaleString('en-US')} in another)`,
      ['case', 'median ms', 'p95 ms', 'ops/s', '× baseline'],
      results.map((r) => [r.name, r.medianMs.toFixed(3), r.p95Ms.toFixed(3), Math.round(r.opsPerSecond).toLocaleString('en-US'), r.ratio?.toFixed(1) ?? '']),
      `seeded in ${(seedMs / 1000).toFixed(1)} s; last 30 days: ${recent.current.total} signals, ${recent.open.total} open; ${RUNS} timed runs per query`,
    );
    for (const r of results.filter((r) => r.name.startsWith('digest'))) {
      console.log(`${r.p95Ms < TARGET_MS ? 'MEETS' : 'MISSES'} the ${TARGET_MS} ms target: ${r.name} (p95 ${r.p95Ms.toFixed(1)} ms)`);
    }
  } finally {
    await database.dispose();
  }
}

const { targets, postgresSkipped } = benchTargets();
for (const target of targets) await benchDatabase(target);
if (postgresSkipped) console.log('\nsignal digest – PostgreSQL skipped: NABIJ_TEST_POSTGRES_URL is not set');

// The synchronous part, timed by bench/run.ts: the digest card for 10 themes and 15 open signals.
const content = loadContent();
const t = translator('nl');
const largest: TSignalDigest = {
  from: new Date(NOW.getTime() - 30 * DAY),
  to: NOW,
  previousFrom: new Date(NOW.getTime() - 60 * DAY),
  current: {
    total: 4100,
    byTheme: Object.fromEntries(DOMAIN_IDS.map((id, i) => [id, 300 + i * 20])),
    byPolicyDomain: Object.fromEntries(POLICY_DOMAIN_IDS.map((id, i) => [id, 500 + i * 10])),
    byBarrierType: Object.fromEntries(BARRIER_TYPE_IDS.map((id, i) => [id, 400 + i * 10])),
  },
  previous: {
    total: 3900,
    byTheme: Object.fromEntries(DOMAIN_IDS.map((id, i) => [id, 400 - i * 10])),
    byPolicyDomain: Object.fromEntries(POLICY_DOMAIN_IDS.map((id, i) => [id, 550 - i * 10])),
    byBarrierType: Object.fromEntries(BARRIER_TYPE_IDS.map((id, i) => [id, 420 - i * 10])),
  },
  open: {
    total: 820,
    signals: Array.from({ length: 15 }, (_, i) => ({
      id: `bench-${i}`,
      theme: DOMAIN_IDS[i % DOMAIN_IDS.length]!,
      barrierType: BARRIER_TYPE_IDS[i % BARRIER_TYPE_IDS.length]!,
      policyDomain: POLICY_DOMAIN_IDS[i % POLICY_DOMAIN_IDS.length]!,
      area: `Wijk ${i + 1}`,
      text: 'Het dienstencentrum is moeilijk bereikbaar zonder auto; de belbus rijdt niet op zondag. '.repeat(3),
      status: 'open',
      createdAt: new Date(NOW.getTime() - i * DAY),
    })),
  },
};
const viewOptions = { teamId: TEAM, sinceReview: true, urls: { csv: 'http://127.0.0.1:3978/files/export/a.b', xlsx: 'http://127.0.0.1:3978/files/export/c.d' }, timeZone: 'Europe/Brussels' };

export default {
  name: 'signal digest card – 10 themes, 15 open signals',
  description: 'digestView + renderCard("signal-digest"), against rendering the notice card',
  cases: [
    { name: 'baseline: notice card', baseline: true, fn: () => renderCard('notice', { lang: 'nl', title: 'x', text: 'y', action: '' }) },
    { name: 'digest view-model', fn: () => digestView(t, 'nl', content, largest, viewOptions) },
    { name: 'digest view-model + card', fn: () => renderCard('signal-digest', digestView(t, 'nl', content, largest, viewOptions)) },
  ],
} satisfies BenchSuite;
