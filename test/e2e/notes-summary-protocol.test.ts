// Issue 4 through the local Teams client: a worker sends dictated notes for a contact, gets a pre-filled
// registration to review, corrects a field and confirms; the model – a local OpenAI-compatible test server that the
// real openai client talks to – never receives an identifier, and an invented field is not filled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NOTES_CHARS } from '../../data/repositories/visit-notes.ts';
import { createTestDatabase, type TTestDatabase } from '../support/databases.ts';
import { startFakeOpenAI, type TFakeOpenAI } from '../support/fake-openai-server.ts';
import { openBotDatabase, startLocalTeams, type TLocalTeams } from '../support/local-teams.ts';
import { actionsOf, inputOf, submissionFor } from '../support/card-query.ts';
import { adaptiveCardOf, cardText, inConversation, PlaygroundClient, type AdaptiveCardJson } from '../support/playground-client.ts';

const IDENTIFIERS = ['Rosa', 'Verhaegen', 'Lindestraat', '0470 12 34 56', '0470123456', 'rosa.verhaegen@example.org', 'Els', 'Marnix'];
const NOTES = [
  'bezoek bij mevrouw Verhaegen in de Lindestraat 7. Rosa vertelt dat ze zich zorgen maakt over de papieren van het pensioen.',
  'haar dochter Els komt elke zondag langs. Rosa wandelt elke ochtend met de hond naar het park. bereikbaar op 0470 12 34 56.',
  'de buurman Marnix helpt soms met boodschappen.',
];

/** Words up to exactly `length` characters, ending on a letter (the bot trims a message). */
const textOfLength = (length: number) => 'de tuin '.repeat(Math.ceil(length / 8)).slice(0, length - 1) + 'n';
// Longer than the wellbeing step allows (1,000 characters), though every word of it is in the notes.
const OVERLONG_STRENGTHS = `Dochter komt elke zondag langs. ${'Ze komt elke zondag langs. '.repeat(40)}`.trim();

