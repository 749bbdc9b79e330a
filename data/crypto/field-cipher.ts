import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Application-level encryption of one text value: AES-256-GCM with a random 12-byte IV per value, stored as
 *   enc:v1:<keyId>:<iv b64url>:<tag b64url>:<ciphertext b64url>
 * The header (`enc:v1:<keyId>`) is authenticated too, so a value cannot be relabelled with another key id.
 * A value without the `enc:` prefix was written before encryption existed and is returned as it is.
 */

export interface TEncryptionKey {
  /** Letters, digits, `_` and `-`; names the key inside every value it encrypted. */
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

export type TFieldCipherErrorCode = 'unknown_key' | 'tampered' | 'malformed' | 'unsupported_version';

/** A stored value that cannot be read. The message names the key id at most, never the value. */
export class FieldCipherError extends Error {
  constructor(
    readonly code: TFieldCipherErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FieldCipherError';
  }
}

export interface TFieldCipher {
  /** The id of the key new values are encrypted with (the first configured). */
  readonly currentKeyId: string;
  encrypt(plaintext: string): string;
  /** Plaintext for a stored value: decrypted if it carries the `enc:` prefix, else the value itself (legacy rows). */
  decrypt(stored: string): string;
  /** The key id a stored value was encrypted with; undefined for plaintext. */
  keyIdOf(stored: string): string | undefined;
}

export const ENCRYPTED_PREFIX = 'enc:';
const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export function isEncrypted(stored: string): boolean {
  return stored.startsWith(ENCRYPTED_PREFIX);
}

export function createFieldCipher(keys: readonly TEncryptionKey[]): TFieldCipher {
  const current = keys[0];
  if (!current) throw new Error('At least one encryption key is needed.');
  const byId = new Map<string, Buffer>();
  for (const { id, key } of keys) {
    if (!KEY_ID_PATTERN.test(id)) throw new Error(`Encryption key id "${id}" may only hold letters, digits, _ and -.`);
    if (key.length !== KEY_BYTES) throw new Error(`Encryption key "${id}" must be ${KEY_BYTES} bytes.`);
    if (byId.has(id)) throw new Error(`Encryption key id "${id}" is used twice.`);
    byId.set(id, key);
  }

  return {
    currentKeyId: current.id,

    encrypt(plaintext) {
      const header = `${ENCRYPTED_PREFIX}${VERSION}:${current.id}`;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, current.key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(header));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${header}:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${ciphertext.toString('base64url')}`;
    },

    decrypt(stored) {
      if (!isEncrypted(stored)) return stored;
      const { keyId, iv, tag, ciphertext, header } = parse(stored);
      const key = byId.get(keyId);
      if (!key) {
        throw new FieldCipherError('unknown_key', `An encrypted value uses key "${keyId}", which is not configured: add it to NABIJ_ENCRYPTION_KEYS (after the current key).`);
      }
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(header));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw new FieldCipherError('tampered', `An encrypted value (key "${keyId}") failed its integrity check: it was changed or damaged after it was written.`);
      }
    },

    keyIdOf(stored) {
      return isEncrypted(stored) ? parse(stored).keyId : undefined;
    },
  };
}

function parse(stored: string): { header: string; keyId: string; iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const parts = stored.split(':');
  if (parts[1] !== VERSION) throw new FieldCipherError('unsupported_version', `An encrypted value has format version "${(parts[1] ?? '').slice(0, 8)}", which this Nabij cannot read.`);
  const [, , keyId = '', iv = '', tag = '', ciphertext, ...rest] = parts;
  const base64url = /^[A-Za-z0-9_-]*$/;
  if (ciphertext === undefined || rest.length || !KEY_ID_PATTERN.test(keyId) || ![iv, tag, ciphertext].every((p) => base64url.test(p))) {
    throw new FieldCipherError('malformed', 'An encrypted value is malformed (damaged or cut off).');
  }
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new FieldCipherError('malformed', 'An encrypted value is malformed (damaged or cut off).');
  return { header: `${ENCRYPTED_PREFIX}${VERSION}:${keyId}`, keyId, iv: ivBytes, tag: tagBytes, ciphertext: Buffer.from(ciphertext, 'base64url') };
}
