import type { ConversationReference } from 'botbuilder';
import type { TDb } from '../client.ts';
import type { Prisma } from '../generated/postgresql/client.ts';

export type TTeamRole = 'worker' | 'coordinator';
export type TTeamRecord = Prisma.TeamGetPayload<object>;
export type TTeamMemberRecord = Prisma.TeamMemberGetPayload<object>;

/** What a coordinator changed on the team settings card: only what really differs from before. */
export interface TTeamSettingsChanges {
  roles: { aadObjectId: string; role: TTeamRole }[];
  allowCaseCodes?: boolean;
  shareContacts?: boolean;
}

export interface TRosterMember {
  aadObjectId: string;
  teamsUserId: string;
  displayName: string;
}

/** Where the bot can open a personal chat with a team member: their Teams user id and a team of theirs it can post in. */
export interface TPersonalChatRoute {
  teamId: string;
  /** The 29:… id Teams knows the member by, from the roster. */
  teamsUserId: string;
  tenantId?: string;
  /** The team's stored channel reference: its service URL and the bot's id. */
  channelReference: Partial<ConversationReference>;
}

/** Only what is needed to post to the channel later: ids and the service URL, no display names. */
function channelReference(ref: Partial<ConversationReference>, channelId: string, tenantId?: string): Prisma.InputJsonValue {
  const reference = {
    bot: ref.bot ? { id: ref.bot.id } : undefined,
    channelId: ref.channelId,
    conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId },
    serviceUrl: ref.serviceUrl,
  };
  return JSON.parse(JSON.stringify(reference)) as Prisma.InputJsonValue;
}

