import type { TServices } from '../services.ts';

// Who may handle a privacy request (erasure, access export) for a contact: a data protection officer
// (NABIJ_DPOS) or a coordinator named in NABIJ_COORDINATORS for any contact; a coordinator in a team (TeamMember
// role) for the contacts of that team's members and their own. Anyone else is refused.

export type TPrivacyRequestCheck = 'allowed' | 'not_coordinator' | 'out_of_scope';

export type TScopeServices = Pick<TServices, 'teams' | 'coordinators' | 'dpos'>;

export async function privacyRequestTeams(services: TScopeServices, actorId: string): Promise<'all' | string[]> {
  if (services.dpos.includes(actorId) || services.coordinators.includes(actorId)) return 'all';
  return (await services.teams.membershipsOf(actorId)).filter((m) => m.role === 'coordinator').map((m) => m.teamId);
}

/** Whether this person may handle a privacy request at all (the contact is checked with `mayHandleContact`). */
export async function isPrivacyCoordinator(services: TScopeServices, actorId: string): Promise<boolean> {
  const teams = await privacyRequestTeams(services, actorId);
  return teams === 'all' || teams.length > 0;
}

export async function mayHandleContact(services: TScopeServices, actorId: string, contact: { assignedWorkerId: string | null }): Promise<TPrivacyRequestCheck> {
  const teams = await privacyRequestTeams(services, actorId);
  if (teams === 'all') return 'allowed';
  if (teams.length === 0) return 'not_coordinator';
  const worker = contact.assignedWorkerId;
  if (worker === actorId) return 'allowed';
  for (const teamId of teams) if (worker && (await services.teams.member(teamId, worker))) return 'allowed';
  return 'out_of_scope';
}
