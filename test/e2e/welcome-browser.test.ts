// Drives the real UI of Microsoft's local Teams client in headless Chromium, as a worker would.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickCardButton, launchBrowser, openPersonalChat, sendMessage, waitForCardWithText, type BrowserSession } from '../support/chromium.ts';
import { startLocalTeams, type TLocalTeams } from '../support/local-teams.ts';

const SCREENSHOTS = join(import.meta.dirname, '../../test-results');

describe('a worker meets Nabij in the local Teams client (real UI, headless Chromium)', () => {
  let teams: TLocalTeams;
  let session: BrowserSession;

  beforeAll(async () => {
    // As `npm start` runs it: Dutch, whatever locale the local client reports.
    teams = await startLocalTeams({ env: { NABIJ_FORCE_LOCALE: 'nl' } });
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
    await teams?.stop();
  });

  it('says hello, sees the welcome card, presses a button and sees the next card', async () => {
    const { page } = session;
    await openPersonalChat(page, teams.playground.url);
    await sendMessage(page, 'hallo');

    const welcome = await waitForCardWithText(page, 'Dag Lotte, fijn dat je er bent');
    expect(await welcome.getByText('Namen blijven bij jou').isVisible()).toBe(true);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'welcome.png') });

    await clickCardButton(page, 'Zo ga ik met gegevens om', welcome);
    const privacy = await waitForCardWithText(page, 'Je werkt met mensen in een kwetsbaar moment');
    expect(await privacy.getByText('Teamkanaal', { exact: true }).isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'privacy.png') });

    // Action.Execute replaced the welcome card in place: it is gone from the chat.
    expect(await page.locator('.ac-adaptiveCard').filter({ hasText: 'Dag Lotte, fijn dat je er bent' }).count()).toBe(0);
    // Nothing left the machine.
    expect(session.blocked.every((url) => !url.startsWith('http://127.0.0.1') && !url.startsWith('http://localhost'))).toBe(true);
  });
});
