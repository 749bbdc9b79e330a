import type { TDb } from '../client.ts';
import { nextUpdatedAt } from './guarded-update.ts';
import type { Prisma } from '../generated/postgresql/client.ts';

export type TVisitNotesRecord = Prisma.VisitNotesGetPayload<object>;
export type TAiSuggestionRecord = Prisma.AiSuggestionGetPayload<object>;

export interface TSuggestedFields {
  accepted: { field: string; value: string; quotes: string[] }[];
  rejected: { field: string; reason: string }[];
}

/**
 * The most one contact's notes may hold, in characters (as JavaScript counts them), including the blank line between
 * messages: about 3,000 words, twenty minutes of dictation and more, where a visit's notes run to a few hundred words.
 * The model takes all of it in one request: prompts/summarise-registration/config.json gives it 12,000 input tokens,
 * the fixed prompt and schema take ~2,400 and pseudonymised Dutch runs ~2.6 characters a token, so 20,000 characters
 * leave room to spare (test/unit/notes-limit-token-budget.test.ts counts it). It also keeps a notes row small.
 */
export const MAX_NOTES_CHARS = 20_000;

/** The text was not added: the notes would pass MAX_NOTES_CHARS ('full'), or this one text alone does ('too_long'). */
export class NotesFullError extends Error {
  constructor(readonly reason: 'full' | 'too_long') {
    super(`Visit notes ${reason === 'full' ? 'are full' : 'message is too long'}`);
    this.name = 'NotesFullError';
  }
}

/** Notes that still take messages: being collected, or summarised (or failed) and taking more before a new summary. */
const OPEN = ['collecting', 'failed', 'summarised'];
/** Far more than parallel messages of one worker ever need; a guard that can never match must not spin for ever. */
const MAX_APPEND_ATTEMPTS = 50;

export function createVisitNotesRepository(db: TDb) {
  return {
    /**
     * The notes this worker collects for the contact – started (empty) if there are none open – so that the messages
     * that follow, which can arrive in parallel, all add to the same notes instead of each starting their own.
     */
    async start(contactId: string, workerId: string): Promise<TVisitNotesRecord> {
      const open = await db.visitNotes.findFirst({ where: { contactId, workerId, status: { in: OPEN } }, orderBy: { createdAt: 'desc' } });
      return open ?? db.visitNotes.create({ data: { contactId, workerId, text: '', status: 'collecting' } });
    },

    /**
     * Adds a message to the notes being collected for this contact, starting them if needed. Throws NotesFullError,
     * and changes nothing, when the notes would then be longer than MAX_NOTES_CHARS – except notes already
     * summarised, which are done: the message then starts new notes.
     */
    async append(contactId: string, workerId: string, text: string): Promise<TVisitNotesRecord> {
      if (text.length > MAX_NOTES_CHARS) throw new NotesFullError('too_long');
      // Messages sent in quick succession arrive in parallel: each write is guarded by the notes' updatedAt and status
      // as read, and one that finds them changed reads them again, so no message overwrites another (PostgreSQL's
      // read committed would otherwise let the last writer win) and a summary that just started is not undone.
      for (let attempt = 1; ; attempt++) {
        const open = await db.visitNotes.findFirst({ where: { contactId, workerId, status: { in: OPEN } }, orderBy: { createdAt: 'desc' } });
        if (!open) return db.visitNotes.create({ data: { contactId, workerId, text, status: 'collecting' } });
        const joined = open.text ? `${open.text}\n\n${text}` : text;
        if (joined.length > MAX_NOTES_CHARS) {
          if (open.status === 'summarised') return db.visitNotes.create({ data: { contactId, workerId, text, status: 'collecting' } });
          throw new NotesFullError('full');
        }
        const updatedAt = nextUpdatedAt(open.updatedAt);
        const { count } = await db.visitNotes.updateMany({
          where: { id: open.id, status: open.status, updatedAt: open.updatedAt },
          data: { text: joined, status: 'collecting', updatedAt },
        });
        if (count === 1) return { ...open, text: joined, status: 'collecting', updatedAt };
        if (attempt === MAX_APPEND_ATTEMPTS) throw new Error('visit notes kept changing while a message was added');
      }
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
          OR: [{ status: { in: OPEN } }, { status: 'summarising', updatedAt: { lt: staleBefore } }],
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
