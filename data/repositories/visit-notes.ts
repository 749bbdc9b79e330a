import type { TDb } from '../client.ts';
import type { Prisma } from '../generated/postgresql/client.ts';

export type TVisitNotesRecord = Prisma.VisitNotesGetPayload<object>;
export type TAiSuggestionRecord = Prisma.AiSuggestionGetPayload<object>;

export interface TSuggestedFields {
  accepted: { field: string; value: string; quotes: string[] }[];
  rejected: { field: string; reason: string }[];
}

export function createVisitNotesRepository(db: TDb) {
  return {
    /** Adds a message to the notes being collected for this contact, starting them if needed. */
    async append(contactId: string, workerId: string, text: string): Promise<TVisitNotesRecord> {
      return db.$transaction(async (tx) => {
        const open = await tx.visitNotes.findFirst({ where: { contactId, workerId, status: { in: ['collecting', 'failed', 'summarised'] } }, orderBy: { createdAt: 'desc' } });
        if (open) return tx.visitNotes.update({ where: { id: open.id }, data: { text: `${open.text}\n\n${text}`, status: 'collecting' } });
        return tx.visitNotes.create({ data: { contactId, workerId, text, status: 'collecting' } });
      });
    },

    async latest(contactId: string, workerId: string): Promise<TVisitNotesRecord | undefined> {
      return (await db.visitNotes.findFirst({ where: { contactId, workerId, status: { not: 'discarded' } }, orderBy: { createdAt: 'desc' } })) ?? undefined;
    },

    /**
     * Marks the notes as being summarised; false if another turn got there first (a double click). A summary that
     * started before `staleBefore` never finished (the bot restarted mid-call) and may be claimed again.
     */
    async claimForSummary(notesId: string, staleBefore: Date): Promise<boolean> {
      const { count } = await db.visitNotes.updateMany({
        where: {
          id: notesId,
          OR: [{ status: { in: ['collecting', 'failed', 'summarised'] } }, { status: 'summarising', updatedAt: { lt: staleBefore } }],
        },
        data: { status: 'summarising' },
      });
      return count === 1;
    },

    async setStatus(notesId: string, status: 'collecting' | 'summarised' | 'failed' | 'discarded'): Promise<void> {
      await db.visitNotes.update({ where: { id: notesId }, data: { status } });
    },

    /** One suggestion per notes: a retry replaces the earlier one. */
    async saveSuggestion(notesId: string, contactId: string, fields: TSuggestedFields): Promise<TAiSuggestionRecord> {
      const json = fields as unknown as Prisma.InputJsonValue;
      return db.aiSuggestion.upsert({
        where: { notesId },
        create: { notesId, contactId, fields: json, status: 'pending' },
        update: { fields: json, status: 'pending' },
      });
    },

    async discardSuggestions(contactId: string): Promise<void> {
      await db.aiSuggestion.updateMany({ where: { contactId, status: 'pending' }, data: { status: 'discarded' } });
    },

    async markSuggestionsUsed(contactId: string): Promise<void> {
      await db.aiSuggestion.updateMany({ where: { contactId, status: 'pending' }, data: { status: 'used' } });
    },

    async audit(entry: { workerId: string; caseCode: string; model: string; requestBytes: number; responseBytes: number; latencyMs: number; outcome: string }): Promise<void> {
      await db.llmCallAudit.create({ data: entry });
    },
  };
}

export type TVisitNotesRepository = ReturnType<typeof createVisitNotesRepository>;
