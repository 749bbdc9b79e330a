// The Teams connector fails for a while when the bot posts a signal to the team channel: a proxy in front of the
// local Teams client's connector answers 503 to those posts, then lets them through. The outbox retries with backoff
// and the signal arrives in the channel exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type TDatabase } from '../../data/client.ts';
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from '../support/databases.ts';
import { startLocalTeams, type TLocalTeams } from '../support/local-teams.ts';
import { actionsOf } from '../support/card-query.ts';
import { adaptiveCardOf, cardText, PlaygroundClient, type BotActivity } from '../support/playground-client.ts';
import { startRoundRobinProxy, type TProxyLogEntry, type TRoundRobinProxy } from '../support/round-robin-proxy.ts';

const FIEN = { id: '29:fien-claes', aad: '00000000-0000-4000-8000-00000000c003' };
/** Failed attempts before the connector comes back. */
const FAILURES = 3;
const SIGNAL_TEXT = 'Geen bus meer naar het dienstencentrum op zaterdag; wie niet meer fietst, komt er niet.';

describe.each(DATABASE_KINDS)('a channel post while the connector fails for a while (%s)', (kind) => {
  let database: TTestDatabase;
  let local: TLocalTeams;
  let client: PlaygroundClient;
  let db: TDatabase;
  let connector: TRoundRobinProxy;
  let signalsChannel: string;
  let failing = false;

  /** A post of the bot to the signal channel (a new post or a reply in it). */
  const isChannelPost = (entry: { method: string; path: string }) => {
    const match = /\/v3\/conversations\/([^/?]+)\/activities/.exec(entry.path);
    return entry.method === 'POST' && match !== null && decodeURIComponent(match[1]!).split(';')[0] === signalsChannel;
  };
  const refused = () => connector.log.filter((e: TProxyLogEntry) => isChannelPost(e) && e.status === 503);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    local = await startLocalTeams({
      databaseUrl: database.url,
      // The scheduler ticks once at start only: no weekly summary may claim the channel during the test.
      env: { NABIJ_FORCE_LOCALE: 'nl', NABIJ_COORDINATORS: FIEN.aad, NABIJ_OUTBOX_INTERVAL_MS: '100', NABIJ_SCHEDULER_INTERVAL_MS: '3600000' },
    });
    client = await PlaygroundClient.connect(local.playground.url);
    db = await openDatabase(database.url);
    signalsChannel = client.ids.channels['Signalen']!;
    connector = await startRoundRobinProxy({
      backends: [local.playground.url],
      intercept: (request) =>
        failing && isChannelPost(request)
          ? { status: 503, body: JSON.stringify({ error: { code: 'ServiceUnavailable', message: 'try later' } }) }
          : undefined,
    });
  });
  afterAll(async () => {
    await client?.close();
    await connector?.close();
    await local?.stop();
    await db?.close();
    await database?.drop();
  });

  it('binds the signal channel through a connector the test controls (the serviceUrl of the activity)', async () => {
    const thread = (await client.sendText(signalsChannel, 'help')).replyConversationId;
    await client.waitForCard({ conversationId: signalsChannel });
    const ids = client.ids;
    const fien = client.config.config.users.find((u) => u.id === FIEN.id)!;
    const at = `<at>${ids.botName}</at>`;
    // What Teams would send, except that the serviceUrl is the proxy's: the bot keeps it in the channel's reference.
    const res = await fetch(`${local.playground.url}/_internal/v1/customActivities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', id: `bind-${kind}`, timestamp: new Date().toISOString(), channelId: 'msteams', serviceUrl: `${connector.url}/_connector`,
        from: { id: fien.id, name: fien.name, aadObjectId: fien.aadObjectId }, recipient: { id: ids.botId, name: ids.botName },
        conversation: { id: thread, conversationType: 'channel', isGroup: true, tenantId: ids.tenantId },
        text: `${at} kanaal koppelen`, textFormat: 'plain', locale: 'nl-BE',
        entities: [{ type: 'mention', mentioned: { id: ids.botId, name: ids.botName }, text: at }],
        channelData: { tenant: { id: ids.tenantId }, team: { id: ids.team }, channel: { id: signalsChannel } },
      }),
    });
    expect(res.ok).toBe(true);
    await client.waitForCard({ conversationId: signalsChannel, text: /Dit kanaal ontvangt nu de signalen/ }, 10_000);
    const team = await db.db.team.findFirstOrThrow({ where: { signalChannelId: signalsChannel } });
    expect((team.signalChannelRef as { serviceUrl?: string }).serviceUrl).toBe(`${connector.url}/_connector`);
    // The roster was read and the confirmation posted through the proxy.
    expect(connector.log.filter((e) => e.backend === 0).length).toBeGreaterThanOrEqual(2);
  });

  it(`posts the signal once, after ${FAILURES} answers 503 from the connector`, async () => {
    const personal = client.ids.personalChat;
    await client.sendText(personal, 'nieuw contact');
    const form = await client.waitForCard({ conversationId: personal, text: /Nieuw contact/ });
    const execute = (verb: string, data: Record<string, unknown>) => client.executeForCard(personal, form.activity.messageId, verb, data);
    const created = await execute('contact.create', { lifeEvent: 'move', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Roger', lastName: 'Testlaan' });
    const contactId = actionsOf(created).find((a) => a.verb === 'signal.new')!.data!.contactId as string;
    const signalForm = await execute('signal.new', { contactId });
    const draft = actionsOf(signalForm).find((a) => a.verb === 'signal.preview')!.data!;
    const preview = await execute('signal.preview', {
      ...draft, theme: 'mobility', barrierType: 'transport', policyDomain: 'mobility', lifeEvent: 'move', ageBand: '75_84', area: 'Voorbeeldgemeente', text: SIGNAL_TEXT,
    });
    const post = actionsOf(preview).find((a) => a.verb === 'signal.post')!;

    client.drain();
    failing = true;
    const started = Date.now();
    expect(cardText(await execute('signal.post', post.data!))).toContain('Dank je, je signaal is onderweg');
    while (refused().length < FAILURES && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 20));
    failing = false;
    expect(refused()).toHaveLength(FAILURES);

    const arrived = await client.waitForCard({ conversationId: signalsChannel, text: /Signaal: Mobiliteit/ }, 20_000);
    const outageMs = Date.now() - started;
    expect(cardText(arrived.card)).toContain(SIGNAL_TEXT);

    // Settle: several dispatcher ticks later, still one post and one sent outbox row.
    await new Promise((r) => setTimeout(r, 2000));
    const extra = client.drain().filter((a: BotActivity) => a.conversationId.startsWith(signalsChannel) && cardText(adaptiveCardOf(a) ?? {}).includes(SIGNAL_TEXT));
    expect(extra).toEqual([]);
    const passed = connector.log.filter((e) => isChannelPost(e) && e.backend === 0);
    // The bind confirmation and the signal post.
    expect(passed.filter((e) => e.status < 300)).toHaveLength(2);
    const rows = await db.db.outboxMessage.findMany();
    expect(rows.map((r) => ({ status: r.status, attempts: r.attempts, lastError: r.lastError }))).toEqual([{ status: 'sent', attempts: FAILURES + 1, lastError: '503:ServiceUnavailable' }]);
    const signal = await db.db.signal.findFirstOrThrow();
    expect(signal.postedActivityId).toBe(arrived.activity.messageId);
    console.info(`connector outage (${kind}): ${FAILURES} × 503, then 1 post; signal in the channel ${outageMs} ms after it was sent, ${rows[0]!.attempts} attempts`);
  });
});
