// Notes and free text at rest (issue 6): saved through the real repositories on the encrypted client, a raw dump of
// every table holds none of the text; the repositories give it back; tampering and unknown keys fail loudly;
// plaintext from before encryption still reads; rotation moves every value to the new key.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../../data/client.ts';
import { sqliteFilePath } from '../../data/database-url.ts';
import { withFieldEncryption } from '../../data/crypto/encrypted-database.ts';
import { createFieldCipher, FieldCipherError, type TEncryptionKey } from '../../data/crypto/field-cipher.ts';
import { rotateFieldKeys, RotationError } from '../../data/crypto/rotate-field-keys.ts';
import { createContactRepository, type TContactData } from '../../data/repositories/contacts.ts';
import { createFollowUpRepository } from '../../data/repositories/follow-ups.ts';
import { createRegistrationRepository } from '../../data/repositories/registrations.ts';
import { createVisitNotesRepository } from '../../data/repositories/visit-notes.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';

const key = (id: string): TEncryptionKey => ({ id, key: randomBytes(32) });
const OLD_KEY = key('k2026');
const NEW_KEY = key('k2027');
const NOW = new Date('2027-01-05T09:00:00Z');

// Each secret is a phrase that appears nowhere else, so finding it in a dump means the text leaked.
const SECRET = {
  note1: 'Slaapt slecht sinds de uitvaart van haar man',
  note2: 'Zoon belt enkel op zondag en komt zelden langs',
  quote: 'slaapt slecht sinds de uitvaart',
  relatives: 'Broer Testbroer woont in Voorbeeldstad',
  visitPlaceNote: 'Achterdeur gebruiken, bel werkt niet',
  visitors: 'Testwerker Eén en stagiair',
  worries: 'Piekert over de afbetaling van de lening',
  emotionalNotes: 'Huilt vaak wanneer de foto ter sprake komt',
  reasonNote: 'Liefst bellen na de kinesist op dinsdag',
  outcomeNote: 'Gaat naar de rouwgroep in het dienstencentrum',
};
const CATEGORY = { place: 'home', emotionalStatus: 'attention' };

const person = (extra: Partial<TContactData> = {}): TContactData => ({
  lifeEvent: 'partner_death', detectionSource: 'civil_affairs_list', consentStatus: 'not_needed', firstName: 'Testvoornaam', lastName: 'Testachternaam', ...extra,
});

type TTestDatabase = Awaited<ReturnType<typeof openMigratedTestDatabase>>;

/** SELECT * from every table of the database, as one text: what a stolen dump would show. */
async function dumpAllTables(database: TTestDatabase): Promise<{ text: string; tables: string[] }> {
  const raw = database.db;
  const tables =
    database.provider === 'sqlite'
      ? (await raw.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table'`)).map((t) => t.name)
      : (await raw.$queryRawUnsafe<{ table_name: string }[]>(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)).map((t) => t.table_name);
  let text = '';
  for (const table of tables) {
    const rows = await raw.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}"`);
    text += `${table}: ${JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? String(v) : v))}\n`;
  }
  return { text, tables };
}

function leakedSecrets(text: string): string[] {
  return Object.values(SECRET).filter((s) => text.toLowerCase().includes(s.toLowerCase()));
}

