// The signal's post in the channel shows its status to everyone, on both databases: an Action.Execute answer replaces
// the card only for the one who pressed, so the handlers update the post itself – in the turn after a button on the
// post (the outbox takes over when that fails), and through the outbox for every post "Alles besproken" closes
// (its delivery: outbox-signal-post-updates.test.ts). A press on an out-of-date card never reopens a discussed signal.
import { randomUUID } from 'node:crypto';
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerDigestRoutes } from '../../bot/signals/digest-handlers.ts';
import { SIGNAL_POST_UPDATE_KIND } from '../../bot/signals/render-signal-post.ts';
import { registerSignalChannelRoutes } from '../../bot/signals/signal-channel-handlers.ts';
import type { TServices } from '../../bot/services.ts';
import { createSignalRepository } from '../../data/repositories/signals.ts';
import { createTeamRepository } from '../../data/repositories/teams.ts';
import { cardText } from '../support/playground-client.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { buildServices, captureRoutes, NOW, setUpTeam, turn, type TCard } from './access-harness.ts';

const TEAM = 'T-signals';
const CHANNEL = '19:channel-T-signals';

type TUpdate = { conversationId: string; activity: Partial<Activity> };
const cardOf = (activity: Partial<Activity>) => activity.attachments![0]!.content as TCard;

