// Headless Chromium (Debian's /usr/bin/chromium via playwright-core) driving the Playground UI.
// Locators below were checked against @microsoft/m365agentsplayground 0.2.28; see docs/playground.md.
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const LAUNCH_ARGS = [
  '--no-sandbox', // runs as root in CI containers
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every request that was aborted because it was not for a loopback host */
  blocked: string[];
  close(): Promise<void>;
}

export async function launchBrowser(opts: { headless?: boolean } = {}): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: opts.headless ?? true,
    args: LAUNCH_ARGS,
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const blocked: string[] = [];
  // Nothing may leave the machine (the UI would fetch fonts from a Microsoft CDN).
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (LOOPBACK.has(new URL(url).hostname)) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  return { browser, context, page, blocked, close: () => browser.close() };
}

export function composer(page: Page): Locator {
  // In a channel the first editor is "Start a new post"; each thread has its own editor below.
  return page.locator('[data-lexical-editor="true"]').first();
}

/** Loads the Playground UI and waits until it is usable (config loaded, composer shown). */
export async function openPlayground(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await composer(page).waitFor();
}

/** Opens a conversation by its tree item name: "Personal Chat", the group chat's name, or
 *  "<team> - <channel>" (e.g. "Team Welzijn - Signalen"). */
export async function openConversation(page: Page, treeItemName: string): Promise<void> {
  await page.getByRole('treeitem', { name: treeItemName, exact: true }).click();
  await composer(page).waitFor();
}

export async function openPersonalChat(page: Page, url: string): Promise<void> {
  await openPlayground(page, url);
  await openConversation(page, 'Personal Chat');
}

/** Types and sends a message in the open conversation. `mention` inserts an @mention of that
 *  name first via the typeahead menu (needed in group chats and channels). */
export async function sendMessage(page: Page, text: string, opts: { mention?: string } = {}): Promise<void> {
  const box = composer(page);
  await box.click();
  if (opts.mention) {
    await box.pressSequentially(`@${opts.mention.slice(0, 3)}`);
    await page.getByRole('menuitem', { name: opts.mention }).first().click();
    await box.pressSequentially(` ${text}`);
  } else {
    await box.fill(text);
  }
  // Chats have "Send Message"; a channel's new-post box has "Post".
  await page.getByRole('button', { name: /^(Send Message|Post)$/ }).first().click();
}

/** The last rendered Adaptive Card that contains `text`, once visible. */
export async function waitForCardWithText(page: Page, text: string | RegExp, timeoutMs = 5000): Promise<Locator> {
  const card = page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
  await card.waitFor({ state: 'visible', timeout: timeoutMs });
  return card;
}

/** Clicks the button titled `title` in `card`, or in the last card that has such a button. */
export async function clickCardButton(page: Page, title: string, card?: Locator): Promise<void> {
  const scope =
    card ?? page.locator('.ac-adaptiveCard').filter({ has: page.getByRole('button', { name: title, exact: true }) }).last();
  await scope.getByRole('button', { name: title, exact: true }).click();
}

/** Picks an option in a card's compact Input.ChoiceSet (a Fluent combobox in the Playground). */
export async function chooseOption(page: Page, card: Locator, label: RegExp, option: string): Promise<void> {
  await card.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}
