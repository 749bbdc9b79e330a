import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxDispatcher, type TOutboxDispatcherDeps, type TOutboxPolicy } from '../../bot/delivery/outbox-dispatcher.ts';
import { createLogger } from '../../bot/logger.ts';
import { openDatabase } from '../../data/client.ts';
import { createOutboxRepository, type TOutboxRecord, type TOutboxRepository } from '../../data/repositories/outbox.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';

type TSent = { target: string; text: string; at: number };

/** A connector stand-in: records what was sent, or throws what `failWith` returns for a message. */
function fakeConnector(failWith: (text: string, target: string) => unknown = () => undefined) {
  const sent: TSent[] = [];
  const requests: string[] = [];
  let n = 0;
  const send: TOutboxDispatcherDeps['send'] = async (reference, activity) => {
    const target = reference.conversation!.id;
    const text = String(activity.text);
    requests.push(text);
    const error = failWith(text, target);
    if (error) throw error;
    sent.push({ target, text, at: Date.now() });
    return `activity-${++n}`;
  };
  return { send, sent, requests, textsTo: (target: string) => sent.filter((s) => s.target === target).map((s) => s.text) };
}

const httpError = (statusCode: number, retryAfter?: string) =>
  Object.assign(new Error('connector said no'), {
    name: 'RestError',
    statusCode,
    response: { status: statusCode, headers: { get: (h: string) => (h === 'retry-after' ? retryAfter : undefined) } },
  });

function manualClock(start = Date.now() + 1000) {
  let now = start;
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms), now: () => now };
}

function captureLogs() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
}

const render: TOutboxDispatcherDeps['render'] = (kind, payload) =>
  kind === 'erased' ? undefined : { type: 'message', text: String((payload as { text: string }).text) };
const resolveReference: TOutboxDispatcherDeps['resolveReference'] = async (target) =>
  target === 'nowhere' ? undefined : { serviceUrl: 'https://connector.invalid/', conversation: { id: target } as never };

