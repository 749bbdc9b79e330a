import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.ts';
import { weeklySummaryDue } from '../../bot/follow-ups/calendar.ts';

const load = (env: Record<string, string>) => loadConfig(env, '/srv/nabij');

describe('configuration', () => {
  it('uses the embedded database in the data directory by default', () => {
    const config = load({ NABIJ_ALLOW_ANONYMOUS: 'true' });
    expect(config.databaseUrl).toBe('file:/srv/nabij/.data/nabij.db');
    expect(config.databaseSetting).toBe('NABIJ_DATA_DIR');
    expect(config.port).toBe(3978);
    expect(config.host).toBe('127.0.0.1');
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = load({ NABIJ_ALLOW_ANONYMOUS: 'true', DATABASE_URL: 'postgresql://u@db:5432/nabij' });
    expect(config.databaseUrl).toBe('postgresql://u@db:5432/nabij');
    expect(config.databaseSetting).toBe('DATABASE_URL');
  });

  it('authenticates with app credentials', () => {
    const config = load({ BOT_ID: 'app-id', BOT_PASSWORD: 'secret', BOT_TENANT_ID: 'tenant', BOT_TYPE: 'SingleTenant' });
    expect(config.auth).toEqual({ mode: 'authenticated', appId: 'app-id', appPassword: 'secret', tenantId: 'tenant', appType: 'SingleTenant' });
  });

  it('allows anonymous mode only when switched on explicitly', () => {
    expect(() => load({})).toThrow(/BOT_ID is not set/);
    expect(load({ NABIJ_ALLOW_ANONYMOUS: 'true' }).auth).toEqual({ mode: 'anonymous' });
  });

  it.each([
    [{ NABIJ_ALLOW_ANONYMOUS: 'true', BOT_ID: 'app-id' }, /BOT_ID is set/],
    [{ NABIJ_ALLOW_ANONYMOUS: 'true', NODE_ENV: 'production' }, /production/],
    [{ NABIJ_ALLOW_ANONYMOUS: 'true', WEBSITE_SITE_NAME: 'nabij-app' }, /production/],
    [{ NABIJ_ALLOW_ANONYMOUS: 'true', HOST: '0.0.0.0' }, /loopback/],
  ])('refuses anonymous mode where it could reach production: %o', (env, message) => {
    expect(() => load(env)).toThrow(ConfigError);
    expect(() => load(env)).toThrow(message);
  });

  it('names the setting that is wrong', () => {
    expect(() => load({ NABIJ_ALLOW_ANONYMOUS: 'true', PORT: 'abc' })).toThrow(/PORT/);
    expect(() => load({ NABIJ_ALLOW_ANONYMOUS: 'maybe' })).toThrow(/NABIJ_ALLOW_ANONYMOUS/);
    expect(() => load({ NABIJ_ALLOW_ANONYMOUS: 'true', NABIJ_FORCE_LOCALE: 'fr' })).toThrow(/NABIJ_FORCE_LOCALE/);
  });

  it('reads NABIJ_WEEKLY_SUMMARY_DAY as 0 = Sunday … 6 = Saturday', () => {
    const on = (day: string) => load({ NABIJ_ALLOW_ANONYMOUS: 'true', NABIJ_WEEKLY_SUMMARY_DAY: day }).weeklySummary;
    // Sunday 14 February 2027, 08:00 in Brussels is 07:00 UTC.
    expect(weeklySummaryDue(new Date('2027-02-14T06:59:00Z'), on('0'))).toBeUndefined();
    expect(weeklySummaryDue(new Date('2027-02-14T07:00:00Z'), on('0'))).toBe('2027-W06');
    // Monday 01:00 is a new week whose Sunday has not come yet.
    expect(weeklySummaryDue(new Date('2027-02-15T00:00:00Z'), on('0'))).toBeUndefined();
    // Monday 8 February 2027, 08:00 in Brussels; Monday is also the default.
    expect(weeklySummaryDue(new Date('2027-02-08T06:59:00Z'), on('1'))).toBeUndefined();
    expect(weeklySummaryDue(new Date('2027-02-08T07:00:00Z'), on('1'))).toBe('2027-W06');
    expect(load({ NABIJ_ALLOW_ANONYMOUS: 'true' }).weeklySummary).toEqual({ weekday: 1, hour: 8 });
    expect(on('6').weekday).toBe(6);
  });

  it('sends reminders from NABIJ_REMINDER_HOUR, 08:00 by default', () => {
    expect(load({ NABIJ_ALLOW_ANONYMOUS: 'true' }).reminderHour).toBe(8);
    expect(load({ NABIJ_ALLOW_ANONYMOUS: 'true', NABIJ_REMINDER_HOUR: '7' }).reminderHour).toBe(7);
    expect(() => load({ NABIJ_ALLOW_ANONYMOUS: 'true', NABIJ_REMINDER_HOUR: '24' })).toThrow(/NABIJ_REMINDER_HOUR/);
  });
});
