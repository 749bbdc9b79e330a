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

export function translator(locale: TLocale): TFunction {
  return instance.getFixedT(locale);
}

export function hasKey(locale: TLocale, key: string): boolean {
  return instance.exists(key, { lng: locale, fallbackLng: false });
}
