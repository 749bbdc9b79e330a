// The process: configuration, database, adapter and HTTP server. Routes live in app.ts.
import { randomBytes } from 'node:crypto';
import { ContentError, loadContent } from '../data/content/load-content.ts';
import { createContactRepository } from '../data/repositories/contacts.ts';
import { createRegistrationRepository } from '../data/repositories/registrations.ts';
import { createVisitNotesRepository } from '../data/repositories/visit-notes.ts';
import { createWorkerRepository } from '../data/repositories/workers.ts';
import { createFollowUpRepository } from '../data/repositories/follow-ups.ts';
import { createOutboxRepository } from '../data/repositories/outbox.ts';
import { createSignalDigestRepository } from '../data/repositories/signal-digest.ts';
import { createSignalRepository } from '../data/repositories/signals.ts';
import { createTeamRepository } from '../data/repositories/teams.ts';
import { createAccessAuditRepository } from '../data/repositories/access-audit.ts';
import { createRetentionRepository } from '../data/repositories/retention.ts';
import { accessExportDownloadHandler } from './privacy-lifecycle/access-export-download.ts';
import { exportDownloadHandler } from './signals/export-download.ts';
import { createOpenAIClient } from './ai/summarise-notes.ts';
import { summaryPrompt } from './ai/summary-prompt.ts';
import { letterDownloadHandler } from './letters/letter-download.ts';
import { createConversationRefRepository } from '../data/repositories/conversation-refs.ts';
import { createProcessedActivityRepository } from '../data/repositories/processed-activities.ts';
import { DatabaseStorage } from '../data/repositories/bot-storage.ts';
import { openDatabase, type TDatabase } from '../data/client.ts';
import { encryptDatabase } from '../data/crypto/encrypted-database.ts';
import { EncryptionKeyError } from '../data/crypto/encryption-keys.ts';
import { describeDatabase } from '../data/database-url.ts';
import { seedDemoData } from '../data/demo-seed.ts';
import { migrate } from '../data/migrate.ts';
import { createAdapter } from './adapter.ts';
import { createApp } from './app.ts';
import { createBackgroundJobs } from './background-jobs.ts';
import { ConfigError, loadConfig, type TConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { createHttpApp, listen } from './server.ts';
import { conversationRefMiddleware } from './turn/conversation-ref-middleware.ts';
import { dedupeMiddleware } from './turn/dedupe-middleware.ts';
import { tenantAllowListMiddleware } from './turn/tenant-middleware.ts';
import { localeOf } from './ui/i18n.ts';

function fail(line: string): never {
  console.error(`Nabij cannot start: ${line}`);
  process.exit(1);
}

async function prepareDatabase(config: TConfig): Promise<TDatabase> {
  const where = describeDatabase(config.databaseUrl);
  let database: TDatabase;
  try {
    database = await openDatabase(config.databaseUrl);
  } catch (error) {
    fail(`the database ${where} cannot be opened (${(error as Error).message}). Check the setting ${config.databaseSetting}.`);
  }
  try {
    await migrate(config.databaseUrl);
  } catch (error) {
    fail(`migrating the database ${where} failed: ${(error as Error).message}. Check the setting ${config.databaseSetting}.`);
  }
  return database;
}

/** Notes and free text are encrypted at rest (docs/encryption.md); without a usable key the bot does not start. */
function encryptFields(database: TDatabase, config: TConfig, warn: (event: string, message: string) => void): TDatabase {
  try {
    return encryptDatabase(database, { configured: config.encryptionKeys, databaseUrl: config.databaseUrl, warn });
  } catch (error) {
    if (error instanceof EncryptionKeyError) fail(error.message);
    throw error;
  }
}

async function main(): Promise<void> {
  let config: TConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  if (config.auth.mode === 'anonymous') {
    logger.warn({ event: 'anonymous_mode' }, 'ANONYMOUS MODE: requests are not authenticated. Only for the local Teams client; never in production.');
  }

  let content;
  try {
    content = loadContent();
  } catch (error) {
    if (error instanceof ContentError) fail(`the content files are not valid: ${error.message}`);
    throw error;
  }
  const database = encryptFields(await prepareDatabase(config), config, (event, message) => logger.warn({ event }, message));
  if (config.demoData && (await seedDemoData(database.db)).seeded) logger.info({ event: 'demo_data_added' });

  const adapter = createAdapter(config.auth);
  const processed = createProcessedActivityRepository(database.db);
  if (config.allowedTenants.length) adapter.use(tenantAllowListMiddleware(config.allowedTenants, logger));
  else if (config.auth.mode === 'authenticated') logger.warn({ event: 'no_tenant_allow_list' }, 'NABIJ_ALLOWED_TENANTS is not set: users of any tenant that installs the app get answers.');
  adapter.use(dedupeMiddleware(processed, logger));
  const conversationRefs = createConversationRefRepository(database.db);
  adapter.use(conversationRefMiddleware(conversationRefs));
  if (!config.linkSecret && database.provider === 'postgresql') {
    logger.warn({ event: 'link_secret_missing' }, 'NABIJ_LINK_SECRET is not set: download links only work on the instance that made them.');
  }
  const teams = createTeamRepository(database.db);
  const signals = createSignalRepository(database.db);
  const followUps = createFollowUpRepository(database.db);
  const outboxRepository = createOutboxRepository(database.db);
  const retention = createRetentionRepository(database.db);
  const botAppId = config.auth.mode === 'authenticated' ? config.auth.appId : undefined;
  const jobs = createBackgroundJobs({
    db: database.db, adapter, botAppId, config, content, logger, conversationRefs, teams, signals, followUps, outbox: outboxRepository, retention,
  });
  const services = {
    content,
    retention,
    retentionPolicy: config.retention,
    teams,
    signals,
    followUps,
    audit: createAccessAuditRepository(database.db),
    signalDigest: createSignalDigestRepository(database.db),
    outbox: outboxRepository,
    deliverSoon: () => jobs.wakeOutbox(),
    coordinators: config.coordinators,
    dpos: config.dpos,
    timeZone: config.timeZone,
    contacts: createContactRepository(database.db),
    registrations: createRegistrationRepository(database.db),
    workers: createWorkerRepository(database.db),
    clock: () => new Date(),
    publicBaseUrl: config.publicBaseUrl,
    linkSecret: config.linkSecret ? Buffer.from(config.linkSecret) : randomBytes(32),
    visitNotes: createVisitNotesRepository(database.db),
    llm: config.llm && {
      model: config.llm.model,
      timeoutMs: config.llm.timeoutMs,
      progressAfterMs: config.llm.progressAfterMs,
      createClient: (fetch: typeof globalThis.fetch) => createOpenAIClient({ ...config.llm!, fetch }),
    },
  };
  if (config.llm) {
    // Checked now rather than at the first summary, where a broken file would look like an unreachable model.
    await summaryPrompt().catch((error: unknown) => fail(`the summary prompt is not valid: ${(error as Error).message}`));
    logger.info({ event: 'llm_enabled', provider: config.llm.provider, model: config.llm.model });
  }
  const app = createApp({
    services,
    adapter,
    storage: new DatabaseStorage(database.db),
    logger,
    botAppId,
    forcedLocale: config.forcedLocale ? localeOf(config.forcedLocale) : undefined,
  });
  const http = createHttpApp({
    adapter,
    app,
    logger,
    healthCheck: () => database.db.$queryRawUnsafe('SELECT 1').then(() => undefined),
    downloads: { '/files/letter/:token': letterDownloadHandler(services), '/files/export/:token': exportDownloadHandler(services), '/files/access/:token': accessExportDownloadHandler(services) },
  });
  const server = await listen(http, config.port, config.host).catch((error: NodeJS.ErrnoException) =>
    fail(`port ${config.port} on ${config.host} is not available (${error.code}). Check the setting PORT.`),
  );
  logger.info({ event: 'listening', url: `http://${config.host}:${config.port}/api/messages`, database: database.provider });

  jobs.start();

  const shutdown = (signal: string) => {
    logger.info({ event: 'stopping', signal });
    server.close();
    server.closeAllConnections();
    jobs
      .stop()
      .catch(() => undefined)
      .then(() => database.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

await main();
