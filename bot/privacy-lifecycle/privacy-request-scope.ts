import { auditScopeOf, scopeCovers, type TAuditScope } from '../audit/audit-scope.ts';
import type { TServices } from '../services.ts';

// Who may handle a privacy request (erasure, access export): the same people, as far, as may query the access log
// (bot/audit/audit-scope.ts). A DPO (NABIJ_DPOS) any contact; a coordinator by their current team role – not by
// NABIJ_COORDINATORS, which only names a team's first coordinators – their own contacts and those of the members of
// the teams they coordinate. Anyone else is refused.

export type TPrivacyRequestCheck = 'allowed' | 'not_coordinator' | 'out_of_scope';
export type TPrivacyScope = TAuditScope | undefined;

/** Looked up once per turn; undefined for someone who may not handle privacy requests at all. */
export function privacyScopeOf(services: Pick<TServices, 'dpos' | 'teams'>, actorId: string): Promise<TPrivacyScope> {
  return auditScopeOf(services, actorId);
}

export async function mayHandleContact(services: Pick<TServices, 'retention'>, scope: TPrivacyScope, actorId: string, contact: { assignedWorkerId: string | null }): Promise<TPrivacyRequestCheck> {
  if (!scope) return 'not_coordinator';
  return (await scopeCovers(services, scope, actorId, contact.assignedWorkerId)) ? 'allowed' : 'out_of_scope';
}
