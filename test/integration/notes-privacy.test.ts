// What leaves the process when notes are summarised: the real openai client talks to a local OpenAI-compatible
// server that records every request body. For a corpus of realistic, fictitious Dutch visit notes, no identifier –
// from the contact record or only in the text – may be in any body; and a body that would still carry one of the
// record's identifiers is not sent at all.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIClient, summaryRequest } from '../../bot/ai/summarise-notes.ts';
import { suggestibleFields } from '../../bot/notes/suggestible-fields.ts';
import { summariseVisit } from '../../bot/notes/summarise-visit.ts';
import { registrationSteps } from '../../bot/registration/registration-steps.ts';
import { translator } from '../../bot/ui/i18n.ts';
import { loadContent } from '../../data/content/load-content.ts';
import { createContactRepository } from '../../data/repositories/contacts.ts';
import { createVisitNotesRepository } from '../../data/repositories/visit-notes.ts';
import { DATABASE_KINDS, openMigratedTestDatabase } from '../support/databases.ts';
import { startFakeOpenAI, type TFakeOpenAI } from '../support/fake-openai-server.ts';

const CORPUS = join(import.meta.dirname, '../fixtures/notes');
type TIdentifiers = { names?: string[]; addresses?: string[]; phones?: string[]; emails?: string[]; birthDates?: string[]; nationalNumbers?: string[]; ibans?: string[]; postcodes?: string[] };
const identifiers = JSON.parse(readFileSync(join(CORPUS, 'identifiers.json'), 'utf8')) as Record<string, { record: TIdentifiers; other: TIdentifiers }>;
const files = readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort();
const PARTICLES = new Set(['van', 'de', 'der', 'den', 'vande', 'vanden', 'ter', 'ten', "d'", "'t", 'het', 'le', 'la', 'du']);

/** The strings that must not appear: names word by word, numbers by their digits. */
function forbidden(ids: TIdentifiers): { words: string[]; digits: string[]; texts: string[] } {
  const words = (ids.names ?? []).flatMap((n) => n.split(/[\s-]+/)).filter((w) => w.length > 1 && !PARTICLES.has(w.toLowerCase()));
  const digits = [...(ids.phones ?? []), ...(ids.nationalNumbers ?? []), ...(ids.ibans ?? [])].map((n) => n.replace(/\D/g, '')).filter((d) => d.length >= 6);
  const texts = [...(ids.emails ?? []), ...(ids.addresses ?? []).map((a) => a.split(',')[0]!.trim()), ...(ids.birthDates ?? [])];
  return { words, digits, texts };
}

