// A TCP proxy the test controls, to take a server (e.g. PostgreSQL) away from the bot and give it back.
import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * How the target is unreachable while cut:
 * - `refuse`: open connections are torn down and the port is closed, so new ones are refused (a stopped server);
 * - `reset`: open connections are torn down and new ones closed at once (a server restarting);
 * - `hang`: open connections stop passing bytes and new ones are accepted but never answered (a network partition).
 */
export type TCutMode = 'refuse' | 'reset' | 'hang';

export interface TTcpProxy {
  port: number;
  /** Connections accepted so far (forwarded or not). */
  accepted(): number;
  cut(mode?: TCutMode): void;
  /** Passes traffic again; connections held during a `hang` are closed, so clients reconnect. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

interface TPair {
  client: Socket;
  upstream?: Socket;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TTcpProxy> {
  const pairs = new Set<TPair>();
  let mode: TCutMode | undefined;
  let accepted = 0;

  const drop = (pair: TPair) => {
    pair.client.destroy();
    pair.upstream?.destroy();
    pairs.delete(pair);
  };

  const server: Server = createServer((client) => {
    accepted += 1;
    const pair: TPair = { client };
    pairs.add(pair);
    client.on('error', () => drop(pair));
    client.on('close', () => drop(pair));
    if (mode === 'reset') return drop(pair);
    if (mode === 'hang') return; // accepted, never answered
    const upstream = connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on('error', () => drop(pair));
    upstream.on('close', () => drop(pair));
    // Not pipe(): while hanging, bytes must be swallowed rather than queued and delivered on restore.
    client.on('data', (chunk) => (mode === 'hang' ? undefined : upstream.write(chunk)));
    upstream.on('data', (chunk) => (mode === 'hang' ? undefined : client.write(chunk)));
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as { port: number }).port;

  return {
    port,
    accepted: () => accepted,
    cut(next: TCutMode = 'reset') {
      mode = next;
      if (next !== 'hang') for (const pair of [...pairs]) drop(pair);
      if (next === 'refuse') server.close();
    },
    async restore() {
      const was = mode;
      if (was === 'hang') for (const pair of [...pairs]) drop(pair);
      mode = undefined;
      if (was === 'refuse') await listen(port);
    },
    async close() {
      for (const pair of [...pairs]) drop(pair);
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
