import type { Attachment } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { createReminderScheduler, type TReminderSchedulerDeps } from '../../bot/follow-ups/reminder-scheduler.ts';
import { renderFollowUpMessage, type TFollowUpRenderDeps } from '../../bot/follow-ups/render-follow-up-message.ts';
import { createLogger } from '../../bot/logger.ts';
import { loadContent } from '../../data/content/load-content.ts';
import type { TFollowUpRecord } from '../../data/repositories/follow-ups.ts';
import { fixtureFollowUp } from '../fixtures/follow-up-card-view-models.ts';

const logger = createLogger({ level: 'silent' });
const content = loadContent();

function row(id: string, assigneeId: string): TFollowUpRecord {
  return { ...fixtureFollowUp(1, '2027-02-01'), id, assigneeId };
}

/** A scheduler over in-memory fakes that record what it claims and enqueues. */
function setup(opts: { batches?: TFollowUpRecord[][]; teams?: string[]; now: Date; batchSize?: number }) {
  const batches = [...(opts.batches ?? [])];
  const claimDays: string[] = [];
  const personal = new Set<string>();
  const weekly = new Map<string, string>();
  const enqueued: { target: string; teamId?: string; kind: string; payload: Record<string, unknown> }[] = [];
  let woken = 0;
  let now = opts.now;
  const deps: TReminderSchedulerDeps = {
    followUps: {
      claimDueReminders: async (day) => {
        claimDays.push(day);
        return batches.shift() ?? [];
      },
    },
    schedule: {
      claimPersonalReminder: async (assigneeId, day) => !personal.has(`${assigneeId}:${day}`) && Boolean(personal.add(`${assigneeId}:${day}`)),
      listTeamsAwaitingWeeklySummary: async (weekKey) => (opts.teams ?? []).filter((t) => (weekly.get(t) ?? '') < weekKey).map((teamId) => ({ teamId, signalChannelId: `19:${teamId}@thread` })),
      claimWeeklySummary: async (teamId, weekKey) => {
        if ((weekly.get(teamId) ?? '') >= weekKey) return false;
        weekly.set(teamId, weekKey);
        return true;
      },
    },
    outbox: { enqueue: async (message) => enqueued.push(message) },
    clock: () => now,
    logger,
    batchSize: opts.batchSize ?? 3,
    onEnqueued: () => (woken += 1),
  };
  return { scheduler: createReminderScheduler(deps), batches, enqueued, claimDays, woken: () => woken, setNow: (d: Date) => (now = d) };
}

describe('the reminder scheduler', () => {
  it('sends one reminder per person per day, even when their follow-ups come in several batches', async () => {
    const { scheduler, batches, enqueued, claimDays, woken } = setup({
      now: new Date('2027-02-09T10:00:00Z'),
      batches: [[row('a', 'w1'), row('b', 'w2'), row('c', 'w1')], [row('d', 'w1'), row('e', 'w3')]],
    });
    expect(await scheduler.tick()).toEqual({ reminders: 3, weeklySummaries: 0 });
    expect(claimDays).toEqual(['2027-02-09', '2027-02-09']);
    expect(enqueued).toEqual([
      { target: 'user:w1', kind: 'followUp.reminder', payload: { assigneeId: 'w1', day: '2027-02-09' } },
      { target: 'user:w2', kind: 'followUp.reminder', payload: { assigneeId: 'w2', day: '2027-02-09' } },
      { target: 'user:w3', kind: 'followUp.reminder', payload: { assigneeId: 'w3', day: '2027-02-09' } },
    ]);
    expect(woken()).toBe(1);
    // Later that day a newly due follow-up is claimed, but its person already had today's reminder.
    batches.push([row('f', 'w1')]);
    expect(await scheduler.tick()).toEqual({ reminders: 0, weeklySummaries: 0 });
    expect(enqueued).toHaveLength(3);
    expect(woken()).toBe(1);
  });

  it('claims with the local day in Brussels', async () => {
    const { scheduler, claimDays } = setup({ now: new Date('2027-02-08T23:30:00Z') });
    await scheduler.tick();
    expect(claimDays).toEqual(['2027-02-09']);
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
    const { scheduler, claimDays } = setup({ now: new Date('2027-02-09T10:00:00Z') });
    const [a, b] = [scheduler.tick(), scheduler.tick()];
    expect(a).toBe(b);
    await a;
    expect(claimDays).toHaveLength(1);
    await scheduler.tick();
    expect(claimDays).toHaveLength(2);
  });

  it('keeps ticking after a failed tick, and stops when asked', async () => {
    let calls = 0;
    const scheduler = createReminderScheduler({
      followUps: {
        claimDueReminders: async () => {
          calls += 1;
          if (calls === 1) throw Object.assign(new Error('database away'), { code: 'P1001' });
          return [];
        },
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
