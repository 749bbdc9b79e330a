// A colleague who never chatted with Nabij still gets their personal messages, on both databases: the real assign
// handler queues the message, the outbox wired as bot/background-jobs.ts wires it (target resolver, personal chat
// opener, botbuilder send path through a real TeamsAdapter) opens the 1:1 chat through a team of theirs and delivers,
// against a Bot Framework connector at the outer edge (a local HTTP server answering POST /v3/conversations and POST
// /v3/conversations/:id/activities) that fails when the test says so.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { outboxDelivery } from '../../bot/background-jobs.ts';
import { createOutboxDispatcher, DEFAULT_OUTBOX_POLICY, type TOutboxPolicy } from '../../bot/delivery/outbox-dispatcher.ts';
import { createOutboxRenderer } from '../../bot/delivery/render-outbox-message.ts';
import { createLogger } from '../../bot/logger.ts';
import type { TServices } from '../../bot/services.ts';
import { registerAssignFollowUpRoutes } from '../../bot/teams/assign-follow-up-handlers.ts';
import { deliveryProblemsCard } from '../../bot/teams/delivery-status-handlers.ts';
import { addDays } from '../../data/repositories/follow-ups.ts';
import { createConversationRefRepository } from '../../data/repositories/conversation-refs.ts';
import { createOutboxRepository } from '../../data/repositories/outbox.ts';
import { createTeamRepository } from '../../data/repositories/teams.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { cardText } from '../support/playground-client.ts';
import { buildServices, captureRoutes, newContact, NOW, PERSONAL_VALUES, setUpTeam, turn } from './access-harness.ts';

const TEAM = 'T-chat';
const CHANNEL = '19:signalen-T-chat@thread.tacv2';
const UNBOUND_TEAM = 'T-unbound';
const OTHER_TEAM = 'T-other';
const TENANT = 'tenant-chat-1';
const OTHER_TENANT = 'tenant-chat-2';
const BOT = '28:nabij-bot';
const ROSTERS: Record<string, Record<string, 'coordinator' | 'worker'>> = {
  [TEAM]: { 'c-1': 'coordinator', 'w-new': 'worker', 'w-other': 'worker', 'w-both': 'worker' },
  [UNBOUND_TEAM]: { 'c-2': 'coordinator', 'w-unbound': 'worker' },
  [OTHER_TEAM]: { 'c-3': 'coordinator', 'w-both': 'worker' },
};

type TAnswer = { status: number; headers?: Record<string, string>; body?: object };
type TCreate = { status: number; body: Record<string, unknown> };
type TPost = { conversationId: string; status: number; text: string };

