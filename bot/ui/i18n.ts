import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';

export type TLocale = 'nl' | 'en';
export type { TFunction };

const LOCALES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../data/locales');

function load(locale: TLocale): Record<string, unknown> {
  return JSON.parse(readFileSync(join(LOCALES_DIR, `${locale}.json`), 'utf8')) as Record<string, unknown>;
}

const instance = i18next.createInstance();
void instance.init({
  resources: { nl: { translation: load('nl') }, en: { translation: load('en') } },
  lng: 'nl',
  fallbackLng: 'nl',
  initAsync: false,
  // Card templates and Teams render text, not HTML.
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

/** Dutch unless the user's Teams speaks English. */
export function localeOf(teamsLocale: string | undefined): TLocale {
  return teamsLocale?.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

// The texts never change while the bot runs, and i18next's lookup and interpolation were ~5% of a card turn's CPU
// (bench/turns.bench.ts): finished strings are kept per locale. Only for a key alone or with number/boolean options:
// a string option can be a citizen's words (a quote from the notes, a reason), which must not outlive the turn here.
const MAX_REMEMBERED = 20_000;

const remembered: Record<TLocale, Map<string, string>> = { nl: new Map(), en: new Map() };

function rememberingTranslator(t: TFunction, locale: TLocale): TFunction {
  const texts = remembered[locale];
  const call = t as unknown as (...a: unknown[]) => unknown;
  const translate = (...args: unknown[]): unknown => {
    const cacheKey = cacheKeyOf(args);
    if (cacheKey === undefined) return call(...args);
    const known = texts.get(cacheKey);
    if (known !== undefined) return known;
    const text = call(...args);
    if (typeof text === 'string') {
      if (texts.size >= MAX_REMEMBERED) texts.clear();
      texts.set(cacheKey, text);
    }
    return text;
  };
  return translate as unknown as TFunction;
}

/** A key alone, or with options whose values are all numbers or booleans; anything else is not remembered. */
function cacheKeyOf(args: unknown[]): string | undefined {
  const [key, options] = args;
  if (typeof key !== 'string' || args.length > 2) return undefined;
  if (options === undefined) return key;
  if (!options || typeof options !== 'object' || Array.isArray(options)) return undefined;
  for (const value of Object.values(options)) {
    if (typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  }
  return `${key}\u0000${JSON.stringify(options)}`;
}

const translators: Record<TLocale, TFunction> = {
  nl: rememberingTranslator(instance.getFixedT('nl'), 'nl'),
  en: rememberingTranslator(instance.getFixedT('en'), 'en'),
};

/** What the translator keeps between turns (for the test that no citizen's words are among it). */
export function rememberedTexts(locale: TLocale): string[] {
  return [...remembered[locale].values()];
}

export function translator(locale: TLocale): TFunction {
  return translators[locale];
}

export function hasKey(locale: TLocale, key: string): boolean {
  return instance.exists(key, { lng: locale, fallbackLng: false });
}
