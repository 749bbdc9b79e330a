// Issue 5 through Microsoft's local Teams client (Agents Playground), over its protocol: a coordinator binds the
// signal channel, a worker posts a signal from a contact (an identifying text is refused first), the signal appears
// in the channel without personal data, it is marked discussed (the post updated for everyone), the meeting digest comes
// with its chart and its CSV/Excel export and closes the open signals, and a follow-up assigned in the channel arrives in the assignee's personal chat.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type TDatabase } from '../../data/client.ts';
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from '../support/databases.ts';
import { startLocalTeams, type TLocalTeams } from '../support/local-teams.ts';
import { actionsOf, inputValue, submissionFor, type TCardAction } from '../support/card-query.ts';
import { adaptiveCardOf, cardText, inConversation, PlaygroundClient, type AdaptiveCardJson } from '../support/playground-client.ts';

const FIEN = { id: '29:fien-claes', aad: '00000000-0000-4000-8000-00000000c003' };
const LOTTE_AAD = '00000000-0000-4000-8000-00000000c001';
// A fictitious person; none of these may ever appear in the channel.
const PERSON = { firstName: 'Godelieve', lastName: 'Vanderschueren', street: 'Populierenlaan', houseNumber: '14', postalCode: '9999', municipality: 'Voorbeeldgemeente' };

