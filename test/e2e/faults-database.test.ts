// The database goes away for a while, three ways (server stopped, connections reset, network partition), with the
// bot on PostgreSQL behind a TCP proxy the test controls: a message and a card action get the Dutch "database
// unavailable" message (no stack trace, no English), nothing saved is lost, the same action succeeds once the
// database is back, and the bot process lives on without a restart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, QUERY_TIMEOUT_MS, type TDatabase } from '../../data/client.ts';
import { postgresTarget } from '../../data/database-url.ts';
import { userMessageFor } from '../../bot/errors.ts';
import { translator } from '../../bot/ui/i18n.ts';
import { createTestDatabase, DATABASE_KINDS, POSTGRES_URL, type TTestDatabase } from '../support/databases.ts';
import { startLocalTeams, type TLocalTeams } from '../support/local-teams.ts';
import { actionsOf, inputValue } from '../support/card-query.ts';
import { cardText, inConversation, PlaygroundClient, type BotActivity } from '../support/playground-client.ts';
import { startTcpProxy, type TCutMode, type TTcpProxy } from '../support/tcp-proxy.ts';

const nl = JSON.parse(readFileSync(join(import.meta.dirname, '../../data/locales/nl.json'), 'utf8')) as { errors: Record<string, string> };
const UNAVAILABLE = nl.errors.DATABASE_UNAVAILABLE!;
const RAW_ERROR = /\bat .+\.(ts|js):\d+|Error:|Prisma|Connection terminated|ECONN|timeout|Invalid/;
/** A partition costs at most the query timeout; a refused or reset connection fails at once. */
const ANSWER_WITHIN_MS: Record<TCutMode, number> = { refuse: 3000, reset: 3000, hang: QUERY_TIMEOUT_MS + 4000 };

/** One registration step saved per outage, so each retry adds something the test can find. */
const STEPS: Record<TCutMode, { stepId: string; values: Record<string, string>; next: string }> = {
  refuse: { stepId: 'domains_a', values: { social_networkStatus: 'attention', social_networkNotes: 'Kent nog niemand in de wijk.' }, next: 'Stap 3 van 7' },
  reset: { stepId: 'domains_b', values: { mobilityStatus: 'good', mobilityNotes: 'Fietst nog elke dag.' }, next: 'Stap 4 van 7' },
  hang: { stepId: 'wellbeing', values: { wellbeing: '6', strengths: 'Een trouwe buurvrouw.' }, next: 'Stap 5 van 7' },
};

