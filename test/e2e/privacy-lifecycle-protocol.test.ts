// The privacy lifecycle and the access log through Microsoft's local Teams client (Agents Playground), over its
// protocol: a worker closes a contact from its card; a coordinator erases a person on request (a wrong code and
// "Annuleren" erase nothing); a coordinator reads the access log by colleague, pages through it, and a worker is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDatabase } from '../../data/client.ts';
import { createAccessAuditRepository } from '../../data/repositories/access-audit.ts';
import { actionsOf, inputValue, submissionFor } from '../support/card-query.ts';
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from '../support/databases.ts';
import { openBotDatabase, startLocalTeams, type TLocalTeams } from '../support/local-teams.ts';
import { cardText, PlaygroundClient, type AdaptiveCardJson } from '../support/playground-client.ts';
import { fictitiousPerson } from '../support/seed-person.ts';

// Lotte (the playground's current user) is made coordinator by configuration; Jonas stays a worker.
const LOTTE_AAD = '00000000-0000-4000-8000-00000000c001';
const JONAS = { id: '29:jonas-de-smet', aad: '00000000-0000-4000-8000-00000000c002' };
const PERSON = fictitiousPerson(3);
// Access-log rows of Jonas, each with its own case code so pages can be told apart (no such contacts exist).
const SEEDED_CODES = Array.from({ length: 45 }, (_, i) => `K-99-${String(101 + i).padStart(4, '0')}`);

/** The access-log card's rows, newest first, as [when, who, what, case code]. */
function logRows(card: AdaptiveCardJson): string[][] {
  return (card.body as { type: string; separator?: boolean; columns?: { items: { text: string }[] }[] }[])
    .filter((e) => e.type === 'ColumnSet' && e.separator)
    .map((row) => row.columns!.map((c) => c.items[0]!.text));
}

/** The values of the card's facts (cardText reads only texts and titles). */
function factsOf(card: AdaptiveCardJson): string[] {
  return (card.body as { type: string; facts?: { value: string }[] }[]).flatMap((e) => (e.type === 'FactSet' ? e.facts!.map((f) => f.value) : []));
}

