// Two bot processes on ONE PostgreSQL database behind a round-robin proxy, with Microsoft's local Teams client in
// front: turns alternate between the processes, a multi-step flow continues on whichever process gets the next turn,
// an activity delivered to both at once is handled once, and with both schedulers and outboxes running every
// reminder and every outbox message reaches the chat exactly once.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../bot/follow-ups/calendar.ts';
import { openDatabase, type TDatabase } from '../../data/client.ts';
import { createContactRepository } from '../../data/repositories/contacts.ts';
import { addDays, createFollowUpRepository } from '../../data/repositories/follow-ups.ts';
import { createOutboxRepository } from '../../data/repositories/outbox.ts';
import { startBotProcess, type TBotProcess } from '../../scripts/bot-process.ts';
import { startPlayground, type Playground } from '../../scripts/playground.ts';
import { actionsOf, inputValue } from '../support/card-query.ts';
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from '../support/databases.ts';
import { TEST_ENCRYPTION_KEYS } from '../support/local-teams.ts';
import { adaptiveCardOf, cardText, inConversation, PlaygroundClient, type BotActivity } from '../support/playground-client.ts';
import { startRoundRobinProxy, type TProxyLogEntry, type TRoundRobinProxy } from '../support/round-robin-proxy.ts';

const ROOT = join(import.meta.dirname, '../..');
const LOTTE_AAD = '00000000-0000-4000-8000-00000000c001';
/** Colleagues with due follow-ups who never talked to the bot: their reminder is enqueued once and cannot be delivered. */
const UNREACHABLE = ['00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000e2', '00000000-0000-4000-8000-0000000000e3', '00000000-0000-4000-8000-0000000000e4'];
const LOTTE_FOLLOW_UPS = 12;
const REDELIVERED = 10;
const TURNS = 12;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isTurn = (entry: TProxyLogEntry) => entry.method === 'POST' && entry.path.startsWith('/api/messages');

/** The `event` of each JSON log line a process printed. */
function logEvents(bot: TBotProcess): { event: string; outboxId?: number; count?: number }[] {
  return bot
    .output()
    .split('\n')
    .flatMap((line) => {
      try {
        const parsed = JSON.parse(line) as { event?: unknown };
        return typeof parsed.event === 'string' ? [parsed as { event: string }] : [];
      } catch {
        return [];
      }
    });
}

