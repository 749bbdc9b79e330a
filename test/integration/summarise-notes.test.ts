import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PromptManager } from '@microsoft/teams-ai';
import type OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { suggestionJsonSchema, type TSuggestibleField } from '../../bot/ai/registration-suggestion.ts';
import {
  createOpenAIClient,
  renderSummaryPrompt,
  summariseNotes,
  type TSummaryOutcome,
} from '../../bot/ai/summarise-notes.ts';
import { readSummaryPrompt } from '../../bot/ai/summary-prompt.ts';
import { startFakeOpenAI, type TFakeOpenAI } from '../support/fake-openai-server.ts';

const ROOT = join(import.meta.dirname, '../..');
const PROMPT_CONFIG = JSON.parse(readFileSync(join(ROOT, 'prompts/summarise-registration/config.json'), 'utf8')) as { completion: Record<string, unknown> };
const TIMEOUT_MS = 30_000;

// Pseudonymised as the notes module delivers them; curly quotes and a dash on purpose.
const NOTES = [
  'Huisbezoek bij [PERSOON_1] op [ADRES_1]. Haar man is drie maanden geleden overleden.',
  'Ze zegt: “Ik slaap slecht sinds de begrafenis.” Ze mist vooral de avonden samen.',
  'Dochter [PERSOON_2] komt elke zondag langs – helpt met de papieren.',
  'Ze geeft zichzelf een 6 op 10 voor hoe het nu gaat.',
  'Vraagt hulp bij de aanvraag van de parkeerkaart; ik bel [PERSOON_3] van het OCMW.',
].join('\n');

const FIELDS: TSuggestibleField[] = [
  { id: 'wellbeing.worries', description: 'Waar maakt de persoon zich zorgen over?', kind: 'text' },
  { id: 'wellbeing.score', description: 'Schaal van welzijn', kind: 'number' },
  { id: 'wellbeing.risks', description: 'Risico’s die de werker opmerkte', kind: 'text' },
  { id: 'network.strengths', description: 'Krachten en netwerk', kind: 'text' },
  { id: 'domains_a.emotionalStatus', description: 'Emotioneel welzijn', kind: 'choice', choices: ['ok', 'attention', 'concern'] },
  { id: 'actions.action1What', description: 'Actie 1: wat', kind: 'text' },
  { id: 'actions.action1Who', description: 'Actie 1: door wie', kind: 'text' },
  { id: 'actions.action2What', description: 'Actie 2: wat', kind: 'text' },
];

const FAITHFUL = [
  { field: 'wellbeing.worries', value: 'Slaapt slecht sinds de begrafenis; mist de avonden samen.', quotes: ['Ik slaap slecht sinds de begrafenis.', 'Ze mist vooral de avonden samen'] },
  { field: 'wellbeing.score', value: '6', quotes: ['een 6 op 10'] },
  { field: 'network.strengths', value: 'Dochter [PERSOON_2] komt elke zondag en helpt met de papieren.', quotes: ['Dochter [PERSOON_2] komt elke zondag langs - helpt met de papieren'] },
  { field: 'actions.action1What', value: 'Hulp bij aanvraag parkeerkaart', quotes: ['Vraagt hulp bij de aanvraag van de parkeerkaart'] },
];

const INVENTED = [
  // An action nobody mentioned, with a quote that is not in the notes.
  { field: 'actions.action2What', value: 'Aanmelden bij de rouwgroep', quotes: ['Ze wil graag naar de rouwgroep'] },
  // A risk without any quote.
  { field: 'wellbeing.risks', value: 'Risico op sociaal isolement', quotes: [] },
  // A quote that exists, used for a different value with a new placeholder.
  { field: 'actions.action1Who', value: '[PERSOON_4] van de thuiszorg', quotes: ['ik bel [PERSOON_3] van het OCMW'] },
];

const failure = (outcome: TSummaryOutcome) => (outcome.ok ? 'ok' : outcome.reason);

