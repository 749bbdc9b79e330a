// The bot process and its keys: on embedded SQLite without a configured key it makes a key file next to the
// database and encrypts with it (across restarts); with PostgreSQL it refuses to start without a key, and it refuses
// a malformed key. Card actions go straight to the bot's endpoint (invokes are answered in the HTTP response).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/client.ts';
import { freePort, startBotProcess, type TBotProcess } from '../../scripts/bot-process.ts';
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from '../support/databases.ts';
import { TEST_ENCRYPTION_KEYS } from '../support/local-teams.ts';

const ROOT = join(import.meta.dirname, '../..');
const RELATIVES = 'Nicht Testnicht uit Voorbeeldbeek';
const WORRIES = 'Durft de brieven van de bank niet te openen';
/** Settings that must not leak in from the environment the tests run in. */
const CLEAN = { BOT_ID: '', NABIJ_ALLOW_ANONYMOUS: 'true', NABIJ_ENCRYPTION_KEYS: '', DATABASE_URL: '', NABIJ_FORCE_LOCALE: 'nl', LOG_LEVEL: 'warn' };

async function invoke(endpoint: string, id: string, verb: string, data: Record<string, unknown>): Promise<string> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'invoke', name: 'adaptiveCard/action', id, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/',
      from: { id: '29:enc', aadObjectId: 'enc-worker' }, recipient: { id: '28:bot' }, conversation: { id: 'a:enc', conversationType: 'personal' },
      channelData: { tenant: { id: 't1' } }, locale: 'nl-BE',
      value: { action: { type: 'Action.Execute', verb, data } },
    }),
  });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return text;
}

/** Creates a contact with relatives and saves the wellbeing step with free text; returns the contact id. */
async function storeFreeText(endpoint: string): Promise<string> {
  const created = await invoke(endpoint, 'create', 'contact.create', {
    lifeEvent: 'partner_death', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Testvoornaam', lastName: 'Testachternaam', relatives: RELATIVES,
  });
  // The card shows the relatives again: written encrypted, read back decrypted.
  expect(created).toContain(RELATIVES);
  const contactId = /"contactId":"([0-9a-f-]{36})"/.exec(created)![1]!;
  await invoke(endpoint, 'save', 'reg.save', { contactId, stepId: 'wellbeing', go: 'next', wellbeing: '5', worries: WORRIES });
  return contactId;
}

async function storedValues(databaseUrl: string, contactId: string): Promise<{ relatives: string | null; registration: unknown; all: string }> {
  const { db, close } = await openDatabase(databaseUrl);
  try {
    const contact = await db.contact.findUniqueOrThrow({ where: { id: contactId } });
    const registration = await db.registration.findFirstOrThrow({ where: { contactId } });
    return { relatives: contact.relatives, registration: registration.data, all: JSON.stringify({ contact, registration }) };
  } finally {
    await close();
  }
}

async function runUntilExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const port = String(await freePort());
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/index.ts'], { cwd: ROOT, env: { ...process.env, ...CLEAN, PORT: port, ...env } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bot did not exit:\n${stderr}`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('embedded SQLite without a configured key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nabij-enc-'));
  const databaseUrl = `file:${join(dir, 'nabij.db')}`;
  const keyFile = join(dir, 'encryption.key');
  let bot: TBotProcess;
  let contactId: string;
  beforeAll(async () => {
    bot = await startBotProcess({ env: { ...CLEAN, DATABASE_URL: databaseUrl } });
  });
  afterAll(async () => bot?.stop());

  it('generates a key file next to the database (mode 0600) and warns what it protects', () => {
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^local-\d{8}:[A-Za-z0-9+/]{43}=\n$/);
    expect(bot.output()).toContain('encryption_key_file');
    expect(bot.output()).toContain('(generated now)');
    expect(bot.output()).toContain('only if the key file is not copied along');
  });

  it('stores relatives and registration free text as ciphertext under that key', async () => {
    contactId = await storeFreeText(bot.endpoint);
    const keyId = readFileSync(keyFile, 'utf8').split(':')[0]!;
    const stored = await storedValues(databaseUrl, contactId);
    expect(stored.relatives).toMatch(new RegExp(`^enc:v1:${keyId}:`));
    expect(stored.registration).toEqual({ enc: expect.stringMatching(new RegExp(`^enc:v1:${keyId}:`)) });
    expect(stored.all).not.toContain(RELATIVES);
    expect(stored.all).not.toContain(WORRIES);
    expect(stored.all).toContain('Testachternaam');
  });

  it('after a restart uses the same key file and reads what it wrote', async () => {
    const before = readFileSync(keyFile, 'utf8');
    await bot.stop();
    bot = await startBotProcess({ env: { ...CLEAN, DATABASE_URL: databaseUrl } });
    expect(readFileSync(keyFile, 'utf8')).toBe(before);
    expect(bot.output()).toContain('encryption_key_file');
    expect(bot.output()).not.toContain('(generated now)');
    const step = await invoke(bot.endpoint, 'step', 'reg.step', { contactId, stepId: 'wellbeing' });
    expect(step).toContain(WORRIES);
  });
});

describe('start-up refusals', () => {
  it('refuses a malformed NABIJ_ENCRYPTION_KEYS in one line, without the key', async () => {
    const result = await runUntilExit({ NABIJ_DATA_DIR: mkdtempSync(join(tmpdir(), 'nabij-enc-')), NABIJ_ENCRYPTION_KEYS: 'k1:Zm91dGll' });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^Nabij cannot start: Invalid setting NABIJ_ENCRYPTION_KEYS: key "k1" is not 32 bytes/);
    expect(result.stderr).not.toContain('Zm91dGll');
  });
});

describe.each(DATABASE_KINDS.filter((kind) => kind === 'postgresql'))('%s', () => {
  let database: TTestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgresql');
  });
  afterAll(async () => database?.drop());

  it('refuses to start without NABIJ_ENCRYPTION_KEYS, saying how to make one', async () => {
    const result = await runUntilExit({ DATABASE_URL: database.url });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^Nabij cannot start: NABIJ_ENCRYPTION_KEYS is not set\. With PostgreSQL/);
    expect(result.stderr).toContain('randomBytes(32)');
  });

  it('with a configured key, stores the free text encrypted under that key id', async () => {
    const bot = await startBotProcess({ env: { ...CLEAN, DATABASE_URL: database.url, NABIJ_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS } });
    try {
      expect(bot.output()).not.toContain('encryption_key_file');
      const contactId = await storeFreeText(bot.endpoint);
      const stored = await storedValues(database.url, contactId);
      expect(stored.relatives).toMatch(/^enc:v1:e2e-test:/);
      expect(stored.registration).toEqual({ enc: expect.stringMatching(/^enc:v1:e2e-test:/) });
      expect(stored.all).not.toContain(RELATIVES);
      expect(stored.all).not.toContain(WORRIES);
    } finally {
      await bot.stop();
    }
  });
});
