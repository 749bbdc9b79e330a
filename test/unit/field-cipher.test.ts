import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.ts';
import { EncryptionKeyError, formatEncryptionKeys, loadEncryptionKeys, ZEncryptionKeysSchema } from '../../data/crypto/encryption-keys.ts';
import { createFieldCipher, FieldCipherError, type TEncryptionKey } from '../../data/crypto/field-cipher.ts';

const key = (id: string): TEncryptionKey => ({ id, key: randomBytes(32) });
const NEW = key('k2027');
const OLD = key('k2026');

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Replaces one character of a base64url part of a stored value with a different one. */
function flip(stored: string, part: 'iv' | 'tag' | 'ciphertext'): string {
  const parts = stored.split(':');
  const index = { iv: 3, tag: 4, ciphertext: 5 }[part];
  const value = parts[index]!;
  parts[index] = `${value[0] === 'A' ? 'B' : 'A'}${value.slice(1)}`;
  return parts.join(':');
}

describe('field cipher', () => {
  const cipher = createFieldCipher([NEW, OLD]);

  it('encrypts into the versioned format with the first key and reads it back', () => {
    const plain = 'Mevrouw is moe, slaapt slecht sinds de begrafenis. Dochter komt zondag – ŝ ü 🙂';
    const stored = cipher.encrypt(plain);
    expect(stored).toMatch(/^enc:v1:k2027:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain('begrafenis');
    expect(cipher.decrypt(stored)).toBe(plain);
    expect(cipher.keyIdOf(stored)).toBe('k2027');
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('');
  });

  it('uses a fresh IV for every value, so equal texts do not look equal', () => {
    const a = cipher.encrypt('zelfde tekst');
    const b = cipher.encrypt('zelfde tekst');
    expect(a).not.toBe(b);
    expect(a.split(':')[3]).not.toBe(b.split(':')[3]);
  });

  it('reads values of an older key and text written before encryption existed', () => {
    const old = createFieldCipher([OLD]).encrypt('van vorig jaar');
    expect(cipher.decrypt(old)).toBe('van vorig jaar');
    expect(cipher.keyIdOf(old)).toBe('k2026');
    expect(cipher.decrypt('gewone tekst van vroeger')).toBe('gewone tekst van vroeger');
    expect(cipher.keyIdOf('gewone tekst van vroeger')).toBeUndefined();
  });

  it.each(['iv', 'tag', 'ciphertext'] as const)('refuses a value whose %s was changed, with a clear error', (part) => {
    const error = errorOf(() => cipher.decrypt(flip(cipher.encrypt('geheime notitie'), part)));
    expect(error).toBeInstanceOf(FieldCipherError);
    expect((error as FieldCipherError).code).toBe('tampered');
    expect((error as Error).message).toMatch(/integrity check/);
    expect((error as Error).message).not.toContain('geheime');
  });

  it('refuses a value relabelled with another configured key id (the header is authenticated)', () => {
    const relabelled = cipher.encrypt('notitie').replace('enc:v1:k2027:', 'enc:v1:k2026:');
    expect((errorOf(() => cipher.decrypt(relabelled)) as FieldCipherError).code).toBe('tampered');
  });

  it('names an unknown key id and where to add it', () => {
    const foreign = createFieldCipher([key('elders')]).encrypt('notitie');
    const error = errorOf(() => cipher.decrypt(foreign)) as FieldCipherError;
    expect(error).toBeInstanceOf(FieldCipherError);
    expect(error.code).toBe('unknown_key');
    expect(error.message).toContain('"elders"');
    expect(error.message).toContain('NABIJ_ENCRYPTION_KEYS');
  });

  it('refuses malformed values and unknown format versions', () => {
    const stored = cipher.encrypt('notitie');
    expect((errorOf(() => cipher.decrypt(stored.split(':').slice(0, 5).join(':'))) as FieldCipherError).code).toBe('malformed');
    expect((errorOf(() => cipher.decrypt(`${stored}:extra`)) as FieldCipherError).code).toBe('malformed');
    expect((errorOf(() => cipher.decrypt(stored.replace(/:[^:]+:([^:]+:[^:]+)$/, ':kort:$1'))) as FieldCipherError).code).toBe('malformed');
    expect((errorOf(() => cipher.decrypt(stored.replace('enc:v1:', 'enc:v9:'))) as FieldCipherError).code).toBe('unsupported_version');
  });

  it('refuses a key ring with a short key, a repeated id or no key', () => {
    expect(() => createFieldCipher([{ id: 'kort', key: randomBytes(16) }])).toThrow(/32 bytes/);
    expect(() => createFieldCipher([NEW, { ...OLD, id: NEW.id }])).toThrow(/twice/);
    expect(() => createFieldCipher([{ id: 'met:dubbelpunt', key: randomBytes(32) }])).toThrow(/letters, digits/);
    expect(() => createFieldCipher([])).toThrow(/At least one/);
  });
});

describe('NABIJ_ENCRYPTION_KEYS', () => {
  const b64 = (k: TEncryptionKey) => k.key.toString('base64');

  it('parses a list: the first key encrypts, the others only decrypt', () => {
    const parsed = ZEncryptionKeysSchema.parse(` k2027:${b64(NEW)} , k2026:${b64(OLD)} `);
    expect(parsed.map((k) => k.id)).toEqual(['k2027', 'k2026']);
    expect(parsed[0]!.key.equals(NEW.key)).toBe(true);
    expect(ZEncryptionKeysSchema.parse(undefined)).toEqual([]);
    expect(ZEncryptionKeysSchema.parse('')).toEqual([]);
    expect(formatEncryptionKeys(parsed)).toBe(`k2027:${b64(NEW)},k2026:${b64(OLD)}`);
  });

  it.each([
    ['a key of 16 bytes', () => `k1:${randomBytes(16).toString('base64')}`, /"k1" is not 32 bytes/],
    ['a key that is not base64', () => `k1:${'!'.repeat(44)}`, /"k1" is not 32 bytes/],
    ['a missing id', () => `:${b64(NEW)}`, /entry 1 is not <id>:<base64 key>/],
    ['a missing colon', () => b64(NEW), /entry 1 is not <id>:<base64 key>/],
    ['the same id twice', () => `k1:${b64(NEW)},k1:${b64(OLD)}`, /"k1" appears twice/],
  ])('refuses %s at start-up, without repeating the key', (_, value, message) => {
    const setting = value();
    const error = errorOf(() => loadConfig({ NABIJ_ALLOW_ANONYMOUS: 'true', NABIJ_ENCRYPTION_KEYS: setting }));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^Invalid setting NABIJ_ENCRYPTION_KEYS: /);
    expect((error as Error).message).toMatch(message);
    const secret = setting.split(',').map((e) => e.slice(e.indexOf(':') + 1)).filter((s) => s.length > 8);
    for (const s of secret) expect((error as Error).message).not.toContain(s);
  });

  it('reaches the configuration as keys', () => {
    const config = loadConfig({ NABIJ_ALLOW_ANONYMOUS: 'true', NABIJ_ENCRYPTION_KEYS: `k2027:${b64(NEW)}` });
    expect(config.encryptionKeys.map((k) => k.id)).toEqual(['k2027']);
    expect(loadConfig({ NABIJ_ALLOW_ANONYMOUS: 'true' }).encryptionKeys).toEqual([]);
  });
});

