import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/client.ts';
import { listMigrations, migrate, MigrationError } from '../../data/migrate.ts';
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from '../support/databases.ts';

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  let target: TTestDatabase | undefined;
  afterEach(async () => target?.drop());

  it('creates every table on an empty database, records the history Prisma keeps, and is a no-op the second time', async () => {
    target = await createTestDatabase(kind);
    const all = listMigrations(kind).map((m) => m.name);
    expect(all.length).toBeGreaterThan(0);

    expect((await migrate(target.url)).applied).toEqual(all);
    expect((await migrate(target.url)).applied).toEqual([]);

    const database = await openDatabase(target.url);
    try {
      const history = await database.db.$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(
        'SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name',
      );
      expect(history.map((h) => h.migration_name)).toEqual(all);
      expect(history.map((h) => h.checksum)).toEqual(listMigrations(kind).map((m) => m.checksum));
      // The models work on the migrated schema.
      await database.db.worker.create({ data: { aadObjectId: 'a1', displayName: 'Testmedewerker', role: 'worker' } });
      expect(await database.db.worker.count()).toBe(1);
    } finally {
      await database.close();
    }
  });

  it('refuses to continue when an applied migration file was changed afterwards', async () => {
    target = await createTestDatabase(kind);
    const root = mkdtempSync(join(tmpdir(), 'nabij-migrations-'));
    cpSync(join(import.meta.dirname, '../../data/migrations', kind), join(root, kind), { recursive: true });
    await migrate(target.url, root);
    const first = listMigrations(kind, root)[0]!;
    writeFileSync(join(root, kind, first.name, 'migration.sql'), `${first.sql}\n-- edited later\n`);
    await expect(migrate(target.url, root)).rejects.toThrow(MigrationError);
  });

  it('rolls back a failing migration completely and does not record it', async () => {
    target = await createTestDatabase(kind);
    const root = mkdtempSync(join(tmpdir(), 'nabij-migrations-'));
    cpSync(join(import.meta.dirname, '../../data/migrations', kind), join(root, kind), { recursive: true });
    mkdirSync(join(root, kind, '99990101000000_broken'));
    writeFileSync(join(root, kind, '99990101000000_broken', 'migration.sql'), 'CREATE TABLE "Half" ("id" TEXT);\nTHIS IS NOT SQL;\n');
    await expect(migrate(target.url, root)).rejects.toThrow();

    const database = await openDatabase(target.url);
    try {
      const names = await database.db.$queryRawUnsafe<{ migration_name: string }[]>('SELECT migration_name FROM "_prisma_migrations"');
      expect(names.map((n) => n.migration_name)).not.toContain('99990101000000_broken');
      const half = kind === 'sqlite'
        ? await database.db.$queryRawUnsafe<unknown[]>(`SELECT name FROM sqlite_master WHERE name = 'Half'`)
        : await database.db.$queryRawUnsafe<unknown[]>(`SELECT to_regclass('"Half"')::text AS t WHERE to_regclass('"Half"') IS NOT NULL`);
      expect(half).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
