import { readFile } from 'node:fs/promises';
import { z } from 'zod/v4';

/**
 * The summary prompt: prompts/summarise-registration/ in the teams-ai v1 PromptManager layout (skprompt.txt +
 * config.json). What config.json says is what the request does: `temperature` and `max_tokens` are sent as they are,
 * `max_input_tokens` is the budget the notes limit is sized for (MAX_NOTES_CHARS, checked by
 * test/unit/notes-limit-token-budget.test.ts). The model is not in the file: it comes from NABIJ_LLM_MODEL.
 *
 * The schema is strict, so a key this code would not act on (a `model`, a `top_p`) is refused when the prompt is
 * loaded instead of sitting in the file looking as if it mattered. The `include_*` keys are PromptManager's (which
 * defaults them to true); here they must say false, because the request never carries history, the user's message
 * or images.
 */
const ZSummaryPromptConfigSchema = z
  .object({
    schema: z.literal(1.1),
    description: z.string().min(1),
    type: z.literal('completion'),
    completion: z
      .object({
        completion_type: z.literal('chat'),
        temperature: z.number().min(0).max(2),
        max_tokens: z.int().positive(),
        max_input_tokens: z.int().positive(),
        include_history: z.literal(false),
        include_input: z.literal(false),
        include_images: z.literal(false),
      })
      .strict(),
  })
  .strict();

export type TSummaryPrompt = { template: string; temperature: number; maxTokens: number; maxInputTokens: number };

export const SUMMARY_PROMPT_DIR = new URL('../../prompts/summarise-registration/', import.meta.url);

/** Reads and checks a prompt folder; throws with every problem named (no text of the prompt in it). */
export async function readSummaryPrompt(dir: URL): Promise<TSummaryPrompt> {
  const [template, configText] = await Promise.all([readFile(new URL('skprompt.txt', dir), 'utf8'), readFile(new URL('config.json', dir), 'utf8')]);
  const parsed = ZSummaryPromptConfigSchema.safeParse(JSON.parse(configText));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new Error(`${new URL('config.json', dir).pathname}: ${problems}`);
  }
  const { completion } = parsed.data;
  return { template, temperature: completion.temperature, maxTokens: completion.max_tokens, maxInputTokens: completion.max_input_tokens };
}

let shipped: Promise<TSummaryPrompt> | undefined;

/** The shipped prompt, read once (a failed read is tried again next time). */
export function summaryPrompt(): Promise<TSummaryPrompt> {
  shipped ??= readSummaryPrompt(SUMMARY_PROMPT_DIR).catch((error: unknown) => {
    shipped = undefined;
    throw error;
  });
  return shipped;
}
