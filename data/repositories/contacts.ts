import type { TDb } from '../client.ts';
import type { Prisma } from '../generated/postgresql/client.ts';

export type TContactRecord = Prisma.ContactGetPayload<object>;
export type TContactWithEvents = Prisma.ContactGetPayload<{ include: { events: true } }>;

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
    async create(data: TContactData, opts: { workerId: string; now: Date }): Promise<TContactRecord> {
      return db.$transaction(async (tx) => {
        const first = await reserveCaseCodes(tx, opts.now.getUTCFullYear(), 1);
        const contact = await tx.contact.create({
          data: { ...data, caseCode: formatCaseCode(opts.now.getUTCFullYear(), first), assignedWorkerId: opts.workerId },
        });
        await tx.contactEvent.create({ data: { contactId: contact.id, type: 'created', actorId: opts.workerId, detail: { source: data.detectionSource } } });
        return contact;
      });
    },

    /** Creates many contacts in one transaction (an import): all or nothing. Returns their case codes in order. */
    async createMany(items: TContactData[], opts: { workerId: string; now: Date; via: string }): Promise<string[]> {
      if (items.length === 0) return [];
      return db.$transaction(
        async (tx) => {
          const year = opts.now.getUTCFullYear();
          const first = await reserveCaseCodes(tx, year, items.length);
          const rows = items.map((data, i) => ({ ...data, id: crypto.randomUUID(), caseCode: formatCaseCode(year, first + i), assignedWorkerId: opts.workerId }));
          await tx.contact.createMany({ data: rows });
          await tx.contactEvent.createMany({ data: rows.map((r) => ({ contactId: r.id, type: 'created', actorId: opts.workerId, detail: { source: r.detectionSource, via: opts.via } })) });
          return rows.map((r) => r.caseCode);
        },
        { timeout: 60_000 },
      );
    },

    async listForWorker(workerId: string): Promise<TContactRecord[]> {
      return db.contact.findMany({
        where: { assignedWorkerId: workerId, status: { not: 'closed' } },
        orderBy: [{ visitDate: 'asc' }, { createdAt: 'asc' }],
        take: 50,
      });
    },

    /**
     * A contact as its assigned worker, or the assignee of an open follow-up of it, may see it, with its timeline;
     * undefined for anyone else.
     */
    async findForWorker(contactId: string, workerId: string): Promise<TContactWithEvents | undefined> {
      const contact = await db.contact.findFirst({
        where: { id: contactId, OR: [{ assignedWorkerId: workerId }, { followUps: { some: { assigneeId: workerId, status: 'open' } } }] },
        include: { events: { orderBy: { at: 'desc' }, take: 10 } },
      });
      return contact ?? undefined;
    },

    async savePreparation(contactId: string, workerId: string, preparation: TPreparation): Promise<TContactRecord> {
      return db.$transaction(async (tx) => {
        const current = await tx.contact.findFirstOrThrow({ where: { id: contactId, assignedWorkerId: workerId } });
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
        return contact;
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

export type TContactRepository = ReturnType<typeof createContactRepository>;
