// The first interaction through Microsoft's local Teams client, over its HTTP/websocket protocol (no browser):
// fast, and precise about what the bot sent. test/e2e/welcome-browser.test.ts drives the real UI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/client.ts';
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from '../support/databases.ts';
import { startLocalTeams, type TLocalTeams } from '../support/local-teams.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adaptiveCardOf, cardText, inConversation, PlaygroundClient } from '../support/playground-client.ts';

const appPackage = join(import.meta.dirname, '../../appPackage');
const manifest = JSON.parse(readFileSync(join(appPackage, 'manifest.json'), 'utf8')) as { bots: { commandLists: { scopes: string[]; commands: { title: string }[] }[] }[] };
const english = JSON.parse(readFileSync(join(appPackage, 'en.json'), 'utf8')) as Record<string, string>;
const personalCommands = [
  ...manifest.bots[0]!.commandLists.filter((l) => l.scopes.includes('personal')).flatMap((l) => l.commands.map((c) => c.title)),
  ...Object.entries(english).filter(([k]) => /^bots\[0\]\.commandLists\[0\]\.commands\[\d+\]\.title$/.test(k)).map(([, v]) => v),
];

describe.each(DATABASE_KINDS)('welcome and help through the local Teams client (%s)', (kind) => {
  let database: TTestDatabase;
  let teams: TLocalTeams;
  let client: PlaygroundClient;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    teams = await startLocalTeams({ databaseUrl: database.url });
    client = await PlaygroundClient.connect(teams.playground.url);
  });
  afterAll(async () => {
    await client?.close();
    await teams?.stop();
    await database?.drop();
  });

  const personal = () => client.ids.personalChat;

  it('greets in Dutch with the welcome card and its buttons', async () => {
    await client.sendText(personal(), 'hallo', { locale: 'nl-BE' });
    const { card } = await client.waitForCard({ conversationId: personal(), text: /Nabij/ });
    expect(card.version).toBe('1.5');
    const text = cardText(card);
    expect(text).toContain('Dag Lotte');
    expect(text).toContain('Namen blijven bij jou');
    const titles = (card.actions as { title: string; verb: string }[]).map((a) => [a.title, a.verb]);
    expect(titles).toEqual([
      ['Nieuw contact', 'contact.new'],
      ['Mijn contacten', 'contact.list'],
      ['Zo ga ik met gegevens om', 'showPrivacy'],
      ['Wat kan ik vragen?', 'showHelp'],
    ]);
  });

  it('speaks English when the Teams client is in English', async () => {
    await client.sendText(personal(), 'hello', { locale: 'en-US' });
    const { card } = await client.waitForCard({ conversationId: personal() });
    expect(cardText(card)).toContain('Names stay with you');
  });

  it('replaces the card in place when a button is pressed (Action.Execute)', async () => {
    await client.sendText(personal(), 'hallo', { locale: 'nl-BE' });
    const { activity } = await client.waitForCard({ conversationId: personal(), text: /Dag Lotte/ });
    const response = await client.invokeAction(personal(), activity.messageId, { verb: 'showPrivacy' });
    expect(response.type).toBe('application/vnd.microsoft.card.adaptive');
    // The Playground's invoke always reports en-US; the privacy card says so in English.
    expect(cardText(response.value)).toContain('How I handle data');
    expect(cardText(response.value)).toContain('Team channel');
  });

  it('answers "help" with the overview and unknown input with a friendly card, not silence', async () => {
    // A user who was welcomed already (first test) gets the overview for words the bot does not know.
    await client.sendText(personal(), 'help', { locale: 'nl-BE' });
    expect(cardText((await client.waitForCard({ conversationId: personal() })).card)).toContain('Wat kan ik voor je doen?');
    await client.sendText(personal(), 'kan je de verwarming wat hoger zetten', { locale: 'nl-BE' });
    expect(cardText((await client.waitForCard({ conversationId: personal() })).card)).toContain('Dat begrijp ik niet goed');
  });

  it('understands every command the Teams app package offers, in Dutch and English', async () => {
    expect(personalCommands.length).toBeGreaterThanOrEqual(6);
    for (const command of personalCommands) {
      client.drain();
      await client.sendText(personal(), command, { locale: 'nl-BE' });
      const reply = await client.nextActivity(inConversation(personal()));
      const text = reply.text ?? cardText(adaptiveCardOf(reply));
      expect(text, command).not.toMatch(/Dat begrijp ik niet goed|I didn't quite get that/);
    }
  });

  it('answers a button it does not know with a friendly card', async () => {
    await client.sendText(personal(), 'hallo', { locale: 'nl-BE' });
    const { activity } = await client.waitForCard({ conversationId: personal(), text: /Dag Lotte/ });
    const response = await client.invokeAction(personal(), activity.messageId, { verb: 'deleteEverything', data: { id: 42 } });
    expect(response.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(response.value)).toMatch(/This button no longer works|Deze knop werkt niet meer/);
  });

  it('keeps personal matters out of the channel: an @mention there gets the short team explanation', async () => {
    const sent = await client.sendText(client.ids.general, 'hallo', { locale: 'nl-BE' });
    const { card } = await client.waitForCard({ conversationId: sent.replyConversationId });
    expect(cardText(card)).toContain('Nabij in dit team');
    expect(cardText(card)).not.toContain('Lotte');

    // A contact form never opens where colleagues read along.
    const asked = await client.sendText(client.ids.general, 'nieuw contact', { locale: 'nl-BE' });
    const answer = await client.waitForCard({ conversationId: asked.replyConversationId });
    expect(cardText(answer.card)).toContain('Nabij in dit team');
    expect(cardText(answer.card)).not.toContain('Nieuw contact');
  });

  it('processes a redelivered activity once', async () => {
    client.drain();
    const activity = {
      type: 'message',
      id: `redelivered-${kind}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: `${teams.playground.url}/_connector`,
      from: { id: client.ids.currentUserId, aadObjectId: client.config.config.currentUser.aadObjectId },
      recipient: { id: client.ids.botId, name: client.ids.botName },
      conversation: { id: personal(), conversationType: 'personal', tenantId: client.ids.tenantId },
      text: 'help',
      locale: 'nl-BE',
      channelData: { tenant: { id: client.ids.tenantId } },
    };
    const post = () => fetch(teams.bot.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const [first, second] = [await post(), await post()];
    expect([first.status, second.status]).toEqual([200, 200]);
    await client.waitForCard({ conversationId: personal(), text: /Wat kan ik voor je doen/ });
    await expect(client.waitForCard({ conversationId: personal() }, 1500)).rejects.toThrow(/No matching bot activity/);
  });

  it('keeps turn state and conversation references in the database, so a restart loses nothing', async () => {
    const { db, close } = await openDatabase(database.url);
    try {
      const refs = await db.conversationRef.findMany();
      expect(refs.map((r) => r.conversationType).sort()).toEqual(expect.arrayContaining(['channel', 'personal']));
      expect(JSON.stringify(refs)).not.toContain('Lotte');
      // teams-ai user state: the bot remembers it welcomed this user.
      const userState = await db.storageItem.findFirst({ where: { key: { contains: `/users/${client.ids.currentUserId}` } } });
      expect(userState?.value).toMatchObject({ welcomedAt: expect.any(String) });
    } finally {
      await close();
    }

    await client.sendText(personal(), 'hallo', { locale: 'nl-BE' });
    const { activity } = await client.waitForCard({ conversationId: personal(), text: /Dag Lotte/ });
    await teams.restartBot();
    const response = await client.invokeAction(personal(), activity.messageId, { verb: 'showHelp' });
    expect(cardText(response.value)).toContain('What can I do for you?');
  });
});
