import type { TAuditRecord } from '../../data/repositories/access-audit.ts';
import type { TServices } from '../services.ts';
import { scopeCovers, type TAuditScope } from './audit-scope.ts';
import { staffNamedIn } from './audit-views.ts';

/** By contact (its case code) or by the person who acted. */
export type TAuditTarget = { by: 'contact'; caseCode: string } | { by: 'actor'; actorId: string };

export type TAuditQueryResult =
  | { ok: true; scope: TAuditScope; target: TAuditTarget; rows: TAuditRecord[]; older: number; names: Map<string, string> }
  | { ok: false; reason: 'not_allowed' | 'out_of_scope' };

export type TQueryAuditServices = Pick<TServices, 'audit' | 'contacts' | 'teams' | 'retention'>;

/**
 * Reads one page of the access log for a DPO or coordinator (`scope`, audit-scope.ts; undefined for anyone else),
 * newest first. Every query is logged itself (`audit.query`) before the rows are read, refusals included, so the
 * log shows who looked at it.
 */
export async function queryAudit(opts: {
  services: TQueryAuditServices;
  actorId: string;
  scope: TAuditScope | undefined;
  target: TAuditTarget;
  limit: number;
  beforeId?: number;
}): Promise<TAuditQueryResult> {
  const { services, actorId, scope, target } = opts;
  const contact = target.by === 'contact' ? await services.contacts.findByCaseCode(target.caseCode) : undefined;
  const allowed = scope && (await inScope(services, scope, actorId, target, contact));
  await services.audit.append({
    actorId,
    action: 'audit.query',
    subject: 'audit',
    subjectId: target.by === 'contact' ? contact?.id : target.actorId,
    caseCode: target.by === 'contact' ? target.caseCode : undefined,
    detail: { by: target.by, ...(opts.beforeId ? { beforeId: opts.beforeId } : {}), ...(allowed ? {} : { refused: true }) },
  });
  if (!scope) return { ok: false, reason: 'not_allowed' };
  if (!allowed) return { ok: false, reason: 'out_of_scope' };

  const filter = target.by === 'contact' ? { contactId: contact?.id, caseCode: target.caseCode } : { actorId: target.actorId };
  const rows = target.by === 'contact'
    ? await services.audit.byContact({ ...filter, limit: opts.limit, beforeId: opts.beforeId })
    : await services.audit.byActor(target.actorId, opts.limit, { beforeId: opts.beforeId });
  // Counted from the last row shown, so rows added since the first page (this query's own, say) do not shift it.
  const older = rows.length ? await services.audit.count({ ...filter, beforeId: rows.at(-1)!.id }) : 0;
  const names = await services.teams.staffNames([...rows.flatMap((r) => [r.actorId, ...staffNamedIn(r)]), ...(target.by === 'actor' ? [target.actorId] : [])]);
  return { ok: true, scope, target, rows, older, names };
}

/** A DPO any contact or person, even a case code without a contact; a coordinator within their teams. */
async function inScope(services: TQueryAuditServices, scope: TAuditScope, actorId: string, target: TAuditTarget, contact: { assignedWorkerId: string | null } | undefined): Promise<boolean> {
  if (scope.kind === 'dpo') return true;
  if (target.by === 'actor') return scopeCovers(services, scope, actorId, target.actorId);
  return contact !== undefined && scopeCovers(services, scope, actorId, contact.assignedWorkerId);
}

/** A refused request that named no contact or person yet (the query card, a name search): logged all the same. */
export async function recordRefusedQuery(services: Pick<TServices, 'audit'>, actorId: string, by: 'form' | 'name'): Promise<void> {
  await services.audit.append({ actorId, action: 'audit.query', subject: 'audit', detail: { by, refused: true } });
}
