import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBotProcess, type TBotProcess } from '../../scripts/bot-process.ts';
import { startPlayground, type Playground } from '../../scripts/playground.ts';

const ROOT = join(import.meta.dirname, '../..');

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
  const env = { NABIJ_ALLOW_ANONYMOUS: 'true', BOT_ID: '', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...opts.env };
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
