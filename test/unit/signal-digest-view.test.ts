import { AdaptiveCard, Container, SerializationContext, TextBlock, Versions } from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { digestView, MARK_ALL_DISCUSSED_VERB, type TDigestViewOptions } from '../../bot/signals/digest-view.ts';
import { translator, type TLocale } from '../../bot/ui/i18n.ts';
import { renderCard } from '../../bot/ui/render.ts';
import { loadContent } from '../../data/content/load-content.ts';
import type { TSignalDigest } from '../../data/repositories/signal-digest.ts';
import { allDiscussedDigest, DIGEST_URLS, emptyDigest, fullDigest, smallDigest } from '../fixtures/signal-digests.ts';
import { validateAdaptiveCard } from '../support/adaptive-card-schema.ts';

const content = loadContent();
const options: TDigestViewOptions = { teamId: '19:team@thread.tacv2', sinceReview: true, urls: DIGEST_URLS, timeZone: 'Europe/Brussels' };
const view = (digest: TSignalDigest, lang: TLocale = 'nl', opts: Partial<TDigestViewOptions> = {}) => digestView(translator(lang), lang, content, digest, { ...options, ...opts });

type TJson = Record<string, unknown>;
const card = (digest: TSignalDigest, lang: TLocale = 'nl') => renderCard('signal-digest', view(digest, lang)) as unknown as TJson & { body: TJson[]; actions?: TJson[] };

describe('digest view', () => {
  it('gives the total with its change against the previous period', () => {
    expect(view(smallDigest()).totals).toBe('12 signalen (+4 t.o.v. vorige periode)');
    expect(view(smallDigest(), 'en').totals).toBe('12 signals (+4 compared with the previous period)');
    const one = { ...smallDigest(), current: { total: 1, byTheme: { care: 1 }, byPolicyDomain: { care: 1 }, byBarrierType: { other: 1 } } };
    expect(view(one).totals).toBe('1 signaal (−7 t.o.v. vorige periode)');
    const same = { ...smallDigest(), previous: smallDigest().current };
    expect(view(same).totals).toBe('12 signalen (evenveel als de vorige periode)');
    expect(view(fullDigest()).totals).toBe('2.865 signalen (+1.170 t.o.v. vorige periode)');
  });

  it('names the period: since the last review, or the last 30 days', () => {
    expect(view(smallDigest()).period).toBe('Sinds de vorige bespreking (02/11/2026 tot 23/11/2026)');
    expect(view(smallDigest(), 'nl', { sinceReview: false }).period).toBe('De laatste 30 dagen (02/11/2026 tot 23/11/2026): nog geen eerdere bespreking');
    // Days in the configured time zone: 10:00 UTC is already the next day at UTC+14.
    expect(view(smallDigest(), 'nl', { timeZone: 'Pacific/Kiritimati' }).period).toBe('Sinds de vorige bespreking (02/11/2026 tot 24/11/2026)');
  });

  it('lists themes and policy domains counted in either period, most signals first, with their change', () => {
    const v = view(smallDigest());
    expect(v.themes).toEqual([
      { label: 'Mobiliteit', value: '5 (+3)' },
      { label: 'Wonen', value: '4 (+4)' },
      { label: 'Emotioneel welzijn', value: '3 (+3)' },
      { label: 'Zorg en ondersteuning', value: '0 (−6)' },
    ]);
    expect(v.policyDomains).toEqual([
      { label: 'Mobiliteit', value: '6 (+4)' },
      { label: 'Wonen', value: '4 (+4)' },
      { label: 'Welzijn', value: '2 (+2)' },
      { label: 'Zorg', value: '0 (−6)' },
    ]);
    expect(view(smallDigest(), 'en').themes[0]).toEqual({ label: 'Mobility', value: '5 (+3)' });
  });

  it('scales the fallback bars to the largest count of both periods, a small count still visible', () => {
    const bars = view(smallDigest()).chart.bars;
    expect(bars.map((b) => [b.label, b.current, b.previous, b.currentWeight, b.previousWeight])).toEqual([
      ['Mobiliteit', 5, 2, 83, 33],
      ['Wonen', 4, 0, 67, 0],
      ['Emotioneel welzijn', 3, 0, 50, 0],
      ['Zorg en ondersteuning', 0, 6, 0, 100],
    ]);
    for (const b of bars) {
      expect(b.currentWeight + b.currentRest).toBe(100);
      expect(b.previousWeight + b.previousRest).toBe(100);
    }
    const tiny = { ...smallDigest(), current: { total: 1001, byTheme: { care: 1000, mobility: 1 }, byPolicyDomain: {}, byBarrierType: {} } };
    expect(view(tiny).chart.bars.find((b) => b.current === 1)?.currentWeight).toBe(1);
  });

  it('shows the open signals with labels, a shortened text, status and day, and how many more there are', () => {
    const v = view(fullDigest());
    expect(v.open.signals).toHaveLength(15);
    expect(v.open.signals[0]?.heading).toBe('Emotioneel welzijn · Fysieke toegankelijkheid · Voorbeeldwijk 1');
    expect(v.open.signals[0]?.text.length).toBeLessThanOrEqual(200);
    expect(v.open.signals[0]?.text.endsWith('…')).toBe(true);
    expect(v.open.signals[1]?.meta).toBe('Op de agenda · 23/11/2026');
    expect(v.open.more).toBe('En nog 12 open signalen: zie de export.');
    expect(view(smallDigest()).open).toMatchObject({ more: '', none: '' });
    expect(view(allDiscussedDigest()).open.none).toBe('Alle signalen van deze periode zijn besproken.');
  });

  it('is friendly and short for an empty period', () => {
    expect(view(emptyDigest()).empty).toBe('Geen nieuwe signalen sinds de vorige bespreking. Fijn om te weten, tot de volgende keer!');
    expect(view(emptyDigest(), 'nl', { sinceReview: false }).empty).toBe('Geen signalen in de laatste 30 dagen. Deel een signaal wanneer je een drempel tegenkomt.');
    expect(view(smallDigest()).empty).toBe('');
  });
});