const appPackage = join(import.meta.dirname, '../../appPackage');
const manifest = JSON.parse(readFileSync(join(appPackage, 'manifest.json'), 'utf8')) as { bots: { commandLists: { scopes: string[]; commands: { title: string }[] }[] }[] };
const english = JSON.parse(readFileSync(join(appPackage, 'en.json'), 'utf8')) as Record<string, string>;
const teamListIndex = manifest.bots[0]!.commandLists.findIndex((l) => l.scopes.includes('team'));

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describe.each(DATABASE_KINDS)('team work in the channel, end to end (%s)', (kind) => {
  let database: TTestDatabase;
  let local: TLocalTeams;
  let client: PlaygroundClient;
  let db: TDatabase;
  let signalsChannel: string;
  let threadId: string;
  let contactId: string;
  let caseCode: string;
  let signalCardId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    local = await startLocalTeams({
      databaseUrl: database.url,
      env: { NABIJ_FORCE_LOCALE: 'nl', NABIJ_COORDINATORS: FIEN.aad, NABIJ_OUTBOX_INTERVAL_MS: '100' },
    });
    client = await PlaygroundClient.connect(local.playground.url);
    db = await openDatabase(database.url);
    signalsChannel = client.ids.channels['Signalen']!;
  });
  afterAll(async () => {
    await client?.close();
    await local?.stop();
    await db?.close();
    await database?.drop();
  });

  it('lets only a coordinator choose the channel for signals', async () => {
    const sent = await client.sendText(signalsChannel, 'kanaal koppelen');
    threadId = sent.replyConversationId;
    const refused = await client.waitForCard({ conversationId: signalsChannel, text: /Dat doet de coördinator/ });
    expect(cardText(refused.card)).toContain('Alleen een coördinator kan het kanaal voor signalen kiezen');
    expect(await db.db.team.findFirst({ where: { signalChannelId: { not: null } } })).toBeNull();

    await client.sendText(threadId, 'kanaal koppelen', { from: FIEN.id, locale: 'nl-BE' });
    const bound = await client.waitForCard({ conversationId: signalsChannel, text: /Dit kanaal ontvangt nu de signalen/ });
    expect(bound.activity.conversationId.startsWith(signalsChannel)).toBe(true);
    const team = await db.db.team.findFirstOrThrow({ where: { signalChannelId: signalsChannel } });
    expect(team.name).toBe('Team Welzijn');
    expect(team.boundBy).toBe(FIEN.aad);
    // The roster came from Teams, with the configured coordinator.
    const members = await db.db.teamMember.findMany({ where: { teamId: team.teamId } });
    expect(members.length).toBe(6);
    expect(members.find((m) => m.aadObjectId === FIEN.aad)?.role).toBe('coordinator');
    expect(members.find((m) => m.aadObjectId === LOTTE_AAD)?.role).toBe('worker');
    // Only the coordinator's binding is in the access log, with the channel's id.
    const binds = await db.db.accessAudit.findMany({ where: { action: 'team.bind' } });
    expect(binds.map((b) => [b.actorId, b.subjectId, b.detail])).toEqual([[FIEN.aad, team.teamId, { channelId: signalsChannel }]]);
  });

  it('refuses an identifying signal, shows a preview, and posts the clean one to the channel without personal data', async () => {
    await client.sendText(client.ids.personalChat, 'nieuw contact');
    const form = await client.waitForCard({ conversationId: client.ids.personalChat, text: /Nieuw contact/ });
    const created = await client.executeForCard(client.ids.personalChat, form.activity.messageId, 'contact.create', {
      lifeEvent: 'partner_death', detectionSource: 'civil_affairs_list', consentStatus: 'not_needed', eventDate: isoDay(-84), birthDate: '1944', ...PERSON,
    });
    caseCode = /K-\d{2}-\d{4}/.exec(cardText(created))![0];
    contactId = actionsOf(created).find((a) => a.verb === 'signal.new')!.data!.contactId as string;
    const cardId = form.activity.messageId;
    const execute = (verb: string, data: Record<string, unknown>) => client.executeForCard(client.ids.personalChat, cardId, verb, data);

    const signalForm = await execute('signal.new', { contactId });
    expect(cardText(signalForm)).toContain('Signaal melden');
    const draft = actionsOf(signalForm).find((a) => a.verb === 'signal.preview')!.data!;
    const values = { theme: 'mobility', barrierType: 'transport', policyDomain: 'mobility', lifeEvent: 'partner_death', ageBand: '75_84', area: 'Voorbeeldgemeente' };

    // A required choice left empty and a text that is too long: the same form comes back, both marked, all typed kept.
    const previewButton = actionsOf(signalForm).find((a) => a.title === 'Voorbeeld bekijken')!;
    const tooLong = { ...values, theme: '', text: `Geen vervoer naar de rouwgroep.${' Het busje rijdt niet meer.'.repeat(18)}` };
    expect(tooLong.text.length).toBeGreaterThan(500);
    const incomplete = await execute(previewButton.verb!, submissionFor(signalForm, previewButton, tooLong));
    const incompleteText = cardText(incomplete);
    expect(incompleteText).toContain('Signaal melden');
    expect(incompleteText).toContain('Er zijn nog 2 velden om na te kijken.');
    expect(incompleteText).toContain('Kies het thema.');
    expect(incompleteText).toContain('Houd het kort: max. 500 tekens.');
    for (const [id, value] of Object.entries(tooLong)) expect(inputValue(incomplete, id), id).toBe(value);
    expect(actionsOf(incomplete).find((a) => a.verb === 'signal.preview')!.data).toEqual(draft);
    expect(await db.db.signal.count()).toBe(0);

    const refused = await execute('signal.preview', { ...draft, ...values, text: `Mevrouw ${PERSON.lastName} uit de ${PERSON.street} geraakt niet meer naar de rouwgroep.` });
    const refusedText = cardText(refused);
    expect(refusedText).toContain('Dit kan iemand herkenbaar maken');
    expect(refusedText).toContain(PERSON.lastName);
    expect(actionsOf(refused).map((a) => a.verb)).toContain('signal.preview');
    expect(await db.db.signal.count()).toBe(0);

    const clean = 'Geen vervoer naar de rouwgroep op dinsdagavond; wie niet meer met de auto rijdt, blijft thuis.';
    const preview = await execute('signal.preview', { ...draft, ...values, text: clean });
    expect(cardText(preview)).toContain('Zo verschijnt je signaal');
    const post = actionsOf(preview).find((a) => a.verb === 'signal.post')!;

    // "Aanpassen" brings back the form with everything filled in, for the same draft; previewing it again changes nothing.
    const edit = actionsOf(preview).find((a) => a.title === 'Aanpassen')!;
    expect(edit.verb).toBe('signal.edit');
    const edited = await execute(edit.verb!, submissionFor(preview, edit));
    expect(cardText(edited)).toContain('Signaal melden');
    expect(cardText(edited)).not.toContain('velden om na te kijken');
    for (const [id, value] of Object.entries({ ...values, text: clean })) expect(inputValue(edited, id), id).toBe(value);
    const previewAgain = actionsOf(edited).find((a) => a.verb === 'signal.preview')!;
    expect(previewAgain.data).toEqual(draft);
    expect(await execute(previewAgain.verb!, submissionFor(edited, previewAgain))).toEqual(preview);
    expect(await db.db.signal.count()).toBe(0);

    const posted = await execute('signal.post', post.data!);
    expect(cardText(posted)).toContain('Dank je, je signaal is onderweg');
    // A second press (double click, redelivery) saves nothing new.
    expect(cardText(await execute('signal.post', post.data!))).toContain('Dit signaal werd al geplaatst');

    const inChannel = await client.waitForCard({ conversationId: signalsChannel, text: /Signaal: Mobiliteit/ }, 10_000);
    signalCardId = inChannel.activity.messageId;
    const channelJson = JSON.stringify(inChannel.card);
    for (const value of [PERSON.firstName, PERSON.lastName, PERSON.street, `${PERSON.street} ${PERSON.houseNumber}`, PERSON.postalCode, caseCode, contactId, '1944']) {
      expect(channelJson).not.toContain(value);
    }
    expect(cardText(inChannel.card)).toContain(clean);
    expect(await db.db.signal.count()).toBe(1);
    // The outbox records the send right after the connector answered.
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !(await db.db.signal.findFirstOrThrow()).postedActivityId) await new Promise((r) => setTimeout(r, 50));
    expect((await db.db.signal.findFirstOrThrow()).postedActivityId).toBe(signalCardId);
    expect(await db.db.outboxMessage.count({ where: { status: 'sent' } })).toBe(1);
  });

  it('marks the signal discussed in the channel, with who and a note, and refuses a note that names someone', async () => {
    const threadOfPost = `${signalsChannel};messageid=${signalCardId}`;
    const signalId = (await db.db.signal.findFirstOrThrow()).id;
    const press = (data: Record<string, unknown>) => client.invokeAction(threadOfPost, signalCardId, { verb: 'signal.markDiscussed', data: { signalId, ...data } }, { from: FIEN.id });

    const refused = await press({ note: `Besproken, mevrouw ${PERSON.lastName} belt zelf.` });
    expect(cardText(refused.value)).toContain('Je notitie lijkt iemand herkenbaar te maken');
    expect((await db.db.signal.findFirstOrThrow()).status).toBe('open');

    // The answer replaces the card only for the one who pressed: the post itself is updated for everyone.
    client.drain();
    await client.invokeAction(threadOfPost, signalCardId, { verb: 'signal.markAgenda', data: { signalId } }, { from: FIEN.id });
    const onAgenda = await client.waitForCard({ action: 'updateMessage', text: /Op de agenda/ });
    expect(onAgenda.activity.messageId).toBe(signalCardId);

    const done = await press({ note: 'Doorgegeven aan de dienst mobiliteit.' });
    const text = cardText(done.value);
    expect(text).toContain('Besproken');
    expect(text).toContain('Fien Claes');
    expect(text).toContain('Doorgegeven aan de dienst mobiliteit.');
    const stored = await db.db.signal.findFirstOrThrow();
    expect(stored.status).toBe('discussed');
    expect(stored.statusBy).toBe(FIEN.aad);
    const forEveryone = await client.waitForCard({ action: 'updateMessage', text: /Doorgegeven aan de dienst mobiliteit/ });
    expect(forEveryone.activity.messageId).toBe(signalCardId);
    expect(actionsOf(forEveryone.card)).toEqual([]);
  });

  it('gives the meeting digest with a chart, exports the anonymised signals as CSV and Excel, and closes the open ones', async () => {
    // A second signal, from the chat without a contact: still open when the meeting starts.
    client.drain();
    await client.sendText(client.ids.personalChat, 'signaal');
    const form = await client.waitForCard({ conversationId: client.ids.personalChat, text: /Signaal melden/ });
    const draft = actionsOf(form.card).find((a) => a.verb === 'signal.preview')!.data!;
    const preview = await client.executeForCard(client.ids.personalChat, form.activity.messageId, 'signal.preview', {
      ...draft, theme: 'housing', barrierType: 'financial', policyDomain: 'housing', lifeEvent: 'partner_death', ageBand: '75_84', area: 'Voorbeeldgemeente',
      text: 'Een aangepaste badkamer is te duur en niemand kent de premie.',
    });
    await client.executeForCard(client.ids.personalChat, form.activity.messageId, 'signal.post', actionsOf(preview).find((a) => a.verb === 'signal.post')!.data!);
    const openPost = await client.waitForCard({ conversationId: signalsChannel, text: /Signaal: Wonen/ }, 10_000);
    const recorded = Date.now() + 5000;
    while (Date.now() < recorded && (await db.db.signal.count({ where: { postedActivityId: openPost.activity.messageId } })) === 0) await new Promise((r) => setTimeout(r, 50));

    await client.sendText(threadId, 'overzicht', { from: FIEN.id, locale: 'nl-BE' });
    const { activity: digestActivity, card } = await client.waitForCard({ conversationId: signalsChannel, text: /Overzicht van de signalen/ });
    const json = JSON.stringify(card);
    expect(json).toMatch(/"type":"Chart\./);
    expect(json).toContain('"fallback"');
    const urls = actionsOf(card).filter((a) => a.type === 'Action.OpenUrl').map((a) => a.url as string);
    expect(urls).toHaveLength(2);

    const csvResponse = await fetch(urls.find((u) => u)!.toString());
    expect(csvResponse.status).toBe(200);
    const files = await Promise.all(urls.map(async (url) => ({ type: (await fetch(url)).headers.get('content-type') ?? '', body: Buffer.from(await (await fetch(url)).arrayBuffer()) })));
    const csv = files.find((f) => f.type.includes('csv'))!;
    const rows = parse(csv.body.toString('utf8').replace(/^\uFEFF/, ''), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    const xlsx = files.find((f) => f.type.includes('spreadsheet'))!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheetText = workbook.worksheets.map((ws) => ws.getSheetValues().flat().join(' ')).join(' ');
    expect(sheetText).toContain('dinsdagavond');
    for (const value of [PERSON.firstName, PERSON.lastName, PERSON.street, caseCode]) {
      expect(csv.body.toString('utf8')).not.toContain(value);
      expect(sheetText).not.toContain(value);
    }

    const markAll = actionsOf(card).find((a) => a.verb === 'digest.markAllDiscussed')!;
    const closed = await client.invokeAction(digestActivity.conversationId, digestActivity.messageId, { verb: markAll.verb!, data: markAll.data }, { from: FIEN.id });
    expect(cardText(closed.value)).toContain('Bespreking afgerond');
    expect((await db.db.team.findFirstOrThrow()).lastReviewAt).not.toBeNull();
    // The post it closed shows that to everyone in the channel, without its buttons.
    const closedPost = await client.waitForCard({ action: 'updateMessage', text: /Signaal: Wonen/ }, 10_000);
    expect(closedPost.activity.messageId).toBe(openPost.activity.messageId);
    expect(cardText(closedPost.card)).toContain('Fien Claes');
    expect(actionsOf(closedPost.card)).toEqual([]);
  });

  it('assigns a follow-up in the channel that arrives in the assignee\'s personal chat', async () => {
    client.drain();
    await client.sendText(threadId, 'opvolging', { from: FIEN.id, locale: 'nl-BE' });
    const form = await client.waitForCard({ conversationId: signalsChannel, text: /Opvolging toewijzen/ });
    // The method suggests a call about three months after a death: this contact's event was 12 weeks ago.
    expect(cardText(form.card)).toContain(caseCode);
    expect(cardText(form.card)).toContain(`${caseCode} · Overlijden van de partner · 12 weken geleden`);
    expect(JSON.stringify(form.card)).not.toContain(PERSON.lastName);
    const press = async (card: unknown, action: TCardAction, typed: Record<string, string> = {}) =>
      (await client.invokeAction(form.activity.conversationId, form.activity.messageId, { verb: action.verb!, data: submissionFor(card, action, typed) }, { from: FIEN.id })).value as AdaptiveCardJson;
    const shown = (card: unknown) => Object.fromEntries(['caseCode', 'assigneeId', 'dueDate', 'mode', 'reason', 'reasonNote'].map((id) => [id, inputValue(card, id)]));

    // "Gebruik" next to the suggestion fills in what the method proposes.
    const use = actionsOf(form.card).find((a) => a.verb === 'followUp.assignForm' && a.data?.caseCode === caseCode)!;
    expect(use.title).toBe('Gebruik');
    const prefilled = await press(form.card, use);
    expect(cardText(prefilled)).toContain('Opvolging toewijzen');
    expect(shown(prefilled)).toEqual({ caseCode, assigneeId: '', dueDate: use.data!.dueDate, mode: 'phone', reason: 'after_death', reasonNote: '' });
    expect(String(use.data!.dueDate) >= isoDay(7)).toBe(true);

    // A date in the past, then no one chosen: each time the problem is marked and everything typed stays.
    const assign = actionsOf(prefilled).find((a) => a.title === 'Toewijzen')!;
    const typed = { assigneeId: LOTTE_AAD, dueDate: isoDay(-1), reasonNote: 'Graag na de rouwgroep eens bellen.' };
    const pastDate = await press(prefilled, assign, typed);
    expect(cardText(pastDate)).toContain('Er is nog 1 veld om na te kijken.');
    expect(cardText(pastDate)).toContain('Kies een datum vanaf vandaag.');
    expect(shown(pastDate)).toEqual({ caseCode, mode: 'phone', reason: 'after_death', ...typed });
    const due = isoDay(7);
    const noOne = await press(pastDate, assign, { assigneeId: '', dueDate: due });
    expect(cardText(noOne)).toContain('Er is nog 1 veld om na te kijken.');
    expect(cardText(noOne)).toContain('Kies iemand uit het team.');
    expect(shown(noOne)).toEqual({ caseCode, mode: 'phone', reason: 'after_death', ...typed, assigneeId: '', dueDate: due });
    expect(await db.db.followUp.count({ where: { contactId } })).toBe(0);

    const assigned = await press(noOne, assign, { assigneeId: LOTTE_AAD });
    expect(cardText(assigned)).toContain('Opvolging toegewezen');
    expect(JSON.stringify(assigned)).not.toContain(PERSON.lastName);

    const personal = await client.nextActivity((a) => inConversation(client.ids.personalChat)(a) && Boolean(adaptiveCardOf(a)) && cardText(adaptiveCardOf(a)).includes(caseCode), 10_000);
    const personalText = cardText(adaptiveCardOf(personal) as AdaptiveCardJson);
    expect(personalText).toContain(`${PERSON.firstName} ${PERSON.lastName}`);
    expect(personalText).toContain('Notitie: Graag na de rouwgroep eens bellen.');
    const followUp = await db.db.followUp.findFirstOrThrow({ where: { contactId } });
    expect(followUp.assigneeId).toBe(LOTTE_AAD);
    expect(followUp.dueDate).toBe(due);
    expect([followUp.mode, followUp.reason, followUp.assignedBy]).toEqual(['phone', 'after_death', FIEN.aad]);

    // The assignee's "Mijn opvolgingen" on that message shows the list, and the read is logged.
    const assignedCard = adaptiveCardOf(personal)!;
    const myList = actionsOf(assignedCard).find((a) => a.title === 'Mijn opvolgingen')!;
    expect(myList.verb).toBe('followUp.list');
    const readsBefore = await db.db.accessAudit.count({ where: { actorId: LOTTE_AAD, action: 'contact.read' } });
    const list = await client.executeForCard(client.ids.personalChat, personal.messageId, myList.verb!, submissionFor(assignedCard, myList));
    expect(cardText(list)).toContain('1 opvolging staat open.');
    expect(cardText(list)).toContain(`${caseCode} · ${PERSON.firstName} ${PERSON.lastName}`);
    const reads = await db.db.accessAudit.findMany({ where: { actorId: LOTTE_AAD, action: 'contact.read' }, orderBy: { id: 'asc' } });
    expect(reads.slice(readsBefore)[0]!.detail).toMatchObject({ view: 'follow_up_list', shown: 1, others: 0 });
  });

  it('shows the coordinator a message that could not be delivered, and can try it again', async () => {
    const JONAS_AAD = '00000000-0000-4000-8000-00000000c002';
    client.drain();
    // A message the outbox gave up on: Teams would not let Nabij open a chat with Jonas (how the outbox gets there is
    // test/integration/outbox-personal-chat.test.ts; this local Teams client opens every chat it is asked for).
    await db.db.outboxMessage.create({
      data: { target: `user:${JONAS_AAD}`, teamId: client.ids.team, kind: 'followUp.assigned', payload: {}, status: 'failed', attempts: 1, lastError: 'personal_chat_refused' },
    });

    await client.sendText(threadId, 'bezorging', { from: FIEN.id, locale: 'nl-BE' });
    const problems = await client.waitForCard({ conversationId: signalsChannel, text: /kon niet bezorgd worden/ });
    expect(cardText(problems.card)).toContain('Een toegewezen opvolging voor Jonas De Smet');
    expect(cardText(problems.card)).toContain('Teams liet Nabij geen chat met die collega starten');
    const retried = await client.invokeAction(problems.activity.conversationId, problems.activity.messageId, { verb: 'delivery.retry', data: { teamId: client.ids.team } }, { from: FIEN.id });
    expect(cardText(retried.value)).toContain('1 bericht staat opnieuw klaar');

    // A worker is not shown the list.
    await client.sendText(threadId, 'bezorging', { from: '29:jonas-de-smet', locale: 'nl-BE' });
    expect(cardText((await client.waitForCard({ conversationId: signalsChannel, text: /Dat doet de coördinator/ })).card)).toContain('Alleen een coördinator ziet');
  });

  it("lists the assignee's follow-ups in the personal chat and records the completion on the contact's timeline", async () => {
    client.drain();
    await client.sendText(client.ids.personalChat, 'mijn opvolgingen');
    const list = await client.waitForCard({ conversationId: client.ids.personalChat, text: new RegExp(caseCode) });
    expect(cardText(list.card)).toContain(`${PERSON.firstName} ${PERSON.lastName}`);
    const complete = actionsOf(list.card).find((a) => a.verb === 'followUp.completeForm')!;
    const form = await client.executeForCard(client.ids.personalChat, list.activity.messageId, 'followUp.completeForm', complete.data!);
    // "Terug" leaves the form: the list again, nothing completed, whatever was chosen.
    const back = actionsOf(form).find((a) => a.title === 'Terug')!;
    expect(back.verb).toBe('followUp.list');
    const listAgain = await client.executeForCard(client.ids.personalChat, list.activity.messageId, back.verb!, submissionFor(form, back, { outcome: 'reached_ok' }));
    expect(cardText(listAgain)).toContain('1 opvolging staat open.');
    expect(cardText(listAgain)).toContain(`${caseCode} · ${PERSON.firstName} ${PERSON.lastName}`);
    expect((await db.db.followUp.findFirstOrThrow({ where: { id: complete.data!.followUpId as string } })).status).toBe('open');
    const done = await client.executeForCard(client.ids.personalChat, list.activity.messageId, 'followUp.complete', {
      ...complete.data!, outcome: 'reached_ok', outcomeNote: 'Gaat goed, wil in het voorjaar naar de seniorenclub.',
    });
    expect(cardText(form)).not.toBe(cardText(done));
    const followUp = await db.db.followUp.findFirstOrThrow({ where: { id: complete.data!.followUpId as string } });
    expect(followUp.status).toBe('done');
    expect(followUp.outcome).toBe('reached_ok');
    const events = await db.db.contactEvent.findMany({ where: { contactId, type: 'follow_up_done' } });
    expect(events).toHaveLength(1);
    // The timeline holds the outcome code, not the note.
    expect(JSON.stringify(events[0]!.detail)).not.toContain('seniorenclub');
  });

  it('understands every team command of the manifest, in Dutch and English', async () => {
    const titles = [...manifest.bots[0]!.commandLists.filter((l) => l.scopes.includes('team')).flatMap((l) => l.commands.map((c) => c.title)),
      ...Object.entries(english).filter(([key]) => new RegExp(`^bots\\[0\\]\\.commandLists\\[${teamListIndex}\\]\\.commands\\[\\d+\\]\\.title$`).test(key)).map(([, v]) => v)];
    expect(titles.length).toBe(12);
    for (const title of titles) {
      client.drain();
      await client.sendText(threadId, title, { from: FIEN.id, locale: 'nl-BE' });
      const { card } = await client.waitForCard({ conversationId: signalsChannel });
      expect(cardText(card), title).not.toContain('Dat begrijp ik niet');
    }
  });

  it('lets the coordinator change roles in the team settings, keeping at least one coordinator', async () => {
    client.drain();
    await client.sendText(threadId, 'rollen', { from: FIEN.id, locale: 'nl-BE' });
    const settings = await client.waitForCard({ conversationId: signalsChannel, text: /rollen en instellingen/ });
    const save = (values: Record<string, string>) => client.invokeAction(settings.activity.conversationId, settings.activity.messageId, {
      verb: 'team.saveSettings', data: { teamId: client.ids.team, ...values },
    }, { from: FIEN.id });
    const refused = await save({ [`role:${FIEN.aad}`]: 'worker' });
    expect(cardText(refused.value)).toContain('Er moet minstens één coördinator blijven');
    expect((await db.db.teamMember.findFirstOrThrow({ where: { aadObjectId: FIEN.aad } })).role).toBe('coordinator');

    const saved = await save({ [`role:${LOTTE_AAD}`]: 'coordinator', allowCaseCodes: 'true' });
    expect(cardText(saved.value)).toContain('Opgeslagen.');
    expect((await db.db.teamMember.findFirstOrThrow({ where: { aadObjectId: LOTTE_AAD } })).role).toBe('coordinator');
    expect((await db.db.team.findFirstOrThrow()).allowCaseCodes).toBe(true);

    // A worker cannot change roles, whatever the card says.
    const byWorker = await client.invokeAction(settings.activity.conversationId, settings.activity.messageId, {
      verb: 'team.saveSettings', data: { teamId: client.ids.team, ['role:00000000-0000-4000-8000-00000000c002']: 'coordinator' },
    }, { from: '29:jonas-de-smet' });
    expect(cardText(byWorker.value)).toContain('Dat doet de coördinator');
    expect((await db.db.teamMember.findFirstOrThrow({ where: { aadObjectId: '00000000-0000-4000-8000-00000000c002' } })).role).toBe('worker');
  });

  it('lets a coordinator query the access log by case code: every read, change and assignment is there, without names', async () => {
    // Lotte became coordinator in the previous test.
    client.drain();
    await client.sendText(client.ids.personalChat, `audit ${caseCode}`);
    const { card } = await client.waitForCard({ conversationId: client.ids.personalChat, text: new RegExp(caseCode) });
    const actions = (await db.db.accessAudit.findMany({ where: { caseCode } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['contact.create', 'contact.read', 'follow_up.assign', 'follow_up.complete']));
    expect(JSON.stringify(await db.db.accessAudit.findMany())).not.toContain(PERSON.lastName);
    expect(cardText(card)).toContain('Fien Claes');
  });

  it('answers an access request with a report, then erases the person on request, keeping the anonymous signal', async () => {
    client.drain();
    await client.sendText(client.ids.personalChat, `inzageverzoek ${caseCode}`);
    const access = await client.waitForCard({ conversationId: client.ids.personalChat, text: new RegExp(caseCode) });
    const reportUrl = actionsOf(access.card).find((a) => a.type === 'Action.OpenUrl' && /docx|\/files\/access\//.test(String(a.url)))!.url as string;
    const report = await fetch(reportUrl);
    expect(report.status).toBe(200);

    await client.sendText(client.ids.personalChat, `gegevens verwijderen ${caseCode}`);
    const confirm = await client.waitForCard({ conversationId: client.ids.personalChat, text: new RegExp(caseCode) });
    const erase = actionsOf(confirm.card).find((a) => a.verb === 'lifecycle.erase')!;
    await client.executeForCard(client.ids.personalChat, confirm.activity.messageId, 'lifecycle.erase', { ...erase.data!, confirmCaseCode: caseCode });
    const contact = await db.db.contact.findFirstOrThrow({ where: { id: contactId } });
    expect(contact.anonymisedAt).not.toBeNull();
    const everything = JSON.stringify([contact, await db.db.followUp.findMany(), await db.db.registration.findMany(), await db.db.outboxMessage.findMany()]);
    for (const value of [PERSON.firstName, PERSON.lastName, PERSON.street]) expect(everything).not.toContain(value);
    expect(await db.db.signal.count()).toBe(2);
    expect((await db.db.accessAudit.findMany({ where: { action: 'erasure' } })).length).toBe(1);
  });
});
