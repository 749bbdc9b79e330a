import type { TDb } from '../client.ts';
import type { Prisma } from '../generated/postgresql/client.ts';

export type TFollowUpRecord = Prisma.FollowUpGetPayload<object>;
export type TFollowUpMode = 'phone' | 'visit';

/** A follow-up with the little of its contact the assignee needs to recognise it (personal chat only). */
export type TFollowUpWithContact = TFollowUpRecord & { contact: { caseCode: string; firstName: string; lastName: string; assignedWorkerId: string | null } };

export type TFollowUpTiming = 'overdue' | 'today' | 'later';
export type TOpenFollowUp = TFollowUpWithContact & { timing: TFollowUpTiming };

export interface TAssignFollowUp {
  contactId: string;
  teamId?: string | null;
  assigneeId: string;
  assignedBy: string;
  /** YYYY-MM-DD */
  dueDate: string;
  mode: TFollowUpMode;
  /** A reason id from team.yaml followUpReasons. */
  reason: string;
  reasonNote?: string | null;
}

export type TCompleteResult = { status: 'completed' | 'already_done' | 'not_found' };

/** A contact the method says deserves a follow-up now. Ids and codes only: this list is shown in the team channel. */
export interface TFollowUpSuggestion {
  contactId: string;
  caseCode: string;
  lifeEvent: string;
  weeksSinceEvent: number;
  suggestedDueDate: string;
  mode: TFollowUpMode;
  reason: string;
}

export interface TTeamFollowUpCounts {
  open: number;
  dueThisWeek: number;
  overdue: number;
  doneLastWeek: number;
}

/**
 * When a life event calls for a follow-up without anyone asking: close to a death, check again a few months later
 * (about three months: suggested from 10 to 14 weeks after the event, due around 13 weeks).
 */
export const SUGGESTION_RULES = [
  { lifeEvent: 'partner_death', fromWeeks: 10, toWeeks: 14, dueAfterWeeks: 13, mode: 'phone', reason: 'after_death' },
] as const satisfies readonly { lifeEvent: string; fromWeeks: number; toWeeks: number; dueAfterWeeks: number; mode: TFollowUpMode; reason: string }[];

/** A suggestion is never due sooner than this, so the assignee has a few days to plan it. */
const MIN_DAYS_AHEAD = 7;

const DAY_MS = 86_400_000;

export function timingOf(dueDate: string, today: string): TFollowUpTiming {
  return dueDate < today ? 'overdue' : dueDate === today ? 'today' : 'later';
}

/** YYYY-MM-DD plus a number of calendar days (negative to go back). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const WITH_CONTACT = { contact: { select: { caseCode: true, firstName: true, lastName: true, assignedWorkerId: true } } } as const;
/** Not reminded on this day yet (a NULL never equals anything in SQL, so it needs its own branch). */
const notRemindedOn = (day: string) => ({ OR: [{ remindedOn: null }, { remindedOn: { not: day } }] });

