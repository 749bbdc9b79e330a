import type { Server } from 'node:http';
import type { TurnContext } from 'botbuilder';
import type { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod/v4';
import type { Logger } from './logger.ts';

export interface TServerDeps {
  adapter: TeamsAdapter;
  app: Application<TurnState>;
  logger: Logger;
  /** Throws when the bot cannot serve turns (e.g. the database is unreachable). */
  healthCheck: () => Promise<void>;
  /** Extra GET routes (e.g. letter downloads). */
  downloads?: Record<string, (req: Request, res: Response) => Promise<void>>;
}

// The least an activity must have before botbuilder sees it; botbuilder validates the rest.
const ZActivityEnvelopeSchema = z.looseObject({ type: z.string().min(1) });

export function createHttpApp(deps: TServerDeps): express.Express {
  const { adapter, app, logger } = deps;
  const http = express();
  http.disable('x-powered-by');

  http.get('/healthz', async (_req, res) => {
    try {
      await deps.healthCheck();
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });

  http.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
    if (!ZActivityEnvelopeSchema.safeParse(req.body).success) {
      res.status(400).json({ error: 'Bad request: the body is not a Bot Framework activity.' });
      return;
    }
    const started = performance.now();
    await adapter.process(req, res, async (context: TurnContext) => {
      await app.run(context);
    });
    logger.info({ event: 'turn', activityType: req.body.type, status: res.statusCode, ms: Math.round(performance.now() - started) });
  });

  for (const [path, handler] of Object.entries(deps.downloads ?? {})) http.get(path, handler);

  // Malformed JSON and anything unexpected: a status and a short sentence, never a stack trace.
  http.use((error: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ event: 'http_error', err: error });
    const message = status === 500 ? 'Internal error.' : error.type === 'entity.too.large' ? 'Request too large.' : 'Bad request: the body is not valid JSON.';
    res.status(status).json({ error: message });
  });

  return http;
}

export function listen(http: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = http.listen(port, host, () => resolve(server));
    server.once('error', reject);
  });
}