describe.each(DATABASE_KINDS)('signal posts in the channel (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let services: TServices;
  let routes: ReturnType<typeof captureRoutes>;
  /** Every updateActivity the handlers made, in the turn or proactively, with the conversation it went to. */
  const updates: TUpdate[] = [];
  let wakes = 0;
  const queued = async () =>
    (await database.db.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((m) => ({ kind: m.kind, target: m.target, teamId: m.teamId, payload: m.payload }));

  const recordingTurn = (userId: string, replyToId?: string, conversationId?: string) => {
    const { context } = turn(userId, { channelOfTeam: TEAM });
    Object.assign(context.activity, { replyToId, ...(conversationId ? { conversation: { ...context.activity.conversation, id: conversationId } } : {}) });
    Object.assign(context, { updateActivity: async (activity: Partial<Activity>) => void updates.push({ conversationId: context.activity.conversation.id, activity }) });
    return context;
  };
  const press = (verb: string, userId: string, data: Record<string, unknown>, replyToId?: string) =>
    routes.actions.get(verb)!(recordingTurn(userId, replyToId, replyToId && `${CHANNEL};messageid=${replyToId}`), { conversation: {} }, data) as Promise<TCard>;

  async function postedSignal(postId: string | null, createdAt = NOW): Promise<string> {
    const id = randomUUID();
    await createSignalRepository(database.db).create(
      { id, teamId: TEAM, theme: 'mobility', barrierType: 'transport', policyDomain: 'mobility', lifeEvent: 'partner_death', ageBand: '75_84', area: 'Voorbeeldwijk', text: 'Geen bus meer na 18 uur naar het dienstencentrum.', source: 'chat', createdBy: 'w-1' },
      async () => undefined,
    );
    await database.db.signal.update({ where: { id }, data: { createdAt, postedActivityId: postId } });
    return id;
  }

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    await setUpTeam(database.db, TEAM, { 'c-1': 'coordinator', 'w-1': 'worker', 'w-2': 'worker' });
    await createTeamRepository(database.db).bindSignalChannel({
      teamId: TEAM, name: 'Team Voorbeeld', channelId: CHANNEL, boundBy: 'c-1', now: NOW,
      reference: { channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', bot: { id: '28:bot', name: 'Nabij' }, conversation: { id: CHANNEL, isGroup: true, conversationType: 'channel', name: '' } },
    });
    services = buildServices(database.db, {
      continueConversation: async (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => {
        const { context } = turn('bot');
        Object.assign(context, { updateActivity: async (activity: Partial<Activity>) => void updates.push({ conversationId: reference.conversation!.id, activity }) });
        await logic(context);
      },
      deliverSoon: () => void wakes++,
    });
    routes = captureRoutes();
    registerSignalChannelRoutes(routes.app, services);
    registerDigestRoutes(routes.app, services);
  });
  afterAll(async () => database?.dispose());
  beforeEach(async () => {
    await database.db.outboxMessage.deleteMany();
    updates.length = 0;
    wakes = 0;
  });

  it('updates the post for everyone when a colleague puts it on the agenda', async () => {
    const signalId = await postedSignal('post-1');
    const answer = await press('signal.markAgenda', 'w-2', { signalId }, 'post-1');
    expect(cardText(answer)).toContain('Op de agenda');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.activity.id).toBe('post-1');
    expect(updates[0]!.conversationId).toBe(`${CHANNEL};messageid=post-1`);
    expect(cardOf(updates[0]!.activity)).toEqual(answer);
    // Done in the turn: nothing left for the outbox.
    expect(await queued()).toEqual([]);
  });

  it('keeps a discussed signal discussed when someone presses a button on a card that was out of date', async () => {
    const signalId = await postedSignal('post-2');
    await press('signal.markDiscussed', 'c-1', { signalId, note: 'Doorgegeven aan de dienst mobiliteit.' }, 'post-2');
    const stale = await press('signal.markAgenda', 'w-2', { signalId }, 'post-2');
    const stored = await database.db.signal.findUniqueOrThrow({ where: { id: signalId } });
    expect([stored.status, stored.statusBy, stored.discussedNote]).toEqual(['discussed', 'c-1', 'Doorgegeven aan de dienst mobiliteit.']);
    expect(cardText(stale)).toContain('Een collega heeft dit signaal intussen al besproken.');
    // Everyone's post shows the discussed card, without the message meant for the one who pressed.
    expect(updates.map((u) => u.activity.id)).toEqual(['post-2', 'post-2']);
    const post = cardText(cardOf(updates[1]!.activity));
    expect(post).toContain('Besproken');
    expect(post).toContain('Collega c-1');
    expect(post).not.toContain('intussen al besproken');
  });

  it('queues an update of every post "Alles besproken" closes in the outbox before it answers, ids only', async () => {
    await database.db.signal.deleteMany({ where: { teamId: TEAM } });
    const first = await postedSignal('post-3', new Date(NOW.getTime() - 60_000));
    await postedSignal(null, new Date(NOW.getTime() - 50_000)); // not posted yet: nothing to update
    const third = await postedSignal('post-4', new Date(NOW.getTime() - 40_000));
    const answer = await press('digest.markAllDiscussed', 'c-1', { teamId: TEAM, until: NOW.toISOString() });
    expect(cardText(answer)).toContain('3 signalen gemarkeerd als besproken');
    expect(await queued()).toEqual([
      { kind: SIGNAL_POST_UPDATE_KIND, target: CHANNEL, teamId: TEAM, payload: { signalId: first, postId: 'post-3', locale: 'nl' } },
      { kind: SIGNAL_POST_UPDATE_KIND, target: CHANNEL, teamId: TEAM, payload: { signalId: third, postId: 'post-4', locale: 'nl' } },
    ]);
    expect(wakes).toBe(1);
    // Not in the turn: the outbox sends them, each rendered when it goes out.
    expect(updates).toEqual([]);
    expect((await database.db.signal.findMany({ where: { id: { in: [first, third] } } })).every((s) => s.status === 'discussed')).toBe(true);
  });

  it('keeps the status when the post cannot be updated in the turn now, and leaves the update to the outbox', async () => {
    const signalId = await postedSignal('post-busy');
    const context = recordingTurn('w-1', 'post-busy', `${CHANNEL};messageid=post-busy`);
    Object.assign(context, { updateActivity: async () => Promise.reject(Object.assign(new Error('Service Unavailable'), { statusCode: 503 })) });
    const answer = (await routes.actions.get('signal.markFollowUp')!(context, { conversation: {} }, { signalId })) as TCard;
    expect(cardText(answer)).toContain('Signaal: Mobiliteit');
    expect((await database.db.signal.findUniqueOrThrow({ where: { id: signalId } })).status).toBe('followup');
    expect(await queued()).toEqual([{ kind: SIGNAL_POST_UPDATE_KIND, target: CHANNEL, teamId: TEAM, payload: { signalId, postId: 'post-busy', locale: 'nl' } }]);
    expect(wakes).toBe(1);
  });

  it('queues nothing for a post that is gone (404): retrying cannot bring it back', async () => {
    const signalId = await postedSignal('post-gone');
    const context = recordingTurn('w-1', 'post-gone', `${CHANNEL};messageid=post-gone`);
    Object.assign(context, { updateActivity: async () => Promise.reject(Object.assign(new Error('Not Found'), { statusCode: 404 })) });
    await routes.actions.get('signal.markAgenda')!(context, { conversation: {} }, { signalId });
    expect((await database.db.signal.findUniqueOrThrow({ where: { id: signalId } })).status).toBe('agenda');
    expect(await queued()).toEqual([]);
  });

  it('updates a post whose id was not recorded yet, in the channel it is in (also after the team linked another channel)', async () => {
    const signalId = await postedSignal(null);
    const oldChannel = '19:channel-before-relink';
    const context = recordingTurn('w-1', 'post-unrecorded', `${oldChannel};messageid=post-unrecorded`);
    Object.assign(context, { updateActivity: async () => Promise.reject(Object.assign(new Error('Too Many Requests'), { statusCode: 429 })) });
    await routes.actions.get('signal.markAgenda')!(context, { conversation: {} }, { signalId });
    expect(await queued()).toEqual([{ kind: SIGNAL_POST_UPDATE_KIND, target: oldChannel, teamId: TEAM, payload: { signalId, postId: 'post-unrecorded', locale: 'nl' } }]);
  });

  it('"Alles besproken" updates a post in the channel it was sent to, also after the team linked another channel', async () => {
    await database.db.signal.deleteMany({ where: { teamId: TEAM } });
    const oldChannel = '19:channel-linked-before';
    const before = await postedSignal('post-old', new Date(NOW.getTime() - 60_000));
    const now = await postedSignal('post-new', new Date(NOW.getTime() - 50_000));
    // What the outbox remembers of the two posts: where each went.
    for (const [target, signalId, postId] of [[oldChannel, before, 'post-old'], [CHANNEL, now, 'post-new']] as const) {
      await database.db.outboxMessage.create({ data: { target, teamId: TEAM, kind: 'signal.post', payload: { signalId }, status: 'sent', sentActivityId: postId, sentAt: NOW } });
    }
    await press('digest.markAllDiscussed', 'c-1', { teamId: TEAM, until: NOW.toISOString() });
    expect((await queued()).filter((m) => m.kind === SIGNAL_POST_UPDATE_KIND).map((m) => [m.target, (m.payload as { postId: string }).postId])).toEqual([
      [oldChannel, 'post-old'],
      [CHANNEL, 'post-new'],
    ]);
  });

  it('"Alles besproken" is all or nothing: when the post updates cannot be queued, no signal is marked discussed', async () => {
    await database.db.signal.deleteMany({ where: { teamId: TEAM } });
    const signalId = await postedSignal('post-5', new Date(NOW.getTime() - 60_000));
    const reviewBefore = (await database.db.team.findUniqueOrThrow({ where: { teamId: TEAM } })).lastReviewAt;
    const failing = captureRoutes();
    registerDigestRoutes(failing.app, buildServices(database.db, {
      outbox: { ...services.outbox, enqueueMany: async () => Promise.reject(new Error('outbox down')) },
      deliverSoon: () => void wakes++,
    }));
    await expect(failing.actions.get('digest.markAllDiscussed')!(recordingTurn('c-1'), { conversation: {} }, { teamId: TEAM, until: NOW.toISOString() })).rejects.toThrow('outbox down');
    expect((await database.db.signal.findUniqueOrThrow({ where: { id: signalId } })).status).toBe('open');
    expect((await database.db.team.findUniqueOrThrow({ where: { teamId: TEAM } })).lastReviewAt).toEqual(reviewBefore);
    expect(wakes).toBe(0);
  });
});
