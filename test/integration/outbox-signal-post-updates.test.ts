// A signal's channel post shows its new status through the outbox, on both databases: the real handlers queue the
// update, the real renderer, target resolver and botbuilder send path (TeamsAdapter, updateActivity) deliver it to a
// Bot Framework connector at the outer edge (a local HTTP server) that fails when the test says so. The card is
// rendered when it is sent, so a retry shows the state of then; a new dispatcher over the same database (a restarted
// process) delivers what the old one left; the outbox row holds ids only.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxDispatcher, DEFAULT_OUTBOX_POLICY } from '../../bot/delivery/outbox-dispatcher.ts';
import { createOutboxRenderer } from '../../bot/delivery/render-outbox-message.ts';
import { createTargetResolver } from '../../bot/delivery/resolve-target.ts';
import { createAdapterSend } from '../../bot/delivery/send-via-adapter.ts';
import { createLogger } from '../../bot/logger.ts';
import type { TServices } from '../../bot/services.ts';
import { registerDigestRoutes } from '../../bot/signals/digest-handlers.ts';
import { SIGNAL_POST_UPDATE_KIND } from '../../bot/signals/render-signal-post.ts';
import { registerSignalChannelRoutes } from '../../bot/signals/signal-channel-handlers.ts';
import { deliveryProblemsCard } from '../../bot/teams/delivery-status-handlers.ts';
import { createConversationRefRepository } from '../../data/repositories/conversation-refs.ts';
import { createOutboxRepository } from '../../data/repositories/outbox.ts';
import { createSignalRepository } from '../../data/repositories/signals.ts';
import { createTeamRepository } from '../../data/repositories/teams.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { scanForTerms } from '../support/personal-data-scan.ts';
import { cardText } from '../support/playground-client.ts';
import { buildServices, captureRoutes, newContact, NOW, PERSONAL_VALUES, setUpTeam, turn, type TCard } from './access-harness.ts';

const TEAM = 'T-updates';
const CHANNEL = '19:channel-T-updates';
const SIGNAL_TEXT = 'Geen bus meer na 18 uur naar het dienstencentrum.';
const AREA = 'Voorbeeldwijk';
const NOTE = 'Doorgegeven aan de dienst mobiliteit.';

type TAnswer = { status: number; headers?: Record<string, string>; body?: object };
type TRequest = { method: string; conversationId: string; activityId: string; status: number; text: string };

