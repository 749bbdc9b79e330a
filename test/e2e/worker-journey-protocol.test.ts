// Issue 3's walk through the local Teams client's protocol: a contact from creation through preparation (letter
// downloaded and opened as a .docx), the guide, and a registration with an invalid step that is corrected.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from '../support/databases.ts';
import { openBotDatabase, startLocalTeams, type TLocalTeams } from '../support/local-teams.ts';
import { actionsOf, inputOf, inputValue, submissionFor } from '../support/card-query.ts';
import { cardText, PlaygroundClient } from '../support/playground-client.ts';

describe.each(DATABASE_KINDS)('a worker walks one contact from creation to registration (%s)', (kind) => {
  let database: TTestDatabase;
  let teams: TLocalTeams;
  let client: PlaygroundClient;
  let cardId: string;
  let contactId: string;

  const execute = (verb: string, data: Record<string, unknown> = {}) => client.executeForCard(client.ids.personalChat, cardId, verb, data);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    teams = await startLocalTeams({ databaseUrl: database.url, env: { NABIJ_FORCE_LOCALE: 'nl' } });
    client = await PlaygroundClient.connect(teams.playground.url);
  });
  afterAll(async () => {
    await client?.close();
    await teams?.stop();
    await database?.drop();
  });

  it('creates a contact: a bad submit shows the same card with the problems marked and the values kept', async () => {
    await client.sendText(client.ids.personalChat, 'nieuw contact');
    const { activity, card } = await client.waitForCard({ conversationId: client.ids.personalChat, text: /Nieuw contact/ });
    cardId = activity.messageId;
    expect(actionsOf(card).map((a) => a.verb)).toContain('contact.create');

    const bad = await execute('contact.create', { lifeEvent: 'partner_death', detectionSource: 'civil_affairs_list', firstName: 'Rosa', lastName: '', postalCode: '92', eventDate: '2026-09-14' });
    const badText = cardText(bad);
    expect(badText).toContain('2 dingen om na te kijken');
    expect(badText).toContain('Vul de achternaam in.');
    expect(badText).toContain('Een Belgische postcode heeft 4 cijfers.');
    expect(inputValue(bad, 'firstName')).toBe('Rosa');
    expect(inputValue(bad, 'postalCode')).toBe('92');
    expect(inputValue(bad, 'lifeEvent')).toBe('partner_death');

    const good = await execute('contact.create', {
      lifeEvent: 'partner_death', detectionSource: 'civil_affairs_list', consentStatus: 'not_needed', eventDate: '2026-09-14',
      firstName: 'Rosa', lastName: 'Verhaegen', street: 'Lindestraat', houseNumber: '7', postalCode: '9999', municipality: 'Voorbeeldgemeente', birthDate: '1946',
    });
    expect(cardText(good)).toMatch(/Contact K-\d{2}-0001 is bewaard/);
    expect(cardText(good)).toContain('Rosa Verhaegen');
    // Without a configured model the AI notes feature does not exist.
    expect(actionsOf(good).map((a) => a.verb)).not.toContain('notes.start');
    contactId = actionsOf(good).find((a) => a.verb === 'prep.open')!.data!.contactId as string;
    expect(contactId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists the contact under "mijn contacten" with what is due next', async () => {
    await client.sendText(client.ids.personalChat, 'mijn contacten');
    const { card } = await client.waitForCard({ conversationId: client.ids.personalChat, text: /Mijn contacten/ });
    expect(cardText(card)).toContain('Rosa Verhaegen');
    expect(cardText(card)).toContain('Volgende stap: voorbereiden');
  });

  it('prepares the visit and downloads the announcement letter as a valid .docx', async () => {
    const prep = await execute('prep.open', { contactId });
    expect(cardText(prep)).toContain('Voorbereiding');
    const invalid = await execute('prep.save', { contactId, visitDate: '2026-13-40', visitTime: '25:00', visitPlace: 'home' });
    expect(cardText(invalid)).toContain('Geen geldig uur');
    expect(inputValue(invalid, 'visitTime')).toBe('25:00');

    const toggles = Object.fromEntries((prep.body as { type: string; id?: string }[]).filter((e) => e.type === 'Input.Toggle').map((e) => [e.id!, 'true']));
    expect(Object.keys(toggles).length).toBeGreaterThan(3);
    // Ticks and the visit typed on the card, then straight to the letter without pressing Bewaren: nothing is lost.
    const withLetter = await execute('letter.create', { contactId, ...toggles, visitDate: '2027-01-12', visitTime: '14:30', visitPlace: 'home' });
    expect(inputValue(withLetter, 'visitDate')).toBe('2027-01-12');
    expect(Object.keys(toggles).every((id) => inputValue(withLetter, id) === 'true')).toBe(true);
    const download = actionsOf(withLetter).find((a) => a.type === 'Action.OpenUrl');
    expect(download?.url).toMatch(/\/files\/letter\//);
    const res = await fetch(download!.url!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/aankondigingsbrief-K-\d{2}-0001\.docx/);
    expect(res.headers.get('content-disposition')).not.toContain('Verhaegen');
    expect([res.headers.get('cache-control'), res.headers.get('x-content-type-options')]).toEqual(['no-store', 'nosniff']);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Rosa Verhaegen');
    expect(text).toContain('Lindestraat 7');
    expect(text).toContain('dinsdag 12 januari 2027');
    expect(text).not.toContain('{{');

    const tampered = `${download!.url!.slice(0, -3)}abc`;
    expect((await fetch(tampered)).status).toBe(404);
  });

  it('keeps what was typed when the worker leaves the preparation card with "Terug naar het contact"', async () => {
    const prep = await execute('prep.open', { contactId });
    const back = actionsOf(prep).find((a) => a.title === 'Terug naar het contact')!;
    // A typo first: the same card comes back with the problem marked and both typed values kept.
    const problem = await execute(back.verb!, submissionFor(prep, back, { visitTime: '1500', visitPlaceNote: 'Bellen bij de buren' }));
    expect(cardText(problem)).toContain('Geen geldig uur');
    expect([inputValue(problem, 'visitTime'), inputValue(problem, 'visitPlaceNote')]).toEqual(['1500', 'Bellen bij de buren']);

    const contact = await execute(back.verb!, submissionFor(problem, back, { visitTime: '15:00' }));
    expect(cardText(contact)).toContain('Voorbereiding bewaard.');
    expect(cardText(contact)).toContain('Rosa Verhaegen');
    const again = await execute('prep.open', { contactId });
    expect([inputValue(again, 'visitDate'), inputValue(again, 'visitTime'), inputValue(again, 'visitPlaceNote')]).toEqual(['2027-01-12', '15:00', 'Bellen bij de buren']);
    // Leaving an untouched card saves nothing and says nothing.
    expect(cardText(await execute(back.verb!, submissionFor(again, back)))).not.toContain('Voorbereiding bewaard.');
  });

  it('opens the conversation guide with the emphasis for a death of a partner', async () => {
    const guide = await execute('guide.open', { contactId });
    const text = cardText(guide);
    expect(text).toContain('Gespreksleidraad');
    expect(text).toContain('Vaak belangrijk bij overlijden van de partner');
    // Read during a visit: the case code, never the name.
    expect(text).not.toContain('Verhaegen');
  });

  it('registers the visit step by step; an invalid step comes back marked, then everything is stored as entered', async () => {
    const first = await execute('reg.open', { contactId });
    expect(cardText(first)).toContain('Stap 1 van 7');

    const invalid = await execute('reg.save', { contactId, stepId: 'visit', go: 'next', visitDate: '2099-01-01', visitors: '', place: 'home' });
    expect(cardText(invalid)).toContain('Het bezoek ligt in de toekomst');
    expect(cardText(invalid)).toContain('Dit veld is nodig.');
    expect(inputValue(invalid, 'visitDate')).toBe('2099-01-01');
    expect(inputValue(invalid, 'place')).toBe('home');

    const steps: [string, Record<string, string>][] = [
      ['visit', { visitDate: '2026-11-20', visitors: 'Lotte', place: 'home', present: 'een buurvrouw' }],
      ['domains_a', { emotionalStatus: 'attention', emotionalNotes: 'Mist haar man vooral s avonds.', admin_financeStatus: 'support_needed', admin_financeNotes: 'Pensioenaanvraag loopt nog.' }],
      ['domains_b', { mobilityStatus: 'good', mobilityNotes: 'Rijdt zelf nog met de auto.' }],
      ['wellbeing', { wellbeing: '6', strengths: 'Sterke band met haar dochter.', worries: 'De papieren.', goingWell: 'Ze wandelt elke dag.', mustHappen: 'Hulp bij het pensioendossier.' }],
      ['actions', { action1What: 'Pensioendossier samen bekijken', action1Who: 'Lotte', action1When: '2026-12-05' }],
      ['referrals', { services: 'rouwgroep-de-linde', consent: 'true' }],
      ['follow_up', { followUp: 'yes', followUpMode: 'phone', followUpDate: '2027-02-20', followUpWhy: 'Drie maanden na het overlijden even horen hoe het gaat.' }],
    ];
    let card = invalid;
    for (const [stepId, values] of steps) card = await execute('reg.save', { contactId, stepId, go: 'next', ...values });
    expect(cardText(card)).toContain('Nakijken en bevestigen');
    expect(JSON.stringify(card)).toContain('Pensioendossier samen bekijken');

    const done = await execute('reg.submit', { contactId });
    expect(cardText(done)).toContain('Registratie bewaard (versie 1)');
    // The registration's second purpose: the card invites a signal for the team, and the form opens prefilled.
    expect(cardText(done)).toContain('Meld een signaal voor het team');
    const signalAction = actionsOf(done).find((a) => a.verb === 'signal.new')!;
    expect(signalAction.data).toEqual({ contactId });
    // No team channel is bound in this test: the worker is told how to get one.
    expect(cardText(await execute('signal.new', signalAction.data!))).toContain('Nog geen teamkanaal voor signalen');

    const { db, close } = await openBotDatabase(database.url);
    try {
      const registrations = await db.registration.findMany({ where: { contactId } });
      expect(registrations).toHaveLength(1);
      expect(registrations[0]!.status).toBe('submitted');
      expect(registrations[0]!.data).toEqual({
        visit: { visitDate: '2026-11-20', visitors: 'Lotte', place: 'home', present: 'een buurvrouw' },
        domains_a: { emotionalStatus: 'attention', emotionalNotes: 'Mist haar man vooral s avonds.', admin_financeStatus: 'support_needed', admin_financeNotes: 'Pensioenaanvraag loopt nog.' },
        domains_b: { mobilityStatus: 'good', mobilityNotes: 'Rijdt zelf nog met de auto.' },
        wellbeing: { wellbeing: 6, strengths: 'Sterke band met haar dochter.', worries: 'De papieren.', goingWell: 'Ze wandelt elke dag.', mustHappen: 'Hulp bij het pensioendossier.' },
        actions: { action1What: 'Pensioendossier samen bekijken', action1Who: 'Lotte', action1When: '2026-12-05' },
        referrals: { services: ['rouwgroep-de-linde'], consent: true },
        follow_up: { followUp: 'yes', followUpMode: 'phone', followUpDate: '2027-02-20', followUpWhy: 'Drie maanden na het overlijden even horen hoe het gaat.' },
      });
      const contact = await db.contact.findUniqueOrThrow({ where: { id: contactId } });
      expect(contact.status).toBe('visited');
    } finally {
      await close();
    }
  });

  it('keeps every submitted step through a crash (kill -9) and resumes with "verder met registratie"', async () => {
    const created = await execute('contact.create', { lifeEvent: 'move', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Jef', lastName: 'Testhuis' });
    const secondId = actionsOf(created).find((a) => a.verb === 'reg.open')!.data!.contactId as string;
    await execute('reg.open', { contactId: secondId });
    await execute('reg.save', { contactId: secondId, stepId: 'visit', go: 'next', visitDate: '2026-11-21', visitors: 'Lotte', place: 'elsewhere' });
    await execute('reg.save', { contactId: secondId, stepId: 'domains_a', go: 'next', social_networkStatus: 'attention', social_networkNotes: 'Kent nog niemand in de wijk.' });

    await teams.restartBot('SIGKILL');

    client.drain();
    await client.sendText(client.ids.personalChat, 'verder met registratie');
    const { card } = await client.waitForCard({ conversationId: client.ids.personalChat, text: /Stap 3 van 7/ });
    expect(cardText(card)).toContain('Jef Testhuis');
    const back = await client.invokeAction(client.ids.personalChat, cardId, { verb: 'reg.step', data: { contactId: secondId, stepId: 'domains_a' } });
    expect(inputValue(back.value, 'social_networkNotes')).toBe('Kent nog niemand in de wijk.');
    expect(inputValue(back.value, 'social_networkStatus')).toBe('attention');
  });

  it('searches the social map from the referral step, keeping what was chosen', async () => {
    const step = await execute('reg.step', { contactId, stepId: 'referrals' });
    const allChoices = JSON.stringify(step).match(/"value":"[a-z0-9-]+"/g)?.length ?? 0;
    const found = await execute('reg.search', { contactId, stepId: 'referrals', search: 'vervoer', services: 'rouwgroep-de-linde' });
    const services = inputOf(found, 'services')!.choices as { value: string; title: string }[];
    expect(services.length).toBeGreaterThan(1);
    expect(services.length).toBeLessThan(allChoices);
    expect(services.map((s) => s.value)).toContain('rouwgroep-de-linde');
    expect(inputValue(found, 'services')).toBe('rouwgroep-de-linde');
    expect(inputValue(found, 'search')).toBe('vervoer');

    // By life domain: the name of a domain finds its services.
    const byDomain = await execute('reg.search', { contactId, stepId: 'referrals', search: 'mobiliteit' });
    expect(JSON.stringify(byDomain)).toContain('"value":"buurtbus"');
  });

  it('imports a civil-affairs list sent to the bot as a file, reporting the bad rows by line', async () => {
    // Teams hands a file over as a download link; a local server plays that part here.
    const csv = readFileSync(join(import.meta.dirname, '../fixtures/contacts-1000.csv'));
    const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/csv' }).end(csv));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      client.drain();
      const ids = client.ids;
      const user = client.config.config.currentUser;
      const res = await fetch(`${teams.playground.url}/_internal/v1/customActivities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message', id: `file-${kind}`, timestamp: new Date().toISOString(), channelId: 'msteams', serviceUrl: `${teams.playground.url}/_connector`,
          from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId }, recipient: { id: ids.botId, name: ids.botName },
          conversation: { id: ids.personalChat, conversationType: 'personal', tenantId: ids.tenantId }, channelData: { tenant: { id: ids.tenantId } },
          locale: 'nl-BE', text: '',
          attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'burgerzaken-november.csv', content: { downloadUrl: `http://127.0.0.1:${port}/list.csv`, uniqueId: 'f1', fileType: 'csv' } }],
        }),
      });
      expect(res.ok).toBe(true);
      const { card } = await client.waitForCard({ conversationId: ids.personalChat, text: /Lijst ingelezen/ }, 20_000);
      const text = cardText(card);
      expect(text).toMatch(/993 van de 1000 rijen zijn nu contacten/);
      expect(text).toContain('7 rijen niet ingelezen');
      expect(text).toContain('Regel 45 (achternaam)');
      expect(text).toContain('Regel 1010');
    } finally {
      server.close();
    }
  });

  it('corrects a submitted registration as a new version and keeps the earlier one', async () => {
    const first = await execute('reg.open', { contactId });
    expect(inputValue(first, 'visitors')).toBe('Lotte');
    await execute('reg.save', { contactId, stepId: 'visit', go: 'next', visitDate: '2026-11-20', visitors: 'Lotte en Jonas', place: 'home' });
    const review = await execute('reg.step', { contactId, stepId: 'follow_up' });
    expect(cardText(review)).toContain('Opvolging');
    await execute('reg.save', { contactId, stepId: 'follow_up', go: 'next', followUp: 'yes', followUpMode: 'visit', followUpDate: '2027-02-20' });
    const done = await execute('reg.submit', { contactId });
    expect(cardText(done)).toContain('Registratie bewaard (versie 2)');

    const { db, close } = await openBotDatabase(database.url);
    try {
      const versions = await db.registration.findMany({ where: { contactId }, orderBy: { version: 'asc' } });
      expect(versions.map((v) => [v.version, v.status])).toEqual([[1, 'superseded'], [2, 'submitted']]);
      expect((versions[0]!.data as Record<string, Record<string, unknown>>).visit!.visitors).toBe('Lotte');
      expect((versions[1]!.data as Record<string, Record<string, unknown>>).visit!.visitors).toBe('Lotte en Jonas');
      expect((versions[1]!.data as Record<string, Record<string, unknown>>).wellbeing!.wellbeing).toBe(6);
      expect((versions[1]!.data as Record<string, Record<string, unknown>>).follow_up!.followUpMode).toBe('visit');
    } finally {
      await close();
    }
  });
});
