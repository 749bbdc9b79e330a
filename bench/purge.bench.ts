/**
 * The retention purge (data/repositories/retention.ts `purgeExpired`) over 100,000 expired contacts, on SQLite and,
 * when NABIJ_TEST_POSTGRES_URL is set, on PostgreSQL (a fresh schema, dropped afterwards).
 *
 * Data, made with createMany in batches of 1,000: 100,000 contacts closed in 2023 (each with 2 timeline events and a
 * submitted registration holding free text), 10,000 contacts still within retention that the purge must skip, 1,000
 * conversation states (every 10th points at an expired contact) and 500 outbox messages (every 5th about an expired
 * contact's follow-up id). Fictitious: generated names, no people.
 *
 * A purge is destructive, so each database gets one timed run of each case, in this order: the baseline, a plain
 * `updateMany` that nulls one column (phone) on the same 100,000 rows (keeping updatedAt), then the purge. Printed in bench/run.ts's
 * table format: duration, contacts per second and the ratio to the baseline. Database calls are asynchronous and
 * bench/run.ts times synchronous functions, so this part runs when the file is loaded (`npm run bench -- purge`);
 * the default export is the synchronous part: finding and removing a contact id in a conversation state.
 */
import { randomUUID } from 'node:crypto';
import type { TDatabase } from '../data/client.ts';
import { mentionsAny, stripMentions } from '../data/repositories/anonymise-contacts.ts';
import { createRetentionRepository, type TRetentionPolicy } from '../data/repositories/retention.ts';
// Types only: importing run.ts's code from here would deadlock (run.ts awaits this module's top-level await).
import type { BenchSuite } from './run.ts';
import { benchTargets, type TBenchTarget } from './support/bench-databases.ts';
import { printTable } from './support/report.ts';

const EXPIRED = 100_000;
const KEPT = 10_000;
const STATES = 1_000;
const OUTBOX = 500;
const BATCH = 1_000;
const NOW = new Date('2026-11-23T02:00:00Z');
const CLOSED_AT = new Date('2023-03-15T10:00:00Z');
const POLICY: TRetentionPolicy = { contactMonths: 24, openContactMonths: 36, notesDays: 30 };

type TDb = TDatabase['db'];

