// Searches every text and JSON column of every table for given terms (a person's name, street, phone, …), on
// SQLite (sqlite_master + PRAGMA table_info) and PostgreSQL (information_schema.columns of the current schema).
// The tables are discovered, not listed by hand, so a table added later is scanned too.
import type { TDatabase } from '../../data/client.ts';

export interface TScannedColumn {
  table: string;
  column: string;
}

export interface TFinding extends TScannedColumn {
  term: string;
  rows: number;
}

const SQLITE_TEXT_TYPES = /CHAR|CLOB|TEXT|JSON/i;
const POSTGRES_TEXT_TYPES = ['text', 'character varying', 'character', 'json', 'jsonb'];

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
/** A LIKE pattern that matches the term literally anywhere in the value. */
const containing = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Every text or JSON column of every table in the database (the test schema on PostgreSQL). */
export async function textColumns(database: Pick<TDatabase, 'db' | 'provider'>): Promise<TScannedColumn[]> {
  const { db } = database;
  if (database.provider === 'sqlite') {
    const tables = await db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    const columns: TScannedColumn[] = [];
    for (const { name } of tables) {
      const info = await db.$queryRawUnsafe<{ name: string; type: string }[]>(`PRAGMA table_info(${quote(name)})`);
      for (const column of info) if (SQLITE_TEXT_TYPES.test(column.type)) columns.push({ table: name, column: column.name });
    }
    return columns;
  }
  const rows = await db.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = current_schema() AND c.data_type = ANY($1::text[])
      ORDER BY c.table_name, c.ordinal_position`,
    POSTGRES_TEXT_TYPES,
  );
  return rows.map((r) => ({ table: r.table_name, column: r.column_name }));
}

/** Every column (of `textColumns`) that holds one of the terms, case-insensitively, with how many rows. */
export async function scanForTerms(database: Pick<TDatabase, 'db' | 'provider'>, terms: readonly string[], opts: { tables?: readonly string[] } = {}): Promise<TFinding[]> {
  const { db } = database;
  const columns = (await textColumns(database)).filter((c) => !opts.tables || opts.tables.includes(c.table));
  const findings: TFinding[] = [];
  for (const { table, column } of columns) {
    for (const term of terms) {
      if (!term) throw new Error('scanForTerms: an empty term matches everything');
      const sql =
        database.provider === 'sqlite'
          ? // Prisma may store JSON as SQLite's binary JSONB: json() turns it back into text before LIKE.
            `SELECT count(*) AS n FROM ${quote(table)} WHERE (CASE WHEN typeof(${quote(column)}) = 'blob' THEN json(${quote(column)}) ELSE ${quote(column)} END) LIKE ? ESCAPE '\\'`
          : `SELECT count(*)::int AS n FROM ${quote(table)} WHERE ${quote(column)}::text ILIKE $1 ESCAPE '\\'`;
      const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(sql, containing(term));
      const rows = Number(row?.n ?? 0);
      if (rows > 0) findings.push({ table, column, term, rows });
    }
  }
  return findings;
}
