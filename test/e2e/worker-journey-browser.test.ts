// A worker creates a contact in the real UI of the local Teams client: a wrong postal code comes back marked with
// everything typed still there, the corrected card saves the contact, and the preparation card opens.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/client.ts';
import { chooseOption, clickCardButton, launchBrowser, openPersonalChat, sendMessage, waitForCardWithText, type BrowserSession } from '../support/chromium.ts';
import { startLocalTeams, type TLocalTeams } from '../support/local-teams.ts';

const SCREENSHOTS = join(import.meta.dirname, '../../test-results');

describe('creating a contact in the local Teams client (real UI, headless Chromium)', () => {
  let teams: TLocalTeams;
  let session: BrowserSession;

  beforeAll(async () => {
    teams = await startLocalTeams({ env: { NABIJ_FORCE_LOCALE: 'nl' } });
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
    await teams?.stop();
  });

  it('marks a wrong field, keeps what was typed, saves after the correction and opens the preparation', async () => {
    const { page } = session;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await openPersonalChat(page, teams.playground.url);
    await sendMessage(page, 'nieuw contact');
    const form = await waitForCardWithText(page, 'Nieuw contact');

    await chooseOption(page, form, /Kantelmoment/, 'Overlijden van de partner');
    await chooseOption(page, form, /Hoe ken je dit contact/, 'Lijst van burgerzaken');
    await form.getByRole('textbox', { name: /Voornaam/ }).fill('Rosa');
    await form.getByRole('textbox', { name: /Achternaam/ }).fill('Verhaegen');
    await form.getByRole('textbox', { name: /Postcode/ }).fill('92');
    await clickCardButton(page, 'Contact bewaren', form);

    const marked = await waitForCardWithText(page, 'Een Belgische postcode heeft 4 cijfers.');
    await page.screenshot({ path: join(SCREENSHOTS, 'contact-form-error.png') });
    expect(await marked.getByRole('textbox', { name: /Voornaam/ }).inputValue()).toBe('Rosa');
    expect(await marked.getByRole('textbox', { name: /Achternaam/ }).inputValue()).toBe('Verhaegen');
    expect(await marked.getByRole('textbox', { name: /Postcode/ }).inputValue()).toBe('92');

    await marked.getByRole('textbox', { name: /Postcode/ }).fill('9999');
    await clickCardButton(page, 'Contact bewaren', marked);
    const saved = await waitForCardWithText(page, /Contact K-\d{2}-0001 is bewaard/);
    await page.screenshot({ path: join(SCREENSHOTS, 'contact-saved.png') });

    await clickCardButton(page, 'Voorbereiding', saved);
    await waitForCardWithText(page, 'Om voor te bereiden');
    await page.screenshot({ path: join(SCREENSHOTS, 'preparation.png') });

    const { db, close } = await openDatabase(teams.databaseUrl);
    try {
      const contacts = await db.contact.findMany();
      expect(contacts.map((c) => [c.firstName, c.lastName, c.postalCode, c.lifeEvent, c.detectionSource])).toEqual([['Rosa', 'Verhaegen', '9999', 'partner_death', 'civil_affairs_list']]);
    } finally {
      await close();
    }
  });
});