async function seed(db: TDb): Promise<{ expiredIds: string[] }> {
  const expiredIds: string[] = [];
  const total = EXPIRED + KEPT;
  for (let offset = 0; offset < total; offset += BATCH) {
    const contacts = Array.from({ length: Math.min(BATCH, total - offset) }, (_, k) => {
      const i = offset + k;
      const expired = i < EXPIRED;
      const at = expired ? CLOSED_AT : new Date(NOW.getTime() - 30 * 86_400_000);
      return {
        id: randomUUID(),
        caseCode: `K-${expired ? 23 : 26}-${String(i + 1).padStart(6, '0')}`,
        lifeEvent: ['partner_death', 'move', 'divorce'][i % 3]!,
        eventDate: `2023-0${1 + (i % 9)}-1${i % 10}`,
        detectionSource: 'civil_affairs_list',
        consentStatus: 'not_needed',
        assignedWorkerId: `bench-worker-${i % 25}`,
        status: expired ? 'closed' : 'visited',
        firstName: `Voornaam${i}`,
        lastName: `Achternaam${i}`,
        street: 'Voorbeeldstraat',
        houseNumber: String(1 + (i % 200)),
        postalCode: '9999',
        municipality: 'Voorbeeldgemeente',
        phone: `0470 ${String(i).padStart(6, '0')}`,
        email: `persoon${i}@example.org`,
        birthDate: `19${30 + (i % 40)}`,
        relatives: 'een dochter in de buurt',
        visitDate: '2023-02-20',
        visitTime: '14:30',
        visitPlace: 'home',
        closedAt: expired ? CLOSED_AT : null,
        createdAt: new Date(at.getTime() - 90 * 86_400_000),
        updatedAt: at,
      };
    });
    await db.contact.createMany({ data: contacts });
    await db.contactEvent.createMany({
      data: contacts.flatMap((c) => ['created', 'registration_submitted'].map((type, n) => ({ contactId: c.id, type, actorId: c.assignedWorkerId, at: new Date(c.createdAt.getTime() + n * 86_400_000), detail: { version: 1 } }))),
    });
    await db.registration.createMany({
      data: contacts.map((c) => ({
        contactId: c.id,
        version: 1,
        status: 'submitted',
        createdBy: c.assignedWorkerId,
        submittedAt: c.updatedAt,
        createdAt: c.updatedAt,
        updatedAt: c.updatedAt,
        data: { visit: { visitDate: '2023-02-20', visitors: 'Sam', place: 'home', present: `${c.firstName} en een buurvrouw` }, domains_a: { emotionalStatus: 'attention', emotionalNotes: `${c.firstName} mist haar man, vooral op zondag.` } },
      })),
    });
    for (const c of contacts) if (c.status === 'closed') expiredIds.push(c.id);
  }
  await db.storageItem.createMany({
    data: Array.from({ length: STATES }, (_, i) => ({ key: `msteams/bench-bot/conversations/a:${i}`, etag: randomUUID(), value: i % 10 === 0 ? { notesFor: expiredIds[i * 7]!, notesCardId: '1733234567890' } : { notesCardId: '1733234567890' } })),
  });
  await db.outboxMessage.createMany({
    data: Array.from({ length: OUTBOX }, (_, i) => ({ target: `user:bench-worker-${i % 25}`, kind: 'followUp.assigned', status: 'sent', payload: { followUpId: i % 5 === 0 ? expiredIds[i * 11]! : randomUUID(), locale: 'nl' } })),
  });
  return { expiredIds };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

async function benchDatabase(target: TBenchTarget): Promise<void> {
  const database = await target.open();
  try {
    const seeding = await timed(() => seed(database.db));
    if (database.provider === 'postgresql') await database.db.$executeRawUnsafe('ANALYZE');
    const expiredWhere = { status: 'closed', anonymisedAt: null, closedAt: { lt: new Date('2024-11-23T00:00:00Z') } };
    // updatedAt kept as it was: Prisma would set it to now, and a contact changed today is not expired.
    const baseline = await timed(() => database.db.contact.updateMany({ where: expiredWhere, data: { phone: null, updatedAt: CLOSED_AT } }));
    const purge = await timed(() => createRetentionRepository(database.db).purgeExpired({ now: NOW, policy: POLICY }));
    if (baseline.value.count !== EXPIRED || purge.value.contacts !== EXPIRED) {
      throw new Error(`expected ${EXPIRED} rows in both cases, got ${baseline.value.count} and ${purge.value.contacts}`);
    }
    const left = await database.db.contact.count({ where: { anonymisedAt: null } });
    const row = (name: string, ms: number, ratio: number) => [name, ms.toFixed(0), Math.round((EXPIRED * 1000) / ms).toLocaleString('en-US'), ratio.toFixed(1)];
    printTable(
      `retention purge – ${target.name}, ${EXPIRED.toLocaleString('en-US')} expired contacts (+${KEPT.toLocaleString('en-US')} within retention)`,
      ['case', 'duration ms', 'contacts/s', '× baseline'],
      [row('baseline: updateMany phone = null', baseline.ms, 1), row('purgeExpired (anonymise + delete + scans)', purge.ms, purge.ms / baseline.ms)],
      `seeded in ${(seeding.ms / 1000).toFixed(1)} s; one run each (a purge is destructive). Purged: ${purge.value.contacts} contacts, ` +
        `${purge.value.registrations} registrations, ${purge.value.events} events kept without details, ${purge.value.storage} conversation states, ` +
        `${purge.value.outbox} outbox messages; ${left.toLocaleString('en-US')} contacts within retention untouched.`,
    );
  } finally {
    await database.dispose();
  }
}

const { targets, postgresSkipped } = benchTargets();
for (const target of targets) await benchDatabase(target);
if (postgresSkipped) console.log('\nretention purge – PostgreSQL skipped: NABIJ_TEST_POSTGRES_URL is not set');

// The synchronous part, timed by bench/run.ts: checking a conversation state against the ids of one purge batch.
const batchIds = new Set(Array.from({ length: 500 }, () => randomUUID()));
const mentioning = { notesFor: [...batchIds][250]!, notesCardId: '1733234567890', draft: { step: 'visit', values: { visitors: 'Sam' } } };
const clean = { notesCardId: '1733234567890', draft: { step: 'visit', values: { visitors: 'Sam' } } };

export default {
  name: 'retention purge – conversation state checks (500 ids per batch)',
  description: 'mentionsAny / stripMentions (data/repositories/anonymise-contacts.ts) against JSON.stringify of the same state',
  cases: [
    { name: 'baseline: JSON.stringify(state)', baseline: true, fn: () => JSON.stringify(clean) },
    { name: 'mentionsAny, state without the ids', fn: () => mentionsAny(clean, batchIds) },
    { name: 'mentionsAny, state with an id', fn: () => mentionsAny(mentioning, batchIds) },
    { name: 'stripMentions, state with an id', fn: () => stripMentions(mentioning, batchIds) },
  ],
} satisfies BenchSuite;
