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
  | 'audit.query'
  | 'team.bind'
  | 'team.roles'
  | 'team.settings';

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
      // Only the id back: returning and mapping the whole row cost a turn ~0.2 ms of CPU (bench/turns.bench.ts).
      await (tx ?? db).accessAudit.create({ data: rowOf(entry), select: { id: true } });
    },

    /** Several entries in one statement, in this order (a list showing many contacts). */
    async appendMany(entries: readonly TAuditEntry[], tx?: TAuditTx): Promise<void> {
      if (entries.length) await (tx ?? db).accessAudit.createMany({ data: entries.map(rowOf) });
    },

    /** Newest first; `beforeId` continues after the last row of a previous page. */
    async byContact(opts: { contactId?: string; caseCode?: string; limit?: number; beforeId?: number }): Promise<TAuditRecord[]> {
      const where = contactFilter(opts);
      if (!where) return [];
      return db.accessAudit.findMany({ where: { ...where, ...before(opts.beforeId) }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: opts.limit ?? 50 });
    },

    async byActor(actorId: string, limit = 50, opts: { beforeId?: number } = {}): Promise<TAuditRecord[]> {
      return db.accessAudit.findMany({ where: { actorId, ...before(opts.beforeId) }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: limit });
    },

    /** How many rows `byContact` or `byActor` would find without a limit (older than `beforeId`, when given). */
    async count(opts: ({ contactId?: string; caseCode?: string } | { actorId: string }) & { beforeId?: number }): Promise<number> {
      const where = 'actorId' in opts ? { actorId: opts.actorId } : contactFilter(opts);
      return where ? db.accessAudit.count({ where: { ...where, ...before(opts.beforeId) } }) : 0;
    },
  };
}

function rowOf(entry: TAuditEntry): Prisma.AccessAuditCreateManyInput {
  return { actorId: entry.actorId, action: entry.action, subject: entry.subject, subjectId: entry.subjectId ?? null, caseCode: entry.caseCode ?? null, detail: entry.detail };
}

function contactFilter(opts: { contactId?: string; caseCode?: string }): Prisma.AccessAuditWhereInput | undefined {
  const or = [...(opts.contactId ? [{ subjectId: opts.contactId }] : []), ...(opts.caseCode ? [{ caseCode: opts.caseCode }] : [])];
  return or.length ? { OR: or } : undefined;
}

/** Rows are appended in order, so a smaller id is older (ties in `at` included). */
function before(beforeId: number | undefined): Prisma.AccessAuditWhereInput {
  return beforeId === undefined ? {} : { id: { lt: beforeId } };
}

export type TAccessAuditRepository = ReturnType<typeof createAccessAuditRepository>;