describe.each(DATABASE_KINDS)('privacy lifecycle and access log, end to end (%s)', (kind) => {
  let database: TTestDatabase;
  let teams: TLocalTeams;
  let client: PlaygroundClient;
  let bot: TDatabase;
  let contactId: string;
  let caseCode: string;

  const chat = () => client.ids.personalChat;
  /** Presses a button the way Teams does: its data plus the card's inputs (unless it says associatedInputs none). */
  const press = (cardId: string, card: AdaptiveCardJson, title: string, typed: Record<string, string> = {}) => {
    const action = actionsOf(card).find((a) => a.title === title);
    if (!action) throw new Error(`No button "${title}" on the card: ${actionsOf(card).map((a) => a.title).join(', ')}`);
    return client.executeForCard(chat(), cardId, action.verb!, submissionFor(card, action, typed));
  };
  const say = async (text: string, expected: RegExp, from?: string) => {
    client.drain();
    await client.sendText(chat(), text, from ? { from } : {});
    return client.waitForCard({ conversationId: chat(), text: expected });
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    teams = await startLocalTeams({ databaseUrl: database.url, env: { NABIJ_FORCE_LOCALE: 'nl', NABIJ_COORDINATORS: LOTTE_AAD } });
    client = await PlaygroundClient.connect(teams.playground.url);
    bot = await openBotDatabase(database.url);
    // The team roster comes from Teams on the first team command in the channel.
    await client.sendText(client.ids.channels['Signalen']!, 'rollen');
    await client.waitForCard({ text: /rollen en instellingen/ });
    expect((await bot.db.teamMember.findFirstOrThrow({ where: { aadObjectId: LOTTE_AAD } })).role).toBe('coordinator');
  });
  afterAll(async () => {
    await client?.close();
    await teams?.stop();
    await bot?.close();
    await database?.drop();
  });

  it('closes a contact from its card after a confirmation; the card then says it is closed', async () => {
    const form = await say('nieuw contact', /Nieuw contact/);
    const cardId = form.activity.messageId;
    const created = await press(cardId, form.card, 'Contact bewaren', {
      lifeEvent: 'partner_death', detectionSource: 'civil_affairs_list', consentStatus: 'not_needed', eventDate: '2026-09-14',
      firstName: PERSON.firstName, lastName: PERSON.lastName, street: PERSON.street, houseNumber: '3', postalCode: '9999', municipality: 'Voorbeeldgemeente',
    });
    caseCode = /K-\d{2}-\d{4}/.exec(cardText(created))![0];
    contactId = actionsOf(created).find((a) => a.verb === 'lifecycle.close.ask')!.data!.contactId as string;

    const confirm = await press(cardId, created, 'Contact afsluiten');
    expect(cardText(confirm)).toContain(`Contact ${caseCode} afsluiten?`);
    expect(cardText(confirm)).toContain('Na 24 maanden zonder nieuwe activiteit worden de persoonsgegevens automatisch verwijderd');
    expect((await bot.db.contact.findUniqueOrThrow({ where: { id: contactId } })).closedAt).toBeNull();

    const closed = await press(cardId, confirm, 'Ja, afsluiten');
    expect(cardText(closed)).toContain(`Contact ${caseCode} is afgesloten.`);
    expect(factsOf(closed)).toContain('Afgesloten');
    expect(actionsOf(closed).map((a) => a.verb)).not.toContain('lifecycle.close.ask');
    const stored = await bot.db.contact.findUniqueOrThrow({ where: { id: contactId } });
    expect(stored.status).toBe('closed');
    expect(stored.closedAt).not.toBeNull();
  });

  it('erases a person only with the right case code typed again; a wrong code and "Annuleren" erase nothing', async () => {
    const intact = async () => {
      const row = await bot.db.contact.findUniqueOrThrow({ where: { id: contactId } });
      expect([row.anonymisedAt, row.firstName, row.lastName]).toEqual([null, PERSON.firstName, PERSON.lastName]);
    };
    const ask = await say(`gegevens verwijderen ${caseCode}`, /definitief verwijderen/);
    expect(factsOf(ask.card)).toContain(`${PERSON.firstName} ${PERSON.lastName} · ${caseCode}`);

    const wrong = await press(ask.activity.messageId, ask.card, 'Definitief verwijderen', { confirmCaseCode: 'K-26-9999' });
    expect(cardText(wrong)).toContain(`Gegevens van ${caseCode} definitief verwijderen`);
    expect(cardText(wrong)).toContain(`Die code klopt niet. Typ ${caseCode} om te bevestigen; er is nog niets verwijderd.`);
    expect(inputValue(wrong, 'confirmCaseCode')).toBe('K-26-9999');
    await intact();

    // The confirmation field still holds the wrong code: "Annuleren" must not send it along.
    const cancelled = await press(ask.activity.messageId, wrong, 'Annuleren');
    expect(cardText(cancelled)).toContain('Er is niets verwijderd.');
    await intact();

    const again = await say(`gegevens verwijderen ${caseCode}`, /definitief verwijderen/);
    const erased = await press(again.activity.messageId, again.card, 'Definitief verwijderen', { confirmCaseCode: ` ${caseCode.toLowerCase()} ` });
    expect(cardText(erased)).toContain(`Gegevens van ${caseCode} verwijderd`);
    expect(cardText(erased)).toContain('De persoonsgegevens zijn verwijderd.');
    const row = await bot.db.contact.findUniqueOrThrow({ where: { id: contactId } });
    expect(row.anonymisedAt).not.toBeNull();
    for (const value of [PERSON.firstName, PERSON.lastName, PERSON.street]) expect(JSON.stringify(row)).not.toContain(value);
    expect(await bot.db.accessAudit.count({ where: { action: 'erasure', caseCode } })).toBe(1);
  });

  it('refuses the access log and erasure to a worker, and writes each refusal in the log', async () => {
    const refused = await say('audit', /Toegangslog/, JONAS.id);
    expect(cardText(refused.card)).toContain('Het toegangslog kan alleen een coördinator of de functionaris voor gegevensbescherming (DPO) bekijken.');
    const notErased = await say(`gegevens verwijderen ${caseCode}`, /Niet toegestaan/, JONAS.id);
    expect(cardText(notErased.card)).toContain('Alleen een coördinator (of de functionaris voor gegevensbescherming) kan gegevens verwijderen');
    const rows = await bot.db.accessAudit.findMany({ where: { actorId: JONAS.aad }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.action, r.detail])).toEqual([['audit.query', { by: 'form', refused: true }], ['erasure', { refused: 'not_coordinator' }]]);
  });

  it("shows a colleague's access log chosen on the query card, 40 rows a page, and pages on without overlap", async () => {
    const audit = createAccessAuditRepository(bot.db);
    for (const code of SEEDED_CODES) await audit.append({ actorId: JONAS.aad, action: 'contact.read', subject: 'contact', caseCode: code, detail: { view: 'detail' } });

    const query = await say('audit', /Wie heeft wat bekeken of gewijzigd/);
    const cardId = query.activity.messageId;
    expect(cardText(query.card)).toContain('Jonas De Smet');
    const first = await press(cardId, query.card, 'Toon het log', { actorId: JONAS.aad });
    expect(cardText(first)).toContain('Toegangslog van Jonas De Smet');
    expect(cardText(first)).toContain('Regels 1 tot 40 van 47, de nieuwste eerst. Nog 7 oudere regels.');
    const older = await press(cardId, first, 'Oudere regels');
    expect(cardText(older)).toContain('Regels 41 tot 47 van 47, de nieuwste eerst.');
    expect(actionsOf(older).map((a) => a.title)).not.toContain('Oudere regels');

    const [page1, page2] = [logRows(first), logRows(older)];
    expect([page1.length, page2.length]).toEqual([40, 7]);
    expect(page1.every((r) => r[1] === 'Jonas De Smet' && r[2] === 'Bekeken: contactfiche')).toBe(true);
    // Newest first, each row once: the seeded rows from the last one back, then Jonas's two refusals.
    expect([...page1, ...page2].slice(0, 45).map((r) => r[3])).toEqual([...SEEDED_CODES].reverse());
    expect(page2.slice(-2).map((r) => r[2])).toEqual(['Wissen op verzoek (geweigerd)', 'Toegangslog opgevraagd (geweigerd)']);

    const newQuery = await press(cardId, older, 'Nieuwe zoekopdracht');
    expect(cardText(newQuery)).toContain('Zoek op de casuscode van een contact van je team, of kies iemand uit je teams.');
  });

  it('answers "audit mij" with one\'s own log and "audit <naam>" with that colleague\'s', async () => {
    const own = await say('audit mij', /Toegangslog van Lotte Vermeulen/);
    const what = logRows(own.card).map((r) => r[2]);
    expect(what).toEqual(expect.arrayContaining(['Wissen op verzoek', 'Bekeken: contactfiche', 'Contact aangemaakt', 'Contact afgesloten', 'Toegangslog opgevraagd']));
    // Nothing was prepared for this contact: closing it is not a preparation.
    expect(what).not.toContain('Voorbereiding bewaard');
    expect(JSON.stringify(own.card)).not.toContain(PERSON.lastName);

    const byName = await say('audit jonas', /Toegangslog van Jonas De Smet/);
    expect(logRows(byName.card)).toHaveLength(40);
    expect(await bot.db.accessAudit.count({ where: { actorId: LOTTE_AAD, action: 'audit.query', subjectId: JONAS.aad } })).toBe(3);
  });
});
