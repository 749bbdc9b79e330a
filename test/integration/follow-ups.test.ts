import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReminderScheduler, type TFollowUpOutbox } from '../../bot/follow-ups/reminder-scheduler.ts';
import { createLogger } from '../../bot/logger.ts';
import { openDatabase } from '../../data/client.ts';
import { createContactRepository, type TContactData } from '../../data/repositories/contacts.ts';
import { addDays, createFollowUpRepository, type TAssignFollowUp } from '../../data/repositories/follow-ups.ts';
import { createOutboxRepository } from '../../data/repositories/outbox.ts';
import { createTeamScheduleRepository } from '../../data/repositories/team-schedule.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';

const logger = createLogger({ level: 'silent' });
const NOW = new Date('2027-02-10T09:00:00Z');
const TODAY = '2027-02-10';
const person = (n: number, extra: Partial<TContactData> = {}): TContactData => ({
  lifeEvent: 'partner_death', detectionSource: 'civil_affairs_list', consentStatus: 'not_needed', firstName: 'Testvoornaam', lastName: `Testpersoon${n}`, ...extra,
});

describe.each(DATABASE_KINDS)('follow-ups (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let contacts: ReturnType<typeof createContactRepository>;
  let followUps: ReturnType<typeof createFollowUpRepository>;
  let n = 0;
  const newContact = async (worker = 'w1', extra: Partial<TContactData> = {}) => contacts.create(person((n += 1), extra), { workerId: worker, now: NOW });
  const assignment = (contactId: string, extra: Partial<TAssignFollowUp> = {}): TAssignFollowUp => ({
    contactId, teamId: 'team-1', assigneeId: 'w2', assignedBy: 'c1', dueDate: '2027-02-12', mode: 'phone', reason: 'after_death', ...extra,
  });

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    contacts = createContactRepository(database.db);
    followUps = createFollowUpRepository(database.db);
  });
  afterAll(async () => database?.dispose());

  it('assigns a follow-up with an event on the timeline that holds ids and codes only', async () => {
    const contact = await newContact();
    const inTransaction: string[] = [];
    const followUp = await followUps.assign(assignment(contact.id, { reasonNote: 'Liefst in de voormiddag bellen.' }), NOW, async (tx, created) => {
      inTransaction.push(created.id);
      await tx.outboxMessage.create({ data: { target: 'user:w2', kind: 'followUp.assigned', payload: { followUpId: created.id } } });
    });
    expect(followUp).toMatchObject({ created: true, status: 'open', dueDate: '2027-02-12', reasonNote: 'Liefst in de voormiddag bellen.', remindedOn: null });
    expect(inTransaction).toEqual([followUp.id]);
    const events = await database.db.contactEvent.findMany({ where: { contactId: contact.id, type: 'follow_up_assigned' } });
    expect(events.map((e) => [e.actorId, e.detail])).toEqual([
      ['c1', { followUpId: followUp.id, assigneeId: 'w2', mode: 'phone', dueDate: '2027-02-12', reason: 'after_death' }],
    ]);

    // A double click on the coordinator's card: the same follow-up, no second event or message.
    const again = await followUps.assign(assignment(contact.id, { reasonNote: 'Liefst in de voormiddag bellen.' }), NOW, async () => {
      inTransaction.push('again');
    });
    expect(again).toMatchObject({ id: followUp.id, created: false });
    expect(inTransaction).toEqual([followUp.id]);
    expect(await database.db.contactEvent.count({ where: { contactId: contact.id, type: 'follow_up_assigned' } })).toBe(1);
    expect(await database.db.outboxMessage.count({ where: { kind: 'followUp.assigned', target: 'user:w2' } })).toBe(1);
  });

  it('rolls the follow-up back when the work in its transaction fails', async () => {
    const contact = await newContact();
    await expect(
      followUps.assign(assignment(contact.id, { assigneeId: 'w-rollback' }), NOW, async () => {
        throw new Error('outbox away');
      }),
    ).rejects.toThrow('outbox away');
    expect(await database.db.followUp.count({ where: { assigneeId: 'w-rollback' } })).toBe(0);
    expect(await database.db.contactEvent.count({ where: { contactId: contact.id, type: 'follow_up_assigned' } })).toBe(0);
  });

  it("lists a person's open follow-ups overdue first, then today, then later, with the contact's code and name", async () => {
    const [a, b, c, d, e] = [await newContact(), await newContact(), await newContact(), await newContact(), await newContact()];
    const assign = (contactId: string, dueDate: string, assigneeId = 'w-list') => followUps.assign(assignment(contactId, { assigneeId, dueDate }), NOW);
    await assign(a.id, '2027-03-01');
    await assign(b.id, TODAY);
    await assign(c.id, '2027-02-03');
    await assign(d.id, '2027-01-20');
    await assign(e.id, '2027-02-11');
    await assign(e.id, '2027-01-01', 'someone-else');
    const done = await assign(a.id, '2027-01-02');
    await followUps.complete({ id: done.id, assigneeId: 'w-list', outcome: 'reached_ok', now: NOW });

    const list = await followUps.listOpenForAssignee('w-list', TODAY);
    expect(list.map((f) => [f.contact.caseCode, f.dueDate, f.timing])).toEqual([
      [d.caseCode, '2027-01-20', 'overdue'],
      [c.caseCode, '2027-02-03', 'overdue'],
      [b.caseCode, TODAY, 'today'],
      [e.caseCode, '2027-02-11', 'later'],
      [a.caseCode, '2027-03-01', 'later'],
    ]);
    expect(list[0]!.contact).toEqual({ caseCode: d.caseCode, firstName: 'Testvoornaam', lastName: d.lastName, assignedWorkerId: d.assignedWorkerId });
  });

  it('completes a follow-up once: a second click or a redelivery changes nothing and says so', async () => {
    const contact = await newContact();
    const followUp = await followUps.assign(assignment(contact.id, { assigneeId: 'w-done' }), NOW);
    expect(await followUps.complete({ id: followUp.id, assigneeId: 'someone-else', outcome: 'reached_ok', now: NOW })).toEqual({ status: 'not_found' });

    const later = new Date('2027-02-11T10:00:00Z');
    const first = await followUps.complete({ id: followUp.id, assigneeId: 'w-done', outcome: 'reached_support', outcomeNote: 'Zoekt een rouwgroep.', now: later });
    expect(first.status).toBe('completed');
    const second = await followUps.complete({ id: followUp.id, assigneeId: 'w-done', outcome: 'declined', outcomeNote: 'anders', now: new Date('2027-02-12T10:00:00Z') });
    expect(second.status).toBe('already_done');

    const stored = await database.db.followUp.findUniqueOrThrow({ where: { id: followUp.id } });
    expect([stored.status, stored.outcome, stored.outcomeNote, stored.completedAt?.toISOString()]).toEqual(['done', 'reached_support', 'Zoekt een rouwgroep.', later.toISOString()]);
    const events = await database.db.contactEvent.findMany({ where: { contactId: contact.id, type: 'follow_up_done' } });
    // The outcome code on the timeline, never the note.
    expect(events.map((e) => [e.actorId, e.detail])).toEqual([['w-done', { followUpId: followUp.id, outcome: 'reached_support' }]]);
  });

  it('completes exactly once when two clicks arrive at the same time', async () => {
    const contact = await newContact();
    const followUp = await followUps.assign(assignment(contact.id, { assigneeId: 'w-race' }), NOW);
    const results = await Promise.all([1, 2, 3].map(() => followUps.complete({ id: followUp.id, assigneeId: 'w-race', outcome: 'not_reached', now: NOW })));
    expect(results.map((r) => r.status).sort()).toEqual(['already_done', 'already_done', 'completed']);
    expect(await database.db.contactEvent.count({ where: { contactId: contact.id, type: 'follow_up_done' } })).toBe(1);
  });

  it('lets the assignee of an open follow-up open the contact, and only while it is open', async () => {
    const contact = await newContact('w-owner');
    expect(await contacts.findForWorker(contact.id, 'w-helper')).toBeUndefined();
    const followUp = await followUps.assign(assignment(contact.id, { assigneeId: 'w-helper' }), NOW);
    expect((await contacts.findForWorker(contact.id, 'w-helper'))?.caseCode).toBe(contact.caseCode);
    expect((await contacts.findForWorker(contact.id, 'w-owner'))?.caseCode).toBe(contact.caseCode);
    expect(await contacts.findForWorker(contact.id, 'w-stranger')).toBeUndefined();
    // A follow-up of another contact opens only that contact.
    expect(await contacts.findForWorker((await newContact('w-owner')).id, 'w-helper')).toBeUndefined();
    await followUps.complete({ id: followUp.id, assigneeId: 'w-helper', outcome: 'reached_ok', now: NOW });
    expect(await contacts.findForWorker(contact.id, 'w-helper')).toBeUndefined();
  });

  it('suggests a follow-up 10 to 14 weeks after a death, only without one open or done for that reason, and without names', async () => {
    const today = '2030-06-15';
    const weeksAgo = (w: number, days = 0) => addDays(today, -w * 7 - days);
    const make = (w: number, extra: Partial<TContactData> = {}, worker = 'w-sugg') => newContact(worker, { eventDate: weeksAgo(w), ...extra });
    const tooRecent = await make(9, { eventDate: weeksAgo(9, 6) });
    const ten = await make(10);
    const twelve = await make(12, { eventDate: weeksAgo(12, 3) });
    const fourteen = await make(14);
    await make(14, { eventDate: weeksAgo(14, 1) });
    const withOpen = await make(12);
    await followUps.assign(assignment(withOpen.id, { reason: 'agreed', dueDate: '2030-07-01' }), NOW);
    const withDone = await make(11);
    const done = await followUps.assign(assignment(withDone.id, { reason: 'after_death', assigneeId: 'w-x' }), NOW);
    await followUps.complete({ id: done.id, assigneeId: 'w-x', outcome: 'reached_ok', now: NOW });
    const withOtherDone = await make(13);
    const other = await followUps.assign(assignment(withOtherDone.id, { reason: 'referral_check', assigneeId: 'w-x' }), NOW);
    await followUps.complete({ id: other.id, assigneeId: 'w-x', outcome: 'reached_ok', now: NOW });
    await make(12, { lifeEvent: 'move' });
    const closed = await make(12);
    await database.db.contact.update({ where: { id: closed.id }, data: { status: 'closed' } });
    const otherTeam = await make(12, {}, 'w-other-team');

    await database.db.team.create({ data: { teamId: 'team-sugg' } });
    await database.db.teamMember.create({ data: { teamId: 'team-sugg', aadObjectId: 'w-sugg', teamsUserId: '29:s', displayName: 'Collega', role: 'worker' } });
    const mine = await followUps.suggestions({ today, teamId: 'team-sugg' });
    expect(mine.map((s) => [s.caseCode, s.weeksSinceEvent, s.suggestedDueDate])).toEqual([
      [fourteen.caseCode, 14, addDays(today, 7)],
      [withOtherDone.caseCode, 13, addDays(today, 7)],
      [twelve.caseCode, 12, addDays(today, 7)],
      [ten.caseCode, 10, addDays(weeksAgo(10), 91)],
    ]);
    expect(mine.map((s) => s.contactId)).not.toContain(tooRecent.id);
    for (const s of mine) {
      expect(Object.keys(s).sort()).toEqual(['caseCode', 'contactId', 'lifeEvent', 'mode', 'reason', 'suggestedDueDate', 'weeksSinceEvent']);
      expect(s).toMatchObject({ lifeEvent: 'partner_death', mode: 'phone', reason: 'after_death' });
    }
    expect(JSON.stringify(mine)).not.toMatch(/Testvoornaam|Testpersoon/);

    // Only contacts of the team's members: another team sees its own.
    await database.db.team.create({ data: { teamId: 'team-other' } });
    await database.db.teamMember.create({ data: { teamId: 'team-other', aadObjectId: 'w-other-team', teamsUserId: '29:o', displayName: 'Collega', role: 'worker' } });
    expect((await followUps.suggestions({ today, teamId: 'team-other' })).map((s) => s.contactId)).toEqual([otherTeam.id]);
    expect(await followUps.suggestions({ today, teamId: 'team-without-members' })).toEqual([]);
  });

  it("counts a team's follow-ups for the weekly summary", async () => {
    const team = 'team-counts';
    const make = async (dueDate: string) => followUps.assign(assignment((await newContact()).id, { teamId: team, assigneeId: 'w-c', dueDate }), NOW);
    await make('2027-02-01'); // overdue
    await make('2027-02-08'); // today
    await make('2027-02-14'); // this week
    await make('2027-02-20'); // later
    const doneInWeek = await make('2027-02-02');
    const doneBefore = await make('2027-01-20');
    await followUps.complete({ id: doneInWeek.id, assigneeId: 'w-c', outcome: 'reached_ok', now: new Date('2027-02-05T10:00:00Z') });
    await followUps.complete({ id: doneBefore.id, assigneeId: 'w-c', outcome: 'reached_ok', now: new Date('2027-01-31T22:59:00Z') });
    const counts = await followUps.countsForTeam(team, {
      today: '2027-02-08', weekEnd: '2027-02-14', doneFrom: new Date('2027-01-31T23:00:00Z'), doneTo: new Date('2027-02-07T23:00:00Z'),
    });
    expect(counts).toEqual({ open: 4, dueThisWeek: 2, overdue: 1, doneLastWeek: 1 });
  });

  it('finds the people with follow-ups due and not reminded of today, and marks them reminded per person', async () => {
    const day = '2031-01-10';
    const due = await followUps.assign(assignment((await newContact()).id, { assigneeId: 'w-claim', dueDate: '2031-01-09' }), NOW);
    const notDue = await followUps.assign(assignment((await newContact()).id, { assigneeId: 'w-claim', dueDate: '2031-01-11' }), NOW);
    const toRemind = async (d: string) => (await followUps.assigneesToRemind(d, 1000)).includes('w-claim');
    expect(await toRemind(day)).toBe(true);
    expect(await followUps.markReminded('w-claim', day)).toEqual({ teamId: 'team-1' });
    expect(await toRemind(day)).toBe(false);
    expect(await toRemind('2031-01-11')).toBe(true);
    await followUps.markReminded('w-claim', '2031-01-11');
    const stored = await database.db.followUp.findMany({ where: { id: { in: [due.id, notDue.id] } } });
    expect(stored.map((f) => f.remindedOn)).toEqual(['2031-01-11', '2031-01-11']);
  });

  it('claims a weekly summary once per team and week, and never an older week after a newer one', async () => {
    const schedule = createTeamScheduleRepository(database.db);
    await database.db.team.create({ data: { teamId: 'team-week', signalChannelId: '19:week@thread' } });
    expect(await schedule.claimWeeklySummary('team-week', '2027-W06')).toBe(true);
    expect(await schedule.claimWeeklySummary('team-week', '2027-W06')).toBe(false);
    expect(await schedule.claimWeeklySummary('team-week', '2027-W05')).toBe(false);
    expect((await schedule.listTeamsAwaitingWeeklySummary('2027-W06')).map((t) => t.teamId)).not.toContain('team-week');
    expect((await schedule.listTeamsAwaitingWeeklySummary('2027-W07')).map((t) => t.teamId)).toContain('team-week');
    expect(await schedule.claimWeeklySummary('team-week', '2027-W07')).toBe(true);
    expect(await schedule.claimWeeklySummary('no-such-team', '2027-W07')).toBe(false);
  });
});

