import type { TDb } from '../client.ts';
import type { Prisma } from '../generated/postgresql/client.ts';
import { accessOf, editableBy, findVisible, openFollowUpsOf, type TContactAccess } from './contact-access.ts';
import type { TAlsoInTransaction, TContactRecord } from './contacts.ts';
import { nextUpdatedAt } from './guarded-update.ts';
import type { TSuggestedFields } from './visit-notes.ts';

export type TRegistrationRecord = Prisma.RegistrationGetPayload<object>;
/** Step id → the values of that step, as validated by the step's schema. */
export type TRegistrationData = Record<string, Record<string, unknown>>;

/** What a registration card needs of one contact, read in one query (a card turn's reads were four). */
export interface TRegistrationContext {
  contact: TContactRecord & { access: TContactAccess };
  draft?: TRegistrationRecord;
  /** The current submitted version, if any. */
  submitted?: TRegistrationRecord;
  /** The AI suggestion from dictated notes that waits for review, if any. */
  pendingSuggestion?: { id: string; notesId: string; fields: TSuggestedFields };
}

export function createRegistrationRepository(db: TDb) {
  return {
    /** The contact if this worker may see it (contact-access.ts), with its draft, current version and pending suggestion. */
    async findForWorker(contactId: string, workerId: string): Promise<TRegistrationContext | undefined> {
      const found = await findVisible(db, workerId, (visible) => db.contact.findFirst({
        where: { AND: [{ id: contactId }, visible] },
        include: {
          followUps: openFollowUpsOf(workerId),
          // A draft always has the highest version; at most one version is 'submitted' (older ones are superseded).
          registrations: { where: { status: { in: ['draft', 'submitted'] } }, orderBy: { version: 'desc' }, take: 2 },
          suggestions: { where: { status: 'pending' }, orderBy: { updatedAt: 'desc' }, take: 1 },
        },
      }));
      if (!found) return undefined;
      const { followUps, registrations, suggestions, ...contact } = found;
      const suggestion = suggestions[0];
      return {
        contact: { ...contact, access: accessOf({ assignedWorkerId: contact.assignedWorkerId, followUps }, workerId) },
        draft: registrations.find((r) => r.status === 'draft'),
        submitted: registrations.find((r) => r.status === 'submitted'),
        pendingSuggestion: suggestion && { id: suggestion.id, notesId: suggestion.notesId, fields: suggestion.fields as unknown as TSuggestedFields },
      };
    },

    async findDraft(contactId: string): Promise<TRegistrationRecord | undefined> {
      return (await db.registration.findFirst({ where: { contactId, status: 'draft' } })) ?? undefined;
    },

    async findDraftsForWorker(workerId: string): Promise<TRegistrationRecord[]> {
      return db.registration.findMany({ where: { status: 'draft', contact: { assignedWorkerId: workerId } }, orderBy: { updatedAt: 'desc' }, take: 5 });
    },

    async latestSubmitted(contactId: string): Promise<TRegistrationRecord | undefined> {
      return (await db.registration.findFirst({ where: { contactId, status: 'submitted' }, orderBy: { version: 'desc' } })) ?? undefined;
    },

    async versions(contactId: string): Promise<TRegistrationRecord[]> {
      return db.registration.findMany({ where: { contactId }, orderBy: { version: 'asc' } });
    },

    /**
     * Saves one step into the contact's draft, creating the draft if there is none. A new draft starts from the
     * latest submitted version, so a correction keeps everything that was not changed.
     *
     * One transaction checks that this worker may still change the contact (contact-access.ts), saves, and runs
     * `alsoInTransaction` (the access log), so a save is never without its log entry nor made after the right to
     * change was taken away (then ContactNotEditableError). `known` is the draft as this turn read it: if it is
     * still unchanged, one guarded update saves the step; if another turn changed it meanwhile, the step is merged
     * into the current draft, so no step is lost either way.
     */
    async saveStep(
      contactId: string,
      workerId: string,
      stepId: string,
      values: Record<string, unknown>,
      known?: TRegistrationRecord,
      alsoInTransaction?: TAlsoInTransaction<TRegistrationRecord>,
    ): Promise<TRegistrationRecord> {
      return db.$transaction(async (tx) => {
        const saved = (await saveIntoKnownDraft(tx, contactId, workerId, stepId, values, known)) ?? (await saveIntoCurrentDraft(tx, contactId, workerId, stepId, values));
        await alsoInTransaction?.(tx, saved);
        return saved;
      });
    },

    /**
     * Turns the draft into the current version; the previous version stays, marked superseded. Like saveStep, in one
     * transaction with the check that the worker may still change the contact and with `alsoInTransaction`.
     */
    async submit(contactId: string, workerId: string, now: Date, alsoInTransaction?: TAlsoInTransaction<TRegistrationRecord>): Promise<TRegistrationRecord> {
      return db.$transaction(async (tx) => {
        await requireEditable(tx, contactId, workerId);
        const draft = await tx.registration.findFirstOrThrow({ where: { contactId, status: 'draft' } });
        await tx.registration.updateMany({ where: { contactId, status: 'submitted' }, data: { status: 'superseded' } });
        const submitted = await tx.registration.update({ where: { id: draft.id }, data: { status: 'submitted', submittedAt: now } });
        const contact = await tx.contact.findUniqueOrThrow({ where: { id: contactId } });
        if (contact.status === 'to_prepare' || contact.status === 'visit_planned') {
          await tx.contact.update({ where: { id: contactId }, data: { status: 'visited' } });
        }
        await tx.contactEvent.create({ data: { contactId, type: 'registration_submitted', actorId: workerId, detail: { version: submitted.version } } });
        await alsoInTransaction?.(tx, submitted);
        return submitted;
      });
    },
  };
}

