// `npm run db:migrate`: applies the migrations in data/migrations/<provider>/ to the database the settings name
// (DATABASE_URL, else the embedded file in NABIJ_DATA_DIR). Offline-safe; the bot also runs this at start-up.
import { resolveDatabase } from '../bot/config.ts';
import { openDatabase } from '../data/client.ts';
import { describeDatabase } from '../data/database-url.ts';
import { migrate } from '../data/migrate.ts';

const { databaseUrl, databaseSetting } = resolveDatabase(process.env);
try {
  const database = await openDatabase(databaseUrl);
  await database.close();
  const { applied } = await migrate(databaseUrl);
  console.log(applied.length ? `Applied to ${describeDatabase(databaseUrl)}: ${applied.join(', ')}` : `${describeDatabase(databaseUrl)} is up to date.`);
} catch (error) {
  console.error(`Migrating ${describeDatabase(databaseUrl)} failed: ${(error as Error).message}. Check the setting ${databaseSetting}.`);
  process.exit(1);
}
