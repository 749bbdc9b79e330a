import type { TContent } from '../../data/content/load-content.ts';
import type { TSignalDigest } from '../../data/repositories/signal-digest.ts';
import type { TFunction, TLocale } from '../ui/i18n.ts';
import { formatDay, signalLabels } from './export-labels.ts';

// View-model of cards/signal-digest.json: the team-meeting overview of the signals since the last review.

export const MARK_ALL_DISCUSSED_VERB = 'digest.markAllDiscussed';
/** Longer texts are cut in the card; the export has them whole. */
const MAX_TEXT_IN_CARD = 200;

export interface TDigestViewOptions {
  teamId: string;
  /** True when the period starts at the team's last review, false for the default "last 30 days". */
  sinceReview: boolean;
  /** Signed download links (bot/signals/export-links.ts). */
  urls: { csv: string; xlsx: string };
  /** The municipality's time zone, for the days shown. */
  timeZone: string;
}

export interface TDigestBar {
  label: string;
  current: number;
  previous: number;
  /** Column weights (0–100) of the fallback bars: the bar and the empty rest of the row. */
  currentWeight: number;
  currentRest: number;
  previousWeight: number;
  previousRest: number;
  /** "5 (+2)": the count and its change, for hosts that show the fallback bars. */
  currentText: string;
}

export interface TDigestView {
  lang: TLocale;
  title: string;
  period: string;
  /** Set only for an empty period; then nothing below the period shows. */
  empty: string;
  totals: string;
  byThemeTitle: string;
  themes: { label: string; value: string }[];
  byPolicyDomainTitle: string;
  policyDomains: { label: string; value: string }[];
  chart: { title: string; currentLegend: string; previousLegend: string; yAxis: string; fallbackLegend: string; bars: TDigestBar[] };
  open: {
    title: string;
    none: string;
    more: string;
    signals: { heading: string; text: string; meta: string }[];
  };
  teamId: string;
  /** ISO end of the period: "Alles besproken" leaves later signals open. */
  until: string;
  urls: { csv: string; xlsx: string };
  actions: { markAllDiscussed: string; exportCsv: string; exportExcel: string };
}

/** +4, −2 or ±0 (a real minus sign, read as "minus"). */
function signed(n: number, format: Intl.NumberFormat): string {
  if (n > 0) return `+${format.format(n)}`;
  if (n < 0) return `−${format.format(-n)}`;
  return '±0';
}

function cut(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_TEXT_IN_CARD ? `${flat.slice(0, MAX_TEXT_IN_CARD - 1).trimEnd()}…` : flat;
}

/** Ids counted in either period, most signals first (this period, then the previous), then in list order. */
function ranked(order: readonly string[], current: Record<string, number>, previous: Record<string, number>): string[] {
  const ids = [...new Set([...order, ...Object.keys(current), ...Object.keys(previous)])].filter((id) => (current[id] ?? 0) + (previous[id] ?? 0) > 0);
  const position = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return ids.sort((a, b) => (current[b] ?? 0) - (current[a] ?? 0) || (previous[b] ?? 0) - (previous[a] ?? 0) || position(a) - position(b));
}

export function digestView(t: TFunction, lang: TLocale, content: TContent, digest: TSignalDigest, options: TDigestViewOptions): TDigestView {
  const labels = signalLabels(t, lang, content);
  const number = new Intl.NumberFormat(lang === 'nl' ? 'nl-BE' : 'en-GB');
  const { current, previous } = digest;
  const dates = { from: formatDay(digest.from, options.timeZone), to: formatDay(digest.to, options.timeZone) };
  const since = options.sinceReview ? 'sinceReview' : 'sinceDefault';
  const countWithChange = (now: number, before: number) => t('digest.countChange', { n: number.format(now), change: signed(now - before, number) });
  const change = current.total === previous.total ? t('digest.changeNone') : t('digest.change', { change: signed(current.total - previous.total, number) });

  const themeIds = ranked(
    content.domains.map((d) => d.id),
    current.byTheme,
    previous.byTheme,
  );
  const policyIds = ranked(
    content.team.policyDomains.map((d) => d.id),
    current.byPolicyDomain,
    previous.byPolicyDomain,
  );
  const max = Math.max(1, ...themeIds.flatMap((id) => [current.byTheme[id] ?? 0, previous.byTheme[id] ?? 0]));
  // A count above zero always gets a visible bar.
  const weight = (n: number) => (n === 0 ? 0 : Math.max(1, Math.round((n / max) * 100)));

  return {
    lang,
    title: t('digest.title'),
    period: t(`digest.${since}`, dates),
    empty: current.total === 0 ? t(`digest.empty.${since}`) : '',
    totals: t('digest.total', { count: current.total, n: number.format(current.total), change }),
    byThemeTitle: t('digest.byTheme'),
    themes: themeIds.map((id) => ({ label: labels.theme(id), value: countWithChange(current.byTheme[id] ?? 0, previous.byTheme[id] ?? 0) })),
    byPolicyDomainTitle: t('digest.byPolicyDomain'),
    policyDomains: policyIds.map((id) => ({ label: labels.policyDomain(id), value: countWithChange(current.byPolicyDomain[id] ?? 0, previous.byPolicyDomain[id] ?? 0) })),
    chart: {
      title: t('digest.chart.title'),
      currentLegend: t('digest.chart.current'),
      previousLegend: t('digest.chart.previous'),
      yAxis: t('digest.chart.yAxis'),
      fallbackLegend: t('digest.chart.fallbackLegend'),
      bars: themeIds.map((id) => {
        const now = current.byTheme[id] ?? 0;
        const before = previous.byTheme[id] ?? 0;
        return {
          label: labels.theme(id),
          current: now,
          previous: before,
          currentWeight: weight(now),
          currentRest: 100 - weight(now),
          previousWeight: weight(before),
          previousRest: 100 - weight(before),
          currentText: countWithChange(now, before),
        };
      }),
    },
    open: {
      title: t('digest.open.title'),
      none: current.total > 0 && digest.open.total === 0 ? t('digest.open.none') : '',
      more: digest.open.total > digest.open.signals.length ? t('digest.open.more', { count: digest.open.total - digest.open.signals.length, n: number.format(digest.open.total - digest.open.signals.length) }) : '',
      signals: digest.open.signals.map((s) => ({
        heading: [labels.theme(s.theme), labels.barrierType(s.barrierType), s.area].filter(Boolean).join(' · '),
        text: cut(s.text),
        meta: `${labels.status(s.status)} · ${formatDay(s.createdAt, options.timeZone)}`,
      })),
    },
    teamId: options.teamId,
    until: digest.to.toISOString(),
    urls: options.urls,
    actions: {
      markAllDiscussed: t('digest.actions.markAllDiscussed'),
      exportCsv: t('digest.actions.exportCsv'),
      exportExcel: t('digest.actions.exportExcel'),
    },
  };
}
