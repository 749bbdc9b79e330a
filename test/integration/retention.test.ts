// Retention purge and erasure on request (data/repositories/retention.ts) on a real database: afterwards no
// personal value of the person is left in any text or JSON column of any table (test/support/personal-data-scan.ts),
// while anonymous signals and the counts survive and people within retention are untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRetentionRepository, type TRetentionPolicy } from '../../data/repositories/retention.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { scanForTerms, textColumns } from '../support/personal-data-scan.ts';
import { fictitiousPerson, personalTerms, seedPersonEverywhere, type TSeededPerson } from '../support/seed-person.ts';

const POLICY: TRetentionPolicy = { contactMonths: 24, openContactMonths: 36, notesDays: 30 };
const DAY = 86_400_000;

/** `months` calendar months after `from`. */
function monthsAfter(from: Date, months: number): Date {
  const date = new Date(from);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date;
}

describe.each(DATABASE_KINDS)('retention purge (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let retention: ReturnType<typeof createRetentionRepository>;
  // Seeded now; the purges run with a clock years ahead, so the seeded rows are old by then.
  const seededAt = new Date();
  const closedLongAgo = fictitiousPerson(0);
  const openAndIdle = fictitiousPerson(1);
  const closedRecently = fictitiousPerson(2);
  const withOldNotes = fictitiousPerson(3);
  const seeded = new Map<string, TSeededPerson>();
  const scan = (terms: string[], tables?: string[]) => scanForTerms(database, terms, { tables });

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    retention = createRetentionRepository(database.db);
    for (const [i, person] of [closedLongAgo, openAndIdle, closedRecently, withOldNotes].entries()) {
      seeded.set(person.firstName, await seedPersonEverywhere(database.db, person, { workerId: 'w1', now: seededAt, conversationId: `a:${i}`, notesStatus: person === withOldNotes ? 'summarised' : 'collecting' }));
    }
    expect(await retention.closeContact({ contactId: seeded.get(closedLongAgo.firstName)!.contactId, workerId: 'w1', now: seededAt })).toMatchObject({ status: 'closed' });
    expect(await retention.closeContact({ contactId: seeded.get(closedRecently.firstName)!.contactId, workerId: 'w1', now: monthsAfter(seededAt, 24) })).toMatchObject({ status: 'closed' });
  }, 60_000);
  afterAll(async () => database?.dispose());

  it('scans every table, and before any purge finds each person everywhere they were seeded', async () => {
    const tables = new Set((await textColumns(database)).map((c) => c.table));
    for (const table of ['Contact', 'ContactEvent', 'Registration', 'VisitNotes', 'AiSuggestion', 'FollowUp', 'OutboxMessage', 'StorageItem', 'Signal', 'AccessAudit', 'LlmCallAudit']) {
      expect(tables.has(table), table).toBe(true);
    }
    const found = await scan(personalTerms(closedLongAgo));
    const where = (term: string) => found.filter((f) => f.term === term).map((f) => `${f.table}.${f.column}`).sort();
    // The e-mail address holds the names too.
    expect(where(closedLongAgo.firstName)).toEqual(['AiSuggestion.fields', 'Contact.email', 'Contact.firstName', 'Contact.relatives', 'FollowUp.reasonNote', 'Registration.data', 'VisitNotes.text']);
    expect(where(closedLongAgo.noteWord)).toEqual(['AiSuggestion.fields', 'FollowUp.reasonNote', 'Registration.data', 'VisitNotes.text']);
    expect(where(closedLongAgo.phone)).toEqual(['Contact.phone', 'FollowUp.outcomeNote', 'Registration.data']);
    expect(where(closedLongAgo.street)).toEqual(['Contact.street', 'Contact.visitPlaceNote', 'VisitNotes.text']);
    for (const term of [closedLongAgo.email, closedLongAgo.birthDate]) expect(where(term), term).toEqual([`Contact.${term.includes('@') ? 'email' : 'birthDate'}`, 'VisitNotes.text']);
    // The conversation state names the contact by id only.
    expect(await scan([seeded.get(closedLongAgo.firstName)!.contactId], ['StorageItem'])).toHaveLength(1);
  });

  it('deletes summarised notes after the notes period and leaves everything else of everyone', async () => {
    const person = seeded.get(withOldNotes.firstName)!;
    const result = await retention.purgeExpired({ now: new Date(seededAt.getTime() + 31 * DAY), policy: POLICY });
    expect(result).toMatchObject({ contacts: 0, expiredNotes: 1, expiredSuggestions: 1 });
    expect(await database.db.visitNotes.count({ where: { contactId: person.contactId } })).toBe(0);
    expect(await database.db.aiSuggestion.count({ where: { contactId: person.contactId } })).toBe(0);
    // Notes still being collected (the others') stay, and so does every contact.
    expect(await database.db.visitNotes.count()).toBe(3);
    expect(await database.db.contact.count({ where: { anonymisedAt: { not: null } } })).toBe(0);
    expect(await scan([withOldNotes.noteWord], ['VisitNotes', 'AiSuggestion'])).toEqual([]);
    expect((await scan([withOldNotes.firstName], ['Contact'])).map((f) => f.column)).toEqual(['firstName', 'email', 'relatives']);
  });

  it('anonymises a contact closed longer ago than the retention period: none of its personal data is left in any table', async () => {
    const person = seeded.get(closedLongAgo.firstName)!;
    const before = { events: await database.db.contactEvent.count({ where: { contactId: person.contactId } }), signals: await database.db.signal.count() };
    const result = await retention.purgeExpired({ now: monthsAfter(seededAt, 25), policy: POLICY });

    expect(result).toMatchObject({ contacts: 1, closedContacts: 1, inactiveContacts: 0, registrations: 2, notes: 1, suggestions: 1, followUpsCleared: 1, followUpsCancelled: 1, outbox: 1, storage: 1 });
    expect(await scan(personalTerms(closedLongAgo))).toEqual([]);
    expect(await scan([person.contactId, person.openFollowUpId, person.doneFollowUpId], ['StorageItem', 'OutboxMessage'])).toEqual([]);

    // What stays: the case, its categories and month, the timeline (without details) and the done follow-up; signals.
    const contact = await database.db.contact.findUniqueOrThrow({ where: { id: person.contactId } });
    expect(contact).toMatchObject({ caseCode: person.caseCode, lifeEvent: 'partner_death', status: 'closed', eventDate: '2026-09', visitDate: '2026-12', visitPlace: 'home', assignedWorkerId: 'w1' });
    expect(contact.anonymisedAt).not.toBeNull();
    expect(await database.db.contactEvent.count({ where: { contactId: person.contactId } })).toBe(before.events);
    expect(await database.db.contactEvent.count({ where: { contactId: person.contactId, type: 'registration_submitted' } })).toBe(1);
    expect(await database.db.followUp.findMany({ where: { contactId: person.contactId }, select: { status: true, outcome: true } })).toEqual([{ status: 'done', outcome: 'reached_ok' }]);
    expect(await database.db.signal.count()).toBe(before.signals);
    expect(await database.db.signal.count({ where: { caseCode: person.caseCode } })).toBe(1);
    // The conversation state keeps what does not point at the contact.
    const state = await database.db.storageItem.findUniqueOrThrow({ where: { key: person.conversationKey } });
    expect(state.value).toEqual({ notesCardId: '1733234567890' });
    // The signal post about the (anonymous) signal is still waiting to be sent.
    expect(await database.db.outboxMessage.count({ where: { kind: 'signal.post' } })).toBe(4);

    // Everyone else within retention is untouched.
    for (const other of [openAndIdle, closedRecently]) {
      const found = await scan(personalTerms(other));
      expect(new Set(found.map((f) => f.term)), other.firstName).toEqual(new Set(personalTerms(other)));
      expect(await database.db.registration.count({ where: { contactId: seeded.get(other.firstName)!.contactId } })).toBe(2);
    }

    const purges = await database.db.accessAudit.findMany({ where: { action: 'purge' } });
    expect(purges).toHaveLength(2);
    expect(purges.at(-1)).toMatchObject({ actorId: 'system', subject: 'contact', detail: expect.objectContaining({ contacts: 1, registrations: 2 }) });
  });

  it('is idempotent: a second run the same day changes nothing', async () => {
    const person = seeded.get(closedLongAgo.firstName)!;
    const snapshot = async () => ({
      contacts: await database.db.contact.findMany({ orderBy: { id: 'asc' } }),
      events: await database.db.contactEvent.count(),
      followUps: await database.db.followUp.findMany({ orderBy: { id: 'asc' } }),
      registrations: await database.db.registration.count(),
      outbox: await database.db.outboxMessage.count(),
    });
    const before = await snapshot();
    const result = await retention.purgeExpired({ now: monthsAfter(seededAt, 25), policy: POLICY });
    expect(result).toMatchObject({ contacts: 0, registrations: 0, notes: 0, outbox: 0, storage: 0, expiredNotes: 0 });
    expect(await snapshot()).toEqual(before);
    expect((await database.db.contact.findUniqueOrThrow({ where: { id: person.contactId } })).firstName).toBe('—');
  });

  it('anonymises a contact never closed after the open-contact period without activity, and keeps a recently closed one', async () => {
    const result = await retention.purgeExpired({ now: monthsAfter(seededAt, 37), policy: POLICY });
    // The idle open contact and the one whose notes went earlier; the one closed 13 months before is kept.
    expect(result).toMatchObject({ contacts: 2, closedContacts: 0, inactiveContacts: 2 });
    for (const gone of [openAndIdle, withOldNotes]) expect(await scan(personalTerms(gone)), gone.firstName).toEqual([]);
    expect(new Set((await scan(personalTerms(closedRecently))).map((f) => f.term))).toEqual(new Set(personalTerms(closedRecently)));
    const anonymised = await database.db.contact.findUniqueOrThrow({ where: { id: seeded.get(openAndIdle.firstName)!.contactId } });
    expect([anonymised.status, anonymised.closedAt?.getTime()]).toEqual(['closed', monthsAfter(seededAt, 37).getTime()]);
    expect(anonymised.anonymisedAt?.getTime()).toBe(monthsAfter(seededAt, 37).getTime());
  });
});

