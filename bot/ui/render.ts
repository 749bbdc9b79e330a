import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ACData from 'adaptivecards-templating';

const CARDS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../cards');
const templates = new Map<string, ACData.Template>();

export type TAdaptiveCard = { type: 'AdaptiveCard'; version: string; body: unknown[]; actions?: unknown[] } & Record<string, unknown>;

/** Expands cards/<name>.json with a view-model. Templates are read and parsed once. */
export function renderCard<TViewModel extends object>(name: string, viewModel: TViewModel): TAdaptiveCard {
  let template = templates.get(name);
  if (!template) {
    template = new ACData.Template(JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8')));
    templates.set(name, template);
  }
  return template.expand({ $root: viewModel }) as TAdaptiveCard;
}
