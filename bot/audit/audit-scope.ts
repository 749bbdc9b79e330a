import type { TServices } from '../services.ts';

/**
 * Who may query the access log or handle a privacy request, and how far: a DPO (NABIJ_DPOS) everything; a
 * coordinator (their current team role) themselves, the people of the teams they coordinate and those people's
 * contacts; anyone else nothing.
 */
export type TAuditScope = { kind: 'dpo' } | { kind: 'coordinator'; teamIds: string[] };

export async function auditScopeOf(services: Pick<TServices, 'dpos' | 'teams'>, actorId: string): Promise<TAuditScope | undefined> {
  if (services.dpos.includes(actorId)) return { kind: 'dpo' };
  const teamIds = (await services.teams.membershipsOf(actorId)).filter((m) => m.role === 'coordinator').map((m) => m.teamId);
  return teamIds.length ? { kind: 'coordinator', teamIds } : undefined;
}

/** Whether the scope covers this colleague, or the contacts assigned to them (contact-access.ts, rule c). */
export async function scopeCovers(services: Pick<TServices, 'retention'>, scope: TAuditScope, actorId: string, workerId: string | null): Promise<boolean> {
  return scope.kind === 'dpo' || services.retention.coordinates(actorId, workerId);
}

/** The staff this scope may query by person, for the choice on the query card. */
export async function queryableStaff(services: Pick<TServices, 'teams'>, scope: TAuditScope, limit?: number) {
  return services.teams.staff({ teamIds: scope.kind === 'dpo' ? undefined : scope.teamIds, limit });
}
