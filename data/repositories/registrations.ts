import type { TDb } from '../client.ts';
import type { Prisma } from '../generated/postgresql/client.ts';

export type TRegistrationRecord = Prisma.RegistrationGetPayload<object>;
/** Step id → the values of that step, as validated by the step's schema. */
export type TRegistrationData = Record<string, Record<string, unknown>>;

export function createRegistrationRepository(db: TDb) {
  return {
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
     */
    async saveStep(contactId: string, workerId: string, stepId: string, values: Record<string, unknown>): Promise<TRegistrationRecord> {
      return db.$transaction(async (tx) => {
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
      });
    },

    /** Turns the draft into the current version; the previous version stays, marked superseded. */
    async submit(contactId: string, workerId: string, now: Date): Promise<TRegistrationRecord> {
      return db.$transaction(async (tx) => {
        const draft = await tx.registration.findFirstOrThrow({ where: { contactId, status: 'draft' } });
        await tx.registration.updateMany({ where: { contactId, status: 'submitted' }, data: { status: 'superseded' } });
        const submitted = await tx.registration.update({ where: { id: draft.id }, data: { status: 'submitted', submittedAt: now } });
        const contact = await tx.contact.findUniqueOrThrow({ where: { id: contactId } });
        if (contact.status === 'to_prepare' || contact.status === 'visit_planned') {
          await tx.contact.update({ where: { id: contactId }, data: { status: 'visited' } });
        }
        await tx.contactEvent.create({ data: { contactId, type: 'registration_submitted', actorId: workerId, detail: { version: submitted.version } } });
        return submitted;
      });
    },
  };
}

export type TRegistrationRepository = ReturnType<typeof createRegistrationRepository>;