describe('the prompt files', () => {
  it('load with the teams-ai v1 PromptManager as a completion prompt at temperature 0 without history or input', async () => {
    const manager = new PromptManager({ promptsFolder: join(ROOT, 'prompts') });
    const template = await manager.getPrompt('summarise-registration');
    expect(template.config).toMatchObject({ schema: 1.1, type: 'completion' });
    expect(template.config.completion).toMatchObject({ temperature: 0, include_history: false, include_input: false });
    expect(template.config.completion.max_tokens).toBeGreaterThanOrEqual(1000);
    expect(template.config.description).toBeTruthy();
  });

  it('the template has both variables, and notes are substituted once, never re-evaluated', () => {
    const template = readFileSync(join(ROOT, 'prompts/summarise-registration/skprompt.txt'), 'utf8');
    expect(template).toContain('{{$notes}}');
    expect(template).toContain('{{$fields}}');
    const tricky = 'Ze schreef {{$fields}} op een briefje.';
    const rendered = renderSummaryPrompt(template, tricky, FIELDS);
    expect(rendered).toContain(tricky);
    expect(rendered).toContain('- domains_a.emotionalStatus – keuze uit: ok | attention | concern – Emotioneel welzijn');
    // The template's own variables are gone; the one inside the notes stays literal.
    expect(rendered.match(/\{\{\s*\$(notes|fields)\s*\}\}/g)).toEqual(['{{$fields}}']);
    expect(rendered.split('domains_a.emotionalStatus').length).toBe(2);
  });
});

