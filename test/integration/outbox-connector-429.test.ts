import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConversationReference } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxDispatcher, type TOutboxPolicy } from '../../bot/delivery/outbox-dispatcher.ts';
import { createAdapterSend } from '../../bot/delivery/send-via-adapter.ts';
import { createLogger } from '../../bot/logger.ts';
import { createOutboxRepository, type TOutboxRepository } from '../../data/repositories/outbox.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';

type TRequest = { conversationId: string; text: string; at: number; status: number; activityId?: string };
type TAnswer = { status: number; headers?: Record<string, string>; body?: object };

/**
 * The Bot Framework connector at the outer edge: POST /v3/conversations/:id/activities(/:replyToId), answered by `answer`
 * (per conversation, with the number of the request to it), recording every request.
 */
async function startFakeConnector(answer: (conversationId: string, n: number) => TAnswer | undefined) {
  const requests: TRequest[] = [];
  const counts = new Map<string, number>();
  let nextId = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      // A proactive sendActivity replies to the continuation activity's made-up id (…/activities/<id>); Teams
      // posts that as a new message all the same. Service URLs end in a slash, so the path may start with two.
      const match = /^\/+v3\/conversations\/([^/]+)\/activities(\/[^/]+)?\/?$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404).end();
        return;
      }
      const conversationId = decodeURIComponent(match[1]!);
      const n = (counts.get(conversationId) ?? 0) + 1;
      counts.set(conversationId, n);
      const reply = answer(conversationId, n) ?? { status: 201 };
      const activityId = reply.status === 201 ? `posted-${++nextId}` : undefined;
      requests.push({ conversationId, text: String((JSON.parse(body) as { text?: string }).text), at: Date.now(), status: reply.status, activityId });
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(activityId ? { id: activityId } : (reply.body ?? {})));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    requests,
    to: (conversationId: string) => requests.filter((r) => r.conversationId === conversationId),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const TOO_MANY: TAnswer = { status: 429, headers: { 'Retry-After': '1' }, body: { error: { code: 'TooManyRequests', message: 'slow down' } } };
const CHANNEL = '19:signalen0123456789@thread.tacv2';
const CHAT = 'a:1personal-chat-of-a-worker';

function referenceTo(serviceUrl: string, conversationId: string): Partial<ConversationReference> {
  return {
    serviceUrl,
    channelId: 'msteams',
    bot: { id: '28:nabij-bot', name: '' },
    conversation: { id: conversationId, conversationType: conversationId === CHANNEL ? 'channel' : 'personal', tenantId: 'tenant-1', isGroup: false, name: '' },
  };
}

/** The most requests that reached one conversation within any one second. */
function peakPerSecond(requests: TRequest[]): number {
  const times = requests.map((r) => r.at).sort((a, b) => a - b);
  return Math.max(0, ...times.map((t, i) => times.slice(i).filter((u) => u - t < 1000).length));
}

