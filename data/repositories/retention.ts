import type { TDb } from '../client.ts';
import type { Prisma } from '../generated/postgresql/client.ts';
import { createAccessAuditRepository } from './access-audit.ts';
import {
  addCounts,
  anonymiseContacts,
  mentionsAny,
  removeOutboxMentions,
  removeStorageMentions,
  ZERO_ANONYMISE_COUNTS,
  type TAnonymiseCounts,
} from './anonymise-contacts.ts';
import { coordinates, editableBy } from './contact-access.ts';
import { exportContact } from './contact-export.ts';

// The privacy lifecycle of a contact: closing it, the scheduled purge after the retention periods, erasure of one
// person on request, and the export for an access request. The anonymisation itself is in anonymise-contacts.ts.

/** How long personal data is kept; from configuration (bot/config.ts), after the municipality's data agreement. */
export interface TRetentionPolicy {
  /** A closed contact: months after closure, or after its last activity if that came later. */
  contactMonths: number;
  /** A contact never closed: months without any activity. */
  openContactMonths: number;
  /** Dictated notes (and the AI suggestions made from them): days after they were summarised or discarded. */
  notesDays: number;
}

export interface TPurgeResult extends TAnonymiseCounts {
  /** Of `contacts`: closed and past retention. */
  closedContacts: number;
  /** Of `contacts`: never closed and without activity for `openContactMonths`. */
  inactiveContacts: number;
  /** Raw notes of contacts still within retention, past `notesDays`. */
  expiredNotes: number;
  expiredSuggestions: number;
  outbox: number;
  /** Conversation states (teams-ai turn state) that named a purged contact. */
  storage: number;
}

export interface TErasureResult extends TAnonymiseCounts {
  caseCode: string;
  outbox: number;
  storage: number;
}

/** What erasure of one contact would remove, for the confirmation card. */
export interface TErasurePreview {
  registrations: number;
  notes: number;
  suggestions: number;
  followUps: number;
  openFollowUps: number;
  events: number;
  outbox: number;
}

export type TCloseResult = { status: 'closed' | 'already_closed'; caseCode: string } | { status: 'not_found' };

/** A contact as a privacy request (erasure, access export) names it, whoever it is assigned to. */
export type TPrivacySubject = Pick<Prisma.ContactGetPayload<object>, 'id' | 'caseCode' | 'firstName' | 'lastName' | 'lifeEvent' | 'status' | 'assignedWorkerId' | 'anonymisedAt'>;
const SUBJECT_FIELDS = { id: true, caseCode: true, firstName: true, lastName: true, lifeEvent: true, status: true, assignedWorkerId: true, anonymisedAt: true } as const;

export const PURGE_ACTOR = 'system';
const DEFAULT_BATCH = 500;
const BATCH_TIMEOUT_MS = 120_000;
const NOTES_STATUSES_DONE = ['summarised', 'discarded'];

/** The same moment `months` calendar months earlier (UTC). */
export function monthsBefore(now: Date, months: number): Date {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date;
}

/** No change of any kind since the cutoff: the contact, its timeline, registrations, notes, follow-ups. */
function noActivitySince(cutoff: Date): Prisma.ContactWhereInput {
  const day = cutoff.toISOString().slice(0, 10);
  return {
    updatedAt: { lt: cutoff },
    events: { none: { at: { gte: cutoff } } },
    registrations: { none: { updatedAt: { gte: cutoff } } },
    notes: { none: { updatedAt: { gte: cutoff } } },
    followUps: { none: { OR: [{ createdAt: { gte: cutoff } }, { completedAt: { gte: cutoff } }, { status: 'open', dueDate: { gte: day } }] } },
  };
}

function expiredClosed(cutoff: Date): Prisma.ContactWhereInput {
  return {
    anonymisedAt: null,
    status: 'closed',
    // Closed before closedAt existed: the last change of the row is when it was closed.
    OR: [{ closedAt: { lt: cutoff } }, { closedAt: null }],
    ...noActivitySince(cutoff),
  };
}

function expiredInactive(cutoff: Date): Prisma.ContactWhereInput {
  return { anonymisedAt: null, status: { not: 'closed' }, createdAt: { lt: cutoff }, ...noActivitySince(cutoff) };
}

