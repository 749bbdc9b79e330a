import type { TDb } from '../client.ts';
import type { Prisma } from '../generated/postgresql/client.ts';

// Everything Nabij holds about one person, for an access request (the person's right of access): the contact,
// its timeline, every registration version and draft, notes, AI suggestions, follow-ups, and what the logs hold
// under its id or case code (access audit, AI calls) plus the signals that carry its case code.

export interface TContactExport {
  contact: Prisma.ContactGetPayload<object>;
  events: Prisma.ContactEventGetPayload<object>[];
  registrations: Prisma.RegistrationGetPayload<object>[];
  notes: Prisma.VisitNotesGetPayload<object>[];
  suggestions: Prisma.AiSuggestionGetPayload<object>[];
  followUps: Prisma.FollowUpGetPayload<object>[];
  audit: Prisma.AccessAuditGetPayload<object>[];
  llmCalls: Prisma.LlmCallAuditGetPayload<object>[];
  signals: Prisma.SignalGetPayload<object>[];
}

export async function exportContact(db: TDb, contactId: string): Promise<TContactExport | undefined> {
  const found = await db.contact.findUnique({
    where: { id: contactId },
    include: {
      events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
      registrations: { orderBy: { version: 'asc' } },
      notes: { orderBy: { createdAt: 'asc' } },
      suggestions: { orderBy: { createdAt: 'asc' } },
      followUps: { orderBy: { createdAt: 'asc' } },
    },
  });
  if (!found) return undefined;
  const { events, registrations, notes, suggestions, followUps, ...contact } = found;
  const [audit, llmCalls, signals] = await Promise.all([
    db.accessAudit.findMany({ where: { OR: [{ subjectId: contactId }, { caseCode: contact.caseCode }] }, orderBy: { id: 'asc' } }),
    db.llmCallAudit.findMany({ where: { caseCode: contact.caseCode }, orderBy: { at: 'asc' } }),
    db.signal.findMany({ where: { caseCode: contact.caseCode }, orderBy: { createdAt: 'asc' } }),
  ]);
  return { contact, events, registrations, notes, suggestions, followUps, audit, llmCalls, signals };
}
