// `npm run keys:rotate [-- --batch-size 200]`: re-encrypts every encrypted value (notes, registration free text,
// follow-up notes, relatives, visit place notes) with the current, first key of NABIJ_ENCRYPTION_KEYS, and encrypts
// plaintext left from before encryption. Safe while the bot runs; run it again after an interruption. The procedure
// is in docs/encryption.md.
import { parseArgs } from 'node:util';
import { resolveDatabase } from '../bot/config.ts';
import { openDatabase } from '../data/client.ts';
import { EncryptionKeyError, loadEncryptionKeys, ZEncryptionKeysSchema } from '../data/crypto/encryption-keys.ts';
import { createFieldCipher } from '../data/crypto/field-cipher.ts';
import { rotateFieldKeys, RotationError } from '../data/crypto/rotate-field-keys.ts';
import { describeDatabase } from '../data/database-url.ts';

const { values } = parseArgs({ options: { 'batch-size': { type: 'string', default: '200' } } });
const batchSize = Number(values['batch-size']);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
  console.error('usage: npm run keys:rotate [-- --batch-size <1…10000>]');
  process.exit(2);
}

const configured = ZEncryptionKeysSchema.safeParse(process.env.NABIJ_ENCRYPTION_KEYS);
if (!configured.success) {
  console.error(`Invalid setting NABIJ_ENCRYPTION_KEYS: ${configured.error.issues[0]?.message ?? 'invalid'}`);
  process.exit(1);
}
const { databaseUrl } = resolveDatabase(process.env);
let cipher;
try {
  cipher = createFieldCipher(loadEncryptionKeys({ configured: configured.data, databaseUrl, warn: (_event, message) => console.warn(message) }));
} catch (error) {
  if (!(error instanceof EncryptionKeyError)) throw error;
  console.error(`Cannot rotate: ${error.message}`);
  process.exit(1);
}

console.log(`Re-encrypting with key "${cipher.currentKeyId}" in ${describeDatabase(databaseUrl)}, ${batchSize} rows at a time.`);
const database = await openDatabase(databaseUrl);
try {
  // The plain client: the rotation reads and writes the stored values themselves.
  const counts = await rotateFieldKeys({
    db: database.db,
    cipher,
    batchSize,
    onProgress: (c) => console.log(`${c.field}: ${c.reencrypted} re-encrypted, ${c.encrypted} encrypted (were plaintext), ${c.alreadyCurrent} already current, ${c.changedMeanwhile} changed meanwhile`),
  });
  const left = counts.reduce((n, c) => n + c.changedMeanwhile, 0);
  if (left) {
    console.log(`${left} value(s) changed while this ran and were left as the bot wrote them: run npm run keys:rotate again to confirm.`);
    process.exitCode = 3;
  } else {
    console.log(`Done: every value uses key "${cipher.currentKeyId}". Older keys may now be removed from NABIJ_ENCRYPTION_KEYS (then restart every instance).`);
  }
} catch (error) {
  if (!(error instanceof RotationError)) throw error;
  console.error(`Stopped: ${error.message} Values already done keep the new key; fix the key list and run again.`);
  process.exitCode = 1;
} finally {
  await database.close();
}
