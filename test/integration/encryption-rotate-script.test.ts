// `npm run keys:rotate` as an operator runs it: counts per field, idempotent, and a clear stop on a missing key.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withFieldEncryption } from '../../data/crypto/encrypted-database.ts';
import { formatEncryptionKeys } from '../../data/crypto/encryption-keys.ts';
import { createFieldCipher, type TEncryptionKey } from '../../data/crypto/field-cipher.ts';
import { createContactRepository } from '../../data/repositories/contacts.ts';
import { createVisitNotesRepository } from '../../data/repositories/visit-notes.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';

const ROOT = join(import.meta.dirname, '../..');
const OLD: TEncryptionKey = { id: 'oud', key: randomBytes(32) };
const NEW: TEncryptionKey = { id: 'nieuw', key: randomBytes(32) };

function rotate(databaseUrl: string, keys: TEncryptionKey[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/rotate-encryption-key.ts', '--batch-size', '2'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, NABIJ_ENCRYPTION_KEYS: formatEncryptionKeys(keys) },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(DATABASE_KINDS)('npm run keys:rotate (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let contactId: string;
  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    const old = withFieldEncryption(database.db, createFieldCipher([OLD]));
    const person = { lifeEvent: 'move', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Testvoornaam', lastName: 'Testachternaam' };
    contactId = (await createContactRepository(old).create({ ...person, relatives: 'geheime naasten' }, { workerId: 'w1', now: new Date() })).id;
    for (let i = 0; i < 3; i++) {
      const other = await createContactRepository(old).create(person, { workerId: `w${i + 2}`, now: new Date() });
      await createVisitNotesRepository(old).append(other.id, `w${i + 2}`, `notitie ${i}`);
    }
    // One row from before encryption.
    await createVisitNotesRepository(database.db).append(contactId, 'w1', 'oude notitie');
  });
  afterAll(async () => database?.dispose());

  it('re-encrypts with the first key, prints counts per field, and a second run finds everything current', async () => {
    const first = await rotate(database.url, [NEW, OLD]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Re-encrypting with key "nieuw"');
    expect(first.stdout).toContain('VisitNotes.text: 3 re-encrypted, 1 encrypted (were plaintext), 0 already current, 0 changed meanwhile');
    expect(first.stdout).toContain('Contact.relatives: 1 re-encrypted, 0 encrypted (were plaintext), 0 already current, 0 changed meanwhile');
    expect(first.stdout).toContain('Done: every value uses key "nieuw"');

    const second = await rotate(database.url, [NEW, OLD]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('VisitNotes.text: 0 re-encrypted, 0 encrypted (were plaintext), 4 already current, 0 changed meanwhile');

    const newOnly = withFieldEncryption(database.db, createFieldCipher([NEW]));
    expect((await createContactRepository(newOnly).findForWorker(contactId, 'w1'))?.relatives).toBe('geheime naasten');
    expect((await createVisitNotesRepository(newOnly).latest(contactId, 'w1'))?.text).toBe('oude notitie');
  });

  it('stops with a clear message, naming row and field, when a value needs a key that is not configured', async () => {
    const result = await rotate(database.url, [{ id: 'ander', key: randomBytes(32) }]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Stopped: VisitNotes\.text of row [0-9a-f-]{36}: An encrypted value uses key "nieuw", which is not configured/);
    expect(result.stderr).not.toMatch(/notitie|naasten/);
  });
});
