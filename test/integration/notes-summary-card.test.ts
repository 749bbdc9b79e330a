// The notes card after "Samenvatten": what it ends on when the model is slow, and what it offers when the notes
// would leak an identifier – through the real handlers on both databases, with a local fake model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnContext } from 'botbuilder';
import { createOpenAIClient } from '../../bot/ai/summarise-notes.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { startFakeOpenAI, type TFakeOpenAI } from '../support/fake-openai-server.ts';
import { buildServices, newContact, registerAll, turn } from './access-harness.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(20);
  }
}

describe.each(DATABASE_KINDS)('the notes card after summarising (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let model: TFakeOpenAI;
  let routes: ReturnType<typeof registerAll>;
  /** The card texts the bot showed in the background, in the order Teams received them. */
  const shown: string[] = [];
  /** Teams shows the "still working" card only once this resolves. */
  let slowDelivery = async () => undefined;

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    model = await startFakeOpenAI();
    const services = buildServices(database.db, {
      llm: {
        model: 'test-model', timeoutMs: 5000, progressAfterMs: 20,
        createClient: (fetch) => createOpenAIClient({ provider: 'compatible', baseUrl: `${model.url}/v1`, fetch }),
      },
      continueConversation: async (_reference, logic) => {
        const show = async (activity: { attachments?: { content: unknown }[] }) => {
          const card = activity.attachments?.[0]?.content;
          if (!card) return;
          const text = JSON.stringify(card);
          if (text.includes('Nog even geduld')) await slowDelivery();
          shown.push(text);
        };
        await logic({ sendActivity: show, updateActivity: show } as unknown as TurnContext);
      },
    });
    routes = registerAll(services);
  });
  afterAll(async () => {
    await model?.close();
    await database?.dispose();
  });

  const summarise = async (contactId: string, notes: string) => {
    const state = { conversation: {} as Record<string, unknown> };
    await routes.action('notes.start', turn('w1').context, { contactId }, state);
    await routes.note(notes, 'w1', state);
    shown.length = 0;
    await routes.action('notes.summarise', turn('w1').context, { contactId }, state);
  };

  it('ends on the result, also when the "still working" card reaches Teams after it', async () => {
    const contact = await newContact(database.db, 'w1');
    const requests = model.requests.length;
    // The model answers 100 ms after the request; the "still working" card arrives 400 ms after it.
    slowDelivery = async () => {
      await until(() => model.requests.length > requests);
      await sleep(400);
    };
    model.enqueue({ kind: 'delay', ms: 100, then: { kind: 'json', content: { fields: [] } } });
    await summarise(contact.id, 'Bezocht, het gaat redelijk.');
    await until(() => shown.some((t) => t.includes('Klaar')));
    await sleep(500);
    expect(shown.map((t) => (t.includes('Klaar') ? 'done' : t.includes('Nog even geduld') ? 'slow' : 'other'))).toEqual(['slow', 'done']);
  });

  it('offers no retry and does not ask to edit the notes when they would leak an identifier', async () => {
    const contact = await newContact(database.db, 'w1', { firstName: 'Karel', lastName: 'Velden' });
    slowDelivery = async () => undefined;
    const requests = model.requests.length;
    await summarise(contact.id, 'Mail van karelvelden gekregen: hij kent nog niemand in de buurt.');
    await until(() => shown.some((t) => t.includes('Ik heb niets verstuurd')));
    const card = shown.at(-1)!;
    expect(card).toContain('een naam');
    expect(card).toContain('Vul de registratie zelf in');
    expect(card).not.toContain('Pas je notities aan');
    expect(card).not.toContain('Opnieuw proberen');
    expect(card).toContain('Zelf invullen');
    expect(model.requests.length).toBe(requests);
  });
});