describe.each(DATABASE_KINDS)('notes and free text encrypted at rest (%s)', (kind) => {
  let database: TTestDatabase;
  let db: TDb;
  let contactId: string;
  let notesId: string;
  let followUpId: string;
  let registrationUpdatedAt: Date;
  const savedRegistration = {
    visit: { visitDate: '2027-01-04', visitors: SECRET.visitors, place: CATEGORY.place },
    domains_a: { emotionalStatus: CATEGORY.emotionalStatus, emotionalNotes: SECRET.emotionalNotes },
    wellbeing: { wellbeing: 6, worries: SECRET.worries },
  };
  const suggestion = { accepted: [{ field: 'wellbeing.worries', value: SECRET.worries, quotes: [SECRET.quote] }], rejected: [{ field: 'visit.present', reason: 'not_in_notes' }] };

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    db = withFieldEncryption(database.db, createFieldCipher([OLD_KEY]));

    const contacts = createContactRepository(db);
    const contact = await contacts.create(person({ relatives: SECRET.relatives }), { workerId: 'w1', now: NOW });
    contactId = contact.id;
    await contacts.savePreparation(contactId, 'w1', { checklist: { letter: true }, visitDate: '2027-01-04', visitPlace: 'home', visitPlaceNote: SECRET.visitPlaceNote });

    const notes = createVisitNotesRepository(db);
    await notes.append(contactId, 'w1', SECRET.note1);
    notesId = (await notes.append(contactId, 'w1', SECRET.note2)).id;
    await notes.saveSuggestion(notesId, contactId, suggestion);

    const registrations = createRegistrationRepository(db);
    for (const [step, values] of Object.entries(savedRegistration)) await registrations.saveStep(contactId, 'w1', step, values);
    registrationUpdatedAt = (await registrations.submit(contactId, 'w1', NOW)).updatedAt;

    const followUps = createFollowUpRepository(db);
    followUpId = (await followUps.assign({ contactId, assigneeId: 'w2', assignedBy: 'c1', dueDate: '2027-01-20', mode: 'phone', reason: 'after_death', reasonNote: SECRET.reasonNote }, NOW)).id;
    await followUps.complete({ id: followUpId, assigneeId: 'w2', outcome: 'reached_support', outcomeNote: SECRET.outcomeNote, now: NOW });
  });
  afterAll(async () => database?.dispose());

  it('a raw dump of every table holds none of the notes or free text, only ciphertext', async () => {
    const dump = await dumpAllTables(database);
    expect(dump.tables).toEqual(expect.arrayContaining(['Contact', 'VisitNotes', 'AiSuggestion', 'Registration', 'FollowUp', 'ContactEvent']));
    expect(leakedSecrets(dump.text)).toEqual([]);
    // Seven encrypted values: relatives, visitPlaceNote, notes, suggestion, registration, reasonNote, outcomeNote.
    expect(dump.text.match(/enc:v1:k2026:/g)?.length).toBe(7);
    // Category values stay outside the encryption where they are their own columns; the name is out of scope.
    expect(dump.text).toContain('Testachternaam');
  });

  it('the database files themselves hold none of it either (SQLite: database and write-ahead log)', async () => {
    if (database.provider === 'postgresql') {
      // No file to read here: the server's own view of each encrypted column, as text, stands in for it.
      const rows = await database.db.$queryRawUnsafe<{ t: string }[]>(
        `SELECT "text" AS t FROM "VisitNotes" UNION ALL SELECT "data"::text FROM "Registration" UNION ALL SELECT "fields"::text FROM "AiSuggestion"`,
      );
      expect(rows.length).toBe(3);
      expect(leakedSecrets(rows.map((r) => r.t).join('\n'))).toEqual([]);
      return;
    }
    const file = sqliteFilePath(database.url);
    const bytes = [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1'));
    expect(bytes.join('').length).toBeGreaterThan(0);
    const asStoredBytes = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
    expect(Object.values(SECRET).filter((s) => bytes.some((b) => b.includes(asStoredBytes(s))))).toEqual([]);
  });

  it('the repositories give the plaintext back, unchanged, to every reader', async () => {
    const notes = createVisitNotesRepository(db);
    expect((await notes.latest(contactId, 'w1'))?.text).toBe(`${SECRET.note1}\n\n${SECRET.note2}`);
    const registrations = createRegistrationRepository(db);
    expect((await registrations.findForWorker(contactId, 'w1'))?.pendingSuggestion?.fields).toEqual(suggestion);
    expect((await registrations.latestSubmitted(contactId))?.data).toEqual(savedRegistration);
    expect((await registrations.versions(contactId)).map((v) => v.data)).toEqual([savedRegistration]);
    // A correction starts from the submitted version: decrypted, merged, encrypted again.
    const draft = await registrations.saveStep(contactId, 'w1', 'wellbeing', { wellbeing: 7, worries: SECRET.worries });
    expect(draft.data).toEqual({ ...savedRegistration, wellbeing: { wellbeing: 7, worries: SECRET.worries } });

    const contact = await createContactRepository(db).findForWorker(contactId, 'w1');
    expect([contact?.relatives, contact?.visitPlaceNote]).toEqual([SECRET.relatives, SECRET.visitPlaceNote]);

    const followUps = createFollowUpRepository(db);
    const followUp = await followUps.findForAssignee(followUpId, 'w2');
    expect([followUp?.reasonNote, followUp?.outcomeNote]).toEqual([SECRET.reasonNote, SECRET.outcomeNote]);
    expect((await followUps.findForMessage(followUpId))?.reasonNote).toBe(SECRET.reasonNote);

    // Rows reached through a relation are decrypted too.
    const nested = await db.contact.findUniqueOrThrow({ where: { id: contactId }, include: { notes: true, registrations: true, followUps: { include: { contact: true } }, suggestions: true } });
    expect(nested.notes[0]?.text).toBe(`${SECRET.note1}\n\n${SECRET.note2}`);
    expect(nested.registrations.map((r) => r.data)).toContainEqual(savedRegistration);
    expect(nested.followUps[0]?.contact.relatives).toBe(SECRET.relatives);
    expect(nested.suggestions[0]?.fields).toEqual(suggestion);
    // So are rows of a fluent call, which Prisma hands over already unpacked.
    expect((await db.contact.findUnique({ where: { id: contactId } }).notes())?.[0]?.text).toBe(`${SECRET.note1}\n\n${SECRET.note2}`);
    expect((await db.followUp.findUnique({ where: { id: followUpId } }).contact())?.relatives).toBe(SECRET.relatives);
    const event = await db.contactEvent.findFirstOrThrow({ where: { contactId }, include: { contact: { include: { notes: true } } } });
    expect([event.contact.visitPlaceNote, event.contact.notes[0]?.text]).toEqual([SECRET.visitPlaceNote, `${SECRET.note1}\n\n${SECRET.note2}`]);
    expect(leakedSecrets((await dumpAllTables(database)).text)).toEqual([]);
  });

  it('refuses a nested write that would bypass the encryption', async () => {
    await expect(db.contact.update({ where: { id: contactId }, data: { notes: { create: { workerId: 'w1', text: 'doorgeschoven', status: 'collecting' } } } })).rejects.toThrow(/bypass field encryption/);
    expect(await database.db.visitNotes.count({ where: { text: 'doorgeschoven' } })).toBe(0);
  });

  it('a ciphertext changed in the database fails with a clear error, not silently', async () => {
    const other = await createContactRepository(db).create(person(), { workerId: 'w9', now: NOW });
    const notes = createVisitNotesRepository(db);
    const { id } = await notes.append(other.id, 'w9', 'te wijzigen');
    const stored = (await database.db.visitNotes.findUniqueOrThrow({ where: { id } })).text;
    const parts = stored.split(':');
    parts[5] = `${parts[5]![0] === 'A' ? 'B' : 'A'}${parts[5]!.slice(1)}`;
    await database.db.visitNotes.update({ where: { id }, data: { text: parts.join(':') } });

    const error = await notes.latest(other.id, 'w9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FieldCipherError);
    expect((error as FieldCipherError).code).toBe('tampered');
    expect((error as Error).message).toMatch(/integrity check/);
    await database.db.contact.delete({ where: { id: other.id } });
  });

  it('a value under a key that is not configured names that key', async () => {
    const elsewhere = withFieldEncryption(database.db, createFieldCipher([key('elders')]));
    const error = await createVisitNotesRepository(elsewhere).latest(contactId, 'w1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FieldCipherError);
    expect((error as FieldCipherError).code).toBe('unknown_key');
    expect((error as Error).message).toContain('"k2026"');
  });

  describe('rows written before encryption existed', () => {
    let legacyContactId: string;
    const legacyRegistration = { visit: { visitors: 'Oude bezoeker', place: 'home' } };

    beforeAll(async () => {
      // Written with the plain client, as the bot did before this change.
      const contact = await createContactRepository(database.db).create(person({ relatives: 'oude naasten' }), { workerId: 'w3', now: NOW });
      legacyContactId = contact.id;
      await createVisitNotesRepository(database.db).append(legacyContactId, 'w3', 'oude notitie');
      await createRegistrationRepository(database.db).saveStep(legacyContactId, 'w3', 'visit', legacyRegistration.visit);
      await createFollowUpRepository(database.db).assign({ contactId: legacyContactId, assigneeId: 'w3', assignedBy: 'c1', dueDate: '2027-02-01', mode: 'visit', reason: 'agreed', reasonNote: 'oude reden' }, NOW);
    });

    it('still read through the encrypted repositories', async () => {
      expect((await createVisitNotesRepository(db).latest(legacyContactId, 'w3'))?.text).toBe('oude notitie');
      expect((await createRegistrationRepository(db).findDraft(legacyContactId))?.data).toEqual(legacyRegistration);
      expect((await createContactRepository(db).findForWorker(legacyContactId, 'w3'))?.relatives).toBe('oude naasten');
      const [open] = await createFollowUpRepository(db).listOpenForAssignee('w3', '2027-01-05');
      expect(open?.reasonNote).toBe('oude reden');
    });

    it('appending to old plaintext notes stores the whole text encrypted', async () => {
      const notes = await createVisitNotesRepository(db).append(legacyContactId, 'w3', 'nieuwe notitie');
      expect(notes.text).toBe('oude notitie\n\nnieuwe notitie');
      const stored = (await database.db.visitNotes.findUniqueOrThrow({ where: { id: notes.id } })).text;
      expect(stored).toMatch(/^enc:v1:k2026:/);
      expect(stored).not.toContain('notitie');
    });
  });

  describe('key rotation', () => {
    const rotated = createFieldCipher([NEW_KEY, OLD_KEY]);

    it('re-encrypts every value with the new key, keeps updatedAt, and a second run finds nothing to do', async () => {
      const counts = await rotateFieldKeys({ db: database.db, cipher: rotated, batchSize: 2 });
      const total = (k: 'reencrypted' | 'encrypted' | 'alreadyCurrent' | 'changedMeanwhile') => counts.reduce((n, c) => n + c[k], 0);
      expect(counts.map((c) => c.field)).toEqual([
        'VisitNotes.text', 'AiSuggestion.fields', 'Registration.data', 'FollowUp.reasonNote', 'FollowUp.outcomeNote', 'Contact.relatives', 'Contact.visitPlaceNote',
      ]);
      // Encrypted before: 2 notes, 1 suggestion, 2 registrations (submitted + correction draft), 1+1 follow-up notes, 1+1 contact fields.
      // Plaintext before: the legacy registration draft, reason note and relatives.
      expect([total('reencrypted'), total('encrypted'), total('alreadyCurrent'), total('changedMeanwhile')]).toEqual([9, 3, 0, 0]);

      const dump = (await dumpAllTables(database)).text;
      expect(dump).not.toContain('enc:v1:k2026:');
      expect(dump.match(/enc:v1:k2027:/g)?.length).toBe(12);
      expect(leakedSecrets(dump)).toEqual([]);
      expect(dump).not.toContain('oude naasten');
      const submitted = await database.db.registration.findFirstOrThrow({ where: { contactId, status: 'submitted' } });
      expect(submitted.updatedAt.toISOString()).toBe(registrationUpdatedAt.toISOString());

      const again = await rotateFieldKeys({ db: database.db, cipher: rotated });
      expect(again.reduce((n, c) => n + c.reencrypted + c.encrypted + c.changedMeanwhile, 0)).toBe(0);
      expect(again.reduce((n, c) => n + c.alreadyCurrent, 0)).toBe(12);
    });

    it('after rotation the old key can be dropped: everything reads with the new key alone', async () => {
      const newOnly = withFieldEncryption(database.db, createFieldCipher([NEW_KEY]));
      expect((await createVisitNotesRepository(newOnly).latest(contactId, 'w1'))?.text).toBe(`${SECRET.note1}\n\n${SECRET.note2}`);
      expect((await createRegistrationRepository(newOnly).findForWorker(contactId, 'w1'))?.pendingSuggestion?.fields).toEqual(suggestion);
      expect((await createRegistrationRepository(newOnly).latestSubmitted(contactId))?.data).toEqual(savedRegistration);
      const followUp = await createFollowUpRepository(newOnly).findForAssignee(followUpId, 'w2');
      expect([followUp?.reasonNote, followUp?.outcomeNote]).toEqual([SECRET.reasonNote, SECRET.outcomeNote]);
      const contact = await createContactRepository(newOnly).findForWorker(contactId, 'w1');
      expect([contact?.relatives, contact?.visitPlaceNote]).toEqual([SECRET.relatives, SECRET.visitPlaceNote]);
      // Every row of every encrypted model reads (none is left under the old key).
      for (const model of ['visitNotes', 'aiSuggestion', 'registration', 'followUp', 'contact'] as const) {
        await expect((newOnly[model] as unknown as { findMany(): Promise<unknown[]> }).findMany()).resolves.toBeDefined();
      }
    });

    it('leaves a row the bot changed while it ran (counted), and the next run finds it current', async () => {
      const newer = createFieldCipher([key('k2028'), NEW_KEY]);
      const bot = withFieldEncryption(database.db, newer);
      let interfered = false;
      // A bot instance (already restarted with the new key) appends to the notes right after the rotation read them.
      const racing = new Proxy(database.db, {
        get(target, property) {
          const value = Reflect.get(target, property) as unknown;
          if (property === 'visitNotes') {
            return {
              findMany: async (args: object) => {
                const rows = await target.visitNotes.findMany(args);
                if (!interfered) {
                  interfered = true;
                  await createVisitNotesRepository(bot).append(contactId, 'w1', 'tijdens de rotatie');
                }
                return rows;
              },
              updateMany: (args: Parameters<typeof target.visitNotes.updateMany>[0]) => target.visitNotes.updateMany(args),
            };
          }
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
      const counts = await rotateFieldKeys({ db: racing, cipher: newer });
      expect(interfered).toBe(true);
      expect(counts.find((c) => c.field === 'VisitNotes.text')?.changedMeanwhile).toBe(1);
      const next = await rotateFieldKeys({ db: database.db, cipher: newer });
      expect(next.reduce((n, c) => n + c.reencrypted + c.encrypted + c.changedMeanwhile, 0)).toBe(0);
      expect((await createVisitNotesRepository(bot).latest(contactId, 'w1'))?.text).toBe(`${SECRET.note1}\n\n${SECRET.note2}\n\ntijdens de rotatie`);
    });

    it('stops with the row and field named when a value cannot be read', async () => {
      const error = await rotateFieldKeys({ db: database.db, cipher: createFieldCipher([key('k2029')]) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RotationError);
      expect((error as Error).message).toMatch(/^VisitNotes\.text of row [0-9a-f-]{36}: .*"k2028"/);
    });
  });
  describe('Json values stored as one bare ciphertext string (before the { enc } wrapper)', () => {
    let legacy: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
    const data = { visit: { visitors: SECRET.worries, place: 'home' } };
    beforeAll(async () => {
      legacy = await openMigratedTestDatabase(kind);
    });
    afterAll(async () => legacy?.dispose());

    it('still read, are written wrapped from then on, and the rotation wraps them (also under the current key)', async () => {
      const cipher = createFieldCipher([NEW_KEY, OLD_KEY]);
      const contact = await createContactRepository(legacy.db).create(person(), { workerId: 'w9', now: NOW });
      const other = await createContactRepository(legacy.db).create(person(), { workerId: 'w9', now: NOW });
      const bare = (c: ReturnType<typeof createFieldCipher>) => c.encrypt(JSON.stringify(data));
      await legacy.db.registration.create({ data: { contactId: contact.id, version: 1, status: 'draft', data: bare(createFieldCipher([OLD_KEY])) } });
      await legacy.db.registration.create({ data: { contactId: other.id, version: 1, status: 'draft', data: bare(cipher) } });

      const bot = createRegistrationRepository(withFieldEncryption(legacy.db, cipher));
      expect((await bot.findDraft(contact.id))?.data).toEqual(data);
      expect((await bot.findForWorker(other.id, 'w9'))?.draft?.data).toEqual(data);

      const counts = await rotateFieldKeys({ db: legacy.db, cipher });
      expect(counts.find((c) => c.field === 'Registration.data')).toMatchObject({ reencrypted: 2, encrypted: 0, alreadyCurrent: 0 });
      for (const id of [contact.id, other.id]) {
        const stored = (await legacy.db.registration.findFirstOrThrow({ where: { contactId: id } })).data;
        expect(stored).toEqual({ enc: expect.stringMatching(/^enc:v1:k2027:/) });
      }
      expect((await bot.findDraft(contact.id))?.data).toEqual(data);
      const again = await rotateFieldKeys({ db: legacy.db, cipher });
      expect(again.find((c) => c.field === 'Registration.data')).toMatchObject({ reencrypted: 0, encrypted: 0, alreadyCurrent: 2 });
    });
  });
});
