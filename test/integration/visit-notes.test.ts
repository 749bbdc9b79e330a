import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContactRepository } from '../../data/repositories/contacts.ts';
import { createVisitNotesRepository, MAX_NOTES_CHARS, NotesFullError } from '../../data/repositories/visit-notes.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';

describe.each(DATABASE_KINDS)('visit notes (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
  });
  afterAll(async () => database?.dispose());

  it('collects messages into one text, claims a summary once, and frees a summary that never finished', async () => {
    const contact = await createContactRepository(database.db).create(
      { lifeEvent: 'move', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Testvoornaam', lastName: 'Testachternaam' },
      { workerId: 'w1', now: new Date() },
    );
    const repo = createVisitNotesRepository(database.db);
    await repo.append(contact.id, 'w1', 'eerste bericht');
    const notes = await repo.append(contact.id, 'w1', 'tweede bericht');
    expect(notes.text).toBe('eerste bericht\n\ntweede bericht');

    const longAgo = new Date(Date.now() - 60_000);
    expect(await repo.claimForSummary(notes.id, longAgo)).toBe(true);
    // A double click while the model is working does not start a second call.
    expect(await repo.claimForSummary(notes.id, longAgo)).toBe(false);
    // After a restart mid-call the summary is stale and can be tried again; the notes were never lost.
    expect(await repo.claimForSummary(notes.id, new Date(Date.now() + 60_000))).toBe(true);
    expect((await repo.latest(contact.id, 'w1'))?.text).toBe('eerste bericht\n\ntweede bericht');
  });

  it('keeps every message when several arrive at the same time (Teams delivers them in parallel)', async () => {
    const contact = await createContactRepository(database.db).create(
      { lifeEvent: 'move', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Testvoornaam', lastName: 'Testachternaam' },
      { workerId: 'w1', now: new Date() },
    );
    const repo = createVisitNotesRepository(database.db);
    await repo.append(contact.id, 'w1', 'bericht 0');
    const messages = Array.from({ length: 12 }, (_, i) => `bericht ${i + 1}`);
    await Promise.all(messages.map((m) => repo.append(contact.id, 'w1', m)));
    const parts = (await repo.latest(contact.id, 'w1'))!.text.split('\n\n');
    expect([...parts].sort()).toEqual(['bericht 0', ...messages].sort());
  });

  it('keeps every first message in the same notes when they arrive at the same time right after "Notities dicteren"', async () => {
    const contact = await createContactRepository(database.db).create(
      { lifeEvent: 'move', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Testvoornaam', lastName: 'Testachternaam' },
      { workerId: 'w1', now: new Date() },
    );
    const repo = createVisitNotesRepository(database.db);
    const started = await repo.start(contact.id, 'w1');
    expect(started.text).toBe('');
    expect((await repo.start(contact.id, 'w1')).id).toBe(started.id);
    const messages = Array.from({ length: 12 }, (_, i) => `eerste ${i + 1}`);
    await Promise.all(messages.map((m) => repo.append(contact.id, 'w1', m)));
    expect(await database.db.visitNotes.count({ where: { contactId: contact.id } })).toBe(1);
    expect((await repo.latest(contact.id, 'w1'))!.text.split('\n\n').sort()).toEqual([...messages].sort());
  });
});

describe.each(DATABASE_KINDS)('the size limit of visit notes (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
  });
  afterAll(async () => database?.dispose());

  const newContactId = async () =>
    (
      await createContactRepository(database.db).create(
        { lifeEvent: 'move', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Testvoornaam', lastName: 'Testachternaam' },
        { workerId: 'w1', now: new Date() },
      )
    ).id;
  const refusal = (promise: Promise<unknown>) => promise.then(() => 'appended', (error: unknown) => (error instanceof NotesFullError ? error.reason : error));

  it('fills up to the limit exactly, then refuses more without changing what is stored', async () => {
    const contactId = await newContactId();
    const repo = createVisitNotesRepository(database.db);
    const first = 'a'.repeat(MAX_NOTES_CHARS - 12);
    await repo.append(contactId, 'w1', first);
    // The blank line between messages counts: 10 characters more make exactly the limit.
    const full = await repo.append(contactId, 'w1', 'b'.repeat(10));
    expect(full.text.length).toBe(MAX_NOTES_CHARS);

    expect(await refusal(repo.append(contactId, 'w1', 'c'))).toBe('full');
    const kept = await repo.latest(contactId, 'w1');
    expect(kept?.text).toBe(`${first}\n\n${'b'.repeat(10)}`);
    expect(kept?.status).toBe('collecting');
    expect(await database.db.visitNotes.count({ where: { contactId } })).toBe(1);
  });

  it('starts new notes instead of refusing when full notes were already summarised', async () => {
    const contactId = await newContactId();
    const repo = createVisitNotesRepository(database.db);
    const full = await repo.append(contactId, 'w1', 'a'.repeat(MAX_NOTES_CHARS));
    await repo.setStatus(full.id, 'summarised');
    const next = await repo.append(contactId, 'w1', 'volgend bezoek');
    expect(next.id).not.toBe(full.id);
    expect(next.text).toBe('volgend bezoek');
    expect((await repo.latest(contactId, 'w1'))?.id).toBe(next.id);
    expect((await database.db.visitNotes.findUniqueOrThrow({ where: { id: full.id } })).status).toBe('summarised');
  });

  it('refuses one message that alone is over the limit, with or without earlier notes', async () => {
    const repo = createVisitNotesRepository(database.db);
    const empty = await newContactId();
    expect(await refusal(repo.append(empty, 'w1', 'x'.repeat(MAX_NOTES_CHARS + 1)))).toBe('too_long');
    expect(await database.db.visitNotes.count({ where: { contactId: empty } })).toBe(0);
    // Exactly the limit is fine as a first message.
    expect((await repo.append(empty, 'w1', 'y'.repeat(MAX_NOTES_CHARS))).text.length).toBe(MAX_NOTES_CHARS);

    const started = await newContactId();
    await repo.append(started, 'w1', 'eerste bericht');
    expect(await refusal(repo.append(started, 'w1', 'x'.repeat(MAX_NOTES_CHARS + 1)))).toBe('too_long');
    expect((await repo.latest(started, 'w1'))?.text).toBe('eerste bericht');
  });
});

describe.each(DATABASE_KINDS)('deleting a contact (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
  });
  afterAll(async () => database?.dispose());

  it('removes everything linked to it: timeline, registrations, notes and suggestions', async () => {
    const contact = await createContactRepository(database.db).create(
      { lifeEvent: 'move', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Testvoornaam', lastName: 'Testachternaam' },
      { workerId: 'w1', now: new Date() },
    );
    const notes = await createVisitNotesRepository(database.db).append(contact.id, 'w1', 'notities');
    await createVisitNotesRepository(database.db).saveSuggestion(notes.id, contact.id, { accepted: [], rejected: [] });
    await database.db.registration.create({ data: { contactId: contact.id, version: 1, status: 'draft', data: { visit: { visitors: 'x' } } } });

    await database.db.contact.delete({ where: { id: contact.id } });
    const where = { contactId: contact.id };
    expect([
      await database.db.contactEvent.count({ where }),
      await database.db.registration.count({ where }),
      await database.db.visitNotes.count({ where }),
      await database.db.aiSuggestion.count({ where }),
    ]).toEqual([0, 0, 0, 0]);
  });
});
