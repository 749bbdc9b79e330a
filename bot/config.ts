import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod/v4';
import { ZEncryptionKeysSchema } from '../data/crypto/encryption-keys.ts';
import type { TEncryptionKey } from '../data/crypto/field-cipher.ts';

const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');
/** A comma-separated list of ids; blanks dropped. */
const idList = z.string().optional().transform((v) => (v ?? '').split(',').map((t) => t.trim()).filter(Boolean));

const ZEnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  HOST: z.string().min(1).default('127.0.0.1'),
  BOT_ID: z.string().trim().optional().transform((v) => v || undefined),
  BOT_PASSWORD: z.string().optional().transform((v) => v || undefined),
  BOT_TENANT_ID: z.string().trim().optional().transform((v) => v || undefined),
  BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  NABIJ_ALLOW_ANONYMOUS: flag,
  DATABASE_URL: z.string().trim().optional().transform((v) => v || undefined),
  NABIJ_DATA_DIR: z.string().trim().default('.data'),
  NABIJ_DEMO_DATA: flag,
  NABIJ_FORCE_LOCALE: z.enum(['nl', 'nl-BE', 'en', 'en-US', 'en-GB']).optional(),
  NABIJ_PUBLIC_URL: z.url().optional(),
  NABIJ_ALLOWED_TENANTS: idList,
  NABIJ_COORDINATORS: idList,
  NABIJ_DPOS: idList,
  NABIJ_OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  NABIJ_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  NABIJ_TIME_ZONE: z.string().default('Europe/Brussels'),
  NABIJ_WEEKLY_SUMMARY_DAY: z.coerce.number().int().min(0).max(6).default(1),
  NABIJ_WEEKLY_SUMMARY_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  NABIJ_REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  // Retention: change the defaults to what the municipality's data agreement says (docs/privacy.md).
  NABIJ_RETENTION_CONTACT_MONTHS: z.coerce.number().int().min(1).max(240).default(24),
  NABIJ_RETENTION_OPEN_CONTACT_MONTHS: z.coerce.number().int().min(1).max(240).default(36),
  NABIJ_RETENTION_NOTES_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  NABIJ_PURGE_HOUR: z.coerce.number().int().min(0).max(23).default(2),
  NABIJ_LINK_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
  NABIJ_ENCRYPTION_KEYS: ZEncryptionKeysSchema,
  NABIJ_LLM_PROVIDER: z.enum(['openai', 'azure', 'compatible']).optional(),
  NABIJ_LLM_MODEL: z.string().trim().min(1).optional(),
  NABIJ_LLM_BASE_URL: z.url().optional(),
  NABIJ_LLM_API_KEY: z.string().optional(),
  NABIJ_LLM_AZURE_ENDPOINT: z.url().optional(),
  NABIJ_LLM_AZURE_DEPLOYMENT: z.string().optional(),
  NABIJ_LLM_API_VERSION: z.string().default('2024-10-21'),
  NABIJ_LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000),
  NABIJ_LLM_PROGRESS_MS: z.coerce.number().int().min(100).max(60_000).default(8_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().optional(),
  WEBSITE_SITE_NAME: z.string().optional(),
});

