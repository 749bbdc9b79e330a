import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localeOf, rememberedTexts, translator } from '../../bot/ui/i18n.ts';

const read = (locale: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../data/locales', `${locale}.json`), 'utf8'));

function shape(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return [`${path}[${value.length}]`, ...value.flatMap((v, i) => shape(v, `${path}[${i}]`))];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => shape(v, path ? `${path}.${k}` : k));
  expect(typeof value === 'string' && value.trim().length > 0, `${path} must be a non-empty text`).toBe(true);
  return [path];
}

describe('languages', () => {
  it('Dutch and English have exactly the same texts (keys, lists and list lengths)', () => {
    expect(shape(read('en')).sort()).toEqual(shape(read('nl')).sort());
  });

  it('is Dutch by default and English only for an English Teams client', () => {
    expect(localeOf(undefined)).toBe('nl');
    expect(localeOf('nl-BE')).toBe('nl');
    expect(localeOf('fr-BE')).toBe('nl');
    expect(localeOf('en-US')).toBe('en');
    expect(localeOf('en-GB')).toBe('en');
  });

  it('interpolates without HTML escaping (cards are not HTML)', () => {
    expect(translator('nl')('welcome.title', { firstName: "D'hondt & co" })).toBe("Dag D'hondt & co, fijn dat je er bent");
  });

  it('gives the same texts when asked again, with each call\'s own values, and never shares a list between calls', () => {
    const t = translator('nl');
    expect(t('welcome.title', { firstName: 'Ann' })).toBe('Dag Ann, fijn dat je er bent');
    expect(t('welcome.title', { firstName: 'Bo' })).toBe('Dag Bo, fijn dat je er bent');
    expect(t('welcome.title', { firstName: 'Ann' })).toBe('Dag Ann, fijn dat je er bent');
    expect(translator('en')('welcome.title', { firstName: 'Ann' })).not.toBe(t('welcome.title', { firstName: 'Ann' }));
    const first = t('welcome.what', { returnObjects: true }) as string[];
    first.push('changed by a caller');
    expect(t('welcome.what', { returnObjects: true })).toEqual(read('nl').welcome.what);
  });

  it('keeps no text built from a string value (a citizen\'s words) beyond the call, but does keep plain texts', () => {
    const t = translator('nl');
    expect(t('welcome.title', { firstName: 'Zyxtestnaam' })).toBe('Dag Zyxtestnaam, fijn dat je er bent');
    expect(rememberedTexts('nl').some((text) => text.includes('Zyxtestnaam'))).toBe(false);
    const plain = t('registration.saved');
    expect(rememberedTexts('nl')).toContain(plain);
  });
});
