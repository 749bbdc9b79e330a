import type { TDb } from '../client.ts';
import type { Prisma } from '../generated/postgresql/client.ts';
import { accessOf, editableBy, findVisible, openFollowUpsOf, visibleTo, type TContactAccess } from './contact-access.ts';

export type TContactRecord = Prisma.ContactGetPayload<object>;
export type TContactWithEvents = Prisma.ContactGetPayload<{ include: { events: true } }>;
/** Where the contact's registration stands: a draft in progress, a submitted version, or none yet. */
export type TRegistrationState = 'draft' | 'submitted' | 'none';
/** A contact as one worker may see it: with its timeline, its registration state and whether they may change it or only read it. */
export type TVisibleContact = TContactWithEvents & { access: TContactAccess; registration: TRegistrationState };
/** Runs inside the transaction of a change (e.g. its access-audit entry), so both happen or neither does. */
export type TAlsoInTransaction<T> = (tx: Prisma.TransactionClient, changed: T) => Promise<unknown>;

/**
 * How many of their own contacts, and then of colleagues' contacts they may see, the list shows: 40 items keep the
 * list card under Teams' 28 KB (test/fixtures/card-view-models.ts renders a full list).
 */
export const OWN_LIST_LIMIT = 30;
export const SHARED_LIST_LIMIT = 10;

export interface TContactData {
  lifeEvent: string;
  eventDate?: string;
  detectionSource: string;
  consentStatus: string;
  firstName: string;
  lastName: string;
  street?: string;
  houseNumber?: string;
  postalCode?: string;
  municipality?: string;
  phone?: string;
  email?: string;
  birthDate?: string;
  relatives?: string;
}

export interface TPreparation {
  checklist: Record<string, boolean>;
  visitDate?: string;
  visitTime?: string;
  visitPlace?: string;
  visitPlaceNote?: string;
}

/** K-26-0001: the year's last two digits and a number that counts up per year. */
export function formatCaseCode(year: number, number: number): string {
  return `K-${String(year % 100).padStart(2, '0')}-${String(number).padStart(4, '0')}`;
}

/** A whole case code as formatCaseCode writes it. Upper case only: test typed text after toUpperCase(). */
export const CASE_CODE_PATTERN = /^K-\d{2}-\d{4,}$/;

