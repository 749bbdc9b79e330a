// Dictating past the size limit of the notes: the worker is told, warmly and in their language, that the notes are
// full and what to do; the refused text is not stored, nothing collected before is lost, and summarising still sends
// exactly what was kept. The real notes handlers on both databases, with the real openai client and a local fake model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnContext } from 'botbuilder';
import { createOpenAIClient } from '../../bot/ai/summarise-notes.ts';
import { collectNoteMessage } from '../../bot/notes/notes-handlers.ts';
import type { TServices } from '../../bot/services.ts';
import { MAX_NOTES_CHARS } from '../../data/repositories/visit-notes.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { startFakeOpenAI, type TFakeOpenAI } from '../support/fake-openai-server.ts';
import { buildServices, newContact, registerAll, turn } from './access-harness.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const FIRST = 'Ze vertelt over haar man en over de tuin die ze samen aanlegden. ';

describe.each(DATABASE_KINDS)('the notes size limit in the personal chat (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let model: TFakeOpenAI;
  let services: TServices;
  let routes: ReturnType<typeof registerAll>;

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    model = await startFakeOpenAI();
    services = buildServices(database.db, {
      llm: {
        model: 'test-model', timeoutMs: 5000, progressAfterMs: 5000,
        createClient: (fetch) => createOpenAIClient({ provider: 'compatible', baseUrl: `${model.url}/v1`, fetch }),
      },
      continueConversation: async (_reference, logic) => logic({ sendActivity: async () => undefined, updateActivity: async () => undefined } as unknown as TurnContext),
    });
    routes = registerAll(services);
  });
  afterAll(async () => {
    await model?.close();
    await database?.dispose();
  });

  /** Sends one chat message while notes are collected; returns what the bot answered. */
  const say = async (text: string, state: { conversation: Record<string, unknown> }, locale = 'nl-BE') => {
    const { context, sent } = turn('w1', { text, locale });
    expect(await collectNoteMessage(context, state as never, services)).toBe(true);
    return sent.map((a) => (typeof a === 'string' ? a : ((a as { text?: string }).text ?? ''))).join('\n');
  };
  const start = async (contactId: string) => {
    const state = { conversation: {} as Record<string, unknown> };
    await routes.action('notes.start', turn('w1').context, { contactId }, state);
    return state;
  };
  const notesOf = (contactId: string) => database.db.visitNotes.findMany({ where: { contactId } });
  const appendsLogged = (contactId: string) => database.db.accessAudit.count({ where: { subjectId: contactId, action: 'notes.update' } });

  it('says the notes are full, keeps what was collected, and summarising sends exactly that', async () => {
    const contact = await newContact(database.db, 'w1');
    const state = await start(contact.id);
    const kept = FIRST.repeat(Math.floor((MAX_NOTES_CHARS - 100) / FIRST.length)).trim();
    expect(await say(kept, state)).toMatch(/^Genoteerd/);
    const logged = await appendsLogged(contact.id);

    const refused = 'Ze wil graag naar de praatgroep op dinsdag. '.repeat(5);
    const answer = await say(refused, state);
    expect(answer).toContain('Je notities zitten vol');
    expect(answer).toContain('20.000 tekens');
    expect(answer).toContain('alles wat je eerder stuurde, blijft bewaard');
    expect(answer).toContain('Samenvatten in de registratie');
    expect(answer).toContain('Stoppen met verzamelen');
    expect(answer).not.toContain('Genoteerd');
    const notes = await notesOf(contact.id);
    expect(notes.map((n) => n.text)).toEqual([kept]);
    expect(await appendsLogged(contact.id)).toBe(logged);
    // Still collecting: a short message that fits is added as before.
    expect(state.conversation['notesFor']).toBe(contact.id);
    expect(await say('Tot slot: ze lacht veel.', state)).toMatch(/^Genoteerd/);

    model.enqueue({ kind: 'json', content: { fields: [] } });
    const requests = model.requests.length;
    await routes.action('notes.summarise', turn('w1').context, { contactId: contact.id }, state);
    for (let waited = 0; model.requests.length === requests && waited < 10_000; waited += 20) await sleep(20);
    const body = model.requests.at(-1)!.body;
    expect(body).toContain('tuin die ze samen aanlegden');
    expect(body).toContain('Tot slot: ze lacht veel.');
    expect(body).not.toContain('praatgroep');
  });

  it('refuses one message that alone is over the limit, and says so in English to an English Teams', async () => {
    const contact = await newContact(database.db, 'w1');
    const state = await start(contact.id);
    const huge = 'x'.repeat(MAX_NOTES_CHARS + 1);
    const dutch = await say(huge, state);
    expect(dutch).toContain('Dit ene bericht is al langer dan je notities samen mogen zijn (20.000 tekens)');
    expect(dutch).toContain('Aan je notities is niets veranderd');
    // "Notities dicteren" started empty notes; the refused message is not in them.
    expect((await notesOf(contact.id)).map((n) => n.text)).toEqual(['']);

    expect(await say('Eerste echte notitie.', state)).toMatch(/^Genoteerd/);
    const english = await say(huge, state, 'en-US');
    expect(english).toContain('This one message is already longer than all your notes together may be (20,000 characters)');
    expect((await notesOf(contact.id)).map((n) => n.text)).toEqual(['Eerste echte notitie.']);

    // With earlier notes the limit is reached by the sum; that is told in English too.
    const nearlyFull = 'y'.repeat(MAX_NOTES_CHARS - 'Eerste echte notitie.'.length - 2);
    expect(await say(nearlyFull, state, 'en-US')).toMatch(/^Noted/);
    expect(await say('one more', state, 'en-US')).toContain('Your notes are full');
  });
});