describe.each(DATABASE_KINDS)('two bot instances on one database (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  const others: { close(): Promise<void> }[] = [];
  const ASSIGNEES = ['p1', 'p2', 'p3', 'p4', 'p5'];
  const TEAMS = ['team-a', 'team-b'];
  // Monday 8 February 2027, 08:30 in Brussels.
  let now = new Date('2027-02-08T07:30:00Z');

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    const contacts = createContactRepository(database.db);
    const followUps = createFollowUpRepository(database.db);
    for (const teamId of TEAMS) await database.db.team.create({ data: { teamId, signalChannelId: `19:${teamId}@thread` } });
    // A team without a channel gets no summary.
    await database.db.team.create({ data: { teamId: 'team-unbound' } });
    for (let i = 0; i < 50; i++) {
      const contact = await contacts.create(person(i), { workerId: 'owner', now });
      const dueDate = addDays('2027-02-08', -(i % 4)); // due today or up to 3 days ago
      await followUps.assign({ contactId: contact.id, teamId: TEAMS[i % 2], assigneeId: ASSIGNEES[i % 5]!, assignedBy: 'c1', dueDate, mode: 'phone', reason: 'agreed' }, now);
    }
    // Not due yet: no reminder for p6.
    const later = await contacts.create(person(99), { workerId: 'owner', now });
    await followUps.assign({ contactId: later.id, assigneeId: 'p6', assignedBy: 'c1', dueDate: '2027-02-09', mode: 'visit', reason: 'agreed' }, now);
  });
  afterAll(async () => {
    for (const other of others) await other.close();
    await database?.dispose();
  });

  /**
   * A bot instance's connection. Several instances share PostgreSQL; an SQLite file serves one bot process, whose
   * concurrent work shares one connection (a second connection in the same process would block it: better-sqlite3
   * waits for the other's write lock synchronously, so the other never gets to commit).
   */
  async function connection() {
    if (kind === 'sqlite') return database;
    const own = await openDatabase(database.url);
    others.push(own);
    return own;
  }

  /** A scheduler as a separate bot instance. */
  async function instance(batchSize: number) {
    const own = await connection();
    return createReminderScheduler({
      followUps: createFollowUpRepository(own.db),
      schedule: createTeamScheduleRepository(own.db),
      outbox: createOutboxRepository(own.db),
      clock: () => now,
      logger,
      batchSize,
    });
  }

  const enqueued = async () =>
    (await database.db.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((m) => ({ target: m.target, kind: m.kind, teamId: m.teamId, payload: m.payload }));
  const count = (rows: Awaited<ReturnType<typeof enqueued>>, kindName: string) =>
    Object.fromEntries([...new Set(rows.filter((r) => r.kind === kindName).map((r) => r.target))].map((t) => [t, rows.filter((r) => r.kind === kindName && r.target === t).length]));

  it('enqueue exactly one reminder per person and one summary per team, however often they tick at the same time', async () => {
    const [one, two] = [await instance(7), await instance(4)];
    for (let round = 0; round < 12; round++) await Promise.all([one.tick(), two.tick(), one.tick(), two.tick()]);

    const rows = await enqueued();
    expect(count(rows, 'followUp.reminder')).toEqual(Object.fromEntries(ASSIGNEES.map((a) => [`user:${a}`, 1])));
    expect(count(rows, 'followUp.weekly')).toEqual({ '19:team-a@thread': 1, '19:team-b@thread': 1 });
    expect(rows.filter((r) => r.kind === 'followUp.reminder').map((r) => r.payload)).toEqual(
      expect.arrayContaining(ASSIGNEES.map((assigneeId) => ({ assigneeId, day: '2027-02-08' }))),
    );
    expect(rows.filter((r) => r.kind === 'followUp.weekly').map((r) => [r.teamId, r.payload])).toEqual(
      expect.arrayContaining(TEAMS.map((teamId) => [teamId, { teamId, weekKey: '2027-W06' }])),
    );
    // Every due follow-up was claimed for today; the one due tomorrow was not.
    expect(await database.db.followUp.count({ where: { remindedOn: '2027-02-08' } })).toBe(50);
    expect(await database.db.followUp.count({ where: { assigneeId: 'p6', remindedOn: null } })).toBe(1);
  });

  it('lets exactly one of many simultaneous claims win, from either connection', async () => {
    const [a, b] = [createTeamScheduleRepository((await connection()).db), createTeamScheduleRepository(database.db)];
    await database.db.team.create({ data: { teamId: 'team-race' } });
    const weekly = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claimWeeklySummary('team-race', '2031-W10')));
    const personal = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claimPersonalReminder('p1', '2031-03-05')));
    expect([weekly.filter(Boolean).length, personal.filter(Boolean).length]).toEqual([1, 1]);
  });

  it('after a restart on the same day sends nothing again; the next day reminds again, the same week no new summary', async () => {
    const before = (await enqueued()).length;
    const restarted = [await instance(10), await instance(3)];
    now = new Date('2027-02-08T15:00:00Z');
    await Promise.all(restarted.map((s) => s.tick()));
    expect((await enqueued()).length).toBe(before);

    now = new Date('2027-02-09T07:30:00Z');
    for (let round = 0; round < 5; round++) await Promise.all([...restarted.map((s) => s.tick()), ...restarted.map((s) => s.tick())]);
    const rows = (await enqueued()).slice(before);
    expect(count(rows, 'followUp.reminder')).toEqual(Object.fromEntries([...ASSIGNEES, 'p6'].map((a) => [`user:${a}`, 1])));
    expect(count(rows, 'followUp.weekly')).toEqual({});
  });
});

