import type { TDb } from '../client.ts';
import type { Prisma } from '../generated/postgresql/client.ts';

export type TAuditRecord = Prisma.AccessAuditGetPayload<object>;
export type TAuditTx = Prisma.TransactionClient;

/** What was done. Dotted names: the subject first, then the verb. */
export type TAuditAction =
  | 'contact.read'
  | 'contact.create'
  | 'contact.update'
  | 'contact.import'
  | 'registration.update'
  | 'registration.submit'
  | 'notes.update'
  | 'ai.summarise'
  | 'letter.download'
  | 'export.signals'
  | 'export.access_request'
  | 'follow_up.assign'
  | 'follow_up.complete'
  | 'purge'
  | 'erasure'
  | 'audit.query';

export interface TAuditEntry {
  actorId: string;
  action: TAuditAction;
  subject: 'contact' | 'signal' | 'team' | 'registration' | 'notes' | 'audit';
  subjectId?: string;
  caseCode?: string;
  /** Ids, counts and codes only: never names or free text. */
  detail?: Prisma.InputJsonValue;
}

/** The append-only audit log (the database refuses UPDATE and DELETE on it). */
export function createAccessAuditRepository(db: TDb) {
  return {
    async append(entry: TAuditEntry, tx?: TAuditTx): Promise<void> {
      await (tx ?? db).accessAudit.create({
        data: { actorId: entry.actorId, action: entry.action, subject: entry.subject, subjectId: entry.subjectId ?? null, caseCode: entry.caseCode ?? null, detail: entry.detail },
      });
    },

    async byContact(opts: { contactId?: string; caseCode?: string; limit?: number }): Promise<TAuditRecord[]> {
      const or = [
        ...(opts.contactId ? [{ subjectId: opts.contactId }] : []),
        ...(opts.caseCode ? [{ caseCode: opts.caseCode }] : []),
      ];
      if (!or.length) return [];
      return db.accessAudit.findMany({ where: { OR: or }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: opts.limit ?? 50 });
    },

    async byActor(actorId: string, limit = 50): Promise<TAuditRecord[]> {
      return db.accessAudit.findMany({ where: { actorId }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: limit });
    },
  };
}

export type TAccessAuditRepository = ReturnType<typeof createAccessAuditRepository>;