export type TBotAuth =
  | { mode: 'anonymous' }
  | { mode: 'authenticated'; appId: string; appPassword?: string; tenantId?: string; appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' };

export interface TConfig {
  port: number;
  host: string;
  auth: TBotAuth;
  databaseUrl: string;
  /** Which setting the database URL came from, so a start-up failure can name the setting to fix. */
  databaseSetting: 'DATABASE_URL' | 'NABIJ_DATA_DIR';
  demoData: boolean;
  /** Answer in this language whatever the client reports (the local Teams client always says en-US). */
  forcedLocale?: string;
  logLevel: z.infer<typeof ZEnvSchema>['LOG_LEVEL'];
  /** Microsoft 365 tenants whose users get an answer; empty = any tenant (set it in production). */
  allowedTenants: string[];
  /** Entra object ids of coordinators in every team until a coordinator there changes it. */
  coordinators: string[];
  /** Entra object ids of the data protection officers, who may query the whole access log. */
  dpos: string[];
  outboxIntervalMs: number;
  schedulerIntervalMs: number;
  timeZone: string;
  /** When the weekly follow-up summary goes to each team channel (local time); ISO weekday 1 = Monday … 7 = Sunday. */
  weeklySummary: { weekday: number; hour: number };
  /** Local hour from which the day's personal follow-up reminders go out. */
  reminderHour: number;
  /** How long personal data is kept (bot/privacy-lifecycle); defaults to change to what the data agreement says. */
  retention: TRetentionConfig;
  /** Local hour from which the daily purge runs (once a day, whichever instance claims the day first). */
  purgeHour: number;
  /** Base URL at which users reach this bot's HTTP server (download links). */
  publicBaseUrl: string;
  /** Signs download links; without NABIJ_LINK_SECRET a random one per process (fine for a single instance). */
  linkSecret?: string;
  /** Keys for notes and free text at rest (docs/encryption.md): the first encrypts, all decrypt; [] if not set. */
  encryptionKeys: TEncryptionKey[];
  /** The LLM for note summaries; undefined (feature hidden) unless NABIJ_LLM_PROVIDER and NABIJ_LLM_MODEL are set. */
  llm?: TLlmConfig;
}

export interface TRetentionConfig {
  /** Personal data of a closed contact: months after closure (or after its last activity, if that came later). */
  contactMonths: number;
  /** A contact never closed: months without any activity before its personal data goes. */
  openContactMonths: number;
  /** Dictated notes: days after they were summarised or discarded. */
  notesDays: number;
}

export interface TLlmConfig {
  provider: 'openai' | 'azure' | 'compatible';
  model: string;
  apiKey?: string;
  baseUrl?: string;
  azureEndpoint?: string;
  azureDeployment?: string;
  apiVersion: string;
  timeoutMs: number;
  progressAfterMs: number;
}

export class ConfigError extends Error {}

/** Parses the environment once, at start-up. Nothing else in the bot reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): TConfig {
  const parsed = ZEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid setting ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    auth: resolveAuth(e),
    ...resolveDatabase(e, cwd),
    demoData: e.NABIJ_DEMO_DATA,
    forcedLocale: e.NABIJ_FORCE_LOCALE,
    logLevel: e.LOG_LEVEL,
    allowedTenants: e.NABIJ_ALLOWED_TENANTS,
    coordinators: e.NABIJ_COORDINATORS,
    dpos: e.NABIJ_DPOS,
    outboxIntervalMs: e.NABIJ_OUTBOX_INTERVAL_MS,
    schedulerIntervalMs: e.NABIJ_SCHEDULER_INTERVAL_MS,
    timeZone: e.NABIJ_TIME_ZONE,
    // The setting counts 0 = Sunday … 6 = Saturday; the scheduler counts ISO weekdays (7 = Sunday).
    weeklySummary: { weekday: e.NABIJ_WEEKLY_SUMMARY_DAY || 7, hour: e.NABIJ_WEEKLY_SUMMARY_HOUR },
    reminderHour: e.NABIJ_REMINDER_HOUR,
    retention: { contactMonths: e.NABIJ_RETENTION_CONTACT_MONTHS, openContactMonths: e.NABIJ_RETENTION_OPEN_CONTACT_MONTHS, notesDays: e.NABIJ_RETENTION_NOTES_DAYS },
    purgeHour: e.NABIJ_PURGE_HOUR,
    publicBaseUrl: (e.NABIJ_PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    linkSecret: e.NABIJ_LINK_SECRET,
    encryptionKeys: e.NABIJ_ENCRYPTION_KEYS,
    llm: resolveLlm(e),
  };
}

/** The database the settings point at: DATABASE_URL if set, else the embedded file in NABIJ_DATA_DIR. */
export function resolveDatabase(
  env: { DATABASE_URL?: string; NABIJ_DATA_DIR?: string },
  cwd = process.cwd(),
): Pick<TConfig, 'databaseUrl' | 'databaseSetting'> {
  const url = env.DATABASE_URL?.trim();
  if (url) return { databaseUrl: url, databaseSetting: 'DATABASE_URL' };
  const dir = env.NABIJ_DATA_DIR?.trim() || '.data';
  return { databaseUrl: `file:${resolve(isAbsolute(dir) ? dir : resolve(cwd, dir), 'nabij.db')}`, databaseSetting: 'NABIJ_DATA_DIR' };
}

function resolveLlm(e: z.infer<typeof ZEnvSchema>): TLlmConfig | undefined {
  if (!e.NABIJ_LLM_PROVIDER) return undefined;
  if (!e.NABIJ_LLM_MODEL) throw new ConfigError('NABIJ_LLM_MODEL is not set (the model or deployment name).');
  if (e.NABIJ_LLM_PROVIDER === 'compatible' && !e.NABIJ_LLM_BASE_URL) throw new ConfigError('NABIJ_LLM_BASE_URL is not set (e.g. http://localhost:11434/v1).');
  if (e.NABIJ_LLM_PROVIDER === 'azure' && !e.NABIJ_LLM_AZURE_ENDPOINT) throw new ConfigError('NABIJ_LLM_AZURE_ENDPOINT is not set.');
  if (e.NABIJ_LLM_PROVIDER !== 'compatible' && !e.NABIJ_LLM_API_KEY) throw new ConfigError('NABIJ_LLM_API_KEY is not set.');
  return {
    provider: e.NABIJ_LLM_PROVIDER,
    model: e.NABIJ_LLM_MODEL,
    apiKey: e.NABIJ_LLM_API_KEY,
    baseUrl: e.NABIJ_LLM_BASE_URL,
    azureEndpoint: e.NABIJ_LLM_AZURE_ENDPOINT,
    azureDeployment: e.NABIJ_LLM_AZURE_DEPLOYMENT ?? e.NABIJ_LLM_MODEL,
    apiVersion: e.NABIJ_LLM_API_VERSION,
    timeoutMs: e.NABIJ_LLM_TIMEOUT_MS,
    progressAfterMs: e.NABIJ_LLM_PROGRESS_MS,
  };
}

function resolveAuth(e: z.infer<typeof ZEnvSchema>): TBotAuth {
  if (e.NABIJ_ALLOW_ANONYMOUS) {
    // Anonymous mode exists for the local Teams client only; each guard closes one way it could reach production.
    if (e.BOT_ID) throw new ConfigError('NABIJ_ALLOW_ANONYMOUS is refused because BOT_ID is set: remove one of the two.');
    if (e.NODE_ENV === 'production' || e.WEBSITE_SITE_NAME) {
      throw new ConfigError('NABIJ_ALLOW_ANONYMOUS is refused in production (NODE_ENV=production or Azure App Service).');
    }
    if (!LOOPBACK_HOSTS.includes(e.HOST)) {
      throw new ConfigError(`NABIJ_ALLOW_ANONYMOUS requires HOST to be a loopback address, not ${e.HOST}.`);
    }
    return { mode: 'anonymous' };
  }
  if (!e.BOT_ID) {
    throw new ConfigError('BOT_ID is not set. Set BOT_ID and BOT_PASSWORD, or NABIJ_ALLOW_ANONYMOUS=true for local use only.');
  }
  return { mode: 'authenticated', appId: e.BOT_ID, appPassword: e.BOT_PASSWORD, tenantId: e.BOT_TENANT_ID, appType: e.BOT_TYPE };
}
