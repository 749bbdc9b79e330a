import type { TDatabase } from '../../data/client.ts';
import { openMigratedTestDatabase, POSTGRES_URL } from '../../test/support/databases.ts';

/** A database to benchmark on: a fresh migrated SQLite file or PostgreSQL schema, removed by `dispose()`. */
export interface TBenchTarget {
  name: string;
  open(): Promise<TDatabase & { dispose(): Promise<void> }>;
}

/** SQLite always; PostgreSQL when NABIJ_TEST_POSTGRES_URL is set (the same fresh-schema helper the tests use). */
export function benchTargets(): { targets: TBenchTarget[]; postgresSkipped: boolean } {
  const targets: TBenchTarget[] = [{ name: 'SQLite', open: () => openMigratedTestDatabase('sqlite') }];
  if (POSTGRES_URL) targets.push({ name: 'PostgreSQL', open: () => openMigratedTestDatabase('postgresql') });
  return { targets, postgresSkipped: !POSTGRES_URL };
}
