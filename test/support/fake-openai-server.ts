import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible HTTP server (127.0.0.1, random port) for tests with the REAL openai client.
 *
 * - Answers `POST /v1/chat/completions` (OpenAI / compatible servers: baseURL `${url}/v1`) and
 *   `POST /openai/deployments/:deployment/chat/completions?api-version=…` (Azure: endpoint `${url}`).
 * - Records every request (path with query, lower-cased headers, raw body) BEFORE answering, so a test can
 *   assert exactly what left the process – including requests the client gave up on.
 * - Answers from a queue the test fills with `enqueue(...)`; each request takes the next entry. With an empty
 *   queue it answers 500 with `error.code = 'fake_openai_queue_empty'` (so a missing script shows up as a failure).
 */

export type TFakeResponse =
  /** A chat.completion whose message content is `JSON.stringify(content)`. */
  | { kind: 'json'; content: unknown; usage?: { prompt_tokens: number; completion_tokens: number } }
  /** An OpenAI-style error body with this status; `retryAfter` (seconds) sets the Retry-After header. */
  | { kind: 'status'; status: number; retryAfter?: number }
  /** Waits `ms`, then answers with `then`. With `afterHeaders`, sends 200 + headers first and stalls the body. */
  | { kind: 'delay'; ms: number; then: TFakeResponse; afterHeaders?: boolean }
  /** A chat.completion with `message.refusal` set and `content: null` (structured-outputs refusal). */
  | { kind: 'refusal'; text: string }
  /** A chat.completion whose message content is this string as is (e.g. broken JSON). */
  | { kind: 'raw'; content: string; finishReason?: 'stop' | 'length' | 'content_filter' }
  /** A raw HTTP body (e.g. an envelope that is not JSON at all). */
  | { kind: 'body'; body: string; status?: number; contentType?: string };

export type TRecordedRequest = { path: string; headers: Record<string, string>; body: string };

export type TFakeOpenAI = {
  /** Root URL, e.g. http://127.0.0.1:41234 – OpenAI baseURL is `${url}/v1`, Azure endpoint is `${url}`. */
  url: string;
  requests: TRecordedRequest[];
  enqueue(...responses: TFakeResponse[]): void;
  close(): Promise<void>;
};

const CHAT_PATH = /^\/(?:v1\/chat\/completions|openai\/deployments\/[^/]+\/chat\/completions)$/;

export async function startFakeOpenAI(): Promise<TFakeOpenAI> {
  const requests: TRecordedRequest[] = [];
  const queue: TFakeResponse[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let counter = 0;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const completion = (model: string, message: Record<string, unknown>, finishReason: string, usage?: { prompt_tokens: number; completion_tokens: number }) => {
    const u = usage ?? { prompt_tokens: 100, completion_tokens: 20 };
    return JSON.stringify({
      id: `chatcmpl-fake-${++counter}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      system_fingerprint: 'fp_fake',
      choices: [{ index: 0, message: { role: 'assistant', ...message }, logprobs: null, finish_reason: finishReason }],
      usage: { ...u, total_tokens: u.prompt_tokens + u.completion_tokens },
    });
  };

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    if (res.destroyed || res.writableEnded) return;
    if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };

  const answer = async (res: ServerResponse, response: TFakeResponse, model: string): Promise<void> => {
    switch (response.kind) {
      case 'json':
        return send(res, 200, completion(model, { content: JSON.stringify(response.content), refusal: null }, 'stop', response.usage));
      case 'raw':
        return send(res, 200, completion(model, { content: response.content, refusal: null }, response.finishReason ?? 'stop'));
      case 'refusal':
        return send(res, 200, completion(model, { content: null, refusal: response.text }, 'stop'));
      case 'body':
        return send(res, response.status ?? 200, response.body, { 'content-type': response.contentType ?? 'application/json' });
      case 'status': {
        const type = response.status === 429 ? 'rate_limit_exceeded' : response.status >= 500 ? 'server_error' : 'invalid_request_error';
        const headers: Record<string, string> = response.retryAfter === undefined ? {} : { 'retry-after': String(response.retryAfter) };
        return send(res, response.status, JSON.stringify({ error: { message: `fake ${response.status}`, type, param: null, code: type } }), headers);
      }
      case 'delay':
        if (response.afterHeaders && !res.headersSent) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.flushHeaders();
        }
        await wait(response.ms);
        return answer(res, response.then, model);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '/';
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
    }
    requests.push({ path, headers, body });

    if (req.method !== 'POST' || !CHAT_PATH.test(path.split('?')[0] ?? '')) {
      return send(res, 404, JSON.stringify({ error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error', code: 'not_found' } }));
    }
    let model = 'fake-model';
    try {
      const parsed = JSON.parse(body) as { model?: unknown };
      if (typeof parsed.model === 'string') model = parsed.model;
    } catch {
      return send(res, 400, JSON.stringify({ error: { message: 'request body is not JSON', type: 'invalid_request_error', code: null } }));
    }
    const next = queue.shift();
    if (!next) {
      return send(res, 500, JSON.stringify({ error: { message: 'fake OpenAI: no scripted response left', type: 'server_error', code: 'fake_openai_queue_empty' } }));
    }
    await answer(res, next, model);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, JSON.stringify({ error: { message: String(error) } })));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...responses) => void queue.push(...responses),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
