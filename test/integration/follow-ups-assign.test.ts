// The coordinator's assign card in a team channel, on a real database: its suggestions come from that team only.
import { TeamsInfo } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays } from '../../data/repositories/follow-ups.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { buildServices, newContact, registerAll, sentCard, setUpTeam, textOf, turn } from './access-harness.ts';

const ROSTERS: Record<string, string[]> = { 'team-a': ['c-a', 'w-a'], 'team-b': ['c-b', 'w-b'] };

describe.each(DATABASE_KINDS)('follow-up suggestions on the assign card (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let routes: ReturnType<typeof registerAll>;

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    await setUpTeam(database.db, 'team-a', { 'c-a': 'coordinator', 'w-a': 'worker' });
    await setUpTeam(database.db, 'team-b', { 'c-b': 'coordinator', 'w-b': 'worker' });
    routes = registerAll(buildServices(database.db));
    // The card refreshes the roster from Teams first; here Teams answers with the rosters above.
    vi.spyOn(TeamsInfo, 'getPagedTeamMembers').mockImplementation(async (_context, teamId) => ({
      members: (ROSTERS[teamId ?? ''] ?? []).map((id) => ({ id: `29:${id}`, aadObjectId: id, name: `Collega ${id}` })) as never,
      continuationToken: '',
    }));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await database?.dispose();
  });

  async function assignCard(coordinator: string, teamId: string): Promise<string> {
    const route = routes.messages.find((m) => m.pattern.test('opvolging'))!;
    const { context, sent } = turn(coordinator, { text: 'opvolging', channelOfTeam: teamId });
    await route.handler(context, { conversation: {} });
    return textOf(sentCard(sent));
  }

  it("suggests only the team's own contacts, never another team's case codes", async () => {
    // Twelve weeks after a death (NOW is 10 February 2027): both contacts are due a suggestion.
    const eventDate = addDays('2027-02-10', -12 * 7);
    const ofA = await newContact(database.db, 'w-a', { eventDate });
    const ofB = await newContact(database.db, 'w-b', { eventDate });

    const inA = await assignCard('c-a', 'team-a');
    expect(inA).toContain(ofA.caseCode);
    expect(inA).not.toContain(ofB.caseCode);
    const inB = await assignCard('c-b', 'team-b');
    expect(inB).toContain(ofB.caseCode);
    expect(inB).not.toContain(ofA.caseCode);
  });
});