describe.each(DATABASE_KINDS)('reminders and summaries through the outbox (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  // Monday 8 February 2027, 10:00 in Brussels: reminders and the weekly summary are due.
  const now = new Date('2027-02-08T09:00:00Z');

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    const contacts = createContactRepository(database.db);
    const followUps = createFollowUpRepository(database.db);
    await database.db.team.create({ data: { teamId: 'team-r', signalChannelId: '19:team-r@thread' } });
    const assign = async (n: number, teamId: string | null, dueDate: string) =>
      followUps.assign({ contactId: (await contacts.create(person(n), { workerId: 'owner', now })).id, teamId, assigneeId: 'r1', assignedBy: 'c1', dueDate, mode: 'phone', reason: 'agreed' }, now);
    // r1 follows up in two teams; the most overdue follow-up with a team is team-r's.
    await assign(1, null, '2027-02-01');
    await assign(2, 'team-r', '2027-02-05');
    await assign(3, 'team-s', '2027-02-07');
  });
  afterAll(async () => database?.dispose());

  /** The real outbox, failing once for each kind listed in `failOnce`. */
  function failingOutbox(failOnce: Set<string>): TFollowUpOutbox {
    const outbox = createOutboxRepository(database.db);
    return {
      enqueue: async (message, tx) => {
        if (failOnce.delete(message.kind)) throw Object.assign(new Error('outbox away'), { code: 'P1001' });
        return outbox.enqueue(message, tx);
      },
    };
  }

  it('loses nothing when the enqueue fails after the claim: the next tick sends the reminder and the summary', async () => {
    const failOnce = new Set(['followUp.reminder']);
    const scheduler = createReminderScheduler({
      followUps: createFollowUpRepository(database.db),
      schedule: createTeamScheduleRepository(database.db),
      outbox: failingOutbox(failOnce),
      clock: () => now,
      logger,
    });
    await expect(scheduler.tick()).rejects.toThrow('outbox away');
    // The claims went with the failed enqueue.
    expect(await database.db.outboxMessage.count()).toBe(0);
    expect(await database.db.followUp.count({ where: { remindedOn: { not: null } } })).toBe(0);

    failOnce.add('followUp.weekly');
    await expect(scheduler.tick()).rejects.toThrow('outbox away');
    expect(await scheduler.tick()).toEqual({ reminders: 0, weeklySummaries: 1 });
    expect(await scheduler.tick()).toEqual({ reminders: 0, weeklySummaries: 0 });

    const rows = await database.db.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((m) => [m.kind, m.target, m.teamId])).toEqual([
      ['followUp.reminder', 'user:r1', 'team-r'],
      ['followUp.weekly', '19:team-r@thread', 'team-r'],
    ]);
    expect(await database.db.followUp.count({ where: { assigneeId: 'r1', remindedOn: '2027-02-08' } })).toBe(3);
  });

  it("shows a reminder that failed for good on the delivery card of its follow-up's team", async () => {
    const outbox = createOutboxRepository(database.db);
    const reminder = await database.db.outboxMessage.findFirstOrThrow({ where: { kind: 'followUp.reminder' } });
    await outbox.markFailed(reminder.id, { error: '403' });
    expect((await outbox.listFailed('team-r')).map((m) => m.id)).toEqual([reminder.id]);
    expect(await outbox.listFailed('team-s')).toEqual([]);
  });
});