describe('where the keys come from', () => {
  const sqliteIn = (dir: string) => `file:${join(dir, 'nabij.db')}`;
  const collect = () => {
    const warnings: { event: string; message: string }[] = [];
    return { warnings, warn: (event: string, message: string) => warnings.push({ event, message }) };
  };

  it('embedded SQLite without keys: generates a key file next to the database (mode 0600) once, with a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabij-keys-'));
    const first = collect();
    const keys = loadEncryptionKeys({ configured: [], databaseUrl: sqliteIn(dir), warn: first.warn, now: new Date('2026-03-04T10:00:00Z') });
    const file = join(dir, 'encryption.key');
    expect(keys.map((k) => k.id)).toEqual(['local-20260304']);
    expect(keys[0]!.key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(`${formatEncryptionKeys(keys)}\n`);
    expect(first.warnings.map((w) => w.event)).toEqual(['encryption_key_file']);
    expect(first.warnings[0]!.message).toContain('(generated now)');
    expect(first.warnings[0]!.message).toContain('only if the key file is not copied along');
    expect(first.warnings[0]!.message).toContain('In production, set NABIJ_ENCRYPTION_KEYS');

    const second = collect();
    const again = loadEncryptionKeys({ configured: [], databaseUrl: sqliteIn(dir), warn: second.warn });
    expect(again[0]!.key.equals(keys[0]!.key)).toBe(true);
    expect(second.warnings[0]!.message).not.toContain('generated now');
  });

  it('a file URL (DATABASE_URL=file:///…) puts the key file in that database folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabij-keys-'));
    loadEncryptionKeys({ configured: [], databaseUrl: `file://${join(dir, 'elders.db')}`, warn: () => undefined });
    expect(existsSync(join(dir, 'encryption.key'))).toBe(true);
  });

  it('PostgreSQL without keys: refuses, naming the setting and how to make a key', () => {
    const error = errorOf(() => loadEncryptionKeys({ configured: [], databaseUrl: 'postgresql://nabij:geheim@db.example/nabij', warn: () => undefined }));
    expect(error).toBeInstanceOf(EncryptionKeyError);
    expect((error as Error).message).toContain('NABIJ_ENCRYPTION_KEYS is not set');
    expect((error as Error).message).toContain('randomBytes(32)');
    expect((error as Error).message).not.toContain('geheim');
    expect((error as Error).message).not.toContain('\n');
  });

  it('configured keys win; a key file whose key is not among them is named in a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabij-keys-'));
    const fileKeys = loadEncryptionKeys({ configured: [], databaseUrl: sqliteIn(dir), warn: () => undefined });
    const without = collect();
    expect(loadEncryptionKeys({ configured: [NEW], databaseUrl: sqliteIn(dir), warn: without.warn })).toEqual([NEW]);
    expect(without.warnings.map((w) => w.event)).toEqual(['encryption_key_file_ignored']);
    expect(without.warnings[0]!.message).toContain(fileKeys[0]!.id);
    const withIt = collect();
    loadEncryptionKeys({ configured: [NEW, ...fileKeys], databaseUrl: sqliteIn(dir), warn: withIt.warn });
    expect(withIt.warnings).toEqual([]);
  });

  it('a damaged key file stops the start; one readable by others gives a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabij-keys-'));
    const file = join(dir, 'encryption.key');
    writeFileSync(file, 'local:te-kort\n', { mode: 0o600 });
    expect(() => loadEncryptionKeys({ configured: [], databaseUrl: sqliteIn(dir), warn: () => undefined })).toThrow(/encryption key file .* is not valid: key "local" is not 32 bytes/);
    writeFileSync(file, `${formatEncryptionKeys([OLD])}\n`);
    chmodSync(file, 0o644);
    const open = collect();
    expect(loadEncryptionKeys({ configured: [], databaseUrl: sqliteIn(dir), warn: open.warn })[0]!.id).toBe(OLD.id);
    expect(open.warnings.map((w) => w.event)).toContain('encryption_key_file_mode');
  });
});
