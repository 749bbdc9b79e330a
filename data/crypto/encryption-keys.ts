import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod/v4';
import { providerOf, sqliteFilePath } from '../database-url.ts';
import { KEY_BYTES, KEY_ID_PATTERN, type TEncryptionKey } from './field-cipher.ts';

export const KEY_FILE_NAME = 'encryption.key';
const GENERATE_HINT = `generate a key with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`;

/** Refuses to start: the message is one line, names what to set, and never holds key material. */
export class EncryptionKeyError extends Error {}

/**
 * `<id>:<base64 32 bytes>,<oldId>:<base64>`: the first key encrypts, all of them decrypt. Unset or empty gives [].
 * The same format is used for the key file.
 */
export const ZEncryptionKeysSchema = z
  .string()
  .optional()
  .transform((value, ctx): TEncryptionKey[] => {
    const entries = (value ?? '').split(/[,\n]/).map((e) => e.trim()).filter(Boolean);
    const keys: TEncryptionKey[] = [];
    for (const [i, entry] of entries.entries()) {
      const colon = entry.indexOf(':');
      const id = entry.slice(0, Math.max(colon, 0));
      const encoded = entry.slice(colon + 1);
      if (colon < 1 || !KEY_ID_PATTERN.test(id)) {
        ctx.addIssue({ code: 'custom', message: `entry ${i + 1} is not <id>:<base64 key> (an id of letters, digits, _ or -, then a colon)` });
        return z.NEVER;
      }
      const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
      if (key.length !== KEY_BYTES) {
        ctx.addIssue({ code: 'custom', message: `key "${id}" is not ${KEY_BYTES} bytes in base64; ${GENERATE_HINT}` });
        return z.NEVER;
      }
      if (keys.some((k) => k.id === id)) {
        ctx.addIssue({ code: 'custom', message: `key id "${id}" appears twice; every key needs its own id` });
        return z.NEVER;
      }
      keys.push({ id, key });
    }
    return keys;
  });

export function formatEncryptionKeys(keys: readonly TEncryptionKey[]): string {
  return keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
}

/**
 * The keys for this start: the configured ones (NABIJ_ENCRYPTION_KEYS); without them, for the embedded SQLite
 * database, the key file next to the database file (created on first start, mode 0600). PostgreSQL without
 * configured keys is refused: its instances share one database and must share the key through configuration.
 */
export function loadEncryptionKeys(opts: {
  configured: readonly TEncryptionKey[];
  databaseUrl: string;
  warn: (event: string, message: string) => void;
  now?: Date;
}): TEncryptionKey[] {
  const sqlite = providerOf(opts.databaseUrl) === 'sqlite';
  const keyFile = sqlite ? join(dirname(sqliteFilePath(opts.databaseUrl)), KEY_FILE_NAME) : undefined;
  if (opts.configured.length) {
    if (keyFile && existsSync(keyFile)) {
      const fileIds = readKeyFile(keyFile).map((k) => k.id);
      const missing = fileIds.filter((id) => !opts.configured.some((k) => k.id === id));
      if (missing.length) {
        opts.warn('encryption_key_file_ignored', `NABIJ_ENCRYPTION_KEYS is set, so ${keyFile} is not used: values encrypted with its key "${missing.join('", "')}" cannot be read until that key is added to NABIJ_ENCRYPTION_KEYS after the current one (docs/encryption.md).`);
      }
    }
    return [...opts.configured];
  }
  if (!keyFile) {
    throw new EncryptionKeyError(`NABIJ_ENCRYPTION_KEYS is not set. With PostgreSQL (DATABASE_URL) notes and free text are encrypted with a key from configuration: ${GENERATE_HINT} and set NABIJ_ENCRYPTION_KEYS=<id>:<key> on every instance (docs/encryption.md).`);
  }
  const generated = !existsSync(keyFile) && createKeyFile(keyFile, opts.now ?? new Date());
  const keys = readKeyFile(keyFile);
  if (process.platform !== 'win32' && (statSync(keyFile).mode & 0o077) !== 0) {
    opts.warn('encryption_key_file_mode', `The encryption key file ${keyFile} can be read by other users of this machine: run chmod 600 on it.`);
  }
  opts.warn(
    'encryption_key_file',
    `NABIJ_ENCRYPTION_KEYS is not set: notes and free text are encrypted with the key in ${keyFile}${generated ? ' (generated now)' : ''}. ` +
      'A key file next to the database protects a copied database only if the key file is not copied along (keep it out of backups of the database, or back it up separately). ' +
      'In production, set NABIJ_ENCRYPTION_KEYS (docs/encryption.md).',
  );
  return keys;
}

function readKeyFile(file: string): TEncryptionKey[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new EncryptionKeyError(`the encryption key file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  const parsed = ZEncryptionKeysSchema.safeParse(text);
  if (!parsed.success) throw new EncryptionKeyError(`the encryption key file ${file} is not valid: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  if (!parsed.data.length) throw new EncryptionKeyError(`the encryption key file ${file} is empty.`);
  return parsed.data;
}

/**
 * Writes a new key file atomically: a temporary file linked into place, so two processes starting at once end
 * up with one key (the second link fails and that process reads the first one's file). False if it lost that race.
 */
function createKeyFile(file: string, now: Date): boolean {
  const id = `local-${now.toISOString().slice(0, 10).replaceAll('-', '')}`;
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, `${formatEncryptionKeys([{ id, key: randomBytes(KEY_BYTES) }])}\n`, { mode: 0o600, flag: 'wx' });
    linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new EncryptionKeyError(`the encryption key file ${file} cannot be created (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the setting NABIJ_DATA_DIR or DATABASE_URL, or set NABIJ_ENCRYPTION_KEYS.`);
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  }
}
