import type { TDb } from '../client.ts';
import type { Prisma } from '../generated/postgresql/client.ts';
import { ENCRYPTED_MODELS, storedCiphertextOf, wrapJsonCiphertext, type TEncryptedKind } from './encrypted-fields.ts';
import { FieldCipherError, type TFieldCipher } from './field-cipher.ts';

export interface TRotationCount {
  /** e.g. VisitNotes.text */
  field: string;
  /** Encrypted with an older key, now with the current one. */
  reencrypted: number;
  /** Written before encryption existed, now encrypted. */
  encrypted: number;
  alreadyCurrent: number;
  /** Rows the bot changed while this ran: left alone (the bot wrote them with the current key); run again to check. */
  changedMeanwhile: number;
}

/** A value the rotation cannot read: names the row and field (ids only), never the value. */
export class RotationError extends Error {}

interface TDelegate {
  findMany(args: object): Promise<Record<string, unknown>[]>;
  updateMany(args: object): Prisma.PrismaPromise<{ count: number }>;
}

/**
 * Re-encrypts every encrypted value whose key is not the current (first) key, and encrypts plaintext left from
 * before encryption. Works on the plain client (without withFieldEncryption), in batches ordered by id; each row is
 * written only if it did not change since it was read, and keeps its updatedAt. Idempotent: a second run finds
 * everything current, and an interrupted run continues where it matters when started again.
 */
export async function rotateFieldKeys(opts: {
  db: TDb;
  cipher: TFieldCipher;
  batchSize?: number;
  onProgress?: (count: TRotationCount) => void;
}): Promise<TRotationCount[]> {
  const batchSize = opts.batchSize ?? 200;
  const counts: TRotationCount[] = [];
  for (const [model, spec] of Object.entries(ENCRYPTED_MODELS)) {
    const delegate = (opts.db as unknown as Record<string, TDelegate>)[spec.delegate]!;
    const fields = Object.entries(spec.fields);
    const modelCounts = new Map(fields.map(([field]) => [field, { field: `${model}.${field}`, reencrypted: 0, encrypted: 0, alreadyCurrent: 0, changedMeanwhile: 0 }]));
    const select = { id: true, ...(spec.hasUpdatedAt ? { updatedAt: true } : {}), ...Object.fromEntries(fields.map(([f]) => [f, true])) };
    let after: string | undefined;
    for (;;) {
      const rows = await delegate.findMany({ where: after === undefined ? {} : { id: { gt: after } }, orderBy: { id: 'asc' }, take: batchSize, select });
      if (!rows.length) break;
      after = rows.at(-1)!.id as string;
      const writes: { row: Record<string, unknown>; changed: string[]; data: Record<string, unknown> }[] = [];
      for (const row of rows) {
        const data: Record<string, unknown> = {};
        const changed: string[] = [];
        for (const [field, kind] of fields) {
          const outcome = rotateValue(opts.cipher, kind, row[field], () => `${model}.${field} of row ${String(row.id)}`);
          const count = modelCounts.get(field)!;
          if (outcome.status === 'current') count.alreadyCurrent++;
          if (outcome.status === 'rewritten') {
            data[field] = outcome.value;
            changed.push(field);
          }
        }
        if (changed.length) writes.push({ row, changed, data });
      }
      if (!writes.length) continue;
      const results = await opts.db.$transaction(
        writes.map(({ row, data }) => {
          // A row with updatedAt is guarded by it (and keeps it); one without by the exact values read.
          const guard = spec.hasUpdatedAt ? { updatedAt: row.updatedAt } : Object.fromEntries(fields.map(([f]) => [f, row[f]]));
          return delegate.updateMany({ where: { id: row.id, ...guard }, data: { ...data, ...(spec.hasUpdatedAt ? { updatedAt: row.updatedAt } : {}) } });
        }),
      );
      writes.forEach(({ row, changed }, i) => {
        const written = results[i]!.count === 1;
        for (const field of changed) {
          const count = modelCounts.get(field)!;
          if (!written) count.changedMeanwhile++;
          else if (storedCiphertextOf(spec.fields[field]!, row[field]) !== undefined) count.reencrypted++;
          else count.encrypted++;
        }
      });
    }
    for (const count of modelCounts.values()) {
      counts.push(count);
      opts.onProgress?.(count);
    }
  }
  return counts;
}

function rotateValue(cipher: TFieldCipher, kind: TEncryptedKind, stored: unknown, where: () => string): { status: 'empty' | 'current' } | { status: 'rewritten'; value: unknown } {
  if (stored === null || stored === undefined) return { status: 'empty' };
  // A Json value stored as a bare ciphertext string (before the wrapper) is rewritten even under the current key.
  const wrap = (ciphertext: string) => (kind === 'json' ? wrapJsonCiphertext(ciphertext) : ciphertext);
  const ciphertext = storedCiphertextOf(kind, stored);
  if (ciphertext !== undefined) {
    if (cipher.keyIdOf(ciphertext) === cipher.currentKeyId && (kind === 'text' || typeof stored === 'object')) return { status: 'current' };
    try {
      return { status: 'rewritten', value: wrap(cipher.encrypt(cipher.decrypt(ciphertext))) };
    } catch (error) {
      if (error instanceof FieldCipherError) throw new RotationError(`${where()}: ${error.message}`);
      throw error;
    }
  }
  if (kind === 'json') return { status: 'rewritten', value: wrap(cipher.encrypt(JSON.stringify(stored))) };
  if (typeof stored !== 'string') throw new RotationError(`${where()} is not text.`);
  return { status: 'rewritten', value: cipher.encrypt(stored) };
}
