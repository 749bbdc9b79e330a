import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { postgresTarget, providerOf, sqliteFilePath, type TProvider } from './database-url.ts';

const MIGRATIONS_ROOT = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
/** The advisory lock id Prisma Migrate itself takes, so our runner and `prisma migrate deploy` never race. */
const PRISMA_ADVISORY_LOCK = 72707369;

export interface TMigration {
  name: string;
  sql: string;
  checksum: string;
}

/** Migration files in Prisma's layout: data/migrations/<provider>/<timestamp>_<name>/migration.sql. */
export function listMigrations(provider: TProvider, root = MIGRATIONS_ROOT): TMigration[] {
  const dir = join(root, provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export class MigrationError extends Error {}

/**
 * Applies pending migrations, each in its own transaction, recording them in Prisma's `_prisma_migrations`
 * table so that `prisma migrate deploy` on a connected machine agrees with what ran here.
 */
export async function migrate(databaseUrl: string, root = MIGRATIONS_ROOT): Promise<{ applied: string[] }> {
  const provider = providerOf(databaseUrl);
  const migrations = listMigrations(provider, root);
  return provider === 'sqlite' ? migrateSqlite(sqliteFilePath(databaseUrl), migrations) : migratePostgres(databaseUrl, migrations);
}

function pending(migrations: TMigration[], applied: Map<string, string>): TMigration[] {
  for (const m of migrations) {
    const checksum = applied.get(m.name);
    if (checksum && checksum !== m.checksum) {
      throw new MigrationError(`Migration ${m.name} was changed after it was applied; add a new migration instead.`);
    }
  }
  return migrations.filter((m) => !applied.has(m.name));
}

function migrateSqlite(file: string, migrations: TMigration[]): { applied: string[] } {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const rows = db
      .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
      .all() as { migration_name: string; checksum: string }[];
    const todo = pending(migrations, new Map(rows.map((r) => [r.migration_name, r.checksum])));
    const record = db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, ?, 1)`,
    );
    for (const m of todo) {
      const startedAt = Date.now();
      db.transaction(() => {
        db.exec(m.sql);
        record.run(randomUUID(), m.checksum, Date.now(), m.name, startedAt);
      }).immediate();
    }
    return { applied: todo.map((m) => m.name) };
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: TMigration[]): Promise<{ applied: string[] }> {
  const { connectionString, schema } = postgresTarget(url);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const todo = pending(migrations, new Map(rows.map((r) => [r.migration_name, r.checksum])));
    for (const m of todo) {
      const startedAt = new Date();
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, $4, 1)`,
          [randomUUID(), m.checksum, m.name, startedAt],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new MigrationError(`Migration ${m.name} failed: ${(error as Error).message}`);
      }
    }
    return { applied: todo.map((m) => m.name) };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]).catch(() => undefined);
    await client.end();
  }
}
