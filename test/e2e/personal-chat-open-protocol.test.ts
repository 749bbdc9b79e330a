// Through Microsoft's local Teams client (Agents Playground), over its protocol: a coordinator assigns a follow-up to a
// colleague who never opened Nabij; the bot opens the 1:1 chat with them through the team (POST /v3/conversations to
// the client) and posts the message there; the next message goes to the same chat, whose reference the bot stored.
// (The client shows only the current user's chats, so what arrived is checked through its connector API and the outbox.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type TDatabase } from '../../data/client.ts';
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from '../support/databases.ts';
import { startLocalTeams, type TLocalTeams } from '../support/local-teams.ts';
import { cardText, PlaygroundClient } from '../support/playground-client.ts';

const FIEN = { id: '29:fien-claes', aad: '00000000-0000-4000-8000-00000000c003' };
const JONAS = { id: '29:jonas-de-smet', aad: '00000000-0000-4000-8000-00000000c002' };

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describe.each(DATABASE_KINDS)('a personal message to a colleague who never opened Nabij, end to end (%s)', (kind) => {
  let database: TTestDatabase;
  let local: TLocalTeams;
  let client: PlaygroundClient;
  let db: TDatabase;
  let threadId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    local = await startLocalTeams({
      databaseUrl: database.url,
      env: { NABIJ_FORCE_LOCALE: 'nl', NABIJ_COORDINATORS: FIEN.aad, NABIJ_OUTBOX_INTERVAL_MS: '100', LOG_LEVEL: 'info' },
    });
    client = await PlaygroundClient.connect(local.playground.url);
    db = await openDatabase(database.url);
    const signalsChannel = client.ids.channels['Signalen']!;
    // A thread in the channel (started by the current user), in which the coordinator links the channel.
    threadId = (await client.sendText(signalsChannel, 'kanaal koppelen')).replyConversationId;
    await client.waitForCard({ conversationId: signalsChannel, text: /Dat doet de coördinator/ });
    await client.sendText(threadId, 'kanaal koppelen', { from: FIEN.id, locale: 'nl-BE' });
    await client.waitForCard({ conversationId: signalsChannel, text: /Dit kanaal ontvangt nu de signalen/ });
  });
  afterAll(async () => {
    await client?.close();
    await local?.stop();
    await db?.close();
    await database?.drop();
  });

  /** A contact of Lotte's (the current user), assigned by the coordinator to Jonas in the channel; returns its case code. */
  async function assignToJonas(dueInDays: number): Promise<string> {
    await client.sendText(client.ids.personalChat, 'nieuw contact');
    const form = await client.waitForCard({ conversationId: client.ids.personalChat, text: /Nieuw contact/ });
    const created = await client.executeForCard(client.ids.personalChat, form.activity.messageId, 'contact.create', {
      lifeEvent: 'partner_death', detectionSource: 'civil_affairs_list', consentStatus: 'not_needed', eventDate: isoDay(-40),
      firstName: 'Testvoornaam', lastName: `Testpersoon${dueInDays}`, municipality: 'Voorbeeldgemeente',
    });
    const caseCode = /K-\d{2}-\d{4}/.exec(cardText(created))![0];
    await client.sendText(threadId, 'opvolging', { from: FIEN.id, locale: 'nl-BE' });
    const assignForm = await client.waitForCard({ conversationId: client.ids.channels['Signalen']!, text: /Opvolging toewijzen/ });
    const done = await client.invokeAction(assignForm.activity.conversationId, assignForm.activity.messageId, {
      verb: 'followUp.assign', data: { caseCode, assigneeId: JONAS.aad, dueDate: isoDay(dueInDays), mode: 'visit', reason: 'agreed' },
    }, { from: FIEN.id });
    expect(cardText(done.value)).toContain('Opvolging toegewezen');
    return caseCode;
  }

  const logEvents = () => local.bot.output().split('\n').flatMap((line) => {
    try {
      const event = (JSON.parse(line) as { event?: unknown }).event;
      return typeof event === 'string' ? [event] : [];
    } catch {
      return [];
    }
  });
  const jonasRefs = () => db.db.conversationRef.findMany({ where: { aadObjectId: JONAS.aad } });
  const jonasMessages = () => db.db.outboxMessage.findMany({ where: { target: `user:${JONAS.aad}` }, orderBy: { id: 'asc' } });
  async function settled(count: number) {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await jonasMessages()).filter((m) => m.status !== 'pending').length < count) await new Promise((r) => setTimeout(r, 50));
    return jonasMessages();
  }

  it("opens Jonas's personal chat for the first follow-up and sends the second one to the same chat", async () => {
    expect(await jonasRefs()).toEqual([]);

    await assignToJonas(10);
    const [first] = await settled(1);
    expect([first!.status, first!.attempts, first!.lastError]).toEqual(['sent', 1, null]);
    expect(first!.sentActivityId).toBeTruthy();
    // The chat the local Teams client opened, with Jonas in it, kept as his personal chat (ids only).
    const [stored, ...others] = await jonasRefs();
    expect(others).toEqual([]);
    const chat = stored!.conversationId;
    expect([client.ids.personalChat, client.ids.groupChat, client.ids.team, ...Object.values(client.ids.channels)]).not.toContain(chat);
    expect([stored!.conversationType, stored!.tenantId]).toEqual(['personal', client.ids.tenantId]);
    expect(JSON.stringify(stored!.reference)).not.toContain('De Smet');
    const members = await fetch(`${local.playground.url}/_connector/v3/conversations/${encodeURIComponent(chat)}/members`);
    expect(members.status).toBe(200);
    expect(((await members.json()) as { id: string }[]).map((m) => m.id)).toContain(JONAS.id);

    // The next message goes to the stored chat, without asking the client to open one again.
    await assignToJonas(11);
    const rows = await settled(2);
    expect(rows.map((r) => [r.kind, r.status, r.attempts, r.lastError])).toEqual([
      ['followUp.assigned', 'sent', 1, null],
      ['followUp.assigned', 'sent', 1, null],
    ]);
    expect((await jonasRefs()).map((r) => r.conversationId)).toEqual([chat]);
    expect(logEvents().filter((e) => e === 'personal_chat_opened')).toHaveLength(1);
    // Colleague ids only in the log, never a name.
    expect(local.bot.output()).not.toContain('De Smet');
  });
});
