// `npm start` as a newcomer runs it: the bot and the local Teams client come up, the URL is printed, and
// Ctrl-C (SIGINT) stops both.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/client.ts';
import { freePort } from '../../scripts/bot-process.ts';

const ROOT = join(import.meta.dirname, '../..');

describe('npm start', () => {
  it('prepares the database with demo data, starts bot and Teams client, prints the URL and stops both on Ctrl-C', async () => {
    const [port, playgroundPort] = [await freePort(), await freePort()];
    const dataDir = mkdtempSync(join(tmpdir(), 'nabij-start-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), PLAYGROUND_PORT: String(playgroundPort), NABIJ_DATA_DIR: dataDir, DATABASE_URL: '', BOT_ID: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c));
    child.stderr.on('data', (c: Buffer) => (output += c));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const deadline = Date.now() + 45_000;
    while (!/Open de lokale Teams-client in je browser:\s+(http\S+)/.test(output) && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const url = /Open de lokale Teams-client in je browser:\s+(http\S+)/.exec(output)?.[1];
    expect(url, output).toBe(`http://localhost:${playgroundPort}`);
    expect(await (await fetch(`${url}/_debug/ping`)).text()).toBe('pong');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    const { db, close } = await openDatabase(`file:${join(dataDir, 'nabij.db')}`);
    expect(await db.worker.count()).toBeGreaterThan(0);
    await close();

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/_debug/ping`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
