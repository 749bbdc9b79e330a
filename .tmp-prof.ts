import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type TDatabase } from './data/client.ts';
import { migrate } from './data/migrate.ts';
import { anonymiseContacts } from './data/repositories/anonymise-contacts.ts';
import { createRetentionRepository, type TRetentionPolicy } from './data/repositories/retention.ts';
const EXPIRED = 10_000;
const KEPT = 1_000;
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
      data: contacts.flatMap((c) => ['created', 'visit_planned', 'registration_submitted'].map((type, n) => ({ contactId: c.id, type, actorId: c.assignedWorkerId, at: new Date(c.createdAt.getTime() + n * 86_400_000), detail: { version: 1 } }))),
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


const url = process.argv[2] ?? `file:${join(mkdtempSync(join(tmpdir(), 'prof-')), 'n.db')}`;
await migrate(url);
const d = await openDatabase(url);
await seed(d.db);
const totals = new Map<string, number>();
let selectMs = 0;
let after = '';
for (let b = 0; b < 10; b++) {
  const s0 = performance.now();
  const ids = (await d.db.contact.findMany({ where: { status: 'closed', anonymisedAt: null, id: { gt: after } }, select: { id: true }, take: 500, orderBy: { id: 'asc' } })).map((c) => c.id);
  selectMs += performance.now() - s0;
  after = ids.at(-1)!;
  await d.db.$transaction(async (tx) => {
    const wrap = new Proxy(tx, { get(target, model: string) { const m = (target as any)[model]; if (!m || typeof m !== 'object') return m; return new Proxy(m, { get(t2, op: string) { const f = t2[op]; if (typeof f !== 'function') return f; return async (...args: unknown[]) => { const s = performance.now(); const r = await f.apply(t2, args); const k = `${model}.${op}`; totals.set(k, (totals.get(k) ?? 0) + performance.now() - s); return r; }; } }); } });
    await anonymiseContacts(wrap as any, ids, { now: NOW, actorId: 'system', reason: 'retention' });
  }, { timeout: 60000 });
}
console.log([...totals].map(([n, ms]) => `${n} ${(ms / 10).toFixed(1)}`).join('\n'));
console.log('simple select', (selectMs / 10).toFixed(1));
const q0 = performance.now();
const w = { anonymisedAt: null, status: 'closed', OR: [{ closedAt: { lt: new Date('2024-11-23') } }, { closedAt: null }], updatedAt: { lt: new Date('2024-11-23') }, events: { none: { at: { gte: new Date('2024-11-23') } } }, registrations: { none: { updatedAt: { gte: new Date('2024-11-23') } } }, notes: { none: { updatedAt: { gte: new Date('2024-11-23') } } }, followUps: { none: { OR: [{ createdAt: { gte: new Date('2024-11-23') } }] } } };
for (let i = 0; i < 10; i++) await d.db.contact.findMany({ where: w as any, select: { id: true }, take: 500, orderBy: { id: 'asc' } });
console.log('expired select', ((performance.now() - q0) / 10).toFixed(1));
await d.close();
