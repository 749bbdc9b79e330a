import { performance } from 'node:perf_hooks';
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AzureOpenAI,
} from 'openai';
import { checkGrounding, type TAcceptedField, type TRejectedField } from './grounding.ts';
import {
  parsedSuggestionSchema,
  suggestionResponseFormat,
  type TSuggestibleField,
} from './registration-suggestion.ts';
import { summaryPrompt, type TSummaryPrompt } from './summary-prompt.ts';

/**
 * Drafts registration fields from pseudonymised visit notes with one chat-completion call, then keeps only the
 * fields that pass the grounding check (see grounding.ts).
 *
 * - The prompt is prompts/summarise-registration/skprompt.txt (teams-ai v1 PromptManager layout), read once.
 *   It is rendered here with a plain one-pass substitution of `{{$fields}}` and `{{$notes}}` (no other
 *   template syntax is evaluated, and text inside the notes is never substituted again). The rendered text is
 *   sent as the system message, followed by a fixed short user message.
 * - `temperature` and `max_tokens` come from the prompt's config.json (summary-prompt.ts); the model from `opts.model`.
 * - No retries here: the client should be created with `maxRetries: 0` (createOpenAIClient does) and this call
 *   passes `maxRetries: 0` as well; the caller decides whether and when to try again (e.g. on 'rate_limited').
 * - Time limit: `timeoutMs` covers the WHOLE call including reading the body. (The openai 4.x
 *   client's own `timeout` stops counting once the response headers arrive, so a stalled body would hang.)
 */

export type TSummaryFailureReason = 'timeout' | 'rate_limited' | 'server_error' | 'malformed' | 'refused' | 'network';

export type TSummaryOutcome =
  | {
      ok: true;
      accepted: TAcceptedField[];
      rejected: TRejectedField[];
      usage?: { promptTokens: number; completionTokens: number };
      latencyMs: number;
    }
  | {
      ok: false;
      reason: TSummaryFailureReason;
      latencyMs: number;
      /** HTTP status when the service answered with an error (a 4xx other than 408/429 is reported as 'server_error'). */
      status?: number;
    };

const USER_MESSAGE = 'Stel de registratievelden voor op basis van de notities, volgens de regels en het schema.';

const KIND_LABEL: Record<TSuggestibleField['kind'], string> = {
  text: 'tekst',
  choice: 'keuze',
  number: 'getal 0-10',
  date: 'datum JJJJ-MM-DD',
};

/** One line per field: `- id – soort – beschrijving`, with the allowed values for a choice. */
export function renderFieldList(fields: TSuggestibleField[]): string {
  return fields
    .map((f) => {
      const kind = f.kind === 'choice' ? `keuze uit: ${(f.choices ?? []).join(' | ')}` : KIND_LABEL[f.kind];
      return `- ${f.id} – ${kind} – ${f.description.replace(/\s+/g, ' ').trim()}`;
    })
    .join('\n');
}

/** Substitutes `{{$notes}}` and `{{$fields}}` in one pass; other `{{...}}` text is left alone. */
export function renderSummaryPrompt(template: string, notes: string, fields: TSuggestibleField[]): string {
  const values: Record<string, string> = { notes, fields: renderFieldList(fields) };
  return template.replace(/\{\{\s*\$(notes|fields)\s*\}\}/g, (_match, name: string) => values[name] ?? '');
}

/**
 * The chat-completion request for these notes (with empty notes: the fixed text every request holds). `prompt`
 * defaults to the shipped prompt folder.
 */
export async function summaryRequest(model: string, notes: string, fields: TSuggestibleField[], prompt?: TSummaryPrompt) {
  const { template, temperature, maxTokens } = prompt ?? (await summaryPrompt());
  return {
    model,
    temperature,
    max_tokens: maxTokens,
    response_format: suggestionResponseFormat(fields),
    messages: [
      { role: 'system' as const, content: renderSummaryPrompt(template, notes, fields) },
      { role: 'user' as const, content: USER_MESSAGE },
    ],
  };
}