/** The connector: POST /v3/conversations (answered by `onCreate`, n: the how-manieth) and posts to a conversation (by `onPost`). */
async function startFakeConnector() {
  const creates: TCreate[] = [];
  const posts: TPost[] = [];
  const control = {
    onCreate: (_n: number): TAnswer | undefined => undefined,
    onPost: (_n: number): TAnswer | undefined => undefined,
  };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      const reply = (answer: TAnswer) => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body ?? {}));
      };
      if (req.method === 'POST' && /^\/+v3\/conversations\/?$/.test(req.url ?? '')) {
        const answer = control.onCreate(creates.length + 1);
        // Teams gives the bot and a user one personal chat: asking again answers with the same id.
        const member = (body.members as { id: string }[] | undefined)?.[0]?.id ?? '?';
        const ok: TAnswer = { status: 201, body: { id: `a:chat-with-${member}` } };
        creates.push({ status: (answer ?? ok).status, body });
        return reply(answer ?? ok);
      }
      const post = /^\/+v3\/conversations\/([^/]+)\/activities(\/[^/]+)?\/?$/.exec(req.url ?? '');
      if (req.method === 'POST' && post) {
        const answer = control.onPost(posts.length + 1) ?? { status: 201, body: { id: `posted-${posts.length + 1}` } };
        const card = (body.attachments as { content: unknown }[] | undefined)?.[0]?.content;
        posts.push({ conversationId: decodeURIComponent(post[1]!), status: answer.status, text: cardText(card) });
        return reply(answer);
      }
      reply({ status: 404 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    creates,
    posts,
    control,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SERVER_ERROR: TAnswer = { status: 500, body: { error: { code: 'InternalServerError', message: 'try again' } } };
const TOO_MANY: TAnswer = { status: 429, headers: { 'Retry-After': '30' }, body: { error: { code: 'TooManyRequests', message: 'slow down' } } };
const REFUSED: Record<number, TAnswer> = {
  403: { status: 403, body: { error: { code: 'Forbidden', message: 'The bot is not installed for this user.' } } },
  404: { status: 404, body: { error: { code: 'NotFound', message: 'User not found.' } } },
};
const CHAT_OF = (aadObjectId: string) => `a:chat-with-29:${aadObjectId}`;

describe.each(DATABASE_KINDS)('personal messages to a colleague who never chatted with Nabij (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;
  let services: TServices;
  let routes: ReturnType<typeof captureRoutes>;
  let now = NOW.getTime();
  let assigned = 0;

  /** One bot process's outbox, with its own adapter and the clock the test moves. */
  function botProcess(instanceId: string, policy: Partial<TOutboxPolicy> = {}) {
    const teams = createTeamRepository(database.db);
    const adapter = new TeamsAdapter({});
    const turnErrors: unknown[] = [];
    adapter.onTurnError = async (_context, error) => void turnErrors.push(error);
    const logger = createLogger({ level: 'silent' });
    const dispatcher = createOutboxDispatcher({
      outbox: createOutboxRepository(database.db),
      render: createOutboxRenderer({ content: services.content, signals: services.signals, teams, followUps: services.followUps, clock: () => new Date(now), timeZone: 'Europe/Brussels' }),
      ...outboxDelivery({ adapter, conversationRefs: createConversationRefRepository(database.db), teams, logger }),
      clock: () => new Date(now),
      random: () => 1,
      logger,
      instanceId,
      policy,
    });
    return Object.assign(dispatcher, { turnErrors });
  }
  /** Moves the clock past any backoff, Retry-After or claim, then lets the dispatcher work once. */
  async function later(dispatcher: ReturnType<typeof botProcess>): Promise<number> {
    now += DEFAULT_OUTBOX_POLICY.lockMs + 60_000;
    return dispatcher.tick();
  }

  /** The coordinator assigns a follow-up in the team channel with the real handler; returns the case code. */
  async function assign(teamId: string, coordinator: string, assigneeId: string): Promise<string> {
    const contact = await newContact(database.db, coordinator);
    const { context } = turn(coordinator, { channelOfTeam: teamId });
    const card = await routes.actions.get('followUp.assign')!(context as TurnContext, { conversation: {} }, {
      caseCode: contact.caseCode, assigneeId, dueDate: addDays('2027-02-20', assigned++), mode: 'phone', reason: 'agreed',
    });
    expect(cardText(card)).toContain('Opvolging toegewezen');
    return contact.caseCode;
  }

  const rows = () => database.db.outboxMessage.findMany({ orderBy: { id: 'asc' } });
  const personalRefs = (aadObjectId: string) => database.db.conversationRef.findMany({ where: { aadObjectId, conversationType: 'personal' } });
  const bezorging = async (teamId: string, locale = 'nl-BE') => cardText(await deliveryProblemsCard(turn('c-1', { locale }).context, services, teamId));

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    connector = await startFakeConnector();
    for (const [teamId, members] of Object.entries(ROSTERS)) await setUpTeam(database.db, teamId, members);
    await createTeamRepository(database.db).bindSignalChannel({
      teamId: TEAM, name: 'Team Voorbeeld', channelId: CHANNEL, boundBy: 'c-1', now: NOW, tenantId: TENANT,
      reference: { channelId: 'msteams', serviceUrl: connector.url, bot: { id: BOT, name: 'Nabij' }, conversation: { id: CHANNEL, isGroup: true, conversationType: 'channel', name: '' } },
    });
    // Linked later than TEAM, in another tenant: the team of the message still goes first.
    await createTeamRepository(database.db).bindSignalChannel({
      teamId: OTHER_TEAM, channelId: '19:signalen-T-other@thread.tacv2', boundBy: 'c-3', now: new Date(NOW.getTime() + 60_000), tenantId: OTHER_TENANT,
      reference: { channelId: 'msteams', serviceUrl: connector.url, bot: { id: BOT, name: 'Nabij' }, conversation: { id: '19:signalen-T-other@thread.tacv2', isGroup: true, conversationType: 'channel', name: '' } },
    });
    services = buildServices(database.db, { clock: () => new Date(now) });
    routes = captureRoutes();
    registerAssignFollowUpRoutes(routes.app, services);
    // The handler refreshes the roster from Teams first; here Teams answers with the rosters above.
    vi.spyOn(TeamsInfo, 'getPagedTeamMembers').mockImplementation(async (_context, teamId) => ({
      members: Object.keys(ROSTERS[teamId ?? ''] ?? {}).map((id) => ({ id: `29:${id}`, aadObjectId: id, name: `Collega ${id}` })) as never,
      continuationToken: '',
    }));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await connector?.close();
    await database?.dispose();
  });
  beforeEach(async () => {
    await database.db.outboxMessage.deleteMany();
    await database.db.conversationRef.deleteMany();
    connector.creates.length = 0;
    connector.posts.length = 0;
    connector.control.onCreate = () => undefined;
    connector.control.onPost = () => undefined;
  });

  it('opens one chat for a follow-up to a roster member, stores it, and sends the next message there without opening another', async () => {
    expect(await personalRefs('w-new')).toEqual([]);
    const first = await assign(TEAM, 'c-1', 'w-new');
    const bot = botProcess('bot-1');

    expect(await bot.tick()).toBe(1);
    expect(connector.creates.map((c) => c.body)).toEqual([
      { isGroup: false, bot: { id: BOT, name: '' }, members: [{ id: '29:w-new', name: '' }], tenantId: TENANT, channelData: { tenant: { id: TENANT } } },
    ]);
    expect(connector.posts.map((p) => [p.conversationId, p.status])).toEqual([[CHAT_OF('w-new'), 201]]);
    expect(connector.posts[0]!.text).toContain('Nieuwe opvolging voor jou');
    expect(connector.posts[0]!.text).toContain(first);
    const [stored, ...more] = await personalRefs('w-new');
    expect(more).toEqual([]);
    expect(stored).toMatchObject({ conversationId: CHAT_OF('w-new'), tenantId: TENANT });
    expect(stored!.reference).toMatchObject({ serviceUrl: connector.url, conversation: { id: CHAT_OF('w-new') }, user: { id: '29:w-new', aadObjectId: 'w-new' } });
    // Ids only in the stored reference: no colleague's name.
    expect(JSON.stringify(stored!.reference)).not.toContain('Collega');

    // The next message, by a process that has never seen this person, reuses the stored chat.
    const second = await assign(TEAM, 'c-1', 'w-new');
    expect(await later(botProcess('bot-2'))).toBe(1);
    expect(connector.creates).toHaveLength(1);
    expect(connector.posts.map((p) => p.conversationId)).toEqual([CHAT_OF('w-new'), CHAT_OF('w-new')]);
    expect(connector.posts[1]!.text).toContain(second);
    expect((await rows()).map((r) => [r.status, r.attempts, r.lastError])).toEqual([['sent', 1, null], ['sent', 1, null]]);
    expect(bot.turnErrors).toEqual([]);
  });

  it("opens the chat through the message's team, else through the team linked last, when the colleague is in several", async () => {
    // OTHER_TEAM was linked later, but the follow-up is TEAM's.
    await assign(TEAM, 'c-1', 'w-both');
    expect(await botProcess('bot-1').tick()).toBe(1);
    // A message of no team (as a reminder across teams could be), after the chat was forgotten: the team linked last.
    await database.db.conversationRef.deleteMany();
    const [assigned] = await rows();
    await services.outbox.enqueue({ target: 'user:w-both', kind: 'followUp.assigned', payload: assigned!.payload as Record<string, unknown> });
    expect(await later(botProcess('bot-1'))).toBe(1);

    expect(connector.creates.map((c) => c.body.tenantId)).toEqual([TENANT, OTHER_TENANT]);
    expect((await rows()).map((r) => [r.teamId, r.status])).toEqual([[TEAM, 'sent'], [null, 'sent']]);
  });

  it('opens the chat once when two messages for the same new colleague go out close together from two processes', async () => {
    const codes = [await assign(TEAM, 'c-1', 'w-other'), await assign(TEAM, 'c-1', 'w-other')];
    const processes = [botProcess('bot-1'), botProcess('bot-2')];

    for (let round = 0; round < 6 && (await database.db.outboxMessage.count({ where: { status: 'pending' } })) > 0; round++) {
      now += 1000;
      await Promise.all(processes.map((p) => p.tick()));
    }

    expect(connector.creates).toHaveLength(1);
    expect(connector.posts.map((p) => p.conversationId)).toEqual([CHAT_OF('w-other'), CHAT_OF('w-other')]);
    expect(connector.posts.map((p) => codes.findIndex((code) => p.text.includes(code)))).toEqual([0, 1]);
    expect(await personalRefs('w-other')).toHaveLength(1);
    expect((await rows()).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('fails at once, with its own reason on bezorging, for someone in no team with a linked channel', async () => {
    // In a team whose channel was never linked: no service URL to open a chat through.
    await assign(UNBOUND_TEAM, 'c-2', 'w-unbound');
    // In no team at all (e.g. the team's roster changed since).
    const contact = await newContact(database.db, 'c-1');
    await services.followUps.assign({ contactId: contact.id, teamId: TEAM, assigneeId: 'w-gone', assignedBy: 'c-1', dueDate: '2027-03-01', mode: 'visit', reason: 'worry' }, new Date(now), (tx, created) =>
      services.outbox.enqueue({ target: 'user:w-gone', teamId: TEAM, kind: 'followUp.assigned', payload: { followUpId: created.id } }, tx),
    );

    expect(await botProcess('bot-1').tick()).toBe(0);

    expect(connector.creates).toEqual([]);
    expect(connector.posts).toEqual([]);
    expect((await rows()).map((r) => [r.target, r.status, r.attempts, r.lastError])).toEqual([
      ['user:w-unbound', 'failed', 1, 'no_shared_team'],
      ['user:w-gone', 'failed', 1, 'no_shared_team'],
    ]);
    expect(await bezorging(UNBOUND_TEAM)).toContain('Een toegewezen opvolging voor Collega w-unbound: Nabij kon geen chat met die collega starten: die zit in geen team waar Nabij een kanaal gekoppeld heeft');
    const inTeam = await bezorging(TEAM);
    expect(inTeam).toContain('Een toegewezen opvolging voor een collega: Nabij kon geen chat met die collega starten');
    expect(inTeam).toContain('vraag je collega om Nabij één keer te openen in Teams');
    expect(await bezorging(TEAM, 'en-US')).toContain('An assigned follow-up for a colleague: Nabij could not start a chat with that colleague: they are in no team where Nabij has a linked channel');
  });

  it.each([403, 404])('fails for good when Teams refuses to open the chat (%i), after one request, with its own reason on bezorging', async (status) => {
    connector.control.onCreate = () => REFUSED[status];
    await assign(TEAM, 'c-1', 'w-new');

    const bot = botProcess('bot-1');
    expect(await bot.tick()).toBe(0);
    expect(await later(bot)).toBe(0);

    expect(connector.creates.map((c) => c.status)).toEqual([status]);
    expect(connector.posts).toEqual([]);
    expect(await personalRefs('w-new')).toEqual([]);
    expect((await rows()).map((r) => [r.status, r.attempts, r.lastError])).toEqual([['failed', 1, 'personal_chat_refused']]);
    expect(await bezorging(TEAM)).toContain('Een toegewezen opvolging voor Collega w-new: Teams liet Nabij geen chat met die collega starten (de app is voor die persoon niet beschikbaar)');
    expect(await bezorging(TEAM, 'en-US')).toContain('Teams did not let Nabij start a chat with that colleague (the app is not available to them)');
    expect(bot.turnErrors).toEqual([]);
  });

  it('retries opening the chat after a 500 and a 429 (one request per attempt, Retry-After honoured), then delivers', async () => {
    connector.control.onCreate = (n) => (n === 1 ? SERVER_ERROR : n === 2 ? TOO_MANY : undefined);
    await assign(TEAM, 'c-1', 'w-new');
    const bot = botProcess('bot-1');

    expect(await bot.tick()).toBe(0);
    expect((await rows())[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: '500:InternalServerError' });
    expect(connector.creates.map((c) => c.status)).toEqual([500]);

    expect(await later(bot)).toBe(0);
    const waiting = (await rows())[0]!;
    expect(waiting).toMatchObject({ status: 'pending', attempts: 2, lastError: '429:TooManyRequests' });
    expect(waiting.nextAttemptAt.getTime() - now).toBeGreaterThanOrEqual(30_000);
    now += 29_000;
    expect(await bot.tick()).toBe(0);
    expect(connector.creates).toHaveLength(2);

    expect(await later(bot)).toBe(1);
    expect(connector.creates.map((c) => c.status)).toEqual([500, 429, 201]);
    expect(connector.posts.map((p) => [p.conversationId, p.status])).toEqual([[CHAT_OF('w-new'), 201]]);
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 3 });
    expect(await personalRefs('w-new')).toHaveLength(1);
    expect(bot.turnErrors).toEqual([]);
  });

  it('stops trying to open the chat after the last attempt', async () => {
    connector.control.onCreate = () => SERVER_ERROR;
    await assign(TEAM, 'c-1', 'w-new');
    const bot = botProcess('bot-1', { maxAttempts: 3 });

    for (let i = 0; i < 5; i++) expect(await later(bot)).toBe(0);

    expect(connector.creates.map((c) => c.status)).toEqual([500, 500, 500]);
    expect((await rows()).map((r) => [r.status, r.attempts, r.lastError])).toEqual([['failed', 3, '500:InternalServerError']]);
    expect(await bezorging(TEAM)).toContain('Teams gaf telkens een fout (500:InternalServerError)');
  });

  it('keeps the opened chat when the message itself fails, and does not open it again on the retry', async () => {
    connector.control.onPost = (n) => (n === 1 ? { status: 503 } : undefined);
    await assign(TEAM, 'c-1', 'w-new');
    const bot = botProcess('bot-1');

    expect(await bot.tick()).toBe(0);
    expect(await personalRefs('w-new')).toHaveLength(1);
    expect(await later(bot)).toBe(1);

    expect(connector.creates).toHaveLength(1);
    expect(connector.posts.map((p) => [p.conversationId, p.status])).toEqual([[CHAT_OF('w-new'), 503], [CHAT_OF('w-new'), 201]]);
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: '503' });
  });

  it('puts nothing personal in what it sends Teams to open the chat or in the stored reference', async () => {
    await assign(TEAM, 'c-1', 'w-new');
    expect(await botProcess('bot-1').tick()).toBe(1);
    const opened = JSON.stringify([connector.creates, (await personalRefs('w-new')).map((r) => r.reference)]);
    for (const value of [...PERSONAL_VALUES, 'Collega']) expect(opened).not.toContain(value);
  });
});
