// prompts/summarise-registration/config.json holds only what the request is built from; a key nothing would act on
// is refused when the prompt is read, instead of looking as if it mattered.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readSummaryPrompt, SUMMARY_PROMPT_DIR, summaryPrompt } from '../../bot/ai/summary-prompt.ts';

type TConfig = { completion: Record<string, unknown> } & Record<string, unknown>;
const shippedConfig = JSON.parse(readFileSync(new URL('config.json', SUMMARY_PROMPT_DIR), 'utf8')) as TConfig;
const template = readFileSync(new URL('skprompt.txt', SUMMARY_PROMPT_DIR), 'utf8');

const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

/** A prompt folder with the shipped template and this config. */
function promptFolder(config: unknown): URL {
  const folder = mkdtempSync(join(tmpdir(), 'nabij-prompt-'));
  folders.push(folder);
  writeFileSync(join(folder, 'skprompt.txt'), template);
  writeFileSync(join(folder, 'config.json'), JSON.stringify(config));
  return pathToFileURL(`${folder}/`);
}
const refusal = (config: unknown) => readSummaryPrompt(promptFolder(config)).then(() => 'read', (error: Error) => error.message);

describe('the summary prompt', () => {
  it('reads the shipped folder: the template, and temperature, max_tokens and max_input_tokens from config.json', async () => {
    expect(await summaryPrompt()).toEqual({
      template,
      temperature: shippedConfig.completion['temperature'],
      maxTokens: shippedConfig.completion['max_tokens'],
      maxInputTokens: shippedConfig.completion['max_input_tokens'],
    });
  });

  it('takes the values of the file it reads', async () => {
    const prompt = await readSummaryPrompt(promptFolder({ ...shippedConfig, completion: { ...shippedConfig.completion, temperature: 0.4, max_tokens: 777, max_input_tokens: 9000 } }));
    expect(prompt).toMatchObject({ temperature: 0.4, maxTokens: 777, maxInputTokens: 9000 });
  });

  it('refuses a key nothing reads, such as a model (the model comes from NABIJ_LLM_MODEL) or top_p', async () => {
    expect(await refusal({ ...shippedConfig, completion: { ...shippedConfig.completion, model: 'gpt-4o-mini' } })).toMatch(/config\.json: completion: .*"model"/);
    expect(await refusal({ ...shippedConfig, completion: { ...shippedConfig.completion, top_p: 1 } })).toMatch(/completion: .*"top_p"/);
    expect(await refusal({ ...shippedConfig, default_backends: ['gpt-4o'] })).toMatch(/"default_backends"/);
  });

  it('refuses what the request cannot do: history, the user’s input or images, and a missing or odd temperature', async () => {
    for (const key of ['include_history', 'include_input', 'include_images']) {
      expect(await refusal({ ...shippedConfig, completion: { ...shippedConfig.completion, [key]: true } })).toContain(`completion.${key}`);
    }
    const { temperature: _left, ...withoutTemperature } = shippedConfig.completion;
    expect(await refusal({ ...shippedConfig, completion: withoutTemperature })).toContain('completion.temperature');
    expect(await refusal({ ...shippedConfig, completion: { ...shippedConfig.completion, temperature: 5 } })).toContain('completion.temperature');
  });
});