export function createTeamRepository(db: TDb) {
  return {
    async find(teamId: string): Promise<TTeamRecord | undefined> {
      return (await db.team.findUnique({ where: { teamId } })) ?? undefined;
    },

    async bindSignalChannel(opts: { teamId: string; name?: string; tenantId?: string; channelId: string; reference: Partial<ConversationReference>; boundBy: string; now: Date }): Promise<TTeamRecord> {
      const data = {
        tenantId: opts.tenantId ?? null,
        name: opts.name ?? null,
        signalChannelId: opts.channelId,
        signalChannelRef: channelReference(opts.reference, opts.channelId, opts.tenantId),
        boundBy: opts.boundBy,
        boundAt: opts.now,
      };
      return db.team.upsert({ where: { teamId: opts.teamId }, create: { teamId: opts.teamId, ...data }, update: data });
    },

    /** The reference for a new post in the team's signal channel, if one was chosen. */
    async signalChannelReference(channelId: string): Promise<Partial<ConversationReference> | undefined> {
      const team = await db.team.findFirst({ where: { signalChannelId: channelId } });
      return (team?.signalChannelRef as Partial<ConversationReference> | null) ?? undefined;
    },

    /** Teams with a signal channel that this person belongs to. */
    async boundTeamsOf(aadObjectId: string): Promise<TTeamRecord[]> {
      return db.team.findMany({ where: { signalChannelId: { not: null }, members: { some: { aadObjectId } } }, orderBy: { teamId: 'asc' } });
    },

    /**
     * A team with a linked channel that this person is in (`preferTeamId` first, else the most recently linked), with
     * their Teams user id: what is needed to open a personal chat with someone who never chatted with the bot.
     */
    async personalChatRoute(aadObjectId: string, preferTeamId?: string): Promise<TPersonalChatRoute | undefined> {
      const memberships = await db.teamMember.findMany({
        where: { aadObjectId, team: { signalChannelId: { not: null } } },
        select: { teamId: true, teamsUserId: true, team: { select: { tenantId: true, signalChannelRef: true, boundAt: true } } },
      });
      const routes = memberships
        .map((m) => ({ ...m, channelReference: m.team.signalChannelRef as Partial<ConversationReference> | null }))
        .filter((m) => m.teamsUserId && m.channelReference?.serviceUrl)
        .sort((a, b) =>
          Number(b.teamId === preferTeamId) - Number(a.teamId === preferTeamId) ||
          (b.team.boundAt?.getTime() ?? 0) - (a.team.boundAt?.getTime() ?? 0) ||
          a.teamId.localeCompare(b.teamId));
      const route = routes[0];
      if (!route?.channelReference) return undefined;
      const tenantId = route.team.tenantId ?? route.channelReference.conversation?.tenantId ?? undefined;
      return { teamId: route.teamId, teamsUserId: route.teamsUserId, channelReference: route.channelReference, ...(tenantId ? { tenantId } : {}) };
    },

    /** Every team this person is in, with their role there. */
    async membershipsOf(aadObjectId: string): Promise<TTeamMemberRecord[]> {
      return db.teamMember.findMany({ where: { aadObjectId }, orderBy: { teamId: 'asc' } });
    },

    /**
     * Staff (one row per person) by display name: of the given teams, or of every team when none are given. The
     * display name comes from the roster, or from the workers Nabij knows for someone in no team.
     */
    async staff(opts: { teamIds?: string[]; limit?: number } = {}): Promise<{ aadObjectId: string; displayName: string }[]> {
      const members = await db.teamMember.findMany({
        where: opts.teamIds ? { teamId: { in: opts.teamIds } } : {},
        select: { aadObjectId: true, displayName: true },
        orderBy: [{ displayName: 'asc' }, { aadObjectId: 'asc' }],
      });
      const byId = new Map(members.map((m) => [m.aadObjectId, m.displayName]));
      if (!opts.teamIds) for (const w of await db.worker.findMany({ select: { aadObjectId: true, displayName: true } })) if (!byId.has(w.aadObjectId)) byId.set(w.aadObjectId, w.displayName);
      return [...byId].map(([aadObjectId, displayName]) => ({ aadObjectId, displayName }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'))
        .slice(0, opts.limit ?? 500);
    },

    /** Display names of staff by Entra object id (roster first, else the workers Nabij knows); unknown ids are left out. */
    async staffNames(aadObjectIds: readonly string[]): Promise<Map<string, string>> {
      const ids = [...new Set(aadObjectIds)];
      if (!ids.length) return new Map();
      const workers = await db.worker.findMany({ where: { aadObjectId: { in: ids } }, select: { aadObjectId: true, displayName: true } });
      const members = await db.teamMember.findMany({ where: { aadObjectId: { in: ids } }, select: { aadObjectId: true, displayName: true }, orderBy: { updatedAt: 'asc' } });
      // Later entries win: the most recently synced roster name over the name kept for letters.
      return new Map([...workers, ...members].map((m) => [m.aadObjectId, m.displayName]));
    },

    /**
     * Makes the stored roster match the team's roster from Teams: newcomers start as worker (or coordinator when
     * configured so), roles of people who stay are kept, people who left are removed. Runs on every bind, settings
     * card and assignment, so it writes only the rows that differ (usually none).
     */
    async syncRoster(teamId: string, roster: TRosterMember[], configuredCoordinators: readonly string[]): Promise<TTeamMemberRecord[]> {
      const stored = await db.teamMember.findMany({ where: { teamId }, orderBy: { displayName: 'asc' } });
      const known = new Map(stored.map((m) => [m.aadObjectId, m]));
      const present = new Set(roster.map((m) => m.aadObjectId));
      const left = stored.filter((m) => !present.has(m.aadObjectId)).map((m) => m.aadObjectId);
      const newcomers = roster.filter((m) => !known.has(m.aadObjectId));
      const renamed = roster.filter((m) => {
        const before = known.get(m.aadObjectId);
        return before && (before.displayName !== m.displayName || before.teamsUserId !== m.teamsUserId);
      });
      if (stored.length && !left.length && !newcomers.length && !renamed.length) return stored;
      return db.$transaction(async (tx) => {
        await tx.team.upsert({ where: { teamId }, create: { teamId }, update: {} });
        if (left.length) await tx.teamMember.deleteMany({ where: { teamId, aadObjectId: { in: left } } });
        for (const { aadObjectId, teamsUserId, displayName } of renamed) await tx.teamMember.updateMany({ where: { teamId, aadObjectId }, data: { teamsUserId, displayName } });
        // An upsert, not a create: a sync running at the same time may have added the newcomer already.
        for (const member of newcomers) {
          const role: TTeamRole = configuredCoordinators.includes(member.aadObjectId) ? 'coordinator' : 'worker';
          await tx.teamMember.upsert({
            where: { teamId_aadObjectId: { teamId, aadObjectId: member.aadObjectId } },
            create: { teamId, ...member, role },
            update: {},
          });
        }
        return tx.teamMember.findMany({ where: { teamId }, orderBy: { displayName: 'asc' } });
      });
    },

    async members(teamId: string): Promise<TTeamMemberRecord[]> {
      return db.teamMember.findMany({ where: { teamId }, orderBy: { displayName: 'asc' } });
    },

    async member(teamId: string, aadObjectId: string): Promise<TTeamMemberRecord | undefined> {
      return (await db.teamMember.findUnique({ where: { teamId_aadObjectId: { teamId, aadObjectId } } })) ?? undefined;
    },

    /**
     * Saves the settings card in one transaction: roles of members of this team, and the two team settings when
     * given. Returns what changed, or undefined (nothing saved) when no coordinator would be left. `alsoInTransaction`
     * runs with the changes inside the same transaction (the access log), so both happen or neither does.
     */
    async saveSettings(
      teamId: string,
      wanted: { roles: Record<string, TTeamRole>; allowCaseCodes?: boolean; shareContacts?: boolean },
      alsoInTransaction?: (tx: Prisma.TransactionClient, changes: TTeamSettingsChanges) => Promise<unknown>,
    ): Promise<TTeamSettingsChanges | undefined> {
      return db.$transaction(async (tx) => {
        const team = await tx.team.findUniqueOrThrow({ where: { teamId } });
        const before = new Map((await tx.teamMember.findMany({ where: { teamId } })).map((m) => [m.aadObjectId, m.role]));
        const roles = Object.entries(wanted.roles)
          .filter(([aadObjectId, role]) => before.has(aadObjectId) && before.get(aadObjectId) !== role)
          .map(([aadObjectId, role]) => ({ aadObjectId, role }));
        for (const { aadObjectId, role } of roles) await tx.teamMember.update({ where: { teamId_aadObjectId: { teamId, aadObjectId } }, data: { role } });
        if (!(await tx.teamMember.count({ where: { teamId, role: 'coordinator' } }))) throw new NoCoordinatorLeftError();
        const changes: TTeamSettingsChanges = {
          roles,
          ...(wanted.allowCaseCodes !== undefined && wanted.allowCaseCodes !== team.allowCaseCodes ? { allowCaseCodes: wanted.allowCaseCodes } : {}),
          ...(wanted.shareContacts !== undefined && wanted.shareContacts !== team.shareContacts ? { shareContacts: wanted.shareContacts } : {}),
        };
        if (changes.allowCaseCodes !== undefined || changes.shareContacts !== undefined) {
          await tx.team.update({ where: { teamId }, data: { allowCaseCodes: changes.allowCaseCodes, shareContacts: changes.shareContacts } });
        }
        await alsoInTransaction?.(tx, changes);
        return changes;
      }).catch((error: unknown) => {
        if (error instanceof NoCoordinatorLeftError) return undefined;
        throw error;
      });
    },
  };
}

class NoCoordinatorLeftError extends Error {}

export type TTeamRepository = ReturnType<typeof createTeamRepository>;
