import { fileURLToPath } from 'node:url';

export type TProvider = 'sqlite' | 'postgresql';

export function providerOf(databaseUrl: string): TProvider {
  if (databaseUrl.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgresql';
  throw new Error('Unsupported database URL: use file:<path> (embedded) or postgresql://… (PostgreSQL).');
}

export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.startsWith('file://') ? fileURLToPath(databaseUrl) : databaseUrl.slice('file:'.length);
}

/** The URL without its password, for messages that name the database. */
export function describeDatabase(databaseUrl: string): string {
  return providerOf(databaseUrl) === 'sqlite' ? sqliteFilePath(databaseUrl) : databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Splits Prisma's `?schema=` parameter off a PostgreSQL URL (the pg driver does not know it). */
export function postgresTarget(databaseUrl: string): { connectionString: string; schema: string } {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema') ?? 'public';
  url.searchParams.delete('schema');
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new Error('The schema in the database URL must be a plain identifier.');
  return { connectionString: url.toString(), schema };
}