export function createFollowUpRepository(db: TDb) {
  return {
    /**
     * Creates the follow-up and its timeline event together, and runs `alsoInTransaction` (e.g. enqueueing the
     * message to the assignee) in the same transaction. The same open follow-up assigned again (a double click) is
     * returned as it is, with `created: false`, and nothing else happens.
     */
    async assign(
      input: TAssignFollowUp,
      now: Date,
      alsoInTransaction?: (tx: Prisma.TransactionClient, created: TFollowUpRecord) => Promise<unknown>,
    ): Promise<TFollowUpRecord & { created: boolean }> {
      return db.$transaction(async (tx) => {
        const same = await tx.followUp.findFirst({
          where: { contactId: input.contactId, assigneeId: input.assigneeId, status: 'open', dueDate: input.dueDate, mode: input.mode, reason: input.reason },
        });
        if (same) return { ...same, created: false };
        const followUp = await tx.followUp.create({
          data: {
            contactId: input.contactId,
            teamId: input.teamId ?? null,
            assigneeId: input.assigneeId,
            assignedBy: input.assignedBy,
            dueDate: input.dueDate,
            mode: input.mode,
            reason: input.reason,
            reasonNote: input.reasonNote ?? null,
            createdAt: now,
          },
        });
        await tx.contactEvent.create({
          data: {
            contactId: input.contactId,
            type: 'follow_up_assigned',
            actorId: input.assignedBy,
            at: now,
            // Codes and ids only: the coordinator's note stays on the follow-up.
            detail: { followUpId: followUp.id, assigneeId: input.assigneeId, mode: input.mode, dueDate: input.dueDate, reason: input.reason },
          },
        });
        await alsoInTransaction?.(tx, followUp);
        return { ...followUp, created: true };
      });
    },

    /** Open follow-ups of one person: overdue first (oldest first), then today, then later by due date. */
    async listOpenForAssignee(assigneeId: string, today: string, limit = 100): Promise<TOpenFollowUp[]> {
      // YYYY-MM-DD sorts as text in date order, so ascending due dates are: overdue, today, later.
      const rows = await db.followUp.findMany({
        where: { assigneeId, status: 'open' },
        include: WITH_CONTACT,
        orderBy: [{ dueDate: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
        take: limit,
      });
      return rows.map((row) => ({ ...row, timing: timingOf(row.dueDate, today) }));
    },

    async findForAssignee(id: string, assigneeId: string): Promise<TFollowUpWithContact | undefined> {
      return (await db.followUp.findFirst({ where: { id, assigneeId }, include: WITH_CONTACT })) ?? undefined;
    },

    /** A follow-up with its contact and the name of who assigned it, for the message to the assignee. */
    async findForMessage(id: string): Promise<(TFollowUpWithContact & { assignerName?: string }) | undefined> {
      const followUp = await db.followUp.findUnique({ where: { id }, include: WITH_CONTACT });
      if (!followUp) return undefined;
      const member = followUp.teamId
        ? await db.teamMember.findUnique({ where: { teamId_aadObjectId: { teamId: followUp.teamId, aadObjectId: followUp.assignedBy } } })
        : null;
      const name = member?.displayName ?? (await db.worker.findUnique({ where: { aadObjectId: followUp.assignedBy } }))?.displayName;
      return { ...followUp, assignerName: name ?? undefined };
    },

    /**
     * Marks a follow-up done, with a `follow_up_done` event on the contact's timeline (the outcome code, never the
     * note). Only an open follow-up changes, so a double click or a redelivery finds it `already_done`.
     */
    async complete(input: { id: string; assigneeId: string; outcome: string; outcomeNote?: string | null; now: Date }): Promise<TCompleteResult> {
      return db.$transaction(async (tx) => {
        const { count } = await tx.followUp.updateMany({
          where: { id: input.id, assigneeId: input.assigneeId, status: 'open' },
          data: { status: 'done', outcome: input.outcome, outcomeNote: input.outcomeNote ?? null, completedAt: input.now },
        });
        const followUp = await tx.followUp.findFirst({ where: { id: input.id, assigneeId: input.assigneeId }, select: { contactId: true } });
        if (!followUp) return { status: 'not_found' };
        if (count !== 1) return { status: 'already_done' };
        await tx.contactEvent.create({
          data: { contactId: followUp.contactId, type: 'follow_up_done', actorId: input.assigneeId, at: input.now, detail: { followUpId: input.id, outcome: input.outcome } },
        });
        return { status: 'completed' };
      });
    },

    /**
     * Contacts of the team's members whose life event was long enough ago that the method suggests a follow-up, and
     * that have no open follow-up (nor one for the same reason already).
     */
    async suggestions(opts: { teamId: string; today: string; limit?: number }): Promise<TFollowUpSuggestion[]> {
      const members = await db.teamMember.findMany({ where: { teamId: opts.teamId }, select: { aadObjectId: true } });
      if (!members.length) return [];
      const found: TFollowUpSuggestion[] = [];
      for (const rule of SUGGESTION_RULES) {
        const contacts = await db.contact.findMany({
          where: {
            lifeEvent: rule.lifeEvent,
            eventDate: { gte: addDays(opts.today, -rule.toWeeks * 7), lte: addDays(opts.today, -rule.fromWeeks * 7) },
            status: { not: 'closed' },
            assignedWorkerId: { in: members.map((m) => m.aadObjectId) },
            followUps: { none: { OR: [{ status: 'open' }, { reason: rule.reason }] } },
          },
          // No names, no address: only what the team channel may show.
          select: { id: true, caseCode: true, lifeEvent: true, eventDate: true },
          orderBy: [{ eventDate: 'asc' }, { caseCode: 'asc' }],
          take: opts.limit ?? 20,
        });
        for (const c of contacts) {
          const eventDate = c.eventDate as string;
          const due = addDays(eventDate, rule.dueAfterWeeks * 7);
          const earliest = addDays(opts.today, MIN_DAYS_AHEAD);
          found.push({
            contactId: c.id,
            caseCode: c.caseCode,
            lifeEvent: c.lifeEvent,
            weeksSinceEvent: Math.floor(daysBetween(eventDate, opts.today) / 7),
            suggestedDueDate: due > earliest ? due : earliest,
            mode: rule.mode,
            reason: rule.reason,
          });
        }
      }
      return found.slice(0, opts.limit ?? 20);
    },

    /** People with open follow-ups due on or before `today` that were not reminded of today yet. */
    async assigneesToRemind(today: string, limit: number): Promise<string[]> {
      const rows = await db.followUp.groupBy({
        by: ['assigneeId'],
        where: { status: 'open', dueDate: { lte: today }, ...notRemindedOn(today) },
        orderBy: { assigneeId: 'asc' },
        take: limit,
      });
      return rows.map((r) => r.assigneeId);
    },

    /**
     * Marks a person's due follow-ups as reminded of today, so later rounds skip them. Returns the team of the most
     * overdue one (the reminder's delivery status shows in that team), if any has a team.
     */
    async markReminded(assigneeId: string, today: string, tx: Prisma.TransactionClient = db): Promise<{ teamId?: string }> {
      const due = { assigneeId, status: 'open', dueDate: { lte: today } };
      const oldest = await tx.followUp.findFirst({ where: { ...due, teamId: { not: null } }, orderBy: [{ dueDate: 'asc' }, { id: 'asc' }], select: { teamId: true } });
      await tx.followUp.updateMany({ where: { ...due, ...notRemindedOn(today) }, data: { remindedOn: today } });
      return { teamId: oldest?.teamId ?? undefined };
    },

    /** Counts only, for the weekly summary in the team channel. */
    async countsForTeam(teamId: string, range: { today: string; weekEnd: string; doneFrom: Date; doneTo: Date }): Promise<TTeamFollowUpCounts> {
      const open = { teamId, status: 'open' };
      const [openCount, dueThisWeek, overdue, doneLastWeek] = await Promise.all([
        db.followUp.count({ where: open }),
        db.followUp.count({ where: { ...open, dueDate: { gte: range.today, lte: range.weekEnd } } }),
        db.followUp.count({ where: { ...open, dueDate: { lt: range.today } } }),
        db.followUp.count({ where: { teamId, status: 'done', completedAt: { gte: range.doneFrom, lt: range.doneTo } } }),
      ]);
      return { open: openCount, dueThisWeek, overdue, doneLastWeek };
    },
  };
}

export type TFollowUpRepository = ReturnType<typeof createFollowUpRepository>;
