import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startBotProcess, type TBotProcess } from '../../scripts/bot-process.ts';

const ROOT = join(import.meta.dirname, '../..');

/** Runs the bot expecting it to refuse to start; returns its exit code and output. */
async function runUntilExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const port = String(await freePort());
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/index.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: port, BOT_ID: '', NABIJ_ALLOW_ANONYMOUS: '', DATABASE_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bot did not exit:\n${stdout}\n${stderr}`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const tempDataDir = () => mkdtempSync(join(tmpdir(), 'nabij-bot-'));

describe('bot start-up refusals', () => {
  it('names NABIJ_DATA_DIR in one line when the embedded database cannot be created', async () => {
    const result = await runUntilExit({ NABIJ_ALLOW_ANONYMOUS: 'true', NABIJ_DATA_DIR: '/etc/hostname/nabij' });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('NABIJ_DATA_DIR');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names DATABASE_URL when PostgreSQL cannot be reached, without printing the password', async () => {
    const result = await runUntilExit({ NABIJ_ALLOW_ANONYMOUS: 'true', DATABASE_URL: 'postgresql://nabij:geheim@127.0.0.1:1/nabij' });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).not.toContain('geheim');
  });

  it('refuses anonymous mode when app credentials are configured', async () => {
    const result = await runUntilExit({ NABIJ_ALLOW_ANONYMOUS: 'true', BOT_ID: '00000000-0000-0000-0000-0000000000b1', NABIJ_DATA_DIR: tempDataDir() });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/NABIJ_ALLOW_ANONYMOUS.*BOT_ID/);
  });

  it('refuses to start without credentials unless anonymous mode is switched on', async () => {
    const result = await runUntilExit({ NABIJ_DATA_DIR: tempDataDir() });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('BOT_ID is not set');
  });
});

describe('HTTP endpoint in anonymous (local) mode', () => {
  let bot: TBotProcess;
  beforeAll(async () => {
    bot = await startBotProcess({ env: { NABIJ_ALLOW_ANONYMOUS: 'true', BOT_ID: '', NABIJ_DATA_DIR: tempDataDir() } });
  });
  afterAll(async () => bot?.stop());

  it('warns loudly that requests are not authenticated', () => {
    expect(bot.output()).toMatch(/"level":"warn".*ANONYMOUS MODE/);
  });

  it('answers /healthz', async () => {
    const res = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it.each([
    ['malformed JSON', '{"type": "message", '],
    ['a JSON array', '[1, 2]'],
    ['an object that is no activity', '{"hello": "world"}'],
  ])('answers 400 without a stack trace to %s', async (_label, body) => {
    const res = await fetch(bot.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(text).not.toContain('SyntaxError');
  });
});

describe('HTTP endpoint with Bot Framework credentials', () => {
  let bot: TBotProcess;
  beforeAll(async () => {
    bot = await startBotProcess({
      env: { BOT_ID: '00000000-0000-0000-0000-0000000000b1', BOT_PASSWORD: 'not-a-real-secret', BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: '00000000-0000-0000-0000-0000000000a1', NABIJ_ALLOW_ANONYMOUS: '', NABIJ_DATA_DIR: tempDataDir() },
    });
  });
  afterAll(async () => bot?.stop());

  it('rejects an activity that carries no Bot Framework token', async () => {
    const activity = { type: 'message', id: 'x1', text: 'hallo', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', from: { id: '29:u' }, recipient: { id: '28:b' }, conversation: { id: 'a:c' } };
    const res = await fetch(bot.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(401);
    expect(bot.output()).not.toContain('ANONYMOUS MODE');
  });

  it('rejects a forged token', async () => {
    const activity = { type: 'message', id: 'x2', text: 'hallo', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', from: { id: '29:u' }, recipient: { id: '28:b' }, conversation: { id: 'a:c' } };
    const forged = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"aud":"00000000-0000-0000-0000-0000000000b1"}').toString('base64url')}.`;
    const res = await fetch(bot.endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${forged}` }, body: JSON.stringify(activity) });
    expect(res.status).toBe(401);
  });
});
