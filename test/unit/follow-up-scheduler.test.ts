import type { Attachment } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { createReminderScheduler, type TReminderSchedulerDeps } from '../../bot/follow-ups/reminder-scheduler.ts';
import { renderFollowUpMessage, type TFollowUpRenderDeps } from '../../bot/follow-ups/render-follow-up-message.ts';
import { createLogger } from '../../bot/logger.ts';
import { loadContent } from '../../data/content/load-content.ts';
import { fixtureFollowUp } from '../fixtures/follow-up-card-view-models.ts';

const logger = createLogger({ level: 'silent' });
const content = loadContent();

/** A scheduler over in-memory fakes that record what it claims and enqueues; a failing claim is undone like a rollback. */
function setup(opts: { batches?: string[][]; teams?: string[]; now: Date; batchSize?: number; reminderHour?: number }) {
  const batches = [...(opts.batches ?? [])];
  const listDays: string[] = [];
  const marked: string[] = [];
  const personal = new Set<string>();
  const weekly = new Map<string, string>();
  const enqueued: { target: string; teamId?: string; kind: string; payload: Record<string, unknown> }[] = [];
  let woken = 0;
  let now = opts.now;
  const deps: TReminderSchedulerDeps = {
    followUps: {
      assigneesToRemind: async (day) => {
        listDays.push(day);
        return batches.shift() ?? [];
      },
      markReminded: async (assigneeId, day) => {
        marked.push(`${assigneeId}:${day}`);
        return { teamId: `team-of-${assigneeId}` };
      },
    },
    schedule: {
      claimPersonalReminder: async (assigneeId, day, alsoInTransaction) => {
        const key = `${assigneeId}:${day}`;
        if (personal.has(key)) return false;
        personal.add(key);
        await alsoInTransaction?.({} as never).catch((error: unknown) => {
          personal.delete(key);
          throw error;
        });
        return true;
      },
      listTeamsAwaitingWeeklySummary: async (weekKey) => (opts.teams ?? []).filter((t) => (weekly.get(t) ?? '') < weekKey).map((teamId) => ({ teamId, signalChannelId: `19:${teamId}@thread` })),
      claimWeeklySummary: async (teamId, weekKey, alsoInTransaction) => {
        if ((weekly.get(teamId) ?? '') >= weekKey) return false;
        await alsoInTransaction?.({} as never);
        weekly.set(teamId, weekKey);
        return true;
      },
    },
    outbox: { enqueue: async (message) => enqueued.push(message as (typeof enqueued)[number]) },
    clock: () => now,
    logger,
    batchSize: opts.batchSize ?? 3,
    reminderHour: opts.reminderHour,
    onEnqueued: () => (woken += 1),
  };
  return { scheduler: createReminderScheduler(deps), batches, enqueued, listDays, marked, woken: () => woken, setNow: (d: Date) => (now = d) };
}

