import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TDatabase } from '../../data/client.ts';
import { openEncryptedDatabase } from '../../data/crypto/encrypted-database.ts';
import { ZEncryptionKeysSchema } from '../../data/crypto/encryption-keys.ts';
import { startBotProcess, type TBotProcess } from '../../scripts/bot-process.ts';
import { startPlayground, type Playground } from '../../scripts/playground.ts';

const ROOT = join(import.meta.dirname, '../..');

/** A fixed key for bots on PostgreSQL, which refuse to start without one (SQLite makes its own key file). */
export const TEST_ENCRYPTION_KEYS = `e2e-test:${Buffer.from('nabij-e2e-test-key-not-a-secret!').toString('base64')}`;

/** The bot's database as the bot reads it (notes and free text decrypted), for assertions on what it stored. */
export function openBotDatabase(databaseUrl: string): Promise<TDatabase> {
  const configured = databaseUrl.startsWith('postgres') ? ZEncryptionKeysSchema.parse(TEST_ENCRYPTION_KEYS) : [];
  return openEncryptedDatabase(databaseUrl, { configured });
}

export interface TLocalTeams {
  bot: TBotProcess;
  playground: Playground;
  databaseUrl: string;
  /** Stops (SIGTERM, or SIGKILL to simulate a crash) and starts the bot again on the same port and database. */
  restartBot(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

/** The bot (anonymous local mode) plus Microsoft's local Teams client, as `npm start` runs them. */
export async function startLocalTeams(opts: { databaseUrl?: string; env?: Record<string, string> } = {}): Promise<TLocalTeams> {
  const databaseUrl = opts.databaseUrl ?? `file:${join(mkdtempSync(join(tmpdir(), 'nabij-e2e-')), 'nabij.db')}`;
  const keys: Record<string, string> = databaseUrl.startsWith('postgres') ? { NABIJ_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS } : {};
  const env: Record<string, string> = { NABIJ_ALLOW_ANONYMOUS: 'true', BOT_ID: '', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...keys, ...opts.env };
  let bot = await startBotProcess({ env });
  const playground = await startPlayground({ botEndpoint: bot.endpoint, port: 0, cwd: ROOT });
  const local: TLocalTeams = {
    bot,
    playground,
    databaseUrl,
    async restartBot(signal: NodeJS.Signals = 'SIGTERM') {
      await bot.stop(signal);
      bot = await startBotProcess({ env, port: bot.port });
      local.bot = bot;
    },
    async stop() {
      await Promise.all([playground.stop(), local.bot.stop()]);
    },
  };
  return local;
}