export async function summariseNotes(opts: {
  client: OpenAI;
  model: string;
  /** Already pseudonymised. */
  notes: string;
  fields: TSuggestibleField[];
  timeoutMs: number;
  signal?: AbortSignal;
  /** Another prompt folder's contents (readSummaryPrompt); the shipped one when left out. */
  prompt?: TSummaryPrompt;
}): Promise<TSummaryOutcome> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  const { timeoutMs } = opts;
  const body = await summaryRequest(opts.model, opts.notes, opts.fields, opts.prompt);

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = () => controller.abort();
  opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (opts.signal?.aborted) controller.abort();

  let completion: OpenAI.Chat.Completions.ChatCompletion;
  try {
    completion = await opts.client.chat.completions.create(body, {
      signal: controller.signal,
      timeout: timeoutMs,
      maxRetries: 0,
    });
  } catch (error) {
    const aborted = timedOut || controller.signal.aborted;
    const failure = classifyError(error, aborted);
    if (!failure) throw error;
    return { ok: false, ...failure, latencyMs: latencyMs() };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onCallerAbort);
  }

  // A compatible server may answer 200 with something that is not a chat completion at all.
  const choice = Array.isArray(completion?.choices) ? completion.choices[0] : undefined;
  const message = choice?.message;
  if (!message) return { ok: false, reason: 'malformed', latencyMs: latencyMs() };
  if ((typeof message.refusal === 'string' && message.refusal.trim() !== '') || choice.finish_reason === 'content_filter') {
    return { ok: false, reason: 'refused', latencyMs: latencyMs() };
  }
  if (choice.finish_reason === 'length' || typeof message.content !== 'string') {
    return { ok: false, reason: 'malformed', latencyMs: latencyMs() };
  }

  let json: unknown;
  try {
    json = JSON.parse(stripCodeFence(message.content));
  } catch {
    return { ok: false, reason: 'malformed', latencyMs: latencyMs() };
  }
  const parsed = parsedSuggestionSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'malformed', latencyMs: latencyMs() };

  const { accepted, rejected } = checkGrounding(parsed.data, opts.notes, opts.fields);
  const usage = completion.usage
    ? { promptTokens: completion.usage.prompt_tokens, completionTokens: completion.usage.completion_tokens }
    : undefined;
  return { ok: true, accepted, rejected, ...(usage ? { usage } : {}), latencyMs: latencyMs() };
}

/** Some local models wrap JSON in a ```json fence even when asked for JSON only. */
function stripCodeFence(content: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(content);
  return match?.[1] ?? content.trim();
}

function classifyError(error: unknown, aborted: boolean): { reason: TSummaryFailureReason; status?: number } | undefined {
  // Order matters: the timeout and abort errors are subclasses of APIConnectionError / APIError.
  if (aborted || error instanceof APIUserAbortError || error instanceof APIConnectionTimeoutError) return { reason: 'timeout' };
  if (error instanceof APIConnectionError) return { reason: 'network' };
  if (error instanceof APIError) {
    const status = error.status;
    if (status === 429) return { reason: 'rate_limited', status };
    if (status === 408) return { reason: 'timeout', status };
    return status === undefined ? { reason: 'network' } : { reason: 'server_error', status };
  }
  // A 200 answer whose body is not valid JSON (the client parses it before returning): node-fetch throws a
  // FetchError of type 'invalid-json', a web fetch a SyntaxError.
  if (error instanceof SyntaxError) return { reason: 'malformed' };
  if (error instanceof Error && (error as Error & { type?: unknown }).type === 'invalid-json') return { reason: 'malformed' };
  return undefined;
}

export type TOpenAIClientConfig = {
  provider: 'openai' | 'azure' | 'compatible';
  apiKey?: string;
  /** 'openai': optional override; 'compatible': required, e.g. http://localhost:11434/v1 (Ollama). */
  baseUrl?: string;
  /** 'azure': e.g. https://my-resource.openai.azure.com */
  azureEndpoint?: string;
  azureDeployment?: string;
  /** 'azure': required (bot/config.ts defaults to the first GA version with structured outputs). */
  apiVersion?: string;
  /** The client's own limit; summariseNotes enforces the real one. Without it the openai default applies. */
  timeoutMs?: number;
  /** Optional fetch the client uses for every request (e.g. a wrapper that checks the exact bytes before sending). */
  fetch?: typeof globalThis.fetch;
};

/** An OpenAI client that never retries on its own (`maxRetries: 0`): retry policy belongs to the caller. */
export function createOpenAIClient(config: TOpenAIClientConfig): OpenAI {
  const timeout = config.timeoutMs === undefined ? {} : { timeout: config.timeoutMs };
  // The openai 4.x typings describe node-fetch's fetch; the WHATWG fetch works the same at run time.
  const fetchOption = config.fetch ? { fetch: config.fetch as unknown as NonNullable<ConstructorParameters<typeof OpenAI>[0]>['fetch'] } : {};
  switch (config.provider) {
    case 'openai':
      return new OpenAI({
        apiKey: config.apiKey,
        ...(config.baseUrl ? { baseURL: config.baseUrl } : {}),
        ...timeout,
        maxRetries: 0,
        ...fetchOption,
      });
    case 'azure':
      if (!config.azureEndpoint && !config.baseUrl) throw new Error('createOpenAIClient: azureEndpoint is required for Azure OpenAI');
      return new AzureOpenAI({
        apiKey: config.apiKey,
        // endpoint and baseURL are mutually exclusive; null keeps OPENAI_BASE_URL from the environment out of it.
        ...(config.azureEndpoint ? { endpoint: config.azureEndpoint, baseURL: null } : { baseURL: config.baseUrl }),
        ...(config.azureDeployment ? { deployment: config.azureDeployment } : {}),
        ...(config.apiVersion ? { apiVersion: config.apiVersion } : {}),
        ...timeout,
        maxRetries: 0,
        ...fetchOption,
      });
    case 'compatible':
      if (!config.baseUrl) throw new Error('createOpenAIClient: baseUrl is required for an OpenAI-compatible server');
      return new OpenAI({
        // llama.cpp / Ollama / vLLM ignore the key unless started with one, but the client requires some value.
        apiKey: config.apiKey || 'not-needed',
        baseURL: config.baseUrl,
        ...timeout,
        maxRetries: 0,
        ...fetchOption,
      });
  }
}
