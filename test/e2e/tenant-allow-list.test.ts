// Only the configured Microsoft 365 tenant gets answers (issue 6, access): through the local Teams client.
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalTeams, type TLocalTeams } from '../support/local-teams.ts';
import { PlaygroundClient } from '../support/playground-client.ts';

describe('tenant allow-list', () => {
  let teams: TLocalTeams | undefined;
  let client: PlaygroundClient | undefined;
  afterEach(async () => {
    await client?.close();
    await teams?.stop();
  });

  it.each([
    ['answers users of an allowed tenant', true],
    ['gives users of any other tenant no answer at all', false],
  ])('%s', async (_label, allowed) => {
    // The local client's tenant is fixed in .m365agentsplayground.yml.
    const tenant = allowed ? '00000000-0000-4000-8000-00000000a000' : '11111111-1111-4111-8111-111111111111';
    teams = await startLocalTeams({ env: { NABIJ_ALLOWED_TENANTS: `${tenant}, 22222222-2222-4222-8222-222222222222` } });
    client = await PlaygroundClient.connect(teams.playground.url);
    client.drain();
    await client.sendText(client.ids.personalChat, 'help');
    const reply = client.waitForCard({ conversationId: client.ids.personalChat }, 2000);
    if (allowed) expect((await reply).card.type).toBe('AdaptiveCard');
    else await expect(reply).rejects.toThrow(/No matching bot activity/);
    // A card button (invoke) straight to the bot, as Teams would send it.
    const response = await fetch(teams.bot.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke', name: 'adaptiveCard/action', id: `invoke-${allowed}`, channelId: 'msteams', serviceUrl: `${teams.playground.url}/_connector`,
        from: { id: client.ids.currentUserId, aadObjectId: client.config.config.currentUser.aadObjectId }, recipient: { id: client.ids.botId },
        conversation: { id: client.ids.personalChat, conversationType: 'personal' }, channelData: { tenant: { id: client.ids.tenantId } },
        value: { action: { type: 'Action.Execute', verb: 'showHelp', data: {} } },
      }),
    });
    expect(response.status).toBe(allowed ? 200 : 403);
  });
});
