import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { TDb } from '../client.ts';

export class StorageConflictError extends Error {
  readonly code = 'STATE_CONFLICT';
}

/**
 * botbuilder's Storage contract on the database, with its eTag rule: a write carrying an eTag other than '*'
 * succeeds only if the stored item still has that eTag. Turn state lives here, so a restart or another bot
 * instance continues the conversation where it was.
 */
export class DatabaseStorage implements Storage {
  constructor(private readonly db: TDb) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.db.storageItem.findMany({ where: { key: { in: keys } } });
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...(row.value as object), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...rest } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
      const value = JSON.parse(JSON.stringify(rest)) as object;
      const etag = randomUUID();
      if (!eTag || eTag === '*') {
        await this.db.storageItem.upsert({ where: { key }, create: { key, value, etag }, update: { value, etag } });
        continue;
      }
      const { count } = await this.db.storageItem.updateMany({ where: { key, etag: eTag }, data: { value, etag } });
      if (count === 1) continue;
      const exists = await this.db.storageItem.count({ where: { key } });
      if (exists) throw new StorageConflictError('Storage item was changed by another turn');
      await this.db.storageItem.create({ data: { key, value, etag } }).catch(() => {
        throw new StorageConflictError('Storage item was created by another turn');
      });
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.db.storageItem.deleteMany({ where: { key: { in: keys } } });
  }
}