describe('the reminder scheduler', () => {
  it('sends one reminder per person per day, in the team of their most overdue follow-up, across batches', async () => {
    const { scheduler, batches, enqueued, listDays, marked, woken } = setup({
      now: new Date('2027-02-09T10:00:00Z'),
      batches: [['w1', 'w2', 'w3'], ['w4']],
    });
    expect(await scheduler.tick()).toEqual({ reminders: 4, weeklySummaries: 0 });
    expect(listDays).toEqual(['2027-02-09', '2027-02-09']);
    expect(enqueued.map((m) => [m.target, m.teamId])).toEqual([['user:w1', 'team-of-w1'], ['user:w2', 'team-of-w2'], ['user:w3', 'team-of-w3'], ['user:w4', 'team-of-w4']]);
    expect(enqueued[0]).toEqual({ target: 'user:w1', teamId: 'team-of-w1', kind: 'followUp.reminder', payload: { assigneeId: 'w1', day: '2027-02-09' } });
    expect(woken()).toBe(1);
    // Later that day a follow-up of w1 falls due, but w1 already had today's reminder: it is only marked.
    batches.push(['w1']);
    marked.length = 0;
    expect(await scheduler.tick()).toEqual({ reminders: 0, weeklySummaries: 0 });
    expect(marked).toEqual(['w1:2027-02-09']);
    expect(enqueued).toHaveLength(4);
    expect(woken()).toBe(1);
  });

  it('claims with the local day in Brussels', async () => {
    const { scheduler, listDays } = setup({ now: new Date('2027-02-08T23:30:00Z'), reminderHour: 0 });
    await scheduler.tick();
    expect(listDays).toEqual(['2027-02-09']);
  });

  it('sends reminders from the reminder hour in local time, 08:00 by default', async () => {
    // Tuesday 9 February 2027: 00:01 and 07:59 in Brussels are too early, 08:00 is not.
    const { scheduler, enqueued, listDays, setNow } = setup({ now: new Date('2027-02-08T23:01:00Z'), batches: [['w1']] });
    expect((await scheduler.tick()).reminders).toBe(0);
    setNow(new Date('2027-02-09T06:59:00Z'));
    expect((await scheduler.tick()).reminders).toBe(0);
    expect(listDays).toEqual([]);
    setNow(new Date('2027-02-09T07:00:00Z'));
    expect((await scheduler.tick()).reminders).toBe(1);
    expect(enqueued.map((m) => m.target)).toEqual(['user:w1']);

    const early = setup({ now: new Date('2027-07-13T04:00:00Z'), batches: [['w2']], reminderHour: 6 });
    expect((await early.scheduler.tick()).reminders).toBe(1);
  });

  it('posts the weekly summary once per team from Monday 08:00 local time', async () => {
    const { scheduler, enqueued, setNow } = setup({ now: new Date('2027-02-08T06:59:00Z'), teams: ['t1', 't2'] });
    expect((await scheduler.tick()).weeklySummaries).toBe(0);
    setNow(new Date('2027-02-08T07:00:00Z'));
    expect((await scheduler.tick()).weeklySummaries).toBe(2);
    expect((await scheduler.tick()).weeklySummaries).toBe(0);
    expect(enqueued).toEqual([
      { target: '19:t1@thread', teamId: 't1', kind: 'followUp.weekly', payload: { teamId: 't1', weekKey: '2027-W06' } },
      { target: '19:t2@thread', teamId: 't2', kind: 'followUp.weekly', payload: { teamId: 't2', weekKey: '2027-W06' } },
    ]);
    setNow(new Date('2027-02-15T07:00:00Z'));
    expect((await scheduler.tick()).weeklySummaries).toBe(2);
  });

  it('does not run two ticks of one scheduler at once', async () => {
    const { scheduler, listDays } = setup({ now: new Date('2027-02-09T10:00:00Z') });
    const [a, b] = [scheduler.tick(), scheduler.tick()];
    expect(a).toBe(b);
    await a;
    expect(listDays).toHaveLength(1);
    await scheduler.tick();
    expect(listDays).toHaveLength(2);
  });

  it('keeps ticking after a failed tick, and stops when asked', async () => {
    let calls = 0;
    const scheduler = createReminderScheduler({
      followUps: {
        assigneesToRemind: async () => {
          calls += 1;
          if (calls === 1) throw Object.assign(new Error('database away'), { code: 'P1001' });
          return [];
        },
        markReminded: async () => ({}),
      },
      schedule: { claimPersonalReminder: async () => true, listTeamsAwaitingWeeklySummary: async () => [], claimWeeklySummary: async () => true },
      outbox: { enqueue: async () => undefined },
      clock: () => new Date('2027-02-09T10:00:00Z'),
      logger,
    });
    scheduler.start(5);
    const deadline = Date.now() + 2000;
    while (calls < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    await scheduler.stop();
    const afterStop = calls;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(afterStop).toBeGreaterThanOrEqual(3);
    expect(calls).toBe(afterStop);
  });
});

describe('rendering follow-up messages for the outbox', () => {
  const open = fixtureFollowUp(1, '2027-02-08');
  const later = fixtureFollowUp(2, '2027-03-01');
  const ranges: unknown[] = [];
  const deps = (overrides: Partial<TFollowUpRenderDeps['followUps']> = {}, now = new Date('2027-02-10T09:00:00Z')): TFollowUpRenderDeps => ({
    content,
    clock: () => now,
    followUps: {
      findForMessage: async (id) => (id === open.id ? { ...open, assignerName: 'Fien' } : undefined),
      listOpenForAssignee: async (assigneeId) => (assigneeId === 'w1' ? [open, later] : assigneeId === 'w2' ? [later] : []),
      countsForTeam: async (_teamId, range) => {
        ranges.push(range);
        return { open: 3, dueThisWeek: 1, overdue: 1, doneLastWeek: 4 };
      },
      ...overrides,
    },
  });
  const cardOf = (activity: Awaited<ReturnType<typeof renderFollowUpMessage>>) => JSON.stringify((activity?.attachments as Attachment[] | undefined)?.[0]?.content);

  it('renders the assignment message in the language the payload names, Dutch otherwise', async () => {
    const nl = await renderFollowUpMessage('followUp.assigned', { followUpId: open.id }, deps());
    expect(nl?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardOf(nl)).toContain('Fien vroeg je om K-27-0001 (Testvoornaam Testpersoon1) op te volgen');
    expect(cardOf(await renderFollowUpMessage('followUp.assigned', { followUpId: open.id, locale: 'en' }, deps()))).toContain('Fien asked you to follow up K-27-0001');
  });

  it('renders nothing when the follow-up is gone or done, the payload is bad or the kind is not a follow-up one', async () => {
    expect(await renderFollowUpMessage('followUp.assigned', { followUpId: later.id }, deps())).toBeUndefined();
    expect(await renderFollowUpMessage('followUp.assigned', { followUpId: open.id }, deps({ findForMessage: async () => ({ ...open, status: 'done' }) }))).toBeUndefined();
    expect(await renderFollowUpMessage('followUp.assigned', { followUpId: 'not-a-uuid' }, deps())).toBeUndefined();
    expect(await renderFollowUpMessage('followUp.reminder', { assigneeId: 'w1' }, deps())).toBeUndefined();
    expect(await renderFollowUpMessage('followUp.weekly', { teamId: 't1', weekKey: '2027-W99' }, deps())).toBeUndefined();
    expect(await renderFollowUpMessage('signal.post', { followUpId: open.id }, deps())).toBeUndefined();
  });

  it('reminds of what is due when the message goes out, and of nothing when nothing is due any more', async () => {
    const card = cardOf(await renderFollowUpMessage('followUp.reminder', { assigneeId: 'w1', day: '2027-02-10' }, deps()));
    expect(card).toContain('K-27-0001');
    expect(card).toContain('2 dagen te laat');
    expect(card).not.toContain('K-27-0002');
    expect(await renderFollowUpMessage('followUp.reminder', { assigneeId: 'w2', day: '2027-02-10' }, deps())).toBeUndefined();
  });

  it('counts the weekly summary over the local week, also in the week the clocks change', async () => {
    ranges.length = 0;
    const card = cardOf(await renderFollowUpMessage('followUp.weekly', { teamId: 't1', weekKey: '2027-W13' }, deps({}, new Date('2027-03-29T06:00:00Z'))));
    expect(ranges).toEqual([{ today: '2027-03-29', weekEnd: '2027-04-04', doneFrom: new Date('2027-03-21T23:00:00Z'), doneTo: new Date('2027-03-28T22:00:00Z') }]);
    expect(card).toContain('week 13');
    expect(card).not.toMatch(/K-\d\d-\d{4}|Testpersoon/);
  });
});