describe.each(DATABASE_KINDS)('what the model receives when notes are summarised (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  let model: TFakeOpenAI;
  const content = loadContent();
  const steps = registrationSteps(content, translator('nl'), 'nl', []);

  beforeAll(async () => {
    database = await openMigratedTestDatabase(kind);
    model = await startFakeOpenAI();
  });
  afterAll(async () => {
    await model?.close();
    await database?.dispose();
  });

  const llm = () => ({ model: 'test-model', timeoutMs: 5000, progressAfterMs: 8000, createClient: (fetch: typeof globalThis.fetch) => createOpenAIClient({ provider: 'compatible', baseUrl: `${model.url}/v1`, fetch }) });

  it('has a corpus to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(files.every((f) => identifiers[f])).toBe(true);
  });

  it.each(files)('%s: sends the notes, without any identifier', async (file) => {
    const { record, other } = identifiers[file]!;
    const [firstName, ...rest] = (record.names?.[0] ?? 'Testvoornaam Testachternaam').split(' ');
    const address = record.addresses?.[0]?.split(',')[0]?.trim();
    const contact = await createContactRepository(database.db).create(
      {
        lifeEvent: 'partner_death', detectionSource: 'own_work', consentStatus: 'not_needed', firstName: firstName!, lastName: rest.join(' '),
        street: address?.replace(/\s+\d.*$/, ''), houseNumber: address?.match(/\d+\w*$/)?.[0], phone: record.phones?.[0], email: record.emails?.[0],
        birthDate: record.birthDates?.[0]?.split('/').reverse().join('-'),
      },
      { workerId: 'worker-1', now: new Date() },
    );
    const notes = readFileSync(join(CORPUS, file), 'utf8');
    const before = model.requests.length;
    model.enqueue({ kind: 'json', content: { fields: [] } });
    const outcome = await summariseVisit({ llm: llm(), contact, notesText: notes, steps, workerId: 'worker-1', visitNotes: createVisitNotesRepository(database.db) });

    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    expect(model.requests.length).toBe(before + 1);
    const body = model.requests.at(-1)!.body;
    const { words, digits, texts } = forbidden({ ...other, names: [...(record.names ?? []), ...(other.names ?? [])], phones: [...(record.phones ?? []), ...(other.phones ?? [])], addresses: [...(record.addresses ?? []), ...(other.addresses ?? [])], emails: [...(record.emails ?? []), ...(other.emails ?? [])], birthDates: [...(record.birthDates ?? []), ...(other.birthDates ?? [])], nationalNumbers: [...(record.nationalNumbers ?? []), ...(other.nationalNumbers ?? [])] });
    const lowerBody = body.toLowerCase();
    for (const word of words) expect(lowerBody, `name "${word}"`).not.toMatch(new RegExp(`(^|[^\\p{L}])${word.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u'));
    const bodyDigits = body.replace(/[\s./-]/g, '');
    for (const d of digits) expect(bodyDigits, `number ${d}`).not.toContain(d);
    for (const text of texts) expect(lowerBody, text).not.toContain(text.toLowerCase());
  });

  const summariseFor = async (firstName: string, lastName: string, notesText: string) => {
    const contact = await createContactRepository(database.db).create(
      { lifeEvent: 'move', detectionSource: 'own_work', consentStatus: 'not_needed', firstName, lastName },
      { workerId: 'worker-1', now: new Date() },
    );
    const outcome = await summariseVisit({ llm: llm(), contact, notesText, steps, workerId: 'worker-1', visitNotes: createVisitNotesRepository(database.db) });
    const audit = await database.db.llmCallAudit.findFirst({ where: { caseCode: contact.caseCode } });
    return { outcome, audit };
  };

  it.each([
    ['Anna', 'De Laat', 'Laat velden'],
    ['Karel', 'Velden', 'Velden die je mag invullen'],
    ['Anna', 'Wonen', 'Wonen'],
  ])('sends notes about %s %s, whose name is also a word of the prompt', async (firstName, lastName, promptWords) => {
    expect(JSON.stringify(await summaryRequest('test-model', '', suggestibleFields(steps)))).toContain(promptWords);
    const before = model.requests.length;
    model.enqueue({ kind: 'json', content: { fields: [] } });
    const { outcome, audit } = await summariseFor(firstName, lastName, `mevrouw ${lastName} is net verhuisd en kent nog niemand in de buurt.`);
    expect(outcome).toEqual({ ok: true, fields: { accepted: [], rejected: [] } });
    expect(model.requests.length).toBe(before + 1);
    expect(model.requests.at(-1)!.body).toContain('is net verhuisd en kent nog niemand');
    expect(audit?.outcome).toBe('ok');
  });

  it('does not send a body whose notes still hold an identifier from the record, and says which kind', async () => {
    // Written without a space, the name escapes the pseudonymiser; the final check on the bytes still finds it.
    const before = model.requests.length;
    const { outcome, audit } = await summariseFor('Karel', 'Velden', 'Mail van karelvelden gekregen: hij kent nog niemand in de buurt.');
    expect(outcome).toEqual({ ok: false, reason: 'leak', kinds: ['PERSOON'] });
    expect(model.requests.length).toBe(before);
    expect(audit?.outcome).toBe('blocked_identifier');
  });
});
