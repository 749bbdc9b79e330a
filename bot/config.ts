import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod/v4';

const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

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
  NABIJ_LINK_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
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
  /** Base URL at which users reach this bot's HTTP server (download links). */
  publicBaseUrl: string;
  /** Signs download links; without NABIJ_LINK_SECRET a random one per process (fine for a single instance). */
  linkSecret?: string;
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
    publicBaseUrl: (e.NABIJ_PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    linkSecret: e.NABIJ_LINK_SECRET,
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
