import { openDatabase, type TDatabase, type TDb } from '../client.ts';
import { ENCRYPTED_MODELS, RELATIONS_TO_ENCRYPTED, storedCiphertextOf, wrapJsonCiphertext, type TEncryptedKind } from './encrypted-fields.ts';
import { loadEncryptionKeys } from './encryption-keys.ts';
import { createFieldCipher, type TEncryptionKey, type TFieldCipher } from './field-cipher.ts';

type TRow = Record<string, unknown>;

/** Where each write operation carries the row values. */
const WRITE_ARGS: Record<string, readonly string[]> = {
  create: ['data'],
  createMany: ['data'],
  createManyAndReturn: ['data'],
  update: ['data'],
  updateMany: ['data'],
  updateManyAndReturn: ['data'],
  upsert: ['create', 'update'],
};
/** Nested-write operations that only link rows; anything else would write values this layer does not see. */
const LINK_ONLY = new Set(['connect', 'disconnect', 'set', 'delete', 'deleteMany']);

/**
 * The database with the fields in encrypted-fields.ts encrypted on every write and decrypted on every read,
 * including rows reached through `include`/`select` and inside interactive transactions. Repositories and
 * handlers use it as the plain client: the encryption is invisible above this layer. Raw SQL bypasses it.
 */
export function withFieldEncryption(db: TDb, cipher: TFieldCipher): TDb {
  type TOperation = (params: {
    model: string;
    operation: string;
    args: unknown;
    query: (args: unknown) => Promise<unknown>;
    __internalParams?: { dataPath?: unknown };
  }) => Promise<unknown>;
  const $allOperations: TOperation = async ({ model, operation, args, query, __internalParams }) => {
    const result = await query(encryptArgs(model, operation, args as TRow | undefined, cipher));
    return decryptTree(modelAt(model, __internalParams?.dataPath), result, cipher);
  };
  // Only the models that hold or lead to encrypted rows: queries on the others (turn state, outbox) stay as fast as before.
  const query = Object.fromEntries(Object.keys(RELATIONS_TO_ENCRYPTED).map((model) => [`${model[0]!.toLowerCase()}${model.slice(1)}`, { $allOperations }]));
  return db.$extends({ name: 'field-encryption', query } as Parameters<TDb['$extends']>[0]) as unknown as TDb;
}

/** The bot's start: the keys from configuration (or the SQLite key file) wrapped around the open database. */
export function encryptDatabase(
  database: TDatabase,
  opts: { configured: readonly TEncryptionKey[]; databaseUrl: string; warn: (event: string, message: string) => void },
): TDatabase {
  const cipher = createFieldCipher(loadEncryptionKeys(opts));
  return { ...database, db: withFieldEncryption(database.db, cipher) };
}

/**
 * Opens a database as the bot sees it, for scripts and tests: with the given keys, or for SQLite the key file next
 * to the database (created if there is none yet, as the bot would).
 */
export async function openEncryptedDatabase(
  databaseUrl: string,
  opts: { configured?: readonly TEncryptionKey[]; warn?: (event: string, message: string) => void } = {},
): Promise<TDatabase> {
  const database = await openDatabase(databaseUrl);
  try {
    return encryptDatabase(database, { configured: opts.configured ?? [], databaseUrl, warn: opts.warn ?? (() => undefined) });
  } catch (error) {
    await database.close();
    throw error;
  }
}

function encryptArgs(model: string, operation: string, args: TRow | undefined, cipher: TFieldCipher): TRow | undefined {
  const keys = WRITE_ARGS[operation];
  if (!keys || !args || !(model in RELATIONS_TO_ENCRYPTED)) return args;
  const next = { ...args };
  for (const key of keys) {
    const data = next[key];
    if (Array.isArray(data)) next[key] = data.map((row: TRow) => encryptRow(model, row, cipher));
    else if (data && typeof data === 'object') next[key] = encryptRow(model, data as TRow, cipher);
  }
  return next;
}

function encryptRow(model: string, row: TRow, cipher: TFieldCipher): TRow {
  for (const [relation, target] of Object.entries(RELATIONS_TO_ENCRYPTED[model] ?? {})) {
    const nested = row[relation];
    if (nested && typeof nested === 'object' && Object.keys(nested).some((op) => !LINK_ONLY.has(op))) {
      throw new Error(`A nested write from ${model}.${relation} would bypass field encryption: write ${target} rows through their own model.`);
    }
  }
  const fields = ENCRYPTED_MODELS[model]?.fields;
  if (!fields) return row;
  const next = { ...row };
  for (const [field, kind] of Object.entries(fields)) {
    if (next[field] === undefined) continue;
    next[field] = encryptValue(`${model}.${field}`, kind, next[field], cipher);
  }
  return next;
}

function encryptValue(where: string, kind: TEncryptedKind, value: unknown, cipher: TFieldCipher): unknown {
  if (kind === 'text') {
    if (value === null) return null;
    if (typeof value === 'string') return cipher.encrypt(value);
    if (value && typeof value === 'object' && 'set' in value) {
      const set = (value as { set: unknown }).set;
      return { set: typeof set === 'string' ? cipher.encrypt(set) : set };
    }
    throw new Error(`${where} is encrypted: only a string, null or { set } can be written to it.`);
  }
  // Prisma's JsonNull/DbNull markers are class instances; the encrypted Json columns are required, so they never belong here.
  const marker = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype;
  if (value === null || marker) throw new Error(`${where} is encrypted: write a JSON object, array or value, not a null marker.`);
  return wrapJsonCiphertext(cipher.encrypt(JSON.stringify(value)));
}

/**
 * The model of a fluent call's result (`db.contact.findUnique(…).notes()`): Prisma hands the extension the rows at the
 * end of `dataPath` (`['select', 'notes']`), not the contact. Prisma does not document this parameter; the fluent
 * test in test/integration/encryption.test.ts notices if it changes.
 */
function modelAt(model: string, dataPath: unknown): string {
  if (!Array.isArray(dataPath)) return model;
  let current = model;
  for (let i = 1; i < dataPath.length; i += 2) current = RELATIONS_TO_ENCRYPTED[current]?.[String(dataPath[i])] ?? '';
  return current;
}

function decryptTree(model: string, value: unknown, cipher: TFieldCipher): unknown {
  if (!(model in RELATIONS_TO_ENCRYPTED) || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (const row of value) decryptRow(model, row as TRow, cipher);
  } else {
    decryptRow(model, value as TRow, cipher);
  }
  return value;
}

function decryptRow(model: string, row: TRow, cipher: TFieldCipher): void {
  if (!row || typeof row !== 'object') return;
  for (const [field, kind] of Object.entries(ENCRYPTED_MODELS[model]?.fields ?? {})) {
    const stored = row[field];
    const ciphertext = storedCiphertextOf(kind, stored);
    if (ciphertext === undefined) continue;
    const plain = cipher.decrypt(ciphertext);
    row[field] = kind === 'json' ? JSON.parse(plain) : plain;
  }
  for (const [relation, target] of Object.entries(RELATIONS_TO_ENCRYPTED[model] ?? {})) {
    if (row[relation]) decryptTree(target, row[relation], cipher);
  }
}
