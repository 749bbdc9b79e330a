// `npm run import:contacts -- <file.csv> --worker <aadObjectId>`: imports a civil-affairs list (docs/import-contacts.md)
// into the database the settings name (DATABASE_URL, else NABIJ_DATA_DIR). Bad rows are listed by line number.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importContacts } from '../bot/contacts/import-contacts.ts';
import { resolveDatabase } from '../bot/config.ts';
import { openEncryptedDatabase } from '../data/crypto/encrypted-database.ts';
import { ZEncryptionKeysSchema } from '../data/crypto/encryption-keys.ts';
import { loadContent } from '../data/content/load-content.ts';
import { migrate } from '../data/migrate.ts';
import { createContactRepository } from '../data/repositories/contacts.ts';
import { createAccessAuditRepository } from '../data/repositories/access-audit.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { worker: { type: 'string' } } });
const file = positionals[0];
if (!file || !values.worker) {
  console.error('Gebruik / usage: npm run import:contacts -- <bestand.csv> --worker <Entra object id van de maatschappelijk werker>');
  process.exit(2);
}

const { databaseUrl } = resolveDatabase(process.env);
// Through the same encryption as the bot, so imported free text is never stored in clear.
const database = await openEncryptedDatabase(databaseUrl, {
  configured: ZEncryptionKeysSchema.parse(process.env.NABIJ_ENCRYPTION_KEYS),
  warn: (_event, message) => console.warn(message),
});
await migrate(databaseUrl);
try {
  // Bytes, not text: the parser recognises UTF-8 and Windows-1252 exports.
  const csv = readFileSync(file);
  const outcome = await importContacts({
    csv, workerId: values.worker, content: loadContent(), contacts: createContactRepository(database.db), now: new Date(), via: 'command',
    // Run by an administrator on the server, not by a Teams user: the access log names the command line.
    audit: { log: createAccessAuditRepository(database.db), actorId: 'command-line' },
  });
  console.log(`${outcome.imported} van ${outcome.totalRows} rijen geïmporteerd (${outcome.caseCodes[0] ?? '-'} … ${outcome.caseCodes.at(-1) ?? '-'}).`);
  for (const error of outcome.errors) console.log(`regel ${error.line}${error.field ? ` (${error.field})` : ''}: ${error.message}`);
  process.exitCode = outcome.errors.length ? 1 : 0;
} finally {
  await database.close();
}