describe('digest card', () => {
  it('offers "Alles besproken" for the team and period shown, and the two exports as links', () => {
    expect(card(smallDigest()).actions).toEqual([
      { type: 'Action.Execute', title: 'Alles besproken', verb: MARK_ALL_DISCUSSED_VERB, style: 'positive', data: { teamId: '19:team@thread.tacv2', until: '2026-11-23T10:00:00.000Z' } },
      { type: 'Action.OpenUrl', title: 'Exporteer CSV', url: DIGEST_URLS.csv },
      { type: 'Action.OpenUrl', title: 'Exporteer Excel', url: DIGEST_URLS.xlsx },
    ]);
    expect(MARK_ALL_DISCUSSED_VERB).toBe('digest.markAllDiscussed');
  });

  it('has a Teams grouped bar chart of this period against the previous one, per theme', () => {
    const chart = card(smallDigest()).body.find((e) => e.type === 'Chart.VerticalBar.Grouped');
    expect(chart).toMatchObject({
      title: 'Signalen per levensdomein: deze periode en de vorige',
      showBarValues: true,
      data: [
        {
          legend: 'Deze periode',
          values: [
            { x: 'Mobiliteit', y: 5 },
            { x: 'Wonen', y: 4 },
            { x: 'Emotioneel welzijn', y: 3 },
            { x: 'Zorg en ondersteuning', y: 0 },
          ],
        },
        {
          legend: 'Vorige periode',
          values: [
            { x: 'Mobiliteit', y: 2 },
            { x: 'Wonen', y: 0 },
            { x: 'Emotioneel welzijn', y: 0 },
            { x: 'Zorg en ondersteuning', y: 6 },
          ],
        },
      ],
      fallback: { type: 'Container', id: 'themeChartFallback' },
    });
  });

  it('shows bars with the numbers as text where charts are not supported (the adaptivecards SDK, like the local Teams client)', () => {
    const parsed = new AdaptiveCard();
    parsed.parse(card(smallDigest()), new SerializationContext(Versions.v1_5));
    expect(parsed.getElementById('themeChart')).toBeUndefined();
    const fallback = parsed.getElementById('themeChartFallback');
    expect(fallback).toBeInstanceOf(Container);
    const texts: string[] = [];
    const collect = (element: unknown) => {
      if (element instanceof TextBlock && element.text) texts.push(element.text);
      const container = element as { getItemCount?: () => number; getItemAt?: (i: number) => unknown };
      for (let i = 0; i < (container.getItemCount?.() ?? 0); i++) collect(container.getItemAt!(i));
    };
    collect(fallback);
    expect(texts).toEqual([
      'Signalen per levensdomein: deze periode en de vorige',
      expect.stringContaining('Bovenste balk: deze periode'),
      'Mobiliteit',
      '5 (+3)',
      'Wonen',
      '4 (+4)',
      'Emotioneel welzijn',
      '3 (+3)',
      'Zorg en ondersteuning',
      '0 (−6)',
    ]);
  });

  it('validates, and stays well under the 28 KB Teams takes, with 10 themes and 15 long open signals', () => {
    for (const lang of ['nl', 'en'] as const) {
      const full = card(fullDigest(), lang);
      expect(validateAdaptiveCard(full)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(full))).toBeLessThan(22 * 1024);
    }
  });

  it('says only that there is nothing new for an empty period: no chart, no actions', () => {
    const empty = card(emptyDigest());
    expect(empty.body.map((e) => e.text ?? e.type)).toEqual([
      'Overzicht van de signalen',
      'Sinds de vorige bespreking (02/11/2026 tot 23/11/2026)',
      'Geen nieuwe signalen sinds de vorige bespreking. Fijn om te weten, tot de volgende keer!',
    ]);
    expect(empty.actions ?? []).toEqual([]);
  });
});

