// Every read of a contact, every change, export and AI call writes an entry to the append-only access log, through
// the real handlers on both databases; entries hold ids, codes and counts, never a name or free text; and the
// database refuses to change or remove an entry.
import type { Request, Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIClient } from '../../bot/ai/summarise-notes.ts';
import { letterDownloadHandler } from '../../bot/letters/letter-download.ts';
import type { TServices } from '../../bot/services.ts';
import { exportDownloadHandler } from '../../bot/signals/export-download.ts';
import { createExportToken } from '../../bot/signals/export-links.ts';
import type { TAuditEntry } from '../../data/repositories/access-audit.ts';
import type { TContactRecord } from '../../data/repositories/contacts.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { startFakeOpenAI, type TFakeOpenAI } from '../support/fake-openai-server.ts';
import { auditRows, buildServices, newContact, NOW, PERSON, PERSONAL_VALUES, registerAll, setUpTeam, textOf, turn } from './access-harness.ts';

/** A fake express response that records what the handler sent. */
function fakeResponse() {
  const sent: { status?: number; body?: unknown } = {};
  const res = {
    status: (code: number) => ((sent.status = code), res),
    type: () => res,
    set: () => res,
    send: (body: unknown) => ((sent.body = body), res),
  };
  return { res: res as unknown as Response, sent };
}
const request = (token: string) => ({ params: { token } }) as unknown as Request;

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(DATABASE_KINDS)('the access log is written (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let fake: TFakeOpenAI;
  let services: TServices;
  let routes: ReturnType<typeof registerAll>;
  let contact: TContactRecord;
  const rowsSince = async (from: number) => (await auditRows(database.db)).slice(from);
  const count = () => database.db.accessAudit.count();

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    fake = await startFakeOpenAI();
    services = buildServices(database.db, {
      llm: {
        model: 'test-model', timeoutMs: 5000, progressAfterMs: 4000,
        createClient: (fetch) => createOpenAIClient({ provider: 'openai', apiKey: 'test', baseUrl: `${fake.url}/v1`, fetch }),
      },
    });
    routes = registerAll(services);
    await setUpTeam(database.db, 'T1', { w1: 'worker', c1: 'coordinator', w2: 'worker' });
  });
  afterAll(async () => {
    await fake?.close();
    await database?.dispose();
  });

  it('logs creating a contact (in its transaction) and showing its card', async () => {
    const before = await count();
    const card = await routes.action('contact.create', turn('w1').context, { ...PERSON });
    contact = (await database.db.contact.findFirstOrThrow({ where: { assignedWorkerId: 'w1' } }));
    expect(textOf(card)).toContain(contact.caseCode);
    expect(await rowsSince(before)).toEqual([
      { actorId: 'w1', action: 'contact.create', subject: 'contact', subjectId: contact.id, caseCode: contact.caseCode, detail: { source: 'own_work' } },
      { actorId: 'w1', action: 'contact.read', subject: 'contact', subjectId: contact.id, caseCode: contact.caseCode, detail: { view: 'detail' } },
    ]);
  });

  it('logs every card that shows the contact, marking a colleague\'s contact as shared', async () => {
    const before = await count();
    await routes.action('contact.open', turn('c1').context, { contactId: contact.id });
    await routes.action('prep.open', turn('w1').context, { contactId: contact.id });
    await routes.action('guide.open', turn('w1').context, { contactId: contact.id });
    await routes.action('reg.open', turn('w1').context, { contactId: contact.id });
    await routes.action('reg.step', turn('c1').context, { contactId: contact.id, stepId: 'wellbeing' });
    await routes.message('mijn contacten', 'c1');
    const entry = (actorId: string, view: string, shared = false) =>
      ({ actorId, action: 'contact.read', subject: 'contact', subjectId: contact.id, caseCode: contact.caseCode, detail: shared ? { view, shared: true } : { view } });
    expect(await rowsSince(before)).toEqual([
      entry('c1', 'detail', true),
      entry('w1', 'preparation'),
      entry('w1', 'guide'),
      entry('w1', 'registration'),
      entry('c1', 'registration', true),
      { actorId: 'c1', action: 'contact.read', subject: 'contact', subjectId: null, caseCode: null, detail: { view: 'list', shown: 1, others: 1 } },
      entry('c1', 'list', true),
    ]);
  });

  it('logs a refused read of nothing: a stranger who guesses an id is not logged as having seen the contact', async () => {
    const before = await count();
    await routes.action('contact.open', turn('w-stranger').context, { contactId: contact.id });
    expect(await rowsSince(before)).toEqual([]);
  });

  it('logs changes: preparation (in its transaction), registration steps and submission', async () => {
    const before = await count();
    await routes.action('prep.save', turn('w1').context, { contactId: contact.id, visitDate: '2027-02-01', visitTime: '10:00', visitPlace: 'home', letter_sent: 'true' });
    await routes.action('reg.save', turn('w1').context, { contactId: contact.id, stepId: 'visit', visitDate: '2025-02-01', visitors: 'Collega w1', place: 'home' });
    await routes.action('reg.save', turn('w1').context, { contactId: contact.id, stepId: 'follow_up', followUp: 'no' });
    const submitted = await routes.action('reg.submit', turn('w1').context, { contactId: contact.id });
    expect(textOf(submitted)).toContain('Registratie bewaard (versie 1).');
    const rows = await rowsSince(before);
    const change = (action: string, detail: Record<string, unknown>) => ({ actorId: 'w1', action, subject: 'contact', subjectId: contact.id, caseCode: contact.caseCode, detail });
    expect(rows.filter((r) => r.action !== 'contact.read')).toEqual([
      change('contact.update', { what: 'preparation' }),
      change('registration.update', { step: 'visit', version: 1 }),
      change('registration.update', { step: 'follow_up', version: 1 }),
      change('registration.submit', { version: 1 }),
    ]);
    expect(await database.db.registration.count({ where: { contactId: contact.id, status: 'submitted' } })).toBe(1);
  });

  it('writes the change and its log entry together: when the entry cannot be written, nothing is saved', async () => {
    const failing = registerAll(buildServices(database.db, {
      audit: { ...services.audit, append: async (entry: TAuditEntry, tx?: unknown) => (tx ? Promise.reject(new Error('audit down')) : services.audit.append(entry)) },
    }));
    const contactsBefore = await database.db.contact.count();
    await expect(failing.action('contact.create', turn('w1').context, { ...PERSON })).rejects.toThrow('audit down');
    expect(await database.db.contact.count()).toBe(contactsBefore);
    await expect(failing.action('prep.save', turn('w1').context, { contactId: contact.id, visitDate: '2027-02-05', visitPlace: 'home' })).rejects.toThrow('audit down');
    expect((await database.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).visitDate).toBe('2027-02-01');
    const draftBefore = await database.db.registration.findFirst({ where: { contactId: contact.id }, orderBy: { version: 'desc' } });
    await expect(failing.action('reg.save', turn('w1').context, { contactId: contact.id, stepId: 'visit', visitDate: '2025-03-01', visitors: 'Collega w1', place: 'elsewhere' }))
      .rejects.toThrow('audit down');
    expect(await database.db.registration.findFirst({ where: { contactId: contact.id }, orderBy: { version: 'desc' } })).toEqual(draftBefore);

    // (A worker of no team, so the lists of the other tests stay as they are.)
    const draftContact = await newContact(database.db, 'w7');
    await routes.action('reg.save', turn('w7').context, { contactId: draftContact.id, stepId: 'visit', visitDate: '2025-02-01', visitors: 'Collega w7', place: 'home' });
    await routes.action('reg.save', turn('w7').context, { contactId: draftContact.id, stepId: 'follow_up', followUp: 'no' });
    expect(await database.db.registration.count({ where: { contactId: draftContact.id, status: 'draft' } })).toBe(1);
    await expect(failing.action('reg.submit', turn('w7').context, { contactId: draftContact.id })).rejects.toThrow('audit down');
    expect(await database.db.registration.count({ where: { contactId: draftContact.id, status: 'submitted' } })).toBe(0);
  });

  it('saves no registration step when the right to change the contact is taken away after the turn read it', async () => {
    // w9 coordinates w8: after the reassignment w9 still sees the contact, but may no longer change it.
    await setUpTeam(database.db, 'T9', { w9: 'coordinator', w8: 'worker' });
    const own = await newContact(database.db, 'w9');
    await routes.action('reg.save', turn('w9').context, { contactId: own.id, stepId: 'visit', visitDate: '2025-02-01', visitors: 'Collega w9', place: 'home' });
    // A coordinator reassigns the contact to w8 while w9's next save is between its read and its write.
    const racing = registerAll(buildServices(database.db, {
      registrations: {
        ...services.registrations,
        findForWorker: async (contactId: string, workerId: string) => {
          const found = await services.registrations.findForWorker(contactId, workerId);
          await database.db.contact.update({ where: { id: own.id }, data: { assignedWorkerId: 'w8' } });
          return found;
        },
      },
    }));
    const before = await count();
    const answer = await racing.action('reg.save', turn('w9').context, { contactId: own.id, stepId: 'visit', visitDate: '2025-02-01', visitors: 'Collega w9', place: 'elsewhere' });
    expect(textOf(answer)).toContain('Er is niets bewaard.');
    expect((await database.db.registration.findFirstOrThrow({ where: { contactId: own.id, status: 'draft' } })).data).toMatchObject({ visit: { place: 'home' } });
    expect((await rowsSince(before)).filter((r) => r.action === 'registration.update')).toEqual([]);

  });

  it('does not show the contact when the read cannot be logged', async () => {
    const failing = registerAll(buildServices(database.db, { audit: { ...services.audit, append: async () => Promise.reject(new Error('audit down')) } }));
    await expect(failing.action('contact.open', turn('w1').context, { contactId: contact.id })).rejects.toThrow('audit down');
    const failingList = registerAll(buildServices(database.db, { audit: { ...services.audit, appendMany: async () => Promise.reject(new Error('audit down')) } }));
    await expect(failingList.message('mijn contacten', 'c1')).rejects.toThrow('audit down');
  });

  it('logs a list in one write: the list entry, then one per colleague\'s contact, the same rows as one by one', async () => {
    for (let i = 0; i < 3; i += 1) await newContact(database.db, 'w2');
    const writes: string[] = [];
    const counting = registerAll(buildServices(database.db, {
      audit: {
        ...services.audit,
        append: async (entry, tx) => (writes.push('append'), services.audit.append(entry, tx)),
        appendMany: async (entries, tx) => (writes.push(`appendMany(${entries.length})`), services.audit.appendMany(entries, tx)),
      },
    }));
    const before = await count();
    await counting.message('mijn contacten', 'c1');
    expect(writes).toEqual(['appendMany(5)']);
    const listed = await services.contacts.listForWorker('c1');
    const entries: TAuditEntry[] = [
      { actorId: 'c1', action: 'contact.read', subject: 'contact', detail: { view: 'list', shown: 4, others: 4 } },
      ...listed.map((c): TAuditEntry => ({ actorId: 'c1', action: 'contact.read', subject: 'contact', subjectId: c.id, caseCode: c.caseCode, detail: { view: 'list', shared: true } })),
    ];
    const rows = await rowsSince(before);
    expect(rows).toEqual(entries.map((e) => ({ subjectId: null, caseCode: null, ...e })));
    const oneByOne = await count();
    for (const entry of entries) await services.audit.append(entry);
    expect(await rowsSince(oneByOne)).toEqual(rows);
  });

  it('logs notes and the AI call (before the model is asked), without their text', async () => {
    const before = await count();
    const state = { conversation: {} as Record<string, unknown> };
    await routes.action('notes.start', turn('w1').context, { contactId: contact.id }, state);
    expect(await routes.note('Bezocht, het gaat redelijk.', 'w1', state)).toBe(true);
    const notes = await database.db.visitNotes.findFirstOrThrow({ where: { contactId: contact.id } });
    await routes.action('notes.summarise', turn('w1').context, { contactId: contact.id }, state);
    // The fake model answers 500 (nothing queued): the notes end as failed, after one request.
    await until(async () => (await database.db.visitNotes.findUniqueOrThrow({ where: { id: notes.id } })).status === 'failed');
    expect(fake.requests).toHaveLength(1);
    await routes.action('ai.discard', turn('w1').context, { contactId: contact.id });
    const rows = (await rowsSince(before)).filter((r) => r.action !== 'contact.read');
    const entry = (action: string, detail: Record<string, unknown>) => ({ actorId: 'w1', action, subject: 'contact', subjectId: contact.id, caseCode: contact.caseCode, detail });
    expect(rows).toEqual([
      entry('notes.update', { op: 'append', notesId: notes.id }),
      entry('ai.summarise', { notesId: notes.id, model: 'test-model' }),
      entry('notes.update', { op: 'discard' }),
    ]);
    expect(await database.db.llmCallAudit.count({ where: { caseCode: contact.caseCode } })).toBe(1);
  });

  it('sends nothing to the model when the AI call cannot be logged', async () => {
    const requests = fake.requests.length;
    const failing = buildServices(database.db, {
      llm: services.llm,
      audit: { ...services.audit, append: async (entry: TAuditEntry) => (entry.action === 'ai.summarise' ? Promise.reject(new Error('audit down')) : services.audit.append(entry)) },
    });
    const failingRoutes = registerAll(failing);
    const state = { conversation: {} as Record<string, unknown> };
    await failingRoutes.action('notes.start', turn('w1').context, { contactId: contact.id }, state);
    await failingRoutes.note('Tweede bezoek.', 'w1', state);
    const notes = await database.db.visitNotes.findFirstOrThrow({ where: { contactId: contact.id, status: 'collecting' } });
    await failingRoutes.action('notes.summarise', turn('w1').context, { contactId: contact.id }, state);
    await until(async () => (await database.db.visitNotes.findUniqueOrThrow({ where: { id: notes.id } })).status === 'failed');
    expect(fake.requests.length).toBe(requests);
  });

  it('logs the letter download and the signal export', async () => {
    const card = await routes.action('letter.create', turn('w1').context, { contactId: contact.id, visitDate: '2027-02-01', visitPlace: 'home' });
    const token = /\/files\/letter\/([A-Za-z0-9_.-]+)/.exec(textOf(card))![1]!;
    const before = await count();
    const letter = fakeResponse();
    await letterDownloadHandler(services)(request(token), letter.res);
    expect(letter.sent.status).toBe(200);

    const exportToken = createExportToken({ teamId: 'T1', from: new Date('2027-01-01T00:00:00Z'), to: NOW, format: 'xlsx', requesterId: 'c1', expiresAt: NOW.getTime() + 60_000 }, services.linkSecret);
    const exported = fakeResponse();
    await exportDownloadHandler(services)(request(exportToken), exported.res);
    expect(exported.sent.status).toBe(200);
    expect(await rowsSince(before)).toEqual([
      { actorId: 'w1', action: 'letter.download', subject: 'contact', subjectId: contact.id, caseCode: contact.caseCode, detail: null },
      { actorId: 'c1', action: 'export.signals', subject: 'team', subjectId: 'T1', caseCode: null, detail: { format: 'xlsx', from: '2027-01-01T00:00:00.000Z', to: NOW.toISOString(), rows: 0 } },
    ]);
    // An expired or forged link exports nothing and logs nothing.
    await exportDownloadHandler(services)(request(`${exportToken}x`), fakeResponse().res);
    expect(await count()).toBe(before + 2);
  });

  it('logs assigning a follow-up (in its transaction), the assignee\'s list and completing it', async () => {
    const before = await count();
    await routes.action('followUp.assign', turn('c1', { channelOfTeam: 'T1' }).context, { caseCode: contact.caseCode, assigneeId: 'w2', dueDate: '2027-02-20', mode: 'phone', reason: 'agreed' });
    const followUp = await database.db.followUp.findFirstOrThrow({ where: { contactId: contact.id, assigneeId: 'w2' } });
    const list = await routes.message('mijn opvolgingen', 'w2');
    expect(textOf(list)).toContain(contact.caseCode);
    await routes.action('followUp.completeForm', turn('w2').context, { followUpId: followUp.id });
    await routes.action('followUp.complete', turn('w2').context, { followUpId: followUp.id, outcome: 'reached_ok', outcomeNote: 'Gaat goed met Testvoornaam.' });
    const base = { subject: 'contact', subjectId: contact.id, caseCode: contact.caseCode };
    expect(await rowsSince(before)).toEqual([
      { actorId: 'c1', action: 'follow_up.assign', ...base, detail: { followUpId: followUp.id, assigneeId: 'w2', teamId: 'T1' } },
      { actorId: 'w2', action: 'contact.read', subject: 'contact', subjectId: null, caseCode: null, detail: { view: 'follow_up_list', shown: 1, others: 1 } },
      // A colleague's contact (assigned to w1): marked shared.
      { actorId: 'w2', action: 'contact.read', ...base, detail: { view: 'follow_up_list', shared: true } },
      { actorId: 'w2', action: 'contact.read', ...base, detail: { view: 'follow_up_complete', shared: true } },
      { actorId: 'w2', action: 'follow_up.complete', ...base, detail: { followUpId: followUp.id, outcome: 'reached_ok', shared: true } },
      // After completing, the list is shown again (now empty).
      { actorId: 'w2', action: 'contact.read', subject: 'contact', subjectId: null, caseCode: null, detail: { view: 'follow_up_list', shown: 0, others: 0 } },
    ]);
  });

  it('never holds a name, an address or a note', async () => {
    const everything = JSON.stringify(await auditRows(database.db));
    expect(await count()).toBeGreaterThan(20);
    for (const value of [...PERSONAL_VALUES, 'Bezocht', 'Tweede bezoek', 'Gaat goed']) expect(everything).not.toContain(value);
  });

  it('refuses to change or remove an entry, also with raw SQL', async () => {
    const first = await database.db.accessAudit.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const total = await count();
    // PostgreSQL passes the trigger's message on; Prisma's SQLite adapter reports RAISE(ABORT) as a constraint error.
    const refusal = kind === 'postgresql' ? /append-only/ : /append-only|constraint/i;
    await expect(database.db.accessAudit.update({ where: { id: first.id }, data: { actorId: 'someone-else' } })).rejects.toThrow(refusal);
    await expect(database.db.accessAudit.updateMany({ data: { detail: {} } })).rejects.toThrow(refusal);
    await expect(database.db.accessAudit.delete({ where: { id: first.id } })).rejects.toThrow(refusal);
    await expect(database.db.accessAudit.deleteMany({})).rejects.toThrow(refusal);
    await expect(database.db.$executeRawUnsafe(`UPDATE "AccessAudit" SET "action" = 'x' WHERE "id" = ${first.id}`)).rejects.toThrow(refusal);
    await expect(database.db.$executeRawUnsafe('DELETE FROM "AccessAudit"')).rejects.toThrow(refusal);
    if (kind === 'postgresql') await expect(database.db.$executeRawUnsafe('TRUNCATE "AccessAudit"')).rejects.toThrow(refusal);
    expect(await count()).toBe(total);
    expect(await database.db.accessAudit.findUniqueOrThrow({ where: { id: first.id } })).toEqual(first);
  });
});