export function createContactRepository(db: TDb) {
  /** Reserves `count` consecutive case-code numbers for the year; returns the first. */
  async function reserveCaseCodes(tx: Prisma.TransactionClient, year: number, count: number): Promise<number> {
    const counter = await tx.caseCodeCounter.upsert({
      where: { year },
      create: { year, last: count },
      update: { last: { increment: count } },
    });
    return counter.last - count + 1;
  }

  return {
    async create(data: TContactData, opts: { workerId: string; now: Date; alsoInTransaction?: TAlsoInTransaction<TContactRecord> }): Promise<TContactRecord> {
      return db.$transaction(async (tx) => {
        const first = await reserveCaseCodes(tx, opts.now.getUTCFullYear(), 1);
        const contact = await tx.contact.create({
          data: { ...data, caseCode: formatCaseCode(opts.now.getUTCFullYear(), first), assignedWorkerId: opts.workerId },
        });
        await tx.contactEvent.create({ data: { contactId: contact.id, type: 'created', actorId: opts.workerId, detail: { source: data.detectionSource } } });
        await opts.alsoInTransaction?.(tx, contact);
        return contact;
      });
    },

    /** Creates many contacts in one transaction (an import): all or nothing. Returns their case codes in order. */
    async createMany(items: TContactData[], opts: { workerId: string; now: Date; via: string; alsoInTransaction?: TAlsoInTransaction<string[]> }): Promise<string[]> {
      if (items.length === 0) return [];
      return db.$transaction(
        async (tx) => {
          const year = opts.now.getUTCFullYear();
          const first = await reserveCaseCodes(tx, year, items.length);
          const rows = items.map((data, i) => ({ ...data, id: crypto.randomUUID(), caseCode: formatCaseCode(year, first + i), assignedWorkerId: opts.workerId }));
          await tx.contact.createMany({ data: rows });
          await tx.contactEvent.createMany({ data: rows.map((r) => ({ contactId: r.id, type: 'created', actorId: opts.workerId, detail: { source: r.detectionSource, via: opts.via } })) });
          const caseCodes = rows.map((r) => r.caseCode);
          await opts.alsoInTransaction?.(tx, caseCodes);
          return caseCodes;
        },
        { timeout: 60_000 },
      );
    },

    /**
     * The open contacts a worker sees in their list (see contact-access.ts): their own first (up to OWN_LIST_LIMIT),
     * then those of colleagues they may see (up to SHARED_LIST_LIMIT), each group by visit date.
     */
    async listForWorker(workerId: string): Promise<TContactRecord[]> {
      const orderBy = [{ visitDate: 'asc' as const }, { createdAt: 'asc' as const }];
      const notClosed = { status: { not: 'closed' } };
      const visible = await visibleTo(db, workerId);
      const [own, shared] = await Promise.all([
        db.contact.findMany({ where: { assignedWorkerId: workerId, ...notClosed }, orderBy, take: OWN_LIST_LIMIT }),
        db.contact.findMany({ where: { AND: [visible, notClosed, notAssignedTo(workerId)] }, orderBy, take: SHARED_LIST_LIMIT }),
      ]);
      return [...own, ...shared];
    },

    /** How many open contacts the list could show: the worker's own, and colleagues' they may see. */
    async countForWorker(workerId: string): Promise<{ own: number; shared: number }> {
      const notClosed = { status: { not: 'closed' } };
      const visible = await visibleTo(db, workerId);
      const [own, shared] = await Promise.all([
        db.contact.count({ where: { assignedWorkerId: workerId, ...notClosed } }),
        db.contact.count({ where: { AND: [visible, notClosed, notAssignedTo(workerId)] } }),
      ]);
      return { own, shared };
    },

    /**
     * A contact with its timeline if this worker may see it (rules in contact-access.ts), with whether they may also
     * change it; undefined for anyone else.
     */
    async findForWorker(contactId: string, workerId: string): Promise<TVisibleContact | undefined> {
      const found = await findVisible(db, workerId, (visible) => db.contact.findFirst({
        where: { AND: [{ id: contactId }, visible] },
        include: {
          events: { orderBy: { at: 'desc' }, take: 10 },
          followUps: openFollowUpsOf(workerId),
          // The status only: the registration itself (encrypted) is not read or decrypted for the contact card.
          registrations: { where: { status: { in: ['draft', 'submitted'] } }, select: { status: true } },
        },
      }));
      if (!found) return undefined;
      const { followUps, registrations, ...contact } = found;
      const registration = registrations.some((r) => r.status === 'draft') ? 'draft' : registrations.length ? 'submitted' : 'none';
      return { ...contact, access: accessOf({ assignedWorkerId: contact.assignedWorkerId, followUps }, workerId), registration };
    },

    /**
     * Only someone who may change the contact (contact-access.ts) saves; for anyone else it throws. A preparation equal
     * to the stored one writes nothing (no timeline event, no `alsoInTransaction`): `changed` says which it was.
     */
    async savePreparation(
      contactId: string,
      workerId: string,
      preparation: TPreparation,
      alsoInTransaction?: TAlsoInTransaction<TContactRecord>,
    ): Promise<{ contact: TContactRecord; changed: boolean }> {
      return db.$transaction(async (tx) => {
        const current = await tx.contact.findFirstOrThrow({ where: { AND: [{ id: contactId }, editableBy(workerId)] } });
        if (samePreparation(current, preparation)) return { contact: current, changed: false };
        const planned = Boolean(preparation.visitDate);
        const status = current.status === 'to_prepare' && planned ? 'visit_planned' : current.status;
        const contact = await tx.contact.update({
          where: { id: contactId },
          data: {
            checklist: preparation.checklist,
            visitDate: preparation.visitDate ?? null,
            visitTime: preparation.visitTime ?? null,
            visitPlace: preparation.visitPlace ?? null,
            visitPlaceNote: preparation.visitPlaceNote ?? null,
            status,
          },
        });
        const done = Object.values(preparation.checklist).filter(Boolean).length;
        await tx.contactEvent.create({
          data: { contactId, type: planned ? 'visit_planned' : 'preparation_saved', actorId: workerId, detail: { checklistDone: done, visitDate: preparation.visitDate ?? null } },
        });
        await alsoInTransaction?.(tx, contact);
        return { contact, changed: true };
      });
    },

    /** For a coordinator choosing a contact in the channel by its code; no personal field leaves this function's caller's card. */
    async findByCaseCode(caseCode: string): Promise<TContactRecord | undefined> {
      return (await db.contact.findUnique({ where: { caseCode } })) ?? undefined;
    },

    async addEvent(contactId: string, type: string, actorId: string, detail?: Prisma.InputJsonValue): Promise<void> {
      await db.contactEvent.create({ data: { contactId, type, actorId, detail } });
    },
  };
}

/** Not assigned to this worker (a contact without an assigned worker counts too: NULL never equals anything). */
function notAssignedTo(workerId: string): Prisma.ContactWhereInput {
  return { OR: [{ assignedWorkerId: null }, { assignedWorkerId: { not: workerId } }] };
}

export type TContactRepository = ReturnType<typeof createContactRepository>;

/** Whether a preparation says the same as what is stored (a checklist item missing on either side is not done). */
function samePreparation(stored: TContactRecord, preparation: TPreparation): boolean {
  const checklist = (stored.checklist ?? {}) as Record<string, unknown>;
  const ids = new Set([...Object.keys(checklist), ...Object.keys(preparation.checklist)]);
  if ([...ids].some((id) => (checklist[id] === true) !== (preparation.checklist[id] === true))) return false;
  const fields = ['visitDate', 'visitTime', 'visitPlace', 'visitPlaceNote'] as const;
  return fields.every((field) => (stored[field] ?? null) === (preparation[field] ?? null));
}