describe.each(DATABASE_KINDS)('outbox through the real botbuilder send path (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let outbox: TOutboxRepository;
  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    outbox = createOutboxRepository(database.db);
  });
  afterAll(async () => database?.dispose());
  beforeEach(async () => {
    await database.db.outboxMessage.deleteMany();
  });

  const policy: Partial<TOutboxPolicy> = { minGapMs: 150, lockMs: 30_000, backoff: { baseMs: 50, capMs: 400 } };

  async function runUntilSettled(adapter: TeamsAdapter, connectorUrl: string, onSent?: (id: number, activityId: string | undefined) => void) {
    const dispatcher = createOutboxDispatcher({
      outbox,
      render: (_kind, payload) => ({ type: 'message', text: (payload as { text: string }).text }),
      resolveReference: async (target) => referenceTo(connectorUrl, target),
      send: createAdapterSend(adapter, { botAppId: '', requestTimeoutMs: 5000 }),
      onSent: (message, activityId) => onSent?.(message.id, activityId),
      clock: () => new Date(),
      random: Math.random,
      logger: createLogger({ level: 'silent' }),
      instanceId: 'bot-1',
      policy,
    });
    dispatcher.start(20);
    const deadline = Date.now() + 20_000;
    while ((await database.db.outboxMessage.count({ where: { status: 'pending' } })) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await dispatcher.stop();
  }

  it('delivers every message once, in order per conversation, after Retry-After, at most 7 per second per conversation', async () => {
    const connector = await startFakeConnector((conversationId, n) => (conversationId === CHANNEL && n <= 3 ? TOO_MANY : undefined));
    try {
      const adapter = new TeamsAdapter({});
      const turnErrors: unknown[] = [];
      adapter.onTurnError = async (_context, error) => void turnErrors.push(error);
      const channelTexts = Array.from({ length: 10 }, (_, i) => `signaal ${i + 1}`);
      const chatTexts = ['opvolging 1', 'opvolging 2', 'opvolging 3'];
      const ids = new Map<string, number>();
      for (const [i, text] of channelTexts.entries()) {
        ids.set(text, await outbox.enqueue({ target: CHANNEL, teamId: 'team-1', kind: 'signal_post', payload: { text } }));
        if (i < chatTexts.length) ids.set(chatTexts[i]!, await outbox.enqueue({ target: CHAT, kind: 'follow_up', payload: { text: chatTexts[i] } }));
      }
      const onSent = new Map<number, string | undefined>();

      await runUntilSettled(adapter, connector.url, (id, activityId) => onSent.set(id, activityId));

      const channel = connector.to(CHANNEL);
      const chat = connector.to(CHAT);
      const accepted = (requests: TRequest[]) => requests.filter((r) => r.status === 201).map((r) => r.text);
      expect(accepted(channel)).toEqual(channelTexts);
      expect(accepted(chat)).toEqual(chatTexts);
      // One request per outbox attempt: the three 429s and ten posts, no retries inside the SDK.
      expect(channel.map((r) => r.status)).toEqual([429, 429, 429, ...channelTexts.map(() => 201)]);
      expect(channel.slice(0, 3).every((r) => r.text === 'signaal 1')).toBe(true);
      for (let i = 0; i < 3; i++) expect(channel[i + 1]!.at - channel[i]!.at).toBeGreaterThanOrEqual(1000);
      expect(peakPerSecond(channel)).toBeLessThanOrEqual(7);
      expect(peakPerSecond(chat)).toBeLessThanOrEqual(7);
      // The channel's backoff did not hold up the personal chat.
      expect(Math.max(...chat.map((r) => r.at))).toBeLessThan(channel[3]!.at);

      const first = await database.db.outboxMessage.findUniqueOrThrow({ where: { id: ids.get('signaal 1')! } });
      expect(first).toMatchObject({ status: 'sent', attempts: 4, lastError: '429:TooManyRequests', sentActivityId: channel[3]!.activityId });
      for (const request of [...channel, ...chat].filter((r) => r.status === 201)) {
        expect(onSent.get(ids.get(request.text)!)).toBe(request.activityId);
      }
      expect(turnErrors).toEqual([]);
    } finally {
      await connector.close();
    }
  });

  it('fails a vanished conversation after one request, retries a 503 with its own backoff, and never reaches onTurnError', async () => {
    const connector = await startFakeConnector((conversationId, n) => {
      if (conversationId === 'gone-chat') return { status: 404, body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } } };
      if (conversationId === CHAT && n === 1) return { status: 503 };
      return undefined;
    });
    try {
      const adapter = new TeamsAdapter({});
      const turnErrors: unknown[] = [];
      adapter.onTurnError = async (_context, error) => void turnErrors.push(error);
      const gone = await outbox.enqueue({ target: 'gone-chat', kind: 'follow_up', payload: { text: 'voor niemand' } });
      const flaky = await outbox.enqueue({ target: CHAT, kind: 'follow_up', payload: { text: 'na een storing' } });

      await runUntilSettled(adapter, connector.url);

      expect(connector.to('gone-chat').map((r) => r.status)).toEqual([404]);
      expect(connector.to(CHAT).map((r) => r.status)).toEqual([503, 201]);
      expect(await database.db.outboxMessage.findUniqueOrThrow({ where: { id: gone } })).toMatchObject({ status: 'failed', lastError: '404:ConversationNotFound', attempts: 1 });
      expect(await database.db.outboxMessage.findUniqueOrThrow({ where: { id: flaky } })).toMatchObject({ status: 'sent', lastError: '503', attempts: 2 });
      expect(turnErrors).toEqual([]);
    } finally {
      await connector.close();
    }
  });

  it('retries when the connector cannot be reached, and fails a send a middleware swallowed', async () => {
    const closed = await startFakeConnector(() => undefined);
    await closed.close();
    const adapter = new TeamsAdapter({});
    const id = await outbox.enqueue({ target: CHAT, kind: 'follow_up', payload: { text: 'x' } });
    const dispatcher = createOutboxDispatcher({
      outbox,
      render: () => ({ type: 'message', text: 'x' }),
      resolveReference: async (target) => referenceTo(closed.url, target),
      send: createAdapterSend(adapter, { requestTimeoutMs: 5000 }),
      clock: () => new Date(),
      random: Math.random,
      logger: createLogger({ level: 'silent' }),
      instanceId: 'bot-1',
      policy,
    });
    expect(await dispatcher.tick()).toBe(0);
    expect(await database.db.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'pending', lastError: 'ECONNREFUSED', attempts: 1 });

    // E.g. the tenant allow-list ending a proactive turn whose reference has no tenant: nothing was posted.
    adapter.use({ onTurn: async () => undefined });
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await dispatcher.tick()).toBe(0);
    expect(await database.db.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'failed', lastError: 'turn_skipped', attempts: 2 });
  });
});
