// Launcher for Microsoft's local Teams client "M365 Agents Playground" (npm
// @microsoft/m365agentsplayground, pinned 0.2.28). Used by `npm start` and by the tests.
// Facts behind the choices below: docs/playground.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface StartPlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages */
  botEndpoint: string;
  /** Port to ask for; 0 = any free port. The Playground silently picks another one if taken. */
  port?: number;
  /** Working directory: where `.m365agentsplayground.yml` is read and `devTools/` is written. */
  cwd?: string;
  /** Receives every output line of the Playground process. */
  log?: (line: string) => void;
  /** How long to wait for `/_debug/ping` to answer `pong`. */
  readyTimeoutMs?: number;
}

export interface Playground {
  /** Base URL of the UI and of its HTTP/websocket routes, e.g. http://localhost:56150 */
  url: string;
  /** The port it actually bound. */
  port: number;
  stop(): Promise<void>;
}

export const PLAYGROUND_PACKAGE = '@microsoft/m365agentsplayground';
export const DEFAULT_PLAYGROUND_PORT = 56150;

/** Absolute path of the package's `agentsplayground` bin script (no npx: it may not download). */
export function resolvePlaygroundBin(fromDirs: string[]): string {
  const require = createRequire(import.meta.url);
  let pkgJson: string;
  try {
    pkgJson = require.resolve(`${PLAYGROUND_PACKAGE}/package.json`, { paths: fromDirs });
  } catch {
    throw new Error(`${PLAYGROUND_PACKAGE} is not installed (looked from ${fromDirs.join(', ')}); pin it at 0.2.28`);
  }
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { bin?: Record<string, string> };
  const bin = pkg.bin?.agentsplayground;
  if (!bin) throw new Error(`${pkgJson} has no "agentsplayground" bin entry`);
  return join(dirname(pkgJson), bin);
}

export async function startPlayground(opts: StartPlaygroundOptions): Promise<Playground> {
  const cwd = resolve(opts.cwd ?? process.cwd());
  const log = opts.log ?? (() => {});
  const bin = resolvePlaygroundBin([cwd, process.cwd(), dirname(fileURLToPath(import.meta.url))]);
  const port = String(opts.port ?? DEFAULT_PLAYGROUND_PORT);
  const args = [bin, '-e', opts.botEndpoint, '-c', 'msteams', '--disable-telemetry', '-p', port];

  const child = spawn(process.execPath, args, {
    cwd,
    // Own process group, so stop() can end the whole tree with one signal.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
  });
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  // With stdout not a TTY the Playground prints only "Listening on <port>" there; everything
  // else (including config errors) goes to its log file.
  const logFile = process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? join(cwd, 'devTools', 'm365agentsplayground.log');
  let resolvePort: (port: number) => void = () => {};
  const listening = new Promise<number>((res) => (resolvePort = res));
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      log(line);
      const m = /Listening on (\d+)/.exec(line);
      if (m) resolvePort(Number(m[1]));
    });
  }

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };

  try {
    const timeoutMs = opts.readyTimeoutMs ?? 20_000;
    const port = await raceExit(withTimeout(listening, timeoutMs, 'no "Listening on" line'), exited, logFile);
    const url = `http://localhost:${port}`;
    await raceExit(waitForPong(url, timeoutMs), exited, logFile);
    return { url, port, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function waitForPong(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/_debug/ping`);
      if ((await res.text()) === 'pong') return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Playground at ${url} did not answer /_debug/ping within ${timeoutMs} ms`);
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, rej) => {
    timer = setTimeout(() => rej(new Error(`Playground start timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

async function raceExit<T>(p: Promise<T>, exited: Promise<number | null>, logFile: string): Promise<T> {
  const died = exited.then((code): never => {
    throw new Error(`Playground exited early (code ${code}). Log ${logFile}:\n${tail(logFile)}`);
  });
  died.catch(() => {}); // it also rejects on a normal stop() later
  return Promise.race([p, died]);
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log file)';
  }
}

// `tsx scripts/playground.ts [botEndpoint]` runs it by hand until Ctrl+C.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const botEndpoint = process.argv[2] ?? process.env.BOT_ENDPOINT ?? 'http://127.0.0.1:3978/api/messages';
  const port = Number(process.env.PLAYGROUND_PORT ?? DEFAULT_PLAYGROUND_PORT);
  void startPlayground({ botEndpoint, port }).then((pg) => {
    console.log(`M365 Agents Playground: ${pg.url} (bot: ${botEndpoint})`);
    const shutdown = (): void => void pg.stop().then(() => process.exit(0));
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
}