describe('the card validator and Teams chart elements', () => {
  const minimal = (body: TJson[]) => ({ type: 'AdaptiveCard', version: '1.5', body });
  const fallback = { type: 'TextBlock', text: 'Mobiliteit: 5' };
  const chart = (extra: TJson = {}) => ({
    type: 'Chart.VerticalBar.Grouped',
    title: 'x',
    data: [{ legend: 'a', color: 'good', values: [{ x: 'Mobiliteit', y: 5 }] }],
    fallback,
    ...extra,
  });

  it('accepts a documented chart with an element as fallback', () => {
    expect(validateAdaptiveCard(minimal([chart()]))).toEqual([]);
    expect(validateAdaptiveCard(minimal([{ type: 'Chart.HorizontalBar', displayMode: 'AbsoluteNoAxis', data: [{ x: 'a', y: 1 }], fallback }]))).toEqual([]);
  });

  it('rejects a chart without a fallback element, or with "drop"', () => {
    const { fallback: _none, ...bare } = chart();
    expect(validateAdaptiveCard(minimal([bare]))).toEqual([
      'Chart.VerticalBar.Grouped: a chart needs an element as "fallback" for hosts without charts',
      expect.stringContaining('Unknown element type "Chart.VerticalBar.Grouped"'),
    ]);
    expect(validateAdaptiveCard(minimal([chart({ fallback: 'drop' })]))).toEqual([
      'Chart.VerticalBar.Grouped: a chart needs an element as "fallback" for hosts without charts',
      expect.stringContaining('Unknown element type "Chart.VerticalBar.Grouped"'),
    ]);
  });

  it('rejects misspelled chart and data point properties', () => {
    expect(validateAdaptiveCard(minimal([chart({ titel: 'x', data: [{ legnd: 'a', values: [{ x: 'a', why: 1 }] }] })]))).toEqual([
      'Chart.VerticalBar.Grouped: unknown property "titel"',
      'Chart.VerticalBar.Grouped data: unknown property "legnd"',
      'Chart.VerticalBar.Grouped values: unknown property "why"',
    ]);
  });

  it('validates the fallback like any element', () => {
    expect(validateAdaptiveCard(minimal([chart({ fallback: { type: 'TextBlock', txet: 'x' } })]))).toEqual(['TextBlock: unknown property "txet"']);
    expect(validateAdaptiveCard(minimal([chart({ fallback: { type: 'Carousel', pages: [] } })]))).toEqual([expect.stringContaining('Unknown element type "Carousel"')]);
  });

  it('still rejects chart types it has no documented properties for', () => {
    expect(validateAdaptiveCard(minimal([{ type: 'Chart.Pie', data: [], fallback }]))).toEqual(expect.arrayContaining([expect.stringContaining('Unknown element type "Chart.Pie"')]));
  });
});