describe.each(DATABASE_KINDS)('outbox (%s)', (kind) => {
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

  /** How many messages have each status. */
  const statusCounts = async () =>
    Object.fromEntries((await database.db.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } })).map((g) => [g.status, g._count._all]));
  const enqueue = (target: string, text: string, extra: { kind?: string; teamId?: string } = {}) =>
    outbox.enqueue({ target, kind: extra.kind ?? 'test', teamId: extra.teamId, payload: { text } });

  function dispatcher(options: { send: TOutboxDispatcherDeps['send']; clock: () => Date; policy?: Partial<TOutboxPolicy>; onSent?: TOutboxDispatcherDeps['onSent']; logger?: TOutboxDispatcherDeps['logger'] }) {
    return createOutboxDispatcher({
      outbox,
      render,
      resolveReference,
      send: options.send,
      onSent: options.onSent,
      clock: options.clock,
      random: () => 1,
      logger: options.logger ?? createLogger({ level: 'silent' }),
      instanceId: 'test-1',
      policy: { minGapMs: 0, backoff: { baseMs: 1000, capMs: 60_000 }, ...options.policy },
    });
  }

  it('sends per target in enqueue order, one at a time, keeping the minimum gap per target but not across targets', async () => {
    const time = manualClock();
    const connector = fakeConnector();
    const sentIds: [number, string | undefined][] = [];
    const d = dispatcher({ send: connector.send, clock: time.clock, policy: { minGapMs: 1000 }, onSent: (m, id) => void sentIds.push([m.id, id]) });
    const a1 = await enqueue('conv-a', 'a1');
    await enqueue('conv-a', 'a2');
    await enqueue('conv-b', 'b1');
    await enqueue('conv-a', 'a3');

    expect(await d.tick()).toBe(2);
    expect(connector.sent.map((s) => s.text).sort()).toEqual(['a1', 'b1']);
    expect(await d.tick()).toBe(0);
    time.advance(999);
    expect(await d.tick()).toBe(0);
    time.advance(1);
    expect(await d.tick()).toBe(1);
    time.advance(1000);
    expect(await d.tick()).toBe(1);
    expect(await d.tick()).toBe(0);
    expect(connector.textsTo('conv-a')).toEqual(['a1', 'a2', 'a3']);

    const first = await database.db.outboxMessage.findUniqueOrThrow({ where: { id: a1 } });
    expect(first).toMatchObject({ status: 'sent', attempts: 1, sentActivityId: 'activity-1', lockedBy: null, lockedUntil: null });
    expect(sentIds[0]).toEqual([a1, 'activity-1']);
    expect(sentIds).toHaveLength(4);
    expect(await statusCounts()).toEqual({ sent: 4 });
  });

  it('a message in backoff holds back the later messages of its target, not those of other targets', async () => {
    const time = manualClock();
    let failures = 1;
    const connector = fakeConnector((text) => (text === 'a1' && failures-- > 0 ? httpError(503) : undefined));
    const d = dispatcher({ send: connector.send, clock: time.clock });
    const a1 = await enqueue('conv-a', 'a1');
    await enqueue('conv-a', 'a2');
    await enqueue('conv-b', 'b1');
    await enqueue('conv-b', 'b2');

    expect(await d.tick()).toBe(1);
    expect(await d.tick()).toBe(1);
    expect(await d.tick()).toBe(0);
    expect(connector.textsTo('conv-b')).toEqual(['b1', 'b2']);
    expect(connector.textsTo('conv-a')).toEqual([]);
    expect(await database.db.outboxMessage.findUniqueOrThrow({ where: { id: a1 } })).toMatchObject({ status: 'pending', attempts: 1, lastError: '503' });

    // random() = 1 with equal jitter: exactly the exponential delay, 1 s after the first failure.
    time.advance(999);
    expect(await d.tick()).toBe(0);
    time.advance(1);
    expect(await d.tick()).toBe(1);
    expect(await d.tick()).toBe(1);
    expect(connector.textsTo('conv-a')).toEqual(['a1', 'a2']);
    expect(await database.db.outboxMessage.findUniqueOrThrow({ where: { id: a1 } })).toMatchObject({ status: 'sent', attempts: 2, lastError: '503' });
  });

  it('waits as long as Retry-After asks when that is longer than the backoff', async () => {
    const time = manualClock();
    let failures = 1;
    const connector = fakeConnector(() => (failures-- > 0 ? httpError(429, '5') : undefined));
    const d = dispatcher({ send: connector.send, clock: time.clock });
    const id = await enqueue('conv-a', 'a1');
    expect(await d.tick()).toBe(0);
    const row = await database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row.nextAttemptAt.getTime() - time.now()).toBe(5000);
    time.advance(4999);
    expect(await d.tick()).toBe(0);
    time.advance(1);
    expect(await d.tick()).toBe(1);
  });

  it('fails a message at once on a permanent error (404, gone, no conversation), and the target carries on', async () => {
    const time = manualClock();
    const connector = fakeConnector((text) => (text === 'a1' ? httpError(404) : undefined));
    const d = dispatcher({ send: connector.send, clock: time.clock });
    const a1 = await enqueue('conv-a', 'a1', { teamId: 'team-1' });
    await enqueue('conv-a', 'a2', { teamId: 'team-1' });
    const erased = await enqueue('conv-b', 'b1', { kind: 'erased', teamId: 'team-2' });
    await enqueue('conv-b', 'b2', { teamId: 'team-2' });
    const lost = await enqueue('nowhere', 'n1');

    expect(await d.tick()).toBe(0);
    expect(await d.tick()).toBe(2);
    expect(connector.sent.map((s) => s.text).sort()).toEqual(['a2', 'b2']);
    expect(connector.requests.filter((t) => t === 'a1')).toHaveLength(1);

    const failed = await outbox.listFailed();
    expect(failed.map((m) => [m.id, m.lastError, m.attempts])).toEqual([
      [a1, '404', 1],
      [erased, 'gone', 1],
      [lost, 'no_conversation', 1],
    ]);
    expect((await outbox.listFailed('team-2')).map((m) => m.id)).toEqual([erased]);
  });

  it('after maxAttempts a retryable failure fails; retryFailed puts it back with fresh attempts', async () => {
    const time = manualClock();
    let down = true;
    const connector = fakeConnector(() => (down ? Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) : undefined));
    const d = dispatcher({ send: connector.send, clock: time.clock, policy: { maxAttempts: 3 } });
    const id = await enqueue('conv-a', 'a1');
    await enqueue('conv-a', 'a2');

    for (let i = 0; i < 3; i++) {
      expect(await d.tick()).toBe(0);
      time.advance(60_000);
    }
    expect(connector.requests).toEqual(['a1', 'a1', 'a1']);
    expect(await database.db.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'failed', attempts: 3, lastError: 'ECONNRESET' });
    expect(await statusCounts()).toEqual({ pending: 1, failed: 1 });

    down = false;
    expect(await outbox.retryFailed(id, time.clock())).toBe(true);
    expect(await outbox.retryFailed(id, time.clock())).toBe(false);
    expect(await database.db.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'pending', attempts: 0 });
    time.advance(60_000);
    // a1 is again its target's oldest pending message, so it still goes before a2.
    expect(await d.tick()).toBe(1);
    expect(await d.tick()).toBe(1);
    expect(connector.sent.map((s) => s.text)).toEqual(['a1', 'a2']);
  });

  it('a message locked by a live claim is not claimed again; an expired claim is', async () => {
    const time = manualClock();
    await enqueue('conv-a', 'a1');
    const options = { now: time.clock(), lockMs: 30_000, minGapMs: 0, limit: 10 };
    expect(await outbox.claimDue({ ...options, instanceId: 'one' })).toHaveLength(1);
    expect(await outbox.claimDue({ ...options, instanceId: 'two' })).toHaveLength(0);
    const later = await outbox.claimDue({ ...options, now: new Date(time.now() + 30_000), instanceId: 'two' });
    expect(later.map((m) => m.lockedBy)).toEqual(['two']);
  });

  it('enqueues inside the caller’s transaction: a rollback leaves no message', async () => {
    await expect(
      database.db.$transaction(async (tx) => {
        await outbox.enqueue({ target: 'conv-a', kind: 'test', payload: { text: 'x' } }, tx);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await database.db.outboxMessage.count()).toBe(0);
    const id = await database.db.$transaction(async (tx) => outbox.enqueue({ target: 'conv-a', kind: 'test', payload: { text: 'x' } }, tx));
    expect(await database.db.outboxMessage.count({ where: { id } })).toBe(1);
  });

  it('enqueues many in one statement, in order, all checked first: one bad message writes none', async () => {
    const time = manualClock();
    const connector = fakeConnector();
    await expect(outbox.enqueueMany([{ target: 'conv-a', kind: 'test', payload: { text: 'ok' } }, { target: '', kind: 'test', payload: {} }])).rejects.toThrow();
    expect(await database.db.outboxMessage.count()).toBe(0);
    await outbox.enqueueMany(['m1', 'm2', 'm3'].map((text) => ({ target: 'conv-a', kind: 'test', payload: { text } })));
    const d = dispatcher({ send: connector.send, clock: time.clock });
    for (let i = 0; i < 3; i++) await d.tick();
    expect(connector.sent.map((s) => s.text)).toEqual(['m1', 'm2', 'm3']);
  });

  it('holds a message given notBefore until then', async () => {
    const time = manualClock();
    const connector = fakeConnector();
    const d = dispatcher({ send: connector.send, clock: time.clock });
    await outbox.enqueue({ target: 'conv-a', kind: 'test', payload: { text: 'later' }, notBefore: new Date(time.now() + 60_000) });
    expect(await d.tick()).toBe(0);
    time.advance(60_000);
    expect(await d.tick()).toBe(1);
  });

  it('prunes sent and failed messages older than the cutoff (failed ones by their last attempt), never pending ones', async () => {
    const cutoff = new Date('2027-01-31T00:00:00Z');
    const [old, recent] = [new Date('2027-01-01T00:00:00Z'), new Date('2027-02-01T00:00:00Z')];
    const make = (text: string, status: string, createdAt: Date, lastAttempt = createdAt) =>
      database.db.outboxMessage.create({
        data: { target: 'conv-a', kind: 'test', payload: { text }, status, createdAt, nextAttemptAt: lastAttempt, sentAt: status === 'sent' ? lastAttempt : null },
      });
    await make('old sent', 'sent', old);
    await make('old failed', 'failed', old);
    await make('old failed, retried by hand lately', 'failed', old, recent);
    await make('old pending', 'pending', old);
    await make('recent sent', 'sent', recent);
    await make('recent failed', 'failed', recent);

    expect(await outbox.prune(cutoff)).toBe(2);
    const left = await database.db.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(left.map((m) => (m.payload as { text: string }).text)).toEqual(['old failed, retried by hand lately', 'old pending', 'recent sent', 'recent failed']);
  });

  it('logs events with codes only, never the rendered text or payload', async () => {
    const time = manualClock();
    const { logger, lines } = captureLogs();
    let failures = 1;
    const connector = fakeConnector(() => (failures-- > 0 ? httpError(503) : undefined));
    const d = dispatcher({ send: connector.send, clock: time.clock, logger });
    await enqueue('conv-a', 'Geheime tekst over Jan Peeters');
    await enqueue('nowhere', 'Nog een geheime tekst');
    await d.tick();
    time.advance(60_000);
    await d.tick();
    const events = lines.map((l) => JSON.parse(l) as { event: string; code?: string });
    expect(events.map((e) => [e.event, e.code])).toEqual(
      expect.arrayContaining([
        ['outbox_retry', '503'],
        ['outbox_failed', 'no_conversation'],
        ['outbox_sent', undefined],
      ]),
    );
    expect(lines.join('')).not.toMatch(/Geheime|geheime|Peeters/);
  });

  it('two instances on separate connections deliver 200 messages exactly once and in order per target', async () => {
    const second = await openDatabase(database.url);
    try {
      const targets = ['conv-1', 'conv-2', 'conv-3', 'conv-4', 'user:aad-5'];
      for (let i = 0; i < 200; i++) await enqueue(targets[i % targets.length]!, `m-${i}`);

      const received: { target: string; text: string; instance: string }[] = [];
      const inFlight = new Map<string, number>();
      let maxInFlight = 0;
      const sendAs =
        (instance: string): TOutboxDispatcherDeps['send'] =>
        async (reference, activity) => {
          const target = reference.conversation!.id;
          inFlight.set(target, (inFlight.get(target) ?? 0) + 1);
          maxInFlight = Math.max(maxInFlight, inFlight.get(target)!);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          received.push({ target, text: String(activity.text), instance });
          inFlight.set(target, inFlight.get(target)! - 1);
          return `${instance}-${received.length}`;
        };
      const make = (instanceId: string, repo: TOutboxRepository) =>
        createOutboxDispatcher({
          outbox: repo,
          render,
          resolveReference,
          send: sendAs(instanceId),
          clock: () => new Date(),
          random: Math.random,
          logger: createLogger({ level: 'silent' }),
          instanceId,
          policy: { minGapMs: 2, lockMs: 60_000, batchSize: 10 },
        });
      const dispatchers = [make('instance-a', outbox), make('instance-b', createOutboxRepository(second.db))];
      const deadline = Date.now() + 25_000;
      await Promise.all(
        dispatchers.map(async (d) => {
          while (received.length < 200 && Date.now() < deadline) {
            if ((await d.tick()) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
          }
        }),
      );

      expect(received).toHaveLength(200);
      expect(new Set(received.map((r) => r.text)).size).toBe(200);
      for (const [t, target] of targets.entries()) {
        const expected = Array.from({ length: 40 }, (_, k) => `m-${k * targets.length + t}`);
        expect(received.filter((r) => r.target === target).map((r) => r.text)).toEqual(expected);
      }
      expect(maxInFlight).toBe(1);
      const byInstance = (instance: string) => received.filter((r) => r.instance === instance).length;
      expect(byInstance('instance-a')).toBeGreaterThan(0);
      expect(byInstance('instance-b')).toBeGreaterThan(0);
      const rows: TOutboxRecord[] = await database.db.outboxMessage.findMany();
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.lockedBy === null)).toBe(true);
    } finally {
      await second.close();
    }
  });
});