// PostgreSQL only: the point is a database server that goes away (the embedded SQLite file cannot).
describe.each(DATABASE_KINDS.filter((kind) => kind === 'postgresql'))('the database is briefly unavailable (%s)', () => {
  let database: TTestDatabase;
  let proxy: TTcpProxy;
  let local: TLocalTeams;
  let client: PlaygroundClient;
  let direct: TDatabase;
  let cardId: string;
  let contactId: string;
  let pid: number | undefined;
  let proxiedUrl: string;

  const personal = () => client.ids.personalChat;
  const nextPersonal = (timeoutMs: number) => client.nextActivity((a: BotActivity) => inConversation(personal())(a), timeoutMs);
  const saveStep = (mode: TCutMode) =>
    client.invokeAction(personal(), cardId, { verb: 'reg.save', data: { contactId, stepId: STEPS[mode].stepId, go: 'next', ...STEPS[mode].values } });
  const snapshot = async () => ({
    contacts: await direct.db.contact.findMany({ orderBy: { id: 'asc' } }),
    registrations: await direct.db.registration.findMany({ orderBy: { id: 'asc' } }),
    events: await direct.db.contactEvent.count(),
  });
  const timed = async <T>(work: () => Promise<T>) => {
    const started = performance.now();
    const value = await work();
    return { value, ms: performance.now() - started };
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgresql');
    const server = new URL(POSTGRES_URL!);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    const proxied = new URL(database.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    // Short scheduler and outbox intervals: their loops hit the dead database too and must not take the process down.
    proxiedUrl = proxied.toString();
    local = await startLocalTeams({
      databaseUrl: proxiedUrl,
      env: { NABIJ_FORCE_LOCALE: 'nl', NABIJ_OUTBOX_INTERVAL_MS: '100', NABIJ_SCHEDULER_INTERVAL_MS: '200', LOG_LEVEL: 'error' },
    });
    pid = local.bot.child.pid;
    client = await PlaygroundClient.connect(local.playground.url);
    // The test reads the database past the proxy.
    direct = await openDatabase(database.url);
  });
  afterAll(async () => {
    await client?.close();
    await local?.stop();
    await direct?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('maps the errors the PostgreSQL adapter really throws to the Dutch message', async () => {
    const t = translator('nl');
    const probe = await openDatabase(proxiedUrl);
    try {
      const seen: Record<string, string[]> = {};
      for (const mode of ['refuse', 'reset'] as const) {
        await probe.db.contact.count();
        proxy.cut(mode);
        // The first query finds its pooled connection dropped; the second one has to open a new connection.
        const errors = [await probe.db.contact.count().then(() => undefined, (e: unknown) => e), await probe.db.contact.count().then(() => undefined, (e: unknown) => e)];
        await proxy.restore();
        seen[mode] = errors.map((error) => String((error as { code?: string } | undefined)?.code ?? (error as Error | undefined)?.message));
        for (const error of errors) expect(userMessageFor(error, t), mode).toBe(UNAVAILABLE);
      }
      // What pg and Prisma say: a plain error without a code for a dropped connection, P1001 for a refused one; a
      // reset seen while opening the next connection comes as either, or as P1017 (server closed it), by timing.
      expect(seen).toEqual({
        refuse: [expect.stringContaining('Connection terminated unexpectedly'), 'P1001'],
        reset: [expect.stringContaining('Connection terminated unexpectedly'), expect.stringMatching(/Connection terminated unexpectedly|^P1017$/)],
      });
    } finally {
      await probe.close();
    }

    // A server shutting down ends its sessions with 57P01: Prisma reports P2010 with that SQLSTATE.
    const direct2 = await openDatabase(database.url);
    const admin = new pg.Client({ connectionString: postgresTarget(POSTGRES_URL!).connectionString });
    await admin.connect();
    try {
      const marker = `fault_probe_${process.pid}`;
      const running = direct2.db.$queryRawUnsafe(`SELECT pg_sleep(5) AS ${marker}`).then(() => undefined, (e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { rowCount } = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%${marker}%' AND pid <> pg_backend_pid()`);
      expect(rowCount).toBe(1);
      const terminated = await running;
      expect(JSON.stringify((terminated as { meta?: unknown }).meta)).toContain('57P01');
      expect(userMessageFor(terminated, t)).toBe(UNAVAILABLE);
    } finally {
      await admin.end();
      await direct2.close();
    }

    // The other shapes seen from pg, pg-pool and Prisma when the server does not answer; and what is not an outage.
    const timeouts = [
      new Error('Query read timeout'),
      new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') }),
      Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), { code: 'P2028' }),
      Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('x'), { meta: { driverAdapterError: { cause: { kind: 'ConnectionClosed' } } } }),
    ];
    for (const error of timeouts) expect(userMessageFor(error, t), error.message).toBe(UNAVAILABLE);
    for (const error of [new Error('boom'), Object.assign(new Error('x'), { code: 'P2002' }), new TypeError("Cannot read properties of undefined (reading 'id')")]) {
      expect(userMessageFor(error, t)).toBe(nl.errors.generic);
    }
  });

  it('saves a contact and the first registration step while the database is there', async () => {
    await client.sendText(personal(), 'nieuw contact');
    const form = await client.waitForCard({ conversationId: personal(), text: /Nieuw contact/ });
    cardId = form.activity.messageId;
    const created = await client.executeForCard(personal(), cardId, 'contact.create', {
      lifeEvent: 'move', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Mariette', lastName: 'Testbeek',
    });
    expect(cardText(created)).toMatch(/Contact K-\d{2}-0001 is bewaard/);
    contactId = actionsOf(created).find((a) => a.verb === 'reg.open')!.data!.contactId as string;
    const step2 = await client.executeForCard(personal(), cardId, 'reg.save', { contactId, stepId: 'visit', go: 'next', visitDate: '2026-11-21', visitors: 'Lotte', place: 'home' });
    expect(cardText(step2)).toContain('Stap 2 van 7');
    expect((await direct.db.registration.findMany({ where: { contactId } })).map((r) => r.status)).toEqual(['draft']);
  });

  it.each(['refuse', 'reset', 'hang'] as const)('database away (%s): Dutch message for a message and a card action, nothing lost, the same action works after', async (mode) => {
    const before = await snapshot();
    client.drain();
    proxy.cut(mode);
    let health, message, action;
    try {
      // The health check says so, and does not hang.
      health = await timed(() => fetch(`http://127.0.0.1:${local.bot.port}/healthz`));
      expect(health.value.status).toBe(503);
      expect(health.ms).toBeLessThan(ANSWER_WITHIN_MS[mode]);

      // A typed message: the answer is the Dutch message, nothing raw.
      message = await timed(async () => {
        await client.sendText(personal(), 'mijn contacten');
        return nextPersonal(ANSWER_WITHIN_MS[mode] + 5000);
      });
      expect(message.value.text).toBe(UNAVAILABLE);
      expect(message.value.attachments).toEqual([]);
      expect(message.ms).toBeLessThan(ANSWER_WITHIN_MS[mode]);

      // A card action: a message response, so the card and what was typed in it stay as they were.
      action = await timed(() => saveStep(mode));
      expect(action.value.type).toBe('application/vnd.microsoft.activity.message');
      expect(action.value.value).toBe(UNAVAILABLE);
      expect(JSON.stringify(action.value)).not.toMatch(RAW_ERROR);
      expect(action.ms).toBeLessThan(ANSWER_WITHIN_MS[mode]);
    } finally {
      await proxy.restore();
    }

    console.info(`database away (${mode}): health ${Math.round(health.ms)} ms, message ${Math.round(message.ms)} ms, card action ${Math.round(action.ms)} ms`);
    // Nothing that was saved before is lost, and the failed turn wrote nothing.
    expect(await snapshot()).toEqual(before);

    // The same action again: it goes through, and the step is stored next to the earlier ones.
    const retried = await saveStep(mode);
    expect(retried.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(retried.value)).toContain(STEPS[mode].next);
    const drafts = await direct.db.registration.findMany({ where: { contactId } });
    expect(drafts.map((r) => r.status)).toEqual(['draft']);
    expect(drafts[0]!.data).not.toEqual(before.registrations.find((r) => r.contactId === contactId)!.data);
    // Read back through the bot (the draft may be encrypted in the database): the first step and the retried one.
    const first = await client.invokeAction(personal(), cardId, { verb: 'reg.step', data: { contactId, stepId: 'visit' } });
    expect([inputValue(first.value, 'visitDate'), inputValue(first.value, 'visitors'), inputValue(first.value, 'place')]).toEqual(['2026-11-21', 'Lotte', 'home']);
    const back = await client.invokeAction(personal(), cardId, { verb: 'reg.step', data: { contactId, stepId: STEPS[mode].stepId } });
    for (const [field, value] of Object.entries(STEPS[mode].values)) expect(inputValue(back.value, field), field).toBe(value);

    // And the typed message too.
    client.drain();
    await client.sendText(personal(), 'mijn contacten');
    const list = await client.waitForCard({ conversationId: personal(), text: /Mijn contacten/ }, 10_000);
    expect(cardText(list.card)).toContain('Mariette Testbeek');
  });

  it('redelivers an activity that failed while the database was away, and it is handled once the database is back', async () => {
    const ids = client.ids;
    const user = client.config.config.currentUser;
    const redeliver = () =>
      fetch(`${local.playground.url}/_internal/v1/customActivities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message', id: 'redelivered-during-outage', timestamp: new Date().toISOString(), channelId: 'msteams', serviceUrl: `${local.playground.url}/_connector`,
          from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId }, recipient: { id: ids.botId, name: ids.botName },
          conversation: { id: ids.personalChat, conversationType: 'personal', tenantId: ids.tenantId }, channelData: { tenant: { id: ids.tenantId } },
          locale: 'nl-BE', text: 'mijn contacten',
        }),
      });
    client.drain();
    proxy.cut('reset');
    try {
      expect((await redeliver()).ok).toBe(true);
      expect((await nextPersonal(5000)).text).toBe(UNAVAILABLE);
    } finally {
      await proxy.restore();
    }
    // Teams sends the same activity (same id) again: the failed turn left no claim behind, so it is not dropped.
    expect((await redeliver()).ok).toBe(true);
    const list = await client.waitForCard({ conversationId: personal(), text: /Mijn contacten/ }, 10_000);
    expect(cardText(list.card)).toContain('Mariette Testbeek');
    // A third delivery of that id is a duplicate: acknowledged, not answered.
    expect((await redeliver()).ok).toBe(true);
    await expect(nextPersonal(1500)).rejects.toThrow(/No matching bot activity/);
  });

  it('kept the same bot process alive and serving throughout: no crash, no restart', async () => {
    expect(local.bot.child.exitCode).toBeNull();
    expect(local.bot.child.pid).toBe(pid);
    expect((await fetch(`http://127.0.0.1:${local.bot.port}/healthz`)).status).toBe(200);
    const output = local.bot.output();
    expect(output).not.toMatch(/unhandledRejection|uncaughtException|UnhandledPromiseRejection/i);
    // The failed turns were logged (by type and code, see bot/logger.ts).
    expect(output).toContain('turn_failed');
  });
});