export type TRegistrationRepository = ReturnType<typeof createRegistrationRepository>;

/** The worker may see the contact but no longer change it (a follow-up closed, the contact reassigned). */
export class ContactNotEditableError extends Error {}

/** Inside a save's transaction: the worker may (still) change the contact, or ContactNotEditableError. */
async function requireEditable(tx: Prisma.TransactionClient, contactId: string, workerId: string): Promise<void> {
  const editable = await tx.contact.findFirst({ where: { AND: [{ id: contactId }, editableBy(workerId)] }, select: { id: true } });
  if (!editable) throw new ContactNotEditableError();
}

/** The one guarded update when the draft is still as this turn read it (and the worker may still change it); else undefined. */
async function saveIntoKnownDraft(
  tx: Prisma.TransactionClient,
  contactId: string,
  workerId: string,
  stepId: string,
  values: Record<string, unknown>,
  known: TRegistrationRecord | undefined,
): Promise<TRegistrationRecord | undefined> {
  if (known?.status !== 'draft' || known.contactId !== contactId) return undefined;
  const data = { ...(known.data as TRegistrationData), [stepId]: values };
  const updatedAt = nextUpdatedAt(known.updatedAt);
  const { count } = await tx.registration.updateMany({
    where: { id: known.id, status: 'draft', updatedAt: known.updatedAt, contact: editableBy(workerId) },
    data: { data: data as Prisma.InputJsonValue, updatedAt },
  });
  return count === 1 ? { ...known, data: data as Prisma.JsonValue, updatedAt } : undefined;
}

/** Merges the step into the draft as it is now, or starts a draft (from the latest submitted version). */
async function saveIntoCurrentDraft(tx: Prisma.TransactionClient, contactId: string, workerId: string, stepId: string, values: Record<string, unknown>): Promise<TRegistrationRecord> {
  await requireEditable(tx, contactId, workerId);
  const draft = await tx.registration.findFirst({ where: { contactId, status: 'draft' } });
  if (draft) {
    const data = { ...(draft.data as TRegistrationData), [stepId]: values };
    return tx.registration.update({ where: { id: draft.id }, data: { data: data as Prisma.InputJsonValue } });
  }
  const latest = await tx.registration.findFirst({ where: { contactId }, orderBy: { version: 'desc' } });
  const base = latest?.status === 'submitted' ? (latest.data as TRegistrationData) : {};
  const created = await tx.registration.create({
    data: { contactId, version: (latest?.version ?? 0) + 1, status: 'draft', createdBy: workerId, data: { ...base, [stepId]: values } as Prisma.InputJsonValue },
  });
  await tx.contactEvent.create({ data: { contactId, type: latest ? 'registration_correction_started' : 'registration_started', actorId: workerId, detail: { version: created.version } } });
  return created;
}
