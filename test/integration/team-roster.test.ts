// The stored team roster follows Teams (data/repositories/teams.ts syncRoster), on both databases: newcomers, people
// who left, a changed name; roles are kept; and a roster that did not change is not written at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamRepository, type TRosterMember } from '../../data/repositories/teams.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';

const TEAM = 'T-roster';
const member = (id: string, name = `Collega ${id.toUpperCase()}`): TRosterMember => ({ aadObjectId: id, teamsUserId: `29:${id}`, displayName: name });

describe.each(DATABASE_KINDS)('team roster sync (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let teams: ReturnType<typeof createTeamRepository>;
  const stored = async () => (await database.db.teamMember.findMany({ where: { teamId: TEAM }, orderBy: { aadObjectId: 'asc' } }))
    .map((m) => ({ id: m.aadObjectId, name: m.displayName, role: m.role, updatedAt: m.updatedAt.getTime() }));

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    teams = createTeamRepository(database.db);
  });
  afterAll(async () => database?.dispose());

  it('adds newcomers (configured coordinators as coordinator), keeps roles, renames and removes who left', async () => {
    const first = await teams.syncRoster(TEAM, [member('b'), member('a'), member('c')], ['a']);
    expect(first.map((m) => [m.aadObjectId, m.role])).toEqual([['a', 'coordinator'], ['b', 'worker'], ['c', 'worker']]);
    await teams.saveSettings(TEAM, { roles: { b: 'coordinator' } });

    const next = await teams.syncRoster(TEAM, [member('a'), member('b', 'Collega Bee'), member('d')], ['d']);
    expect(next.map((m) => [m.aadObjectId, m.displayName, m.role])).toEqual([
      ['a', 'Collega A', 'coordinator'],
      ['b', 'Collega Bee', 'coordinator'],
      ['d', 'Collega D', 'coordinator'],
    ]);
    expect((await stored()).map((m) => m.id)).toEqual(['a', 'b', 'd']);
  });

  it('writes nothing when the roster did not change, and only the changed row when one did', async () => {
    const roster = [member('a'), member('b', 'Collega Bee'), member('d')];
    const before = await stored();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const same = await teams.syncRoster(TEAM, roster, []);
    expect(same.map((m) => m.aadObjectId)).toEqual(['a', 'b', 'd']);
    expect(await stored()).toEqual(before);

    await new Promise((resolve) => setTimeout(resolve, 5));
    await teams.syncRoster(TEAM, [member('a'), member('b', 'Collega Bé'), member('d')], []);
    const after = await stored();
    expect(after.map((m) => m.updatedAt === before.find((b) => b.id === m.id)!.updatedAt)).toEqual([true, false, true]);
    expect(after.find((m) => m.id === 'b')).toMatchObject({ name: 'Collega Bé', role: 'coordinator' });
  });
});
