import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Database from 'better-sqlite3';
import { PrismaClient as PostgresClient } from './generated/postgresql/client.ts';
import { PrismaClient as SqliteClient } from './generated/sqlite/client.ts';
import { withTransactionGate } from './sqlite-transaction-gate.ts';
import { postgresTarget, providerOf, sqliteFilePath, type TProvider } from './database-url.ts';

/**
 * Both generated clients come from the same models (data/schema.prisma), so their query API is identical;
 * repositories are typed against one of them.
 */
export type TDb = PostgresClient;

export interface TDatabase {
  db: TDb;
  provider: TProvider;
  close(): Promise<void>;
}

export class DatabaseOpenError extends Error {}

/** Longest wait for one PostgreSQL query's answer; well above any query of a turn, below Teams' redelivery (15 s). */
export const QUERY_TIMEOUT_MS = 10_000;

/** Opens the database named by the URL; for the embedded default, creates its folder and file. */
export async function openDatabase(databaseUrl: string): Promise<TDatabase> {
  const provider = providerOf(databaseUrl);
  if (provider === 'sqlite') {
    const file = sqliteFilePath(databaseUrl);
    try {
      mkdirSync(dirname(file), { recursive: true });
      // WAL with NORMAL sync: durable across a process crash, ~10× faster writes than the default journal.
      const probe = new Database(file);
      probe.pragma('journal_mode = WAL');
      probe.close();
    } catch (error) {
      throw new DatabaseOpenError((error as NodeJS.ErrnoException).code ?? 'error');
    }
    const adapter = withTransactionGate(new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 5000 }));
    const client = new SqliteClient({ adapter });
    await client.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await client.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
    return { db: client as unknown as TDb, provider, close: () => client.$disconnect() };
  }
  const { connectionString, schema } = postgresTarget(databaseUrl);
  // search_path too, so raw queries see the same schema as generated ones. query_timeout: without it a query sent
  // on an open connection to a server that stopped answering (network partition) waits forever, and so does the turn.
  const adapter = new PrismaPg(
    { connectionString, max: 10, connectionTimeoutMillis: 5000, query_timeout: QUERY_TIMEOUT_MS, options: `-c search_path=${schema}` },
    { schema },
  );
  const client = new PostgresClient({ adapter });
  try {
    await client.$queryRawUnsafe('SELECT 1');
  } catch (error) {
    await client.$disconnect().catch(() => undefined);
    throw new DatabaseOpenError((error as { code?: string }).code ?? (error as Error).name);
  }
  return { db: client, provider, close: () => client.$disconnect() };
}