describe.each(DATABASE_KINDS.filter((kind) => kind === 'postgresql'))('two bot processes on one database (%s)', () => {
  let database: TTestDatabase;
  let bots: TBotProcess[];
  let proxy: TRoundRobinProxy;
  let playground: Playground;
  let client: PlaygroundClient;
  let direct: TDatabase;

  const personal = () => client.ids.personalChat;
  /** Which process served each turn logged since `from`. */
  const servedSince = (from: number) => proxy.log.slice(from).filter(isTurn).map((e) => e.backend);

  beforeAll(async () => {
    database = await createTestDatabase('postgresql');
    const env = {
      NABIJ_ALLOW_ANONYMOUS: 'true', BOT_ID: '', DATABASE_URL: database.url, NABIJ_FORCE_LOCALE: 'nl', LOG_LEVEL: 'info', NABIJ_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      NABIJ_SCHEDULER_INTERVAL_MS: '200', NABIJ_OUTBOX_INTERVAL_MS: '100', NABIJ_LINK_SECRET: 'scale-out-test-secret-of-at-least-32-chars',
      // Reminders at any hour of the real clock (the default waits for 08:00 in Brussels).
      NABIJ_REMINDER_HOUR: '0',
    };
    // Started together on an empty database: both migrate at once (the advisory lock makes one wait).
    bots = await Promise.all([startBotProcess({ env }), startBotProcess({ env })]);
    proxy = await startRoundRobinProxy({ backends: bots.map((b) => `http://127.0.0.1:${b.port}`) });
    playground = await startPlayground({ botEndpoint: `${proxy.url}/api/messages`, port: 0, cwd: ROOT });
    client = await PlaygroundClient.connect(playground.url);
    direct = await openDatabase(database.url);
  });
  afterAll(async () => {
    await client?.close();
    await playground?.stop();
    await proxy?.close();
    await Promise.all((bots ?? []).map((b) => b.stop()));
    await direct?.close();
    await database?.drop();
  });

  it('applied each migration once although both processes migrated at the same time', async () => {
    const rows = await direct.db.$queryRawUnsafe<{ migration_name: string }[]>('SELECT migration_name FROM "_prisma_migrations"');
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.migration_name)).size).toBe(rows.length);
  });

  it(`serves ${TURNS} turns alternately from both processes`, async () => {
    const from = proxy.log.length;
    for (let i = 0; i < TURNS; i++) {
      await client.sendText(personal(), 'help');
      await client.waitForCard({ conversationId: personal(), text: /Wat kan ik voor je doen/ });
    }
    const served = servedSince(from);
    expect(served).toHaveLength(TURNS);
    expect(proxy.countsByBackend((e) => isTurn(e) && proxy.log.indexOf(e) >= from)).toEqual([TURNS / 2, TURNS / 2]);
    for (let i = 1; i < served.length; i++) expect(served[i]).not.toBe(served[i - 1]);
    console.info(`scale-out: ${TURNS} turns served per process: ${proxy.countsByBackend((e) => isTurn(e) && proxy.log.indexOf(e) >= from).join(' / ')}`);
  });

  it('continues a registration step by step on whichever process gets the next turn', async () => {
    const from = proxy.log.length;
    client.drain();
    await client.sendText(personal(), 'nieuw contact');
    const form = await client.waitForCard({ conversationId: personal(), text: /Nieuw contact/ });
    const execute = (verb: string, data: Record<string, unknown>) => client.executeForCard(personal(), form.activity.messageId, verb, data);
    const created = await execute('contact.create', { lifeEvent: 'divorce', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Odette', lastName: 'Testbrug' });
    const contactId = actionsOf(created).find((a) => a.verb === 'reg.open')!.data!.contactId as string;
    expect(cardText(await execute('reg.open', { contactId }))).toContain('Stap 1 van 7');
    expect(cardText(await execute('reg.save', { contactId, stepId: 'visit', go: 'next', visitDate: '2026-11-22', visitors: 'Lotte', place: 'home' }))).toContain('Stap 2 van 7');
    expect(cardText(await execute('reg.save', { contactId, stepId: 'domains_a', go: 'next', emotionalStatus: 'attention', emotionalNotes: 'Slaapt slecht sinds de scheiding.' }))).toContain('Stap 3 van 7');
    const back = await execute('reg.step', { contactId, stepId: 'visit' });
    expect(inputValue(back, 'visitDate')).toBe('2026-11-22');
    expect(inputValue(back, 'visitors')).toBe('Lotte');
    client.drain();
    await client.sendText(personal(), 'verder met registratie');
    const resumed = await client.waitForCard({ conversationId: personal(), text: /Odette Testbrug/ });
    expect(cardText(resumed.card)).toMatch(/Stap \d van 7/);

    const served = servedSince(from);
    expect(served).toHaveLength(7);
    for (let i = 1; i < served.length; i++) expect(served[i]).not.toBe(served[i - 1]);
    // One draft in the shared database holds both steps (it is encrypted there, so the cards show the values).
    expect((await direct.db.registration.findMany({ where: { contactId } })).map((d) => d.status)).toEqual(['draft']);
    const domains = await client.executeForCard(personal(), form.activity.messageId, 'reg.step', { contactId, stepId: 'domains_a' });
    expect(inputValue(domains, 'emotionalStatus')).toBe('attention');
    expect(inputValue(domains, 'emotionalNotes')).toBe('Slaapt slecht sinds de scheiding.');
  });

  it(`handles ${REDELIVERED} activities delivered to both processes at the same moment once each`, async () => {
    const ids = client.ids;
    const user = client.config.config.currentUser;
    const base = {
      channelId: 'msteams', serviceUrl: `${playground.url}/_connector`, from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      recipient: { id: ids.botId, name: ids.botName }, conversation: { id: ids.personalChat, conversationType: 'personal', tenantId: ids.tenantId },
      channelData: { tenant: { id: ids.tenantId } }, locale: 'nl-BE',
    };
    const toBoth = (activity: object) =>
      Promise.all(bots.map(async (bot) => {
        const res = await fetch(bot.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...base, ...activity }) });
        return { status: res.status, body: await res.text() };
      }));

    // Card actions that create a contact: each one exactly once.
    const answers = [];
    for (let i = 1; i <= REDELIVERED; i++) {
      answers.push(await toBoth({
        type: 'invoke', name: 'adaptiveCard/action', id: `redelivered-create-${i}`, timestamp: new Date().toISOString(),
        value: { action: { type: 'Action.Execute', verb: 'contact.create', data: { lifeEvent: 'move', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Dubbel', lastName: `Testlevering${i}` } } },
      }));
    }
    for (const pair of answers) {
      expect(pair.map((a) => a.status)).toEqual([200, 200]);
      // One process ran the turn (a card), the other acknowledged the duplicate without running it.
      expect(pair.filter((a) => a.body.includes('is bewaard'))).toHaveLength(1);
    }
    const contacts = await direct.db.contact.findMany({ where: { firstName: 'Dubbel' }, select: { lastName: true } });
    expect(contacts.map((c) => c.lastName).sort()).toEqual(Array.from({ length: REDELIVERED }, (_, i) => `Testlevering${i + 1}`).sort());

    // A typed message delivered to both: one answer in the chat.
    client.drain();
    await toBoth({ type: 'message', id: 'redelivered-message', timestamp: new Date().toISOString(), text: 'privacy' });
    await client.waitForCard({ conversationId: personal(), text: /Zo ga ik met gegevens om/ });
    await sleep(1500);
    expect(client.drain().filter(inConversation(personal()))).toEqual([]);
  });

  it('sends every reminder and every outbox message exactly once with both schedulers and outboxes running', async () => {
    // The assignee has a personal chat with the bot (the earlier turns saved its reference).
    expect(await direct.db.conversationRef.count({ where: { aadObjectId: LOTTE_AAD, conversationType: 'personal' } })).toBe(1);
    const now = new Date();
    const today = localDay(now);
    const contacts = createContactRepository(direct.db);
    const followUps = createFollowUpRepository(direct.db);
    const outbox = createOutboxRepository(direct.db);
    const sentBefore = new Set((await direct.db.outboxMessage.findMany({ select: { id: true } })).map((r) => r.id));
    client.drain();

    const assign = async (assigneeId: string, n: number) => {
      const contact = await contacts.create(
        { lifeEvent: 'partner_death', detectionSource: 'civil_affairs_list', consentStatus: 'not_needed', firstName: 'Opvolg', lastName: `Testpersoon${n}` },
        { workerId: assigneeId, now },
      );
      await followUps.assign(
        { contactId: contact.id, assigneeId, assignedBy: 'coordinator-scale-out', dueDate: addDays(today, 1), mode: 'phone', reason: 'after_death' },
        now,
        // As the channel command does: the message to the assignee goes into the outbox with the follow-up.
        (tx, created) => outbox.enqueue({ target: `user:${assigneeId}`, kind: 'followUp.assigned', payload: { followUpId: created.id } }, tx),
      );
      return contact.caseCode;
    };
    const lotteCodes: string[] = [];
    for (let n = 1; n <= LOTTE_FOLLOW_UPS; n++) lotteCodes.push(await assign(LOTTE_AAD, n));
    for (const [i, assignee] of UNREACHABLE.entries()) await assign(assignee, 100 + i);
    // Seeded for tomorrow, then all due today at once: the schedulers cannot see half of them.
    expect((await direct.db.followUp.updateMany({ data: { dueDate: today } })).count).toBe(LOTTE_FOLLOW_UPS + UNREACHABLE.length);

    // Wait until both outboxes have nothing left to do, then a while longer for any second send to show up.
    const deadline = Date.now() + 30_000;
    const settled = async () => {
      const reminders = await direct.db.outboxMessage.count({ where: { kind: 'followUp.reminder' } });
      const pending = await direct.db.outboxMessage.count({ where: { status: 'pending' } });
      return reminders === 1 + UNREACHABLE.length && pending === 0;
    };
    while (!(await settled()) && Date.now() < deadline) await sleep(100);
    expect(await settled()).toBe(true);
    await sleep(2000);

    const chat = client.drain().filter((a: BotActivity) => a.action === 'createMessage' && inConversation(personal())(a));
    const texts = chat.map((a) => cardText(adaptiveCardOf(a) ?? {}));
    // Each assignment once, and one reminder listing all of them.
    for (const code of lotteCodes) expect(texts.filter((t) => t.includes('Nieuwe opvolging voor jou') && t.includes(code)), code).toHaveLength(1);
    const reminders = texts.filter((t) => t.includes('Herinnering: opvolgingen'));
    expect(reminders).toHaveLength(1);
    for (const code of lotteCodes) expect(reminders[0]).toContain(code);
    expect(chat).toHaveLength(LOTTE_FOLLOW_UPS + 1);

    // In the database: one reminder per person and day, each message sent at most once (the others cannot be reached).
    const rows = (await direct.db.outboxMessage.findMany({ orderBy: { id: 'asc' } })).filter((r) => !sentBefore.has(r.id));
    const reminderRows = rows.filter((r) => r.kind === 'followUp.reminder');
    expect(reminderRows.map((r) => r.target).sort()).toEqual([LOTTE_AAD, ...UNREACHABLE].map((a) => `user:${a}`).sort());
    for (const row of rows) {
      const reachable = row.target === `user:${LOTTE_AAD}`;
      expect({ status: row.status, attempts: row.attempts, lastError: row.lastError }).toEqual(reachable ? { status: 'sent', attempts: 1, lastError: null } : { status: 'failed', attempts: 1, lastError: 'no_shared_team' });
    }
    expect((await direct.db.followUp.findMany()).every((f) => f.remindedOn === today)).toBe(true);

    // Each process's own log: every message handled (sent, or failed for good) by exactly one of them, and both took part.
    const handledBy = bots.map((bot) =>
      logEvents(bot)
        .filter((e) => (e.event === 'outbox_sent' || e.event === 'outbox_failed') && !sentBefore.has(e.outboxId!))
        .map((e) => e.outboxId!),
    );
    expect([...handledBy[0]!, ...handledBy[1]!].sort((a, b) => a - b)).toEqual(rows.map((r) => r.id));
    expect(handledBy[0]!.length).toBeGreaterThan(0);
    expect(handledBy[1]!.length).toBeGreaterThan(0);
    const enqueuedBy = bots.map((bot) => logEvents(bot).filter((e) => e.event === 'follow_up_reminders_enqueued').reduce((n, e) => n + (e.count ?? 0), 0));
    expect(enqueuedBy[0]! + enqueuedBy[1]!).toBe(1 + UNREACHABLE.length);
    console.info(
      `scale-out: ${rows.length} outbox messages, ${rows.filter((r) => r.status === 'sent').length} sent to the chat; handled by process 1: ${handledBy[0]!.length}, process 2: ${handledBy[1]!.length}; ` +
        `reminders enqueued by process 1: ${enqueuedBy[0]}, process 2: ${enqueuedBy[1]}; ${chat.length} messages in the chat`,
    );
  });

  it('kept both processes alive', () => {
    for (const bot of bots) expect(bot.child.exitCode).toBeNull();
  });
});
