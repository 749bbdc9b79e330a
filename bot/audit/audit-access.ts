import type { TurnContext } from 'botbuilder';
import type { TAuditAction, TAuditEntry, TAuditTx } from '../../data/repositories/access-audit.ts';
import type { TServices } from '../services.ts';
import { workerIdOf } from '../turn/worker.ts';

// The handlers' side of the access log: small helpers so a handler adds one line per read or change. Entries
// hold ids, case codes, counts and codes only – never a name or free text. Writing the entry is awaited before
// the card is returned: if the log cannot be written, the personal data is not shown (fail closed).

export type TAuditServices = Pick<TServices, 'audit'>;

/** Which card or file showed the contact's personal data. */
export type TReadView = 'detail' | 'preparation' | 'guide' | 'registration' | 'list' | 'follow_up_list' | 'follow_up_complete';

type TContactRef = { id: string; caseCode: string; assignedWorkerId?: string | null };

/** An entry about one contact. `shared` marks access to a contact assigned to someone else. */
export function contactEntry(actorId: string, action: TAuditAction, contact: TContactRef, detail: Record<string, string | number | boolean> = {}): TAuditEntry {
  const shared = contact.assignedWorkerId !== undefined && contact.assignedWorkerId !== actorId;
  const full = { ...detail, ...(shared ? { shared: true } : {}) };
  return { actorId, action, subject: 'contact', subjectId: contact.id, caseCode: contact.caseCode, ...(Object.keys(full).length ? { detail: full } : {}) };
}

/** The contact's personal data is shown to the person acting in this turn. */
export async function auditRead(services: TAuditServices, context: TurnContext, contact: TContactRef, view: TReadView): Promise<void> {
  await services.audit.append(contactEntry(workerIdOf(context), 'contact.read', contact, { view }));
}

/**
 * A list showed contacts: one entry for the list, and one per contact of someone else (so a query by case code
 * finds who saw it); the reader's own caseload is covered by the list entry.
 */
export async function auditList(services: TAuditServices, context: TurnContext, contacts: readonly TContactRef[], view: 'list' | 'follow_up_list'): Promise<void> {
  const actorId = workerIdOf(context);
  const others = [...new Map(contacts.filter((c) => c.assignedWorkerId !== actorId).map((c) => [c.id, c])).values()];
  await services.audit.appendMany([
    { actorId, action: 'contact.read', subject: 'contact', detail: { view, shown: contacts.length, others: others.length } },
    ...others.map((contact) => contactEntry(actorId, 'contact.read', contact, { view })),
  ]);
}

/** A change to a contact by the person acting in this turn; inside the change's transaction when `tx` is given. */
export async function auditChange(
  services: TAuditServices,
  context: TurnContext,
  action: TAuditAction,
  contact: TContactRef,
  detail?: Record<string, string | number | boolean>,
  tx?: TAuditTx,
): Promise<void> {
  await services.audit.append(contactEntry(workerIdOf(context), action, contact, detail), tx);
}