describe('summariseNotes with the real openai client against a local fake server', () => {
  // A fresh server per test: a failing test cannot leave scripted answers behind for the next one.
  let fake: TFakeOpenAI;
  let client: OpenAI;
  beforeEach(async () => {
    fake = await startFakeOpenAI();
    client = createOpenAIClient({ provider: 'compatible', baseUrl: `${fake.url}/v1` });
  });
  afterEach(async () => fake?.close());

  const run = (extra: Partial<Parameters<typeof summariseNotes>[0]> = {}) =>
    summariseNotes({ client, model: 'nabij-test-model', notes: NOTES, fields: FIELDS, timeoutMs: TIMEOUT_MS, ...extra });


  it('accepts a faithful answer and reports usage and latency', async () => {
    fake.enqueue({ kind: 'json', content: { fields: FAITHFUL }, usage: { prompt_tokens: 812, completion_tokens: 143 } });
    const outcome = await run();
    if (!outcome.ok) throw new Error(`expected ok, got ${outcome.reason}`);
    expect(outcome.accepted).toEqual(FAITHFUL);
    expect(outcome.rejected).toEqual([]);
    expect(outcome.usage).toEqual({ promptTokens: 812, completionTokens: 143 });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(0);
    expect(fake.requests).toHaveLength(1);
  });

  it('sends the notes exactly, the strict JSON schema and the prompt config’s temperature and max_tokens – and nothing else of substance', async () => {
    fake.enqueue({ kind: 'json', content: { fields: [] } });
    await run();
    expect(fake.requests).toHaveLength(1);
    const request = fake.requests[0]!;
    expect(request.path).toBe('/v1/chat/completions');
    const body = JSON.parse(request.body) as Record<string, unknown> & { messages: { role: string; content: string }[] };
    expect(Object.keys(body).sort()).toEqual(['max_tokens', 'messages', 'model', 'response_format', 'temperature']);
    expect(body['model']).toBe('nabij-test-model');
    expect(body['temperature']).toBe(PROMPT_CONFIG.completion['temperature']);
    expect(body['max_tokens']).toBe(PROMPT_CONFIG.completion['max_tokens']);
    expect(body['response_format']).toEqual({
      type: 'json_schema',
      json_schema: { name: 'registration_suggestion', strict: true, schema: suggestionJsonSchema(FIELDS) },
    });
    expect(JSON.stringify(body['response_format'])).toContain('"additionalProperties":false');
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(body.messages[0]!.content).toContain(`<<<NOTITIES\n${NOTES}\nNOTITIES>>>`);
    expect(request.body).toContain(JSON.stringify(NOTES).slice(1, -1)); // byte-exact in the raw body
    for (const field of FIELDS) expect(body.messages[0]!.content).toContain(`- ${field.id} – `);
    expect(request.headers['authorization']).toBe('Bearer not-needed');
  });

  it('takes temperature and max_tokens from the prompt folder’s config.json, not from the code', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'nabij-prompt-'));
    try {
      writeFileSync(join(folder, 'skprompt.txt'), readFileSync(join(ROOT, 'prompts/summarise-registration/skprompt.txt')));
      writeFileSync(join(folder, 'config.json'), JSON.stringify({ ...PROMPT_CONFIG, completion: { ...PROMPT_CONFIG.completion, temperature: 0.3, max_tokens: 777 } }));
      const prompt = await readSummaryPrompt(pathToFileURL(`${folder}/`));
      fake.enqueue({ kind: 'json', content: { fields: [] } });
      expect(failure(await run({ prompt }))).toBe('ok');
      const body = JSON.parse(fake.requests[0]!.body) as Record<string, unknown>;
      expect([body['temperature'], body['max_tokens']]).toEqual([0.3, 777]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps the faithful fields and rejects the invented ones in the same answer', async () => {
    fake.enqueue({ kind: 'json', content: { fields: [FAITHFUL[0], INVENTED[0], FAITHFUL[1], INVENTED[1], FAITHFUL[2], INVENTED[2], FAITHFUL[3]] } });
    const outcome = await run();
    if (!outcome.ok) throw new Error(`expected ok, got ${outcome.reason}`);
    expect(outcome.accepted).toEqual(FAITHFUL);
    expect(outcome.rejected).toEqual([
      { field: 'actions.action2What', reason: 'quote_not_in_notes' },
      { field: 'wellbeing.risks', reason: 'no_quote' },
      { field: 'actions.action1Who', reason: 'invalid_value', detail: 'placeholder_not_in_quotes' },
    ]);
  });

  it('rejects a field id the model was not offered without losing the rest', async () => {
    fake.enqueue({ kind: 'json', content: { fields: [{ field: 'diagnosis', value: 'depressie', quotes: ['Ik slaap slecht sinds de begrafenis'] }, FAITHFUL[1]] } });
    const outcome = await run();
    if (!outcome.ok) throw new Error(`expected ok, got ${outcome.reason}`);
    expect(outcome.accepted).toEqual([FAITHFUL[1]]);
    expect(outcome.rejected).toEqual([{ field: 'diagnosis', reason: 'unknown_field' }]);
  });

  it('maps 429 to rate_limited and does not retry', async () => {
    fake.enqueue({ kind: 'status', status: 429, retryAfter: 1 }, { kind: 'json', content: { fields: FAITHFUL } });
    const outcome = await run();
    expect(outcome).toMatchObject({ ok: false, reason: 'rate_limited', status: 429 });
    expect(fake.requests).toHaveLength(1);
    expect(failure(await run())).toBe('ok'); // the second scripted answer is still waiting: proof nothing retried
  });

  it.each([500, 503])('maps %i to server_error and does not retry', async (status) => {
    fake.enqueue({ kind: 'status', status }, { kind: 'json', content: { fields: [] } });
    expect(await run()).toMatchObject({ ok: false, reason: 'server_error', status });
    expect(fake.requests).toHaveLength(1);
  });

  it('maps an answer slower than timeoutMs to timeout, without waiting for it', async () => {
    fake.enqueue({ kind: 'delay', ms: 3_000, then: { kind: 'json', content: { fields: FAITHFUL } } });
    const outcome = await run({ timeoutMs: 300 });
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(250);
    expect(outcome.latencyMs).toBeLessThan(2_000);
  });

  it('also times out when the headers arrive but the body stalls (the client timeout alone would not)', async () => {
    fake.enqueue({ kind: 'delay', ms: 3_000, afterHeaders: true, then: { kind: 'json', content: { fields: FAITHFUL } } });
    const outcome = await run({ timeoutMs: 300 });
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
    expect(outcome.latencyMs).toBeLessThan(2_000);
  });

  it('maps an abort by the caller to timeout', async () => {
    fake.enqueue({ kind: 'delay', ms: 3_000, then: { kind: 'json', content: { fields: FAITHFUL } } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const outcome = await run({ signal: controller.signal });
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
    expect(outcome.latencyMs).toBeLessThan(2_000);
  });

  it('maps content that is not JSON to malformed', async () => {
    fake.enqueue({ kind: 'raw', content: '{"fields": [{"field": "wellbeing.score", "value": "6", "quotes": ["een 6 op 10"]' });
    expect(failure(await run())).toBe('malformed');
  });

  it('maps JSON of the wrong shape to malformed', async () => {
    fake.enqueue({ kind: 'json', content: { fields: [{ field: 'wellbeing.score', value: 6 }] } });
    expect(failure(await run())).toBe('malformed');
  });

  it('maps a truncated answer (finish_reason length) and a body that is no chat completion to malformed', async () => {
    fake.enqueue({ kind: 'raw', content: JSON.stringify({ fields: [] }), finishReason: 'length' });
    expect(failure(await run())).toBe('malformed');
    fake.enqueue({ kind: 'body', body: '<html>proxy error</html' });
    expect(failure(await run())).toBe('malformed');
    fake.enqueue({ kind: 'body', body: '{"object":"list","data":[]}' });
    expect(failure(await run())).toBe('malformed');
  });

  it('accepts JSON wrapped in a ```json fence (local models without enforced schemas)', async () => {
    fake.enqueue({ kind: 'raw', content: '```json\n' + JSON.stringify({ fields: [FAITHFUL[1]] }) + '\n```' });
    const outcome = await run();
    expect(outcome.ok && outcome.accepted).toEqual([FAITHFUL[1]]);
  });

  it('maps a refusal to refused', async () => {
    fake.enqueue({ kind: 'refusal', text: "I'm sorry, I can't help with that." });
    expect(failure(await run())).toBe('refused');
  });

  it('maps a connection that cannot be made to network', async () => {
    const gone = await startFakeOpenAI();
    const url = gone.url;
    await gone.close();
    const outcome = await summariseNotes({
      client: createOpenAIClient({ provider: 'compatible', baseUrl: `${url}/v1` }),
      model: 'm',
      notes: NOTES,
      fields: FIELDS,
      timeoutMs: TIMEOUT_MS,
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'network' });
  });
});

describe('createOpenAIClient', () => {
  let fake: TFakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => fake?.close());

  it('Azure: calls the deployment path with api-version and the api-key header', async () => {
    const client = createOpenAIClient({ provider: 'azure', azureEndpoint: fake.url, azureDeployment: 'nabij-gpt4o', apiKey: 'azure-test-key', apiVersion: '2024-10-21' });
    fake.enqueue({ kind: 'json', content: { fields: FAITHFUL } });
    const outcome = await summariseNotes({ client, model: 'gpt-4o', notes: NOTES, fields: FIELDS, timeoutMs: TIMEOUT_MS });
    expect(outcome.ok && outcome.accepted).toEqual(FAITHFUL);
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe(`/openai/deployments/nabij-gpt4o/chat/completions?api-version=2024-10-21`);
    expect(request.headers['api-key']).toBe('azure-test-key');
    expect(request.headers['authorization']).toBeUndefined();
  });

  it('OpenAI: sends the key as a bearer token to the configured base URL and never retries', async () => {
    const client = createOpenAIClient({ provider: 'openai', apiKey: 'sk-test', baseUrl: `${fake.url}/v1` });
    expect(client.maxRetries).toBe(0);
    const before = fake.requests.length;
    fake.enqueue({ kind: 'status', status: 503 });
    const outcome = await summariseNotes({ client, model: 'gpt-4o-mini', notes: NOTES, fields: FIELDS, timeoutMs: TIMEOUT_MS });
    expect(outcome).toMatchObject({ ok: false, reason: 'server_error' });
    expect(fake.requests.length - before).toBe(1);
    expect(fake.requests.at(-1)!.headers['authorization']).toBe('Bearer sk-test');
  });

  it('uses the given fetch for every request (WHATWG fetch works with the 4.x client)', async () => {
    const seen: string[] = [];
    const client = createOpenAIClient({
      provider: 'compatible',
      baseUrl: `${fake.url}/v1`,
      fetch: async (input, init) => {
        seen.push(typeof init?.body === 'string' ? init.body : '');
        return fetch(input, init);
      },
    });
    fake.enqueue({ kind: 'json', content: { fields: FAITHFUL } }, { kind: 'body', body: 'not json' });
    const outcome = await summariseNotes({ client, model: 'm', notes: NOTES, fields: FIELDS, timeoutMs: TIMEOUT_MS });
    expect(outcome.ok && outcome.accepted).toEqual(FAITHFUL);
    expect(seen).toEqual([fake.requests.at(-1)!.body]);
    expect(failure(await summariseNotes({ client, model: 'm', notes: NOTES, fields: FIELDS, timeoutMs: TIMEOUT_MS }))).toBe('malformed');
  });

  it('compatible: requires a base URL', () => {
    expect(() => createOpenAIClient({ provider: 'compatible' })).toThrow(/baseUrl/);
  });
});
