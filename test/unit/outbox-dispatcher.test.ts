import { describe, expect, it } from 'vitest';
import { createOutboxDispatcher, type TOutboxDispatcherDeps } from '../../bot/delivery/outbox-dispatcher.ts';
import { createLogger } from '../../bot/logger.ts';
import type { TOutboxRecord } from '../../data/repositories/outbox.ts';

type TCall = [string, number, unknown?];

/** The repository's contract in memory: hands out each pending message once. */
function memoryOutbox(texts: string[]) {
  const calls: TCall[] = [];
  let claimsRunning = 0;
  let maxClaimsRunning = 0;
  const rows: TOutboxRecord[] = texts.map((text, i) => ({
    id: i + 1, target: `conv-${i + 1}`, teamId: null, kind: 'test', payload: { text }, status: 'pending', attempts: 0,
    nextAttemptAt: new Date(0), lockedBy: null, lockedUntil: null, lastError: null, sentActivityId: null, createdAt: new Date(0), sentAt: null,
  }));
  const outbox: TOutboxDispatcherDeps['outbox'] = {
    async claimDue() {
      claimsRunning++;
      maxClaimsRunning = Math.max(maxClaimsRunning, claimsRunning);
      await new Promise((resolve) => setTimeout(resolve, 5));
      claimsRunning--;
      const due = rows.filter((r) => r.status === 'pending' && !r.lockedBy);
      for (const r of due) r.lockedBy = 'me';
      return due.map((r) => ({ ...r }));
    },
    async markSent(id, { activityId }) {
      calls.push(['sent', id, activityId]);
      Object.assign(rows[id - 1]!, { status: 'sent', lockedBy: null });
    },
    async markRetry(id, { error }) {
      calls.push(['retry', id, error]);
      Object.assign(rows[id - 1]!, { lockedBy: null, attempts: rows[id - 1]!.attempts + 1, nextAttemptAt: new Date(8.64e15) });
      rows[id - 1]!.status = 'waiting';
    },
    async markFailed(id, { error }) {
      calls.push(['failed', id, error]);
      Object.assign(rows[id - 1]!, { status: 'failed', lockedBy: null });
    },
  };
  return { outbox, calls, rows, maxClaimsRunning: () => maxClaimsRunning };
}

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
};

function dispatcherWith(outbox: TOutboxDispatcherDeps['outbox'], overrides: Partial<TOutboxDispatcherDeps> = {}) {
  return createOutboxDispatcher({
    outbox,
    render: (_kind, payload) => ({ type: 'message', text: (payload as { text: string }).text }),
    resolveReference: async (target) => ({ serviceUrl: 'https://connector.invalid/', conversation: { id: target } as never }),
    send: async () => 'activity-1',
    clock: () => new Date(),
    random: () => 0.5,
    logger: createLogger({ level: 'silent' }),
    instanceId: 'unit',
    ...overrides,
  });
}

describe('outbox dispatcher', () => {
  it('never runs two ticks of one dispatcher at once', async () => {
    const memory = memoryOutbox(['a', 'b']);
    const d = dispatcherWith(memory.outbox);
    const counts = await Promise.all([d.tick(), d.tick(), d.tick()]);
    expect(counts).toEqual([2, 0, 0]);
    expect(memory.maxClaimsRunning()).toBe(1);
  });

  it('stop() waits for the send in progress and its bookkeeping, and no tick follows', async () => {
    const memory = memoryOutbox(['a']);
    const gate = deferred();
    let sends = 0;
    const d = dispatcherWith(memory.outbox, { send: async () => (sends++, await gate.promise, 'activity-1') });
    d.start(5);
    await waitFor(() => sends === 1);
    let stopped = false;
    const stopping = d.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    gate.release();
    await stopping;
    expect(memory.calls).toEqual([['sent', 1, 'activity-1']]);
    memory.rows.push({ ...memory.rows[0]!, id: 2, status: 'pending', lockedBy: null });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sends).toBe(1);
  });

  it('wake() ticks at once instead of after the idle interval', async () => {
    const memory = memoryOutbox([]);
    const sent: string[] = [];
    const d = dispatcherWith(memory.outbox, { send: async (_r, activity) => (sent.push(String(activity.text)), 'x') });
    d.start(5, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 30));
    memory.rows.push({ ...memoryOutbox(['late']).rows[0]! });
    d.wake();
    await waitFor(() => sent.length === 1);
    await d.stop();
  });

  it('a failing render is retried under its own code; a failing onSent leaves the message sent', async () => {
    const memory = memoryOutbox(['a', 'b']);
    const d = dispatcherWith(memory.outbox, {
      render: (_kind, payload) => {
        if ((payload as { text: string }).text === 'a') throw new Error('database away');
        return { type: 'message', text: 'b' };
      },
      onSent: () => {
        throw new Error('could not record the post');
      },
    });
    expect(await d.tick()).toBe(1);
    expect(memory.calls).toEqual(expect.arrayContaining([['retry', 1, 'render_error'], ['sent', 2, 'activity-1']]));
    expect(memory.calls).toHaveLength(2);
  });

  it('keeps ticking after a tick fails (database away) and logs it', async () => {
    const memory = memoryOutbox(['a']);
    let failNext = true;
    const claimDue: TOutboxDispatcherDeps['outbox']['claimDue'] = async (options) => {
      if (failNext) {
        failNext = false;
        throw Object.assign(new Error('connection lost'), { code: 'P1001' });
      }
      return memory.outbox.claimDue(options);
    };
    const d = dispatcherWith({ ...memory.outbox, claimDue });
    d.start(5);
    await waitFor(() => memory.calls.length === 1);
    await d.stop();
    expect(memory.calls).toEqual([['sent', 1, 'activity-1']]);
  });
});
