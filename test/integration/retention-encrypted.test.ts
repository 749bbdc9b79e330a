// Purge, erasure and the access export through the encrypted client the bot uses (data/crypto): the same
// anonymisation must work on ciphertext columns, leave no personal value in plain text, and remove the encrypted
// rows and values too (a key leaked later must find nothing of the person).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../../data/client.ts';
import { withFieldEncryption } from '../../data/crypto/encrypted-database.ts';
import { createFieldCipher } from '../../data/crypto/field-cipher.ts';
import { createRetentionRepository } from '../../data/repositories/retention.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { scanForTerms } from '../support/personal-data-scan.ts';
import { fictitiousPerson, personalTerms, seedPersonEverywhere, type TSeededPerson } from '../support/seed-person.ts';

describe.each(DATABASE_KINDS)('retention on the encrypted client (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let db: TDb;
  const now = new Date();
  const erased = fictitiousPerson(4);
  const purged = fictitiousPerson(5);
  let erasedSeed: TSeededPerson;
  let purgedSeed: TSeededPerson;

  /** What the person still has in the columns that hold ciphertext. */
  const encryptedLeft = async (contactId: string) => ({
    notes: await database.db.visitNotes.count({ where: { contactId } }),
    suggestions: await database.db.aiSuggestion.count({ where: { contactId } }),
    registrations: await database.db.registration.count({ where: { contactId } }),
    followUpNotes: await database.db.followUp.count({ where: { contactId, OR: [{ reasonNote: { not: null } }, { outcomeNote: { not: null } }] } }),
    contactText: await database.db.contact.count({ where: { id: contactId, OR: [{ relatives: { not: null } }, { visitPlaceNote: { not: null } }] } }),
  });

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    db = withFieldEncryption(database.db, createFieldCipher([{ id: 'k-test', key: randomBytes(32) }]));
    erasedSeed = await seedPersonEverywhere(db, erased, { workerId: 'w1', now, conversationId: 'a:erased' });
    purgedSeed = await seedPersonEverywhere(db, purged, { workerId: 'w1', now, conversationId: 'a:purged' });
  }, 60_000);
  afterAll(async () => database?.dispose());

  it('starts from ciphertext: the notes word is nowhere in plain text, yet every encrypted row is there', async () => {
    expect(await scanForTerms(database, [erased.noteWord, purged.noteWord])).toEqual([]);
    expect(await encryptedLeft(erasedSeed.contactId)).toEqual({ notes: 1, suggestions: 1, registrations: 2, followUpNotes: 2, contactText: 1 });
    // The names, phone and address are not encrypted (lookups and letters need them): the scan finds them.
    expect((await scanForTerms(database, [erased.lastName, erased.phone])).map((f) => `${f.table}.${f.column}`)).toContain('Contact.phone');
  });

  it('exports the decrypted text for an access request', async () => {
    const exported = await createRetentionRepository(db).exportContact({ contactId: erasedSeed.contactId });
    expect(exported?.notes[0]?.text).toContain(erased.noteWord);
    expect(JSON.stringify(exported?.registrations[0]?.data)).toContain(erased.noteWord);
    expect(exported?.followUps.map((f) => f.reasonNote ?? f.outcomeNote).join(' ')).toContain(erased.noteWord);
  });

  it('erases one person and purges another through the encrypted client, ciphertext included', async () => {
    const retention = createRetentionRepository(db);
    expect(await retention.eraseContact({ contactId: erasedSeed.contactId, actorId: 'c1', now })).toMatchObject({ contacts: 1, registrations: 2, notes: 1 });
    expect(await scanForTerms(database, personalTerms(erased))).toEqual([]);
    expect(await encryptedLeft(erasedSeed.contactId)).toEqual({ notes: 0, suggestions: 0, registrations: 0, followUpNotes: 0, contactText: 0 });

    const later = new Date(now.getTime() + 40 * 31 * 86_400_000);
    expect(await retention.purgeExpired({ now: later, policy: { contactMonths: 24, openContactMonths: 36, notesDays: 30 } })).toMatchObject({ inactiveContacts: 1 });
    expect(await scanForTerms(database, personalTerms(purged))).toEqual([]);
    expect(await encryptedLeft(purgedSeed.contactId)).toEqual({ notes: 0, suggestions: 0, registrations: 0, followUpNotes: 0, contactText: 0 });
  });
});
