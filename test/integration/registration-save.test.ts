// A registration step saved from a card (bot/registration/registration-handlers.ts): one read gives the card what it
// needs, and a save from a draft another turn changed meanwhile loses neither step – on both databases.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createContactRepository } from '../../data/repositories/contacts.ts';
import { ContactNotEditableError, createRegistrationRepository, type TRegistrationData } from '../../data/repositories/registrations.ts';
import { createVisitNotesRepository } from '../../data/repositories/visit-notes.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { newContact, NOW, setUpTeam } from './access-harness.ts';

describe.each(DATABASE_KINDS)('saving a registration step (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let registrations: ReturnType<typeof createRegistrationRepository>;

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    registrations = createRegistrationRepository(database.db);
    await setUpTeam(database.db, 'R1', { 'w-reg': 'worker', 'c-reg': 'coordinator' });
  });
  afterAll(async () => database?.dispose());

  it('reads the contact with its draft, current version and pending suggestion in one go, for whoever may see it', async () => {
    const contact = await newContact(database.db, 'w-reg');
    expect(await registrations.findForWorker(contact.id, 'w-reg')).toMatchObject({ contact: { id: contact.id, access: 'edit' }, draft: undefined, submitted: undefined, pendingSuggestion: undefined });

    await registrations.saveStep(contact.id, 'w-reg', 'visit', { place: 'home' });
    await registrations.submit(contact.id, 'w-reg', NOW);
    await registrations.saveStep(contact.id, 'w-reg', 'wellbeing', { wellbeing: 6 });
    const notes = await createVisitNotesRepository(database.db).append(contact.id, 'w-reg', 'dictaat');
    const fields = { accepted: [{ field: 'wellbeing.strengths', value: 'wandelt', quotes: ['wandelt'] }], rejected: [] };
    await createVisitNotesRepository(database.db).saveSuggestion(notes.id, contact.id, fields);

    const found = await registrations.findForWorker(contact.id, 'w-reg');
    expect(found?.draft).toMatchObject({ status: 'draft', version: 2, data: { visit: { place: 'home' }, wellbeing: { wellbeing: 6 } } });
    expect(found?.submitted).toMatchObject({ status: 'submitted', version: 1, data: { visit: { place: 'home' } } });
    expect(found?.pendingSuggestion?.fields).toEqual(fields);
    expect((await registrations.findForWorker(contact.id, 'c-reg'))?.contact.access).toBe('read');
    expect(await registrations.findForWorker(contact.id, 'w-stranger')).toBeUndefined();
  });

  it('tells the contact card where the registration stands without reading the registration itself', async () => {
    const contact = await newContact(database.db, 'w-reg');
    const state = async () => (await createContactRepository(database.db).findForWorker(contact.id, 'w-reg'))?.registration;
    expect(await state()).toBe('none');
    await registrations.saveStep(contact.id, 'w-reg', 'visit', { place: 'home' });
    expect(await state()).toBe('draft');
    await registrations.submit(contact.id, 'w-reg', NOW);
    expect(await state()).toBe('submitted');
    await registrations.saveStep(contact.id, 'w-reg', 'visit', { place: 'elsewhere' });
    expect(await state()).toBe('draft');
  });

  it('keeps both steps when two turns save from the same draft they read (the second one re-reads it)', async () => {
    const contact = await newContact(database.db, 'w-reg');
    const first = await registrations.saveStep(contact.id, 'w-reg', 'visit', { place: 'home' });
    const read = (await registrations.findForWorker(contact.id, 'w-reg'))!.draft!;
    expect(read.id).toBe(first.id);

    // Both from the same read, one after the other and at the same time.
    await registrations.saveStep(contact.id, 'w-reg', 'wellbeing', { wellbeing: 7 }, read);
    await registrations.saveStep(contact.id, 'w-reg', 'domains_a', { physicalStatus: 'ok' }, read);
    const again = (await registrations.findForWorker(contact.id, 'w-reg'))!.draft!;
    await Promise.all([
      registrations.saveStep(contact.id, 'w-reg', 'domains_b', { x: 1 }, again),
      registrations.saveStep(contact.id, 'w-reg', 'domains_c', { y: 2 }, again),
    ]);

    const draft = await registrations.findDraft(contact.id);
    expect(Object.keys(draft!.data as TRegistrationData).sort()).toEqual(['domains_a', 'domains_b', 'domains_c', 'visit', 'wellbeing']);
    expect(await database.db.registration.count({ where: { contactId: contact.id } })).toBe(1);
  });

  it('keeps both steps when the clock does not move between the two saves (same millisecond)', async () => {
    const contact = await newContact(database.db, 'w-reg');
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2027-02-10T09:00:00.000Z') });
    try {
      await registrations.saveStep(contact.id, 'w-reg', 'visit', { place: 'home' });
      const read = (await registrations.findForWorker(contact.id, 'w-reg'))!.draft!;
      await registrations.saveStep(contact.id, 'w-reg', 'wellbeing', { wellbeing: 7 }, read);
      await registrations.saveStep(contact.id, 'w-reg', 'domains_a', { physicalStatus: 'ok' }, read);
    } finally {
      vi.useRealTimers();
    }
    expect(Object.keys((await registrations.findDraft(contact.id))!.data as TRegistrationData).sort()).toEqual(['domains_a', 'visit', 'wellbeing']);
  });

  it('saves and submits nothing for a worker who may no longer change the contact (reassigned after the turn read it)', async () => {
    const contact = await newContact(database.db, 'w-reg');
    const read = await registrations.saveStep(contact.id, 'w-reg', 'visit', { place: 'home' });
    await database.db.contact.update({ where: { id: contact.id }, data: { assignedWorkerId: 'w-other' } });
    await expect(registrations.saveStep(contact.id, 'w-reg', 'wellbeing', { wellbeing: 4 }, read)).rejects.toBeInstanceOf(ContactNotEditableError);
    await expect(registrations.saveStep(contact.id, 'w-reg', 'wellbeing', { wellbeing: 4 })).rejects.toBeInstanceOf(ContactNotEditableError);
    await expect(registrations.submit(contact.id, 'w-reg', NOW)).rejects.toBeInstanceOf(ContactNotEditableError);
    expect(await database.db.registration.findMany({ where: { contactId: contact.id }, select: { status: true, data: true } })).toEqual([{ status: 'draft', data: { visit: { place: 'home' } } }]);
  });

  it('returns what it saved, and ignores a draft of another contact passed by mistake', async () => {
    const contact = await newContact(database.db, 'w-reg');
    const other = await newContact(database.db, 'w-reg');
    const otherDraft = await registrations.saveStep(other.id, 'w-reg', 'visit', { place: 'elsewhere' });
    const saved = await registrations.saveStep(contact.id, 'w-reg', 'visit', { place: 'home' }, otherDraft);
    expect(saved).toMatchObject({ contactId: contact.id, data: { visit: { place: 'home' } } });
    expect((await registrations.findDraft(other.id))?.data).toEqual({ visit: { place: 'elsewhere' } });

    const next = await registrations.saveStep(contact.id, 'w-reg', 'wellbeing', { wellbeing: 3 }, saved);
    expect(next.data).toEqual({ visit: { place: 'home' }, wellbeing: { wellbeing: 3 } });
    expect((await registrations.findDraft(contact.id))?.data).toEqual(next.data);
  });
});
