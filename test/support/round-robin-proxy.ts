// A small HTTP proxy for tests: spreads requests over its backends in turn (a load balancer in front of several bot
// instances), records who served what, and can answer a request itself instead (a failing service).
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface TProxiedRequest {
  method: string;
  /** Path and query, as received. */
  path: string;
  body: Buffer;
}

export interface TProxyAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface TProxyLogEntry {
  method: string;
  path: string;
  /** Index of the backend that served it; undefined when `intercept` answered. */
  backend?: number;
  status: number;
  /** The JSON body's `type` and `id`, when it has them (a Bot Framework activity). */
  activityType?: string;
  activityId?: string;
}

export interface TRoundRobinProxy {
  url: string;
  /** Every request, in the order they arrived. */
  log: TProxyLogEntry[];
  /** How many logged requests matching `filter` each backend served. */
  countsByBackend(filter?: (entry: TProxyLogEntry) => boolean): number[];
  close(): Promise<void>;
}

// Hop-by-hop headers and those fetch sets itself.
const DROPPED_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade']);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function activityOf(body: Buffer): { activityType?: string; activityId?: string } {
  try {
    const json = JSON.parse(body.toString('utf8')) as { type?: unknown; id?: unknown };
    return {
      activityType: typeof json.type === 'string' ? json.type : undefined,
      activityId: typeof json.id === 'string' ? json.id : undefined,
    };
  } catch {
    return {};
  }
}

/**
 * Forwards each request to the next backend (base URLs such as http://127.0.0.1:3978), keeping method, path, headers
 * and body. `intercept` may answer a request instead; a backend that cannot be reached gives 502.
 */
export async function startRoundRobinProxy(opts: {
  backends: string[];
  intercept?: (request: TProxiedRequest) => TProxyAnswer | undefined;
}): Promise<TRoundRobinProxy> {
  if (opts.backends.length === 0) throw new Error('startRoundRobinProxy needs at least one backend');
  const backends = opts.backends.map((b) => b.replace(/\/$/, ''));
  const log: TProxyLogEntry[] = [];
  let next = 0;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const entry: TProxyLogEntry = { method, path, status: 0, ...activityOf(body) };
      log.push(entry);
      const answer = opts.intercept?.({ method, path, body });
      if (answer) {
        entry.status = answer.status;
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body ?? '{}');
        return;
      }
      const backend = next;
      next = (next + 1) % backends.length;
      entry.backend = backend;
      const headers = Object.fromEntries(
        Object.entries(req.headers).flatMap(([name, value]) => (DROPPED_HEADERS.has(name) || value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])),
      );
      try {
        const response = await fetch(`${backends[backend]}${path}`, {
          method,
          headers,
          body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(body),
          redirect: 'manual',
        });
        const payload = Buffer.from(await response.arrayBuffer());
        entry.status = response.status;
        const responseHeaders: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          if (!DROPPED_HEADERS.has(name) && name !== 'content-encoding') responseHeaders[name] = value;
        });
        res.writeHead(response.status, responseHeaders).end(payload);
      } catch {
        entry.status = 502;
        res.writeHead(502, { 'content-type': 'application/json' }).end('{"error":"backend unreachable"}');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  return {
    url,
    log,
    countsByBackend(filter = () => true) {
      const counts = backends.map(() => 0);
      for (const entry of log) if (entry.backend !== undefined && filter(entry)) counts[entry.backend]! += 1;
      return counts;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