export function createRetentionRepository(db: TDb) {
  const audit = createAccessAuditRepository(db);

  /** Anonymises every contact matching `where`, in batches of one transaction each; returns counts and the ids. */
  async function anonymiseWhere(where: Prisma.ContactWhereInput, opts: { now: Date; batchSize: number; mentioned: Set<string> }): Promise<TAnonymiseCounts> {
    let total = ZERO_ANONYMISE_COUNTS;
    let after = '';
    for (;;) {
      const batch = await db.contact.findMany({ where: { AND: [where, { id: { gt: after } }] }, select: { id: true }, orderBy: { id: 'asc' }, take: opts.batchSize });
      if (batch.length === 0) break;
      const ids = batch.map((c) => c.id);
      const { counts, mentionedIds } = await db.$transaction((tx) => anonymiseContacts(tx, ids, { now: opts.now, actorId: PURGE_ACTOR, reason: 'retention', timelineEvent: false }), {
        timeout: BATCH_TIMEOUT_MS,
      });
      total = addCounts(total, counts);
      for (const id of mentionedIds) opts.mentioned.add(id);
      if (batch.length < opts.batchSize) break;
      after = ids.at(-1)!;
    }
    return total;
  }

  /** Deletes raw notes summarised or discarded before the cutoff, with the suggestions made from them. */
  async function deleteExpiredNotes(cutoff: Date, batchSize: number): Promise<{ expiredNotes: number; expiredSuggestions: number }> {
    let expiredNotes = 0;
    let expiredSuggestions = 0;
    for (;;) {
      const ids = (await db.visitNotes.findMany({ where: { status: { in: NOTES_STATUSES_DONE }, updatedAt: { lt: cutoff } }, select: { id: true }, take: batchSize })).map((n) => n.id);
      if (ids.length === 0) break;
      const [suggestions, notes] = await db.$transaction([
        db.aiSuggestion.deleteMany({ where: { notesId: { in: ids } } }),
        db.visitNotes.deleteMany({ where: { id: { in: ids } } }),
      ]);
      expiredSuggestions += suggestions.count;
      expiredNotes += notes.count;
      if (ids.length < batchSize) break;
    }
    // Suggestions used or discarded keep quotes from the notes: the same rule.
    expiredSuggestions += (await db.aiSuggestion.deleteMany({ where: { status: { in: ['used', 'discarded'] }, updatedAt: { lt: cutoff } } })).count;
    return { expiredNotes, expiredSuggestions };
  }

  return {
    /**
     * Irreversibly anonymises every contact past retention and deletes expired raw notes. Batched (one transaction
     * per batch, so an interruption loses nothing: the next run continues) and idempotent (anonymised contacts are
     * never selected again). Writes one `purge` entry in the access audit with the counts.
     */
    async purgeExpired(opts: { now: Date; policy: TRetentionPolicy; batchSize?: number }): Promise<TPurgeResult> {
      const { now, policy } = opts;
      const batchSize = opts.batchSize ?? DEFAULT_BATCH;
      const mentioned = new Set<string>();
      const closed = await anonymiseWhere(expiredClosed(monthsBefore(now, policy.contactMonths)), { now, batchSize, mentioned });
      const inactive = await anonymiseWhere(expiredInactive(monthsBefore(now, policy.openContactMonths)), { now, batchSize, mentioned });
      const notes = await deleteExpiredNotes(new Date(now.getTime() - policy.notesDays * 86_400_000), batchSize);
      const outbox = await removeOutboxMentions(db, mentioned);
      const storage = await removeStorageMentions(db, mentioned);
      const result: TPurgeResult = {
        ...addCounts(closed, inactive),
        closedContacts: closed.contacts,
        inactiveContacts: inactive.contacts,
        ...notes,
        outbox,
        storage,
      };
      await audit.append({ actorId: PURGE_ACTOR, action: 'purge', subject: 'contact', detail: { ...result, policy: { ...policy } } });
      return result;
    },

    /**
     * Erasure on request: the same anonymisation for one person at once, plus its mentions in the outbox and in the
     * stored conversation state. Audited (`erasure`, with the counts) in the same transaction. Undefined when the
     * contact does not exist; running it again on an anonymised contact changes nothing more but is audited again.
     */
    async eraseContact(opts: { contactId: string; actorId: string; now: Date }): Promise<TErasureResult | undefined> {
      const contact = await db.contact.findUnique({ where: { id: opts.contactId }, select: { id: true, caseCode: true } });
      if (!contact) return undefined;
      const followUpIds = (await db.followUp.findMany({ where: { contactId: contact.id }, select: { id: true } })).map((f) => f.id);
      // Before the transaction: it may read many rows, and what it removes is only a pointer to this contact.
      const storage = await removeStorageMentions(db, new Set([contact.id, ...followUpIds]));
      return db.$transaction(
        async (tx) => {
          const { counts, mentionedIds } = await anonymiseContacts(tx, [contact.id], { now: opts.now, actorId: opts.actorId, reason: 'erasure', timelineEvent: true });
          const outbox = await removeOutboxMentions(tx, new Set(mentionedIds));
          const result: TErasureResult = { caseCode: contact.caseCode, ...counts, outbox, storage };
          await audit.append({ actorId: opts.actorId, action: 'erasure', subject: 'contact', subjectId: contact.id, caseCode: contact.caseCode, detail: { ...counts, outbox, storage } }, tx);
          return result;
        },
        { timeout: BATCH_TIMEOUT_MS },
      );
    },

    /** Not scoped to a worker: the caller checks who may handle the request (bot/privacy-lifecycle). */
    async findSubject(contactId: string): Promise<TPrivacySubject | undefined> {
      return (await db.contact.findUnique({ where: { id: contactId }, select: SUBJECT_FIELDS })) ?? undefined;
    },

    /** Whether a coordinator handles requests about this colleague's contacts (contact-access.ts, rule c). */
    async coordinates(coordinatorId: string, workerId: string | null): Promise<boolean> {
      return coordinates(db, coordinatorId, workerId);
    },

    async erasurePreview(contactId: string): Promise<TErasurePreview> {
      const where = { contactId };
      const [registrations, notes, suggestions, followUps, openFollowUps, events] = await Promise.all([
        db.registration.count({ where }),
        db.visitNotes.count({ where }),
        db.aiSuggestion.count({ where }),
        db.followUp.count({ where }),
        db.followUp.count({ where: { ...where, status: 'open' } }),
        db.contactEvent.count({ where }),
      ]);
      const ids = new Set([contactId, ...(await db.followUp.findMany({ where, select: { id: true } })).map((f) => f.id)]);
      const outbox = (await db.outboxMessage.findMany({ where: { status: { not: 'sent' } }, select: { payload: true } })).filter((m) => mentionsAny(m.payload, ids)).length;
      return { registrations, notes, suggestions, followUps, openFollowUps, events, outbox };
    },

    /** Everything held about one person, for an access request (contact-export.ts). */
    async exportContact(opts: { contactId: string }) {
      return exportContact(db, opts.contactId);
    },

    /**
     * Closes a contact: no more visits or follow-ups planned, and retention counts from now. Only someone who may
     * change the contact (contact-access.ts) closes it; `alsoInTransaction` runs with the change (its audit entry).
     */
    async closeContact(
      opts: { contactId: string; workerId: string; now: Date },
      alsoInTransaction?: (tx: Prisma.TransactionClient, contact: { id: string; caseCode: string; assignedWorkerId: string | null }) => Promise<unknown>,
    ): Promise<TCloseResult> {
      return db.$transaction(async (tx) => {
        const contact = await tx.contact.findFirst({ where: { AND: [{ id: opts.contactId, anonymisedAt: null }, editableBy(opts.workerId)] }, select: { id: true, caseCode: true, assignedWorkerId: true, status: true } });
        if (!contact) return { status: 'not_found' };
        const { count } = await tx.contact.updateMany({ where: { id: contact.id, status: { not: 'closed' } }, data: { status: 'closed', closedAt: opts.now } });
        if (count === 0) return { status: 'already_closed', caseCode: contact.caseCode };
        await tx.contactEvent.create({ data: { contactId: contact.id, type: 'closed', actorId: opts.workerId, at: opts.now, detail: { previousStatus: contact.status } } });
        await alsoInTransaction?.(tx, contact);
        return { status: 'closed', caseCode: contact.caseCode };
      });
    },

    /** True for the one caller (of all instances) that may run the purge of this local day. */
    async claimDailyPurge(day: string): Promise<boolean> {
      try {
        await db.processedActivity.create({ data: { key: `purge:${day}` } });
        return true;
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return false;
        throw error;
      }
    },

    /** Gives the day back after a failed run, so the next tick (of any instance) tries again. */
    async releaseDailyPurge(day: string): Promise<void> {
      await db.processedActivity.deleteMany({ where: { key: `purge:${day}` } });
    },
  };
}

export type TRetentionRepository = ReturnType<typeof createRetentionRepository>;
