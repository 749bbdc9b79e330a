/**
 * A stand-in for the Bot Framework connector on loopback, so replies sent through the connector cost little and
 * the same for every bot under test: every request is answered at once with `{ id }` and counted.
 */
import { createServer, type Server } from 'node:http';

export interface TFakeConnector {
  url: string;
  /** Requests answered so far. */
  count(): number;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<TFakeConnector> {
  let answered = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      answered += 1;
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `fake-${answered}` }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake connector has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    count: () => answered,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
