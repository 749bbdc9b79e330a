import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { TRosterMember, TTeamMemberRecord, TTeamRepository, TTeamRole } from '../../data/repositories/teams.ts';

const PAGE_SIZE = 100;

/** The team's members as Teams lists them (paged, as large teams need). */
export async function fetchRoster(context: TurnContext, teamId: string): Promise<TRosterMember[]> {
  const members: TRosterMember[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedTeamMembers(context, teamId, PAGE_SIZE, continuationToken);
    for (const m of page.members) {
      if (m.aadObjectId) members.push({ aadObjectId: m.aadObjectId, teamsUserId: m.id, displayName: (m.name ?? '').replace(/\s*\(.*?\)\s*/g, ' ').trim() || m.id });
    }
    continuationToken = page.continuationToken || undefined;
  } while (continuationToken);
  return members;
}

/** Refreshes the stored roster from Teams and returns it. */
export async function syncRoster(context: TurnContext, teams: TTeamRepository, teamId: string, configuredCoordinators: readonly string[]): Promise<TTeamMemberRecord[]> {
  return teams.syncRoster(teamId, await fetchRoster(context, teamId), configuredCoordinators);
}

/**
 * The role of the person acting in this team. Someone not yet in the stored roster (new in the team) triggers one
 * refresh from Teams; someone not in the team at all has no role.
 */
export async function roleInTeam(
  context: TurnContext,
  deps: { teams: TTeamRepository; configuredCoordinators: readonly string[] },
  teamId: string,
  aadObjectId: string,
): Promise<{ role?: TTeamRole; member?: TTeamMemberRecord }> {
  let member = await deps.teams.member(teamId, aadObjectId);
  if (!member) {
    const roster = await syncRoster(context, deps.teams, teamId, deps.configuredCoordinators);
    member = roster.find((m) => m.aadObjectId === aadObjectId);
  }
  return { role: member?.role as TTeamRole | undefined, member };
}