/** The connector's PUT /v3/conversations/:id/activities/:activityId, answered by `answer` (n: the how-manieth update). */
async function startFakeConnector(answer: (n: number) => TAnswer | undefined) {
  const requests: TRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const match = /^\/+v3\/conversations\/([^/]+)\/activities\/([^/]+)\/?$/.exec(req.url ?? '');
      if (!match) {
        res.writeHead(404).end();
        return;
      }
      const reply = (req.method === 'PUT' ? answer(requests.filter((r) => r.method === 'PUT').length + 1) : undefined) ?? { status: 200 };
      const activity = JSON.parse(body) as { attachments?: { content: unknown }[] };
      requests.push({
        method: req.method ?? '', conversationId: decodeURIComponent(match[1]!), activityId: decodeURIComponent(match[2]!), status: reply.status,
        text: cardText(activity.attachments?.[0]?.content),
      });
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body ?? { id: decodeURIComponent(match[2]!) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SERVER_ERROR: TAnswer = { status: 500, body: { error: { code: 'InternalServerError', message: 'try again' } } };
const TOO_MANY: TAnswer = { status: 429, headers: { 'Retry-After': '2' }, body: { error: { code: 'TooManyRequests', message: 'slow down' } } };
const NOT_FOUND: TAnswer = { status: 404, body: { error: { code: 'NotFound', message: 'Message not found' } } };

describe.each(DATABASE_KINDS)('signal post updates through the outbox (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;
  let failing: (n: number) => TAnswer | undefined = () => undefined;
  let services: TServices;
  let routes: ReturnType<typeof captureRoutes>;
  let wakes = 0;
  let now = NOW.getTime();

  /** One bot process's outbox, wired as bot/background-jobs.ts wires it, with its own adapter and a clock the test moves. */
  function botProcess(instanceId: string) {
    const teams = createTeamRepository(database.db);
    const conversationRefs = createConversationRefRepository(database.db);
    return createOutboxDispatcher({
      outbox: createOutboxRepository(database.db),
      render: createOutboxRenderer({ content: services.content, signals: services.signals, teams, followUps: services.followUps, clock: () => new Date(now), timeZone: 'Europe/Brussels' }),
      resolveReference: createTargetResolver({
        findSignalChannel: (id) => teams.signalChannelReference(id),
        findConversation: (id) => conversationRefs.find(id),
        findPersonal: (id) => conversationRefs.findPersonal(id),
      }),
      send: createAdapterSend(new TeamsAdapter({}), { requestTimeoutMs: 5000 }),
      clock: () => new Date(now),
      random: () => 1,
      logger: createLogger({ level: 'silent' }),
      instanceId,
    });
  }
  /** Moves the clock past any backoff, Retry-After or claim, then lets the dispatcher work once. */
  async function later(dispatcher: ReturnType<typeof botProcess>): Promise<number> {
    now += DEFAULT_OUTBOX_POLICY.lockMs + 60_000;
    return dispatcher.tick();
  }

  /** A button on the post, in the post's thread, with the in-turn update of the post failing like `inTurn`. */
  function press(verb: string, userId: string, data: Record<string, unknown>, opts: { postId?: string; inTurn?: Error } = {}) {
    const { context } = turn(userId, { channelOfTeam: TEAM });
    if (opts.postId) Object.assign(context.activity, { replyToId: opts.postId, conversation: { ...context.activity.conversation, id: `${CHANNEL};messageid=${opts.postId}` } });
    Object.assign(context, { updateActivity: async () => { if (opts.inTurn) throw opts.inTurn; } });
    return routes.actions.get(verb)!(context as TurnContext, { conversation: {} }, data) as Promise<TCard>;
  }

  async function postedSignal(postId: string | null, extra: { caseCode?: string; createdAt?: Date } = {}): Promise<string> {
    const id = randomUUID();
    await createSignalRepository(database.db).create(
      { id, teamId: TEAM, theme: 'mobility', barrierType: 'transport', policyDomain: 'mobility', lifeEvent: 'partner_death', ageBand: '75_84', area: AREA, text: SIGNAL_TEXT, caseCode: extra.caseCode, source: 'chat', createdBy: 'w-1' },
      async () => undefined,
    );
    await database.db.signal.update({ where: { id }, data: { createdAt: extra.createdAt ?? new Date(NOW.getTime() - 60_000), postedActivityId: postId } });
    return id;
  }

  const rows = () => database.db.outboxMessage.findMany({ orderBy: { id: 'asc' } });
  const updates = () => connector.requests.filter((r) => r.method === 'PUT');

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    connector = await startFakeConnector((n) => failing(n));
    await setUpTeam(database.db, TEAM, { 'c-1': 'coordinator', 'w-1': 'worker', 'w-2': 'worker' });
    await createTeamRepository(database.db).bindSignalChannel({
      teamId: TEAM, name: 'Team Voorbeeld', channelId: CHANNEL, boundBy: 'c-1', now: NOW, tenantId: 'tenant-1',
      reference: { channelId: 'msteams', serviceUrl: connector.url, bot: { id: '28:bot', name: 'Nabij' }, conversation: { id: CHANNEL, isGroup: true, conversationType: 'channel', name: '' } },
    });
    services = buildServices(database.db, { deliverSoon: () => void wakes++ });
    routes = captureRoutes();
    registerSignalChannelRoutes(routes.app, services);
    registerDigestRoutes(routes.app, services);
  });
  afterAll(async () => {
    await connector?.close();
    await database?.dispose();
  });
  beforeEach(async () => {
    await database.db.outboxMessage.deleteMany();
    await database.db.signal.deleteMany();
    connector.requests.length = 0;
    failing = () => undefined;
    wakes = 0;
  });

  it('retries an update the connector refused (500, then 429) and shows the status of the moment it is sent', async () => {
    const signalId = await postedSignal('post-a');
    // A colleague puts it on the agenda; the update in the turn fails, so the outbox takes it over.
    await press('signal.markAgenda', 'w-2', { signalId }, { postId: 'post-a', inTurn: Object.assign(new Error('bad gateway'), { statusCode: 502 }) });
    expect((await rows()).map((r) => [r.kind, r.target, r.status])).toEqual([[SIGNAL_POST_UPDATE_KIND, CHANNEL, 'pending']]);
    expect(wakes).toBe(1);

    failing = (n) => (n === 1 ? SERVER_ERROR : n === 2 ? TOO_MANY : undefined);
    const bot = botProcess('bot-1');
    expect(await bot.tick()).toBe(0);
    expect(updates().map((r) => [r.status, r.text.includes('Op de agenda')])).toEqual([[500, true]]);
    expect((await rows())[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: '500:InternalServerError' });

    // Meanwhile the coordinator discusses it; that update in the turn fails too.
    await press('signal.markDiscussed', 'c-1', { signalId, note: NOTE }, { postId: 'post-a', inTurn: Object.assign(new Error('service unavailable'), { statusCode: 503 }) });
    expect(await later(bot)).toBe(0);
    expect(await later(bot)).toBe(1);
    expect(await later(bot)).toBe(1);

    expect(updates().map((r) => [r.status, r.conversationId, r.activityId])).toEqual([
      [500, `${CHANNEL};messageid=post-a`, 'post-a'],
      [429, `${CHANNEL};messageid=post-a`, 'post-a'],
      [200, `${CHANNEL};messageid=post-a`, 'post-a'],
      [200, `${CHANNEL};messageid=post-a`, 'post-a'],
    ]);
    // The retried agenda update shows what is true when it is sent: discussed, with the note.
    for (const request of updates().slice(1)) {
      expect(request.text).toContain('Besproken');
      expect(request.text).toContain(NOTE);
      expect(request.text).not.toContain('Op de agenda');
      expect(request.text).not.toContain('Agenderen');
    }
    expect((await rows()).map((r) => [r.status, r.attempts, r.lastError, r.sentActivityId])).toEqual([
      ['sent', 3, '429:TooManyRequests', 'post-a'],
      ['sent', 1, null, 'post-a'],
    ]);
    expect(connector.requests.every((r) => r.method === 'PUT')).toBe(true);
  });

  it('after "Alles besproken", a restarted process delivers the updates the stopped one left', async () => {
    const posts = ['post-1', 'post-2', 'post-3'];
    for (const [i, post] of posts.entries()) await postedSignal(post, { createdAt: new Date(NOW.getTime() - 60_000 + i * 1000) });
    await postedSignal(null); // its post is not out yet: nothing to update
    await press('digest.markAllDiscussed', 'c-1', { teamId: TEAM, until: NOW.toISOString() });
    expect((await rows()).map((r) => [r.kind, r.target, r.teamId, (r.payload as { postId: string }).postId])).toEqual(
      posts.map((post) => [SIGNAL_POST_UPDATE_KIND, CHANNEL, TEAM, post]),
    );
    expect(wakes).toBe(1);

    // The first process updates one post, claims the next and dies before it sends it.
    const first = botProcess('bot-1');
    expect(await first.tick()).toBe(1);
    const claimed = await createOutboxRepository(database.db).claimDue({ instanceId: 'bot-1', now: new Date(now += 1000), lockMs: DEFAULT_OUTBOX_POLICY.lockMs, minGapMs: 0, limit: 1 });
    expect(claimed.map((m) => (m.payload as { postId: string }).postId)).toEqual(['post-2']);

    const restarted = botProcess('bot-2');
    expect(await later(restarted)).toBe(1);
    expect(await later(restarted)).toBe(1);
    expect(await later(restarted)).toBe(0);

    expect(updates().map((r) => [r.conversationId, r.activityId, r.status])).toEqual(posts.map((post) => [`${CHANNEL};messageid=${post}`, post, 200]));
    for (const request of updates()) {
      expect(request.text).toContain('Besproken');
      expect(request.text).toContain('Collega c-1');
      expect(request.text).not.toContain('Agenderen');
    }
    expect((await rows()).map((r) => [r.status, r.lockedBy])).toEqual(posts.map(() => ['sent', null]));
  });

  it('fails an update of a post that no longer exists after one request, and goes on with the next', async () => {
    await postedSignal('post-deleted', { createdAt: new Date(NOW.getTime() - 60_000) });
    await postedSignal('post-kept', { createdAt: new Date(NOW.getTime() - 50_000) });
    await press('digest.markAllDiscussed', 'c-1', { teamId: TEAM, until: NOW.toISOString() });
    failing = (n) => (n === 1 ? NOT_FOUND : undefined);

    const bot = botProcess('bot-1');
    expect(await bot.tick()).toBe(0);
    expect(await later(bot)).toBe(1);
    expect(await later(bot)).toBe(0);

    expect(updates().map((r) => [r.activityId, r.status])).toEqual([['post-deleted', 404], ['post-kept', 200]]);
    expect((await rows()).map((r) => [(r.payload as { postId: string }).postId, r.status, r.attempts, r.lastError])).toEqual([
      ['post-deleted', 'failed', 1, '404:NotFound'],
      ['post-kept', 'sent', 1, null],
    ]);
    expect((await createOutboxRepository(database.db).listFailed(TEAM)).map((m) => m.kind)).toEqual([SIGNAL_POST_UPDATE_KIND]);
    // The coordinator's `bezorging` card says what failed.
    expect(cardText(await deliveryProblemsCard(turn('c-1').context, services, TEAM))).toContain('De nieuwe status van een signaal in dit kanaal');
  });

  it('keeps ids and a language code in the outbox row: nothing personal, no free text', async () => {
    const contact = await newContact(database.db, 'w-1');
    const signalId = await postedSignal('post-private', { caseCode: contact.caseCode });
    await press('signal.markDiscussed', 'c-1', { signalId, note: NOTE }, { postId: 'post-private', inTurn: Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }) });

    const [row, ...others] = await rows();
    expect(others).toEqual([]);
    expect(row!.payload).toEqual({ signalId, postId: 'post-private', locale: 'nl' });
    const terms = [...PERSONAL_VALUES, contact.caseCode, contact.id, SIGNAL_TEXT, AREA, NOTE, 'Collega c-1', 'Collega w-1'];
    expect(await scanForTerms(database, terms, { tables: ['OutboxMessage'] })).toEqual([]);
  });
});
