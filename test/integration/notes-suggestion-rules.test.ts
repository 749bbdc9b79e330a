// A suggestion the registration step would refuse is not pre-filled: through the real notes and registration
// handlers on both databases, with the real openai client and a local fake model. The model's answer is grounded in
// the notes (quotes that are really there), so only the step's own rules can keep a value out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnContext } from 'botbuilder';
import { createOpenAIClient } from '../../bot/ai/summarise-notes.ts';
import { inputOf } from '../support/card-query.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { startFakeOpenAI, type TFakeOpenAI } from '../support/fake-openai-server.ts';
import { buildServices, newContact, registerAll, turn, type TCard } from './access-harness.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const NOTES = [
  'Tweede bezoek, ze maakt zich zorgen over de papieren van het pensioen en over de erfenis.',
  'Ze wandelt elke ochtend met de hond naar het park.',
  'Volgende afspraak bij haar thuis op 1 januari 2999 rond tien uur.',
].join('\n');

// Longer than the 1,000 characters the wellbeing step allows for "worries".
const TOO_LONG = `Zorgen over de papieren van het pensioen en over de erfenis. ${'Ze komt er telkens op terug. '.repeat(40)}`.trim();

/** The card element holding the input with this id, with the texts shown beside it. */
function blockOf(card: TCard, inputId: string): string {
  const containers: unknown[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const items = (node as { items?: unknown[] }).items;
    if (Array.isArray(items) && items.some((i) => (i as { id?: unknown }).id === inputId)) containers.push(node);
    Object.values(node).forEach(walk);
  };
  walk(card);
  if (containers.length !== 1) throw new Error(`expected one block for ${inputId}, found ${containers.length}`);
  return JSON.stringify(containers[0]);
}

describe.each(DATABASE_KINDS)('suggestions checked by the registration steps (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let model: TFakeOpenAI;
  let routes: ReturnType<typeof registerAll>;
  const shown: string[] = [];

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    model = await startFakeOpenAI();
    const services = buildServices(database.db, {
      llm: {
        model: 'test-model', timeoutMs: 5000, progressAfterMs: 5000,
        createClient: (fetch) => createOpenAIClient({ provider: 'compatible', baseUrl: `${model.url}/v1`, fetch }),
      },
      continueConversation: async (_reference, logic) => {
        const show = async (activity: { attachments?: { content: unknown }[] }) => {
          const card = activity.attachments?.[0]?.content;
          if (card) shown.push(JSON.stringify(card));
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

  it('leaves out a value longer than the step allows and a visit date in the future; the worker fills them in', async () => {
    const contact = await newContact(database.db, 'w1');
    model.enqueue({
      kind: 'json',
      content: {
        fields: [
          { field: 'wellbeing.worries', value: TOO_LONG, quotes: ['ze maakt zich zorgen over de papieren van het pensioen'] },
          { field: 'wellbeing.goingWell', value: 'Wandelt elke ochtend met de hond.', quotes: ['Ze wandelt elke ochtend met de hond naar het park'] },
          { field: 'visit.visitDate', value: '2999-01-01', quotes: ['Volgende afspraak bij haar thuis op 1 januari 2999'] },
          { field: 'visit.place', value: 'home', quotes: ['Volgende afspraak bij haar thuis'] },
        ],
      },
    });
    const state = { conversation: {} as Record<string, unknown> };
    await routes.action('notes.start', turn('w1').context, { contactId: contact.id }, state);
    expect(await routes.note(NOTES, 'w1', state)).toBe(true);
    shown.length = 0;
    await routes.action('notes.summarise', turn('w1').context, { contactId: contact.id }, state);
    for (let waited = 0; !shown.some((t) => t.includes('Klaar')) && waited < 10_000; waited += 20) await sleep(20);

    expect(shown.at(-1)).toContain('Klaar: 2 velden voorgesteld. 2 voorstellen liet ik weg');
    const stored = await database.db.aiSuggestion.findFirstOrThrow({ where: { contactId: contact.id } });
    const fields = stored.fields as { accepted: { field: string; value: string }[]; rejected: { field: string; reason: string }[] };
    expect(fields.accepted.map((f) => [f.field, f.value])).toEqual([['wellbeing.goingWell', 'Wandelt elke ochtend met de hond.'], ['visit.place', 'home']]);
    expect(fields.rejected).toEqual([{ field: 'wellbeing.worries', reason: 'invalid_value' }, { field: 'visit.visitDate', reason: 'invalid_value' }]);

    const visit = await routes.action('reg.open', turn('w1').context, { contactId: contact.id });
    expect(inputOf(visit, 'visitDate')?.value).toBe('');
    expect(blockOf(visit, 'visitDate')).toContain('Geen voorstel: niet in je notities, of het paste niet bij dit veld.');
    expect(inputOf(visit, 'place')?.value).toBe('home');

    const wellbeing = await routes.action('reg.step', turn('w1').context, { contactId: contact.id, stepId: 'wellbeing' });
    expect(inputOf(wellbeing, 'worries')?.value).toBe('');
    expect(blockOf(wellbeing, 'worries')).toContain('Geen voorstel: niet in je notities, of het paste niet bij dit veld.');
    expect(inputOf(wellbeing, 'goingWell')?.value).toBe('Wandelt elke ochtend met de hond.');
    expect(blockOf(wellbeing, 'goingWell')).toContain('AI-voorstel, gebaseerd op');
    expect(JSON.stringify(wellbeing)).not.toContain('Ze komt er telkens op terug');
  });
});
