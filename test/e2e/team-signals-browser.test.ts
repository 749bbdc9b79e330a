// The channel side of issue 5 in the real UI of the local Teams client (headless Chromium): the coordinator binds
// the channel with an @mention, a worker's signal appears there as a card without personal data, it is marked
// discussed with a note through the card's own buttons, and the meeting digest renders with its chart.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickCardButton, launchBrowser, openConversation, openPlayground, sendMessage, waitForCardWithText, type BrowserSession } from '../support/chromium.ts';
import { actionsOf } from '../support/card-query.ts';
import { startLocalTeams, type TLocalTeams } from '../support/local-teams.ts';
import { cardText, PlaygroundClient } from '../support/playground-client.ts';

const SCREENSHOTS = join(import.meta.dirname, '../../test-results');
const LOTTE_AAD = '00000000-0000-4000-8000-00000000c001';

describe('signals in the team channel of the local Teams client (real UI, headless Chromium)', () => {
  let local: TLocalTeams;
  let session: BrowserSession;
  let client: PlaygroundClient;

  beforeAll(async () => {
    // In this test the UI's user (Lotte) is the coordinator, as in the `npm start` demo.
    local = await startLocalTeams({ env: { NABIJ_FORCE_LOCALE: 'nl', NABIJ_COORDINATORS: LOTTE_AAD, NABIJ_OUTBOX_INTERVAL_MS: '100' } });
    session = await launchBrowser();
    client = await PlaygroundClient.connect(local.playground.url);
  });
  afterAll(async () => {
    await client?.close();
    await session?.close();
    await local?.stop();
  });

  it('binds the channel, shows a posted signal without a name, marks it discussed and shows the digest', async () => {
    const { page } = session;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await openPlayground(page, local.playground.url);
    await openConversation(page, 'Team Welzijn - Signalen');
    await sendMessage(page, 'kanaal koppelen', { mention: 'Nabij' });
    await waitForCardWithText(page, 'Dit kanaal ontvangt nu de signalen', 10_000);

    // The worker's part happens in the personal chat; here through the protocol, the channel is what we look at.
    await client.sendText(client.ids.personalChat, 'nieuw contact');
    const form = await client.waitForCard({ conversationId: client.ids.personalChat, text: /Nieuw contact/ });
    const execute = (verb: string, data: Record<string, unknown>) => client.executeForCard(client.ids.personalChat, form.activity.messageId, verb, data);
    const created = await execute('contact.create', {
      lifeEvent: 'move', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: 'Ludwina', lastName: 'Oosterlinck', street: 'Beukenhof', houseNumber: '3', municipality: 'Voorbeeldgemeente',
    });
    const contactId = actionsOf(created).find((a) => a.verb === 'signal.new')!.data!.contactId as string;
    const signalForm = await execute('signal.new', { contactId });
    const draft = actionsOf(signalForm).find((a) => a.verb === 'signal.preview')!.data!;
    const preview = await execute('signal.preview', {
      ...draft, theme: 'social_network', barrierType: 'language', policyDomain: 'leisure', lifeEvent: 'move', ageBand: '65_74', area: 'Voorbeeldgemeente',
      text: 'Nieuwkomers die nog weinig Nederlands spreken, vinden de weg niet naar de activiteiten van het dienstencentrum.',
    });
    expect(cardText(preview)).toContain('Zo verschijnt je signaal');
    await execute('signal.post', actionsOf(preview).find((a) => a.verb === 'signal.post')!.data!);

    const posted = await waitForCardWithText(page, 'Signaal: Sociaal netwerk', 10_000);
    const shown = await posted.innerText();
    for (const value of ['Ludwina', 'Oosterlinck', 'Beukenhof', /K-\d{2}-\d{4}/]) expect(shown).not.toMatch(value);
    await page.screenshot({ path: join(SCREENSHOTS, 'signal-in-channel.png') });

    await clickCardButton(page, 'Besproken', posted);
    await posted.getByRole('textbox', { name: /Notitie bij de bespreking/ }).fill('Doorgegeven aan de dienst vrije tijd.');
    await clickCardButton(page, 'Markeer als besproken', posted);
    // The card is replaced in place: now it says who marked it and shows the note, and its buttons are gone.
    const discussed = await waitForCardWithText(page, /Lotte Vermeulen/);
    const discussedText = await discussed.innerText();
    expect(discussedText).toContain('Besproken');
    expect(discussedText).toContain('Doorgegeven aan de dienst vrije tijd.');
    expect(await discussed.getByRole('button', { name: 'Agenderen' }).count()).toBe(0);

    await sendMessage(page, 'overzicht', { mention: 'Nabij' });
    const digest = await waitForCardWithText(page, 'Overzicht van de signalen', 10_000);
    await digest.scrollIntoViewIfNeeded();
    const digestText = await digest.innerText();
    expect(digestText).toContain('Sociaal netwerk');
    expect(digestText).toMatch(/Exporteer|CSV/);
    // The Teams chart element renders here (as an SVG); elsewhere the card's fallback bars would.
    expect(await digest.locator('svg').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'signal-digest.png'), fullPage: true });
  });
});
