// Checking the signal form in the personal chat reads the worker's teams once (on both databases): for a card that
// is refused and shown again, and for the preview of one that passes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSignalRoutes } from '../../bot/signals/signal-handlers.ts';
import { createTeamRepository } from '../../data/repositories/teams.ts';
import { cardText } from '../support/playground-client.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { buildServices, captureRoutes, NOW, setUpTeam, turn, type TCard } from './access-harness.ts';

const TEAM = 'T-form';
const VALUES = { theme: 'mobility', barrierType: 'transport', policyDomain: 'mobility', lifeEvent: 'partner_death', ageBand: '75_84', area: 'Voorbeeldwijk', text: 'Na 18 uur rijdt er geen bus meer naar het dienstencentrum.' };

describe.each(DATABASE_KINDS)('signal form checks (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let routes: ReturnType<typeof captureRoutes>;
  const reads = { boundTeamsOf: 0, find: 0 };

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    await setUpTeam(database.db, TEAM, { 'c-1': 'coordinator', 'w-1': 'worker' });
    const teams = createTeamRepository(database.db);
    await teams.bindSignalChannel({ teamId: TEAM, name: 'Team Voorbeeld', channelId: `19:channel-${TEAM}`, boundBy: 'c-1', now: NOW, reference: {} });
    const counted = {
      ...teams,
      boundTeamsOf: (id: string) => ((reads.boundTeamsOf += 1), teams.boundTeamsOf(id)),
      find: (id: string) => ((reads.find += 1), teams.find(id)),
    };
    routes = captureRoutes();
    registerSignalRoutes(routes.app, buildServices(database.db, { teams: counted }));
  });
  afterAll(async () => database?.dispose());

  const preview = async (data: Record<string, unknown>) => {
    Object.assign(reads, { boundTeamsOf: 0, find: 0 });
    const card = (await routes.actions.get('signal.preview')!(turn('w-1').context, { conversation: {} }, { signalId: randomUUID(), ...data })) as TCard;
    return { text: cardText(card), reads: { ...reads } };
  };

  it('shows a refused card again after one read of the teams', async () => {
    const refused = await preview({ ...VALUES, theme: undefined });
    expect(refused.text).toContain('Kies het thema.');
    expect(refused.reads).toEqual({ boundTeamsOf: 1, find: 0 });
  });

  it('shows the preview with the team name after one read of the teams', async () => {
    const shown = await preview(VALUES);
    expect(shown.text).toContain('Team Voorbeeld');
    expect(shown.reads).toEqual({ boundTeamsOf: 1, find: 0 });
  });
});
