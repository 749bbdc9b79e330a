// The notes limit is sized for the model: notes as long as MAX_NOTES_CHARS, pseudonymised as they are before sending,
// still fit in one request within max_input_tokens of prompts/summarise-registration/config.json. Counted with
// teams-ai's tokenizer (cl100k), which splits Dutch into more tokens than gpt-4o's o200k does, over the whole JSON
// body (the schema and the JSON punctuation included), so the count errs on the high side.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GPTTokenizer } from '@microsoft/teams-ai';
import { describe, expect, it } from 'vitest';
import { summaryRequest } from '../../bot/ai/summarise-notes.ts';
import { summaryPrompt } from '../../bot/ai/summary-prompt.ts';
import { suggestibleFields } from '../../bot/notes/suggestible-fields.ts';
import { pseudonymise, type TKnownIdentifiers } from '../../bot/privacy/pseudonymise.ts';
import { registrationSteps } from '../../bot/registration/registration-steps.ts';
import { translator } from '../../bot/ui/i18n.ts';
import { loadContent } from '../../data/content/load-content.ts';
import { MAX_NOTES_CHARS } from '../../data/repositories/visit-notes.ts';

const CORPUS = join(import.meta.dirname, '../fixtures/notes');
const files = readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort();
const identifiers = JSON.parse(readFileSync(join(CORPUS, 'identifiers.json'), 'utf8')) as Record<string, { record: TKnownIdentifiers } | string>;

/** Realistic fictitious visit notes, repeated up to exactly `length` characters. */
function notesOfLength(length: number): string {
  const corpus = files.map((f) => readFileSync(join(CORPUS, f), 'utf8').trim()).join('\n\n');
  return corpus.repeat(Math.ceil(length / corpus.length)).slice(0, length);
}

/** Every record's identifiers at once: more of the text becomes placeholders, which cost more tokens than words. */
const known: TKnownIdentifiers = {};
for (const file of files) {
  const record = (identifiers[file] as { record: TKnownIdentifiers }).record;
  for (const [key, values] of Object.entries(record) as [keyof TKnownIdentifiers, string[]][]) (known[key] ??= []).push(...values);
}

describe('the notes limit and the model’s input budget', () => {
  it('a request with notes at the limit stays within max_input_tokens', async () => {
    const { maxInputTokens } = await summaryPrompt();
    const notes = notesOfLength(MAX_NOTES_CHARS);
    expect(notes.length).toBe(MAX_NOTES_CHARS);
    const pseudonymised = pseudonymise(notes, known).text;
    expect(pseudonymised).toContain('[PERSOON_');

    const fields = suggestibleFields(registrationSteps(loadContent(), translator('nl'), 'nl', []));
    const { messages, response_format } = await summaryRequest('model', pseudonymised, fields);
    const tokens = new GPTTokenizer().encode(JSON.stringify({ messages, response_format })).length;
    expect(tokens).toBeLessThanOrEqual(maxInputTokens);
  });
});
