import OpenAI from 'openai';
import type { TContactRecord } from '../../data/repositories/contacts.ts';
import type { TSuggestedFields, TVisitNotesRepository } from '../../data/repositories/visit-notes.ts';
import { summariseNotes, summaryRequest } from '../ai/summarise-notes.ts';
import { knownIdentifiersOf } from '../privacy/known-identifiers.ts';
import { leakedIdentifiers, pseudonymise, restore, type TPlaceholderKind } from '../privacy/pseudonymise.ts';
import type { TStepDef } from '../registration/registration-steps.ts';
import { refuseInvalidSuggestions } from './refuse-invalid-suggestions.ts';
import { suggestibleFields } from './suggestible-fields.ts';

export interface TLlm {
  model: string;
  timeoutMs: number;
  /** After this long without an answer the card says the model is still working. */
  progressAfterMs: number;
  /** Builds the client with the given fetch, so every request body passes the final check first. */
  createClient(fetch: typeof globalThis.fetch): OpenAI;
}

export type TSummariseOutcome =
  | { ok: true; fields: TSuggestedFields }
  | { ok: false; reason: 'timeout' | 'rate_limited' | 'server_error' | 'malformed' | 'refused' | 'network' }
  | { ok: false; reason: 'leak'; kinds: TPlaceholderKind[] };

class BlockedRequestError extends Error {}

/**
 * Pseudonymises the notes, asks the model for registration suggestions, keeps only grounded ones, maps the
 * placeholders back locally, and keeps only values their registration step accepts. The mapping lives only in this
 * function. Every call is audited without its text.
 */
export async function summariseVisit(opts: {
  llm: TLlm;
  contact: TContactRecord;
  notesText: string;
  steps: TStepDef[];
  workerId: string;
  visitNotes: TVisitNotesRepository;
}): Promise<TSummariseOutcome> {
  const known = knownIdentifiersOf(opts.contact);
  const { text, mapping } = pseudonymise(opts.notesText, known);
  const fields = suggestibleFields(opts.steps);
  // A name can also be a word of the prompt ("Anna De Laat", "Karel Velden"): only what the notes add is a leak.
  const fixedText = JSON.stringify(await summaryRequest(opts.llm.model, '', fields));
  let blocked: TPlaceholderKind[] | undefined;
  let requestBytes = 0;
  let responseBytes = 0;
  // The final check runs on the exact bytes the client is about to send.
  const guardedFetch: typeof globalThis.fetch = async (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    const kinds = leakedIdentifiers(body, known, fixedText);
    if (kinds.length) {
      blocked = kinds;
      throw new BlockedRequestError('blocked');
    }
    requestBytes = Buffer.byteLength(body);
    const response = await fetch(input, init);
    responseBytes = Number(response.headers.get('content-length') ?? 0);
    return response;
  };

  const outcome = await summariseNotes({
    client: opts.llm.createClient(guardedFetch),
    model: opts.llm.model,
    notes: text,
    fields,
    timeoutMs: opts.llm.timeoutMs,
  });
  await opts.visitNotes.audit({
    workerId: opts.workerId,
    caseCode: opts.contact.caseCode,
    model: opts.llm.model,
    requestBytes,
    responseBytes,
    latencyMs: Math.round(outcome.latencyMs),
    outcome: blocked ? 'blocked_identifier' : outcome.ok ? 'ok' : outcome.reason,
  });
  if (blocked) return { ok: false, reason: 'leak', kinds: blocked };
  if (!outcome.ok) return { ok: false, reason: outcome.reason };
  const restored: TSuggestedFields = {
    accepted: outcome.accepted.map((f) => ({ field: f.field, value: restore(f.value, mapping), quotes: f.quotes.map((q) => restore(q, mapping)) })),
    rejected: outcome.rejected.map((r) => ({ field: r.field, reason: r.reason })),
  };
  // Checked as the card will show the values: a restored name can make a value longer than its placeholder.
  return { ok: true, fields: refuseInvalidSuggestions(restored, opts.steps) };
}