describe('dictated notes summarised into the registration', () => {
  let database: TTestDatabase;
  let model: TFakeOpenAI;
  let teams: TLocalTeams;
  let client: PlaygroundClient;
  let cardId: string;
  let contactId: string;
  let collectingCard: AdaptiveCardJson;

  const execute = (verb: string, data: Record<string, unknown> = {}) => client.executeForCard(client.ids.personalChat, cardId, verb, data);
  const waitForCardUpdate = async (text: RegExp) => {
    const activity = await client.nextActivity((a) => a.action === 'updateMessage' && a.messageId === cardId && text.test(cardText(adaptiveCardOf(a))), 15_000);
    return adaptiveCardOf(activity)!;
  };

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    model = await startFakeOpenAI();
    teams = await startLocalTeams({
      databaseUrl: database.url,
      env: { NABIJ_FORCE_LOCALE: 'nl', NABIJ_LLM_PROVIDER: 'compatible', NABIJ_LLM_BASE_URL: `${model.url}/v1`, NABIJ_LLM_MODEL: 'test-model', NABIJ_LLM_TIMEOUT_MS: '5000', NABIJ_LLM_PROGRESS_MS: '400' },
    });
    client = await PlaygroundClient.connect(teams.playground.url);
    await client.sendText(client.ids.personalChat, 'nieuw contact');
    cardId = (await client.waitForCard({ conversationId: client.ids.personalChat, text: /Nieuw contact/ })).activity.messageId;
    const created = await execute('contact.create', {
      lifeEvent: 'partner_death', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Rosa', lastName: 'Verhaegen',
      street: 'Lindestraat', houseNumber: '7', postalCode: '9999', municipality: 'Voorbeeldgemeente', phone: '0470 12 34 56',
      email: 'rosa.verhaegen@example.org', relatives: 'dochter Els',
    });
    contactId = /"contactId":"([0-9a-f-]{36})"/.exec(JSON.stringify(created))![1]!;
  });
  afterAll(async () => {
    await client?.close();
    await teams?.stop();
    await model?.close();
    await database?.drop();
  });

  it('collects notes sent as several messages for the contact', async () => {
    const detail = await execute('contact.open', { contactId });
    expect(cardText(detail)).toContain('Notities dicteren');
    collectingCard = await execute('notes.start', { contactId });
    expect(cardText(collectingCard)).toContain('Notities van het bezoek');
    for (const line of NOTES) {
      client.drain();
      await client.sendText(client.ids.personalChat, line);
      const ack = await client.nextActivity((a) => inConversation(client.ids.personalChat)(a) && /Genoteerd/.test(a.text ?? ''));
      expect(ack.text).toMatch(/Genoteerd \(\d+ woorden samen\)/);
    }
  });

  it('refuses one message longer than the notes may be, says so in Dutch, and keeps the notes as they were', async () => {
    client.drain();
    await client.sendText(client.ids.personalChat, textOfLength(MAX_NOTES_CHARS + 1));
    const answer = await client.nextActivity((a) => inConversation(client.ids.personalChat)(a) && Boolean(a.text));
    expect(answer.text).toContain('Dit ene bericht is al langer dan je notities samen mogen zijn (20.000 tekens), dus ik heb het niet bewaard.');
    const { db, close } = await openBotDatabase(database.url);
    try {
      const notes = await db.visitNotes.findMany({ where: { contactId } });
      expect(notes.map((n) => n.text)).toEqual([NOTES.join('\n\n')]);
    } finally {
      await close();
    }
  });

  it('stops collecting on "Stoppen met verzamelen": the notes stay, a later message in the chat is not added', async () => {
    const stop = actionsOf(collectingCard).find((a) => a.title === 'Stoppen met verzamelen')!;
    expect(stop.verb).toBe('notes.stop');
    const stopped = await execute(stop.verb!, submissionFor(collectingCard, stop));
    expect(cardText(stopped)).toContain('Ik verzamel geen notities meer. Je notities blijven bewaard.');
    expect(actionsOf(stopped).map((a) => a.title)).toEqual(['Zelf invullen']);

    client.drain();
    await client.sendText(client.ids.personalChat, 'nog iets: ze belt elke avond met haar zus.');
    const answer = await client.nextActivity(inConversation(client.ids.personalChat));
    // Not collected: the message goes where any other text goes (here the welcome, as this user had none yet).
    expect(answer.text ?? '').not.toMatch(/Genoteerd/);
    expect(cardText(adaptiveCardOf(answer))).toContain('fijn dat je er bent');
    const { db, close } = await openBotDatabase(database.url);
    try {
      const notes = await db.visitNotes.findMany({ where: { contactId } });
      expect(notes).toHaveLength(1);
      for (const line of NOTES) expect(notes[0]!.text).toContain(line);
      expect(notes[0]!.text).not.toContain('haar zus');
    } finally {
      await close();
    }
  });

  it('keeps the notes when the model fails, and says so in Dutch with "opnieuw proberen"', async () => {
    model.enqueue({ kind: 'status', status: 429, retryAfter: 1 });
    client.drain();
    const pending = await execute('notes.summarise', { contactId });
    expect(cardText(pending)).toContain('Bezig met samenvatten');
    const failed = await waitForCardUpdate(/overbelast/);
    expect(cardText(failed)).toContain('Opnieuw proberen');
    expect(cardText(failed)).toContain('Zelf invullen');
    const { db, close } = await openBotDatabase(database.url);
    try {
      const notes = await db.visitNotes.findMany({ where: { contactId } });
      expect(notes).toHaveLength(1);
      expect(notes[0]!.text).toContain('wandelt elke ochtend met de hond');
      expect(await db.aiSuggestion.count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('fills only grounded fields, drops the invented one and the one the registration would refuse, and sends no identifier to the model', async () => {
    model.enqueue({
      kind: 'json',
      content: {
        fields: [
          { field: 'wellbeing.worries', value: 'Zorgen over de papieren van het pensioen.', quotes: ['ze zich zorgen maakt over de papieren van het pensioen'] },
          { field: 'wellbeing.goingWell', value: 'Wandelt elke ochtend met de hond.', quotes: ['wandelt elke ochtend met de hond naar het park'] },
          // Invented: nobody talked about a service flat.
          { field: 'actions.action1What', value: 'Verhuis naar een serviceflat regelen', quotes: ['ze wil verhuizen naar een serviceflat'] },
          // Grounded, but longer than the step allows: saving it would be refused, so it is not offered.
          { field: 'wellbeing.strengths', value: OVERLONG_STRENGTHS, quotes: ['komt elke zondag langs'] },
        ],
      },
    });
    client.drain();
    await execute('notes.summarise', { contactId });
    const done = await waitForCardUpdate(/Klaar/);
    expect(cardText(done)).toContain('Klaar: 2 velden voorgesteld. 2 voorstellen liet ik weg: ze staan niet in je notities of passen niet in de registratie.');

    expect(model.requests.length).toBe(2);
    for (const request of model.requests) {
      expect(request.body).toContain('wandelt elke ochtend met de hond');
      for (const identifier of IDENTIFIERS) expect(request.body, identifier).not.toContain(identifier);
    }
  });

  it('pre-fills the registration as AI suggestions; the worker corrects one, confirms, and the stored registration is right', async () => {
    const visit = await execute('reg.open', { contactId });
    expect(cardText(visit)).toContain('Stap 1 van 7');
    let card = await execute('reg.save', { contactId, stepId: 'visit', go: 'next', visitDate: '2026-11-20', visitors: 'Lotte', place: 'home' });
    card = await execute('reg.save', { contactId, stepId: 'domains_a', go: 'next' });
    card = await execute('reg.save', { contactId, stepId: 'domains_b', go: 'next' });
    expect(cardText(card)).toContain('Welzijn en krachten');
    expect(inputOf(card, 'worries')?.value).toBe('Zorgen over de papieren van het pensioen.');
    expect(JSON.stringify(card)).toContain('AI-voorstel, gebaseerd op');
    expect(inputOf(card, 'strengths')?.value).toBe('');
    expect(JSON.stringify(card)).toContain('Geen voorstel: niet in je notities, of het paste niet bij dit veld.');
    card = await execute('reg.save', { contactId, stepId: 'wellbeing', go: 'next', worries: 'Zorgen over de papieren van het pensioen.', goingWell: 'Wandelt dagelijks met de hond.' });
    expect(cardText(card)).toContain('Afspraken');
    expect(inputOf(card, 'action1What')?.value).toBe('');
    expect(JSON.stringify(card)).toContain('Geen voorstel: niet in je notities, of het paste niet bij dit veld.');
    card = await execute('reg.save', { contactId, stepId: 'actions', go: 'next' });
    card = await execute('reg.save', { contactId, stepId: 'referrals', go: 'next' });
    card = await execute('reg.save', { contactId, stepId: 'follow_up', go: 'next', followUp: 'no' });
    const done = await execute('reg.submit', { contactId });
    expect(cardText(done)).toContain('Registratie bewaard (versie 1)');

    const { db, close } = await openBotDatabase(database.url);
    try {
      const registration = await db.registration.findFirstOrThrow({ where: { contactId } });
      expect((registration.data as Record<string, unknown>).wellbeing).toEqual({ worries: 'Zorgen over de papieren van het pensioen.', goingWell: 'Wandelt dagelijks met de hond.' });
      expect((registration.data as Record<string, Record<string, unknown>>).actions).toEqual({});
      expect(await db.aiSuggestion.count({ where: { contactId, status: 'used' } })).toBe(1);
      const audits = await db.llmCallAudit.findMany({ orderBy: { at: 'asc' } });
      expect(audits.map((a) => a.outcome)).toEqual(['rate_limited', 'ok']);
      expect(audits.every((a) => /^K-\d{2}-\d{4}$/.test(a.caseCode) && a.model === 'test-model' && a.requestBytes > 0)).toBe(true);
      expect(JSON.stringify(audits)).not.toMatch(/Rosa|Verhaegen|pensioen/);
    } finally {
      await close();
    }
  });

  it('lets the worker throw a suggestion away entirely; the notes stay', async () => {
    await execute('notes.start', { contactId });
    client.drain();
    await client.sendText(client.ids.personalChat, 'tweede bezoek: ze voelt zich al wat beter en gaat naar de praatgroep.');
    await client.nextActivity((a) => /Genoteerd/.test(a.text ?? ''));
    // A slow model: the card first says it is still working, then shows the result.
    model.enqueue({ kind: 'delay', ms: 1500, then: { kind: 'json', content: { fields: [{ field: 'wellbeing.goingWell', value: 'Voelt zich beter.', quotes: ['ze voelt zich al wat beter en gaat naar de praatgroep'] }] } } });
    client.drain();
    await execute('notes.summarise', { contactId });
    await waitForCardUpdate(/Nog even geduld/);
    await waitForCardUpdate(/Klaar: 1 veld voorgesteld/);
    const discarded = await execute('ai.discard', { contactId });
    expect(cardText(discarded)).toContain('Het AI-voorstel is weggegooid');
    const { db, close } = await openBotDatabase(database.url);
    try {
      expect(await db.aiSuggestion.count({ where: { contactId, status: 'pending' } })).toBe(0);
      expect(await db.aiSuggestion.count({ where: { contactId, status: 'discarded' } })).toBe(1);
      expect((await db.visitNotes.findFirstOrThrow({ where: { contactId } })).text).toContain('praatgroep');
    } finally {
      await close();
    }
    const open = await execute('reg.open', { contactId });
    expect(JSON.stringify(open)).not.toContain('AI-voorstel');
  });

  it('says the notes are full when one more message would not fit, and keeps what was collected', async () => {
    await execute('notes.start', { contactId });
    const { db, close } = await openBotDatabase(database.url);
    const before = async () => (await db.visitNotes.findFirstOrThrow({ where: { contactId } })).text;
    try {
      const collected = await before();
      client.drain();
      await client.sendText(client.ids.personalChat, textOfLength(MAX_NOTES_CHARS - collected.length - 2));
      await client.nextActivity((a) => inConversation(client.ids.personalChat)(a) && /Genoteerd/.test(a.text ?? ''));
      const full = await before();
      expect(full.length).toBe(MAX_NOTES_CHARS);

      client.drain();
      await client.sendText(client.ids.personalChat, 'ze belt elke avond met haar zus.');
      const answer = await client.nextActivity((a) => inConversation(client.ids.personalChat)(a) && Boolean(a.text));
      expect(answer.text).toContain('Je notities zitten vol');
      expect(answer.text).toContain('alles wat je eerder stuurde, blijft bewaard');
      expect(answer.text).toContain('Samenvatten in de registratie');
      expect(await before()).toBe(full);
    } finally {
      await close();
    }
  });
});
