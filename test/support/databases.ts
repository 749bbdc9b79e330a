import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type TDatabase } from '../../data/client.ts';
import { postgresTarget } from '../../data/database-url.ts';
import { migrate } from '../../data/migrate.ts';

export const POSTGRES_URL = process.env.NABIJ_TEST_POSTGRES_URL;

if (!POSTGRES_URL) {
  const message = 'PostgreSQL integration tests are SKIPPED: NABIJ_TEST_POSTGRES_URL is not set (.ci/run sets it).';
  // In CI a missing PostgreSQL is a failure, not a skip.
  if (process.env.CI) throw new Error(message);
  console.warn(message);
}

export interface TTestDatabase {
  url: string;
  /** Removes the file or schema. */
  drop(): Promise<void>;
}

/** A fresh, empty database of the given kind: a temporary SQLite file or a new PostgreSQL schema. */
export async function createTestDatabase(kind: 'sqlite' | 'postgresql'): Promise<TTestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'nabij-test-'));
    return { url: `file:${join(dir, 'nabij.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!POSTGRES_URL) throw new Error('NABIJ_TEST_POSTGRES_URL is not set');
  const schema = `nabij_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: postgresTarget(POSTGRES_URL).connectionString });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

/** The database kinds the integration tests run against here. */
export const DATABASE_KINDS: ('sqlite' | 'postgresql')[] = POSTGRES_URL ? ['sqlite', 'postgresql'] : ['sqlite'];

/** A migrated, open database for one test file; call `close()` in afterAll. */
export async function openMigratedTestDatabase(kind: 'sqlite' | 'postgresql'): Promise<TDatabase & { url: string; dispose(): Promise<void> }> {
  const target = await createTestDatabase(kind);
  await migrate(target.url);
  const database = await openDatabase(target.url);
  return {
    ...database,
    url: target.url,
    dispose: async () => {
      await database.close();
      await target.drop();
    },
  };
}