describe.each(DATABASE_KINDS)('erasure on request (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let retention: ReturnType<typeof createRetentionRepository>;
  const now = new Date();
  const erased = fictitiousPerson(4);
  const neighbour = fictitiousPerson(5);
  let person: TSeededPerson;
  const scan = (terms: string[], tables?: string[]) => scanForTerms(database, terms, { tables });

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    retention = createRetentionRepository(database.db);
    person = await seedPersonEverywhere(database.db, erased, { workerId: 'w1', now, conversationId: 'a:erased' });
    await seedPersonEverywhere(database.db, neighbour, { workerId: 'w1', now, conversationId: 'a:neighbour' });
  }, 60_000);
  afterAll(async () => database?.dispose());

  it('previews what will go, then removes every personal value at once, with its outbox message and conversation pointer', async () => {
    expect(await retention.erasurePreview(person.contactId)).toEqual({ registrations: 2, notes: 1, suggestions: 1, followUps: 2, openFollowUps: 1, events: expect.any(Number), outbox: 1 });
    expect((await scan(personalTerms(erased))).length).toBeGreaterThan(10);

    const result = await retention.eraseContact({ contactId: person.contactId, actorId: 'c-coordinator', now });
    expect(result).toMatchObject({ caseCode: person.caseCode, contacts: 1, registrations: 2, notes: 1, suggestions: 1, followUpsCancelled: 1, outbox: 1, storage: 1 });
    expect(await scan(personalTerms(erased))).toEqual([]);
    expect(await scan([person.contactId, person.openFollowUpId], ['StorageItem', 'OutboxMessage'])).toEqual([]);
    expect(await database.db.outboxMessage.count({ where: { id: { in: person.outboxIds } } })).toBe(0);
    expect(await database.db.signal.count({ where: { id: person.signalId } })).toBe(1);

    const event = await database.db.contactEvent.findFirstOrThrow({ where: { contactId: person.contactId, type: 'anonymised' } });
    expect(event).toMatchObject({ actorId: 'c-coordinator', detail: { reason: 'erasure', previousStatus: 'visited' } });
    const audit = await database.db.accessAudit.findMany({ where: { action: 'erasure' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: 'c-coordinator', subject: 'contact', subjectId: person.contactId, caseCode: person.caseCode });

    // The neighbour is untouched, down to the conversation state that points at them.
    expect(new Set((await scan(personalTerms(neighbour))).map((f) => f.term))).toEqual(new Set(personalTerms(neighbour)));
    expect(await database.db.storageItem.findUniqueOrThrow({ where: { key: 'msteams/bot-id/conversations/a:neighbour' } })).toMatchObject({ value: { notesFor: expect.any(String) } });
  });

  it('exports an anonymised contact with what is left, and reports a missing one as undefined', async () => {
    const exported = await retention.exportContact({ contactId: person.contactId });
    expect(exported?.contact.firstName).toBe('—');
    expect(exported?.registrations).toEqual([]);
    expect(JSON.stringify(exported)).not.toContain(erased.noteWord);
    expect(await retention.exportContact({ contactId: '00000000-0000-4000-8000-000000000000' })).toBeUndefined();
    expect(await retention.eraseContact({ contactId: '00000000-0000-4000-8000-000000000000', actorId: 'c', now })).toBeUndefined();
  });
});
