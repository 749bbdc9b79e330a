import { addDays } from '../../data/repositories/follow-ups.ts';

// Days as the workers live them: local dates in Belgium, not UTC. A follow-up due "today" is due on the local
// calendar day, and the weekly summary goes out on a local weekday and hour, also across daylight-saving changes.

export const NABIJ_TIME_ZONE = 'Europe/Brussels';

export interface TLocalMoment {
  /** YYYY-MM-DD */
  day: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  weekday: number;
  hour: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function partsOf(now: Date, timeZone: string): Record<string, string> {
  return Object.fromEntries(formatterFor(timeZone).formatToParts(now).map((p) => [p.type, p.value]));
}

export function localMoment(now: Date, timeZone: string = NABIJ_TIME_ZONE): TLocalMoment {
  const p = partsOf(now, timeZone);
  return { day: `${p.year}-${p.month}-${p.day}`, weekday: WEEKDAYS[p.weekday ?? ''] ?? 0, hour: Number(p.hour) };
}

/** The local calendar day (YYYY-MM-DD) at this moment. */
export function localDay(now: Date, timeZone: string = NABIJ_TIME_ZONE): string {
  return localMoment(now, timeZone).day;
}

/** The moment a local day starts (local midnight), as an instant. */
export function startOfLocalDay(day: string, timeZone: string = NABIJ_TIME_ZONE): Date {
  const asUtc = Date.parse(`${day}T00:00:00Z`);
  // Two passes: the offset at the UTC guess may differ from the offset at the real local midnight.
  let instant = asUtc - offsetMs(new Date(asUtc), timeZone);
  instant = asUtc - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** How far local time is ahead of UTC at this instant. */
function offsetMs(at: Date, timeZone: string): number {
  const p = partsOf(at, timeZone);
  const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return local - (at.getTime() - at.getUTCMilliseconds());
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: string): number {
  return ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of the ISO week a day is in. */
export function weekStartOf(day: string): string {
  return addDays(day, 1 - weekdayOf(day));
}

/** The ISO week of a calendar day, e.g. "2026-W48" (the year is the ISO week-numbering year). */
export function isoWeekKey(day: string): string {
  const thursday = addDays(day, 4 - weekdayOf(day));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week key; undefined for a malformed key. */
export function weekStartOfKey(weekKey: string): string | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(weekKey);
  if (!match) return undefined;
  // 4 January is always in week 1.
  const monday = addDays(weekStartOf(`${match[1]}-01-04`), (Number(match[2]) - 1) * 7);
  return isoWeekKey(monday) === weekKey ? monday : undefined;
}

export interface TWeeklyOn {
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  weekday: number;
  /** Local hour, 0–23 */
  hour: number;
}

/**
 * The week whose summary is due at this moment, or undefined before the configured weekday and hour. From that
 * moment until the end of the ISO week it stays due, so a bot that was down on Monday morning still posts it.
 */
export function weeklySummaryDue(now: Date, weeklyOn: TWeeklyOn, timeZone: string = NABIJ_TIME_ZONE): string | undefined {
  const local = localMoment(now, timeZone);
  const reached = local.weekday > weeklyOn.weekday || (local.weekday === weeklyOn.weekday && local.hour >= weeklyOn.hour);
  return reached ? isoWeekKey(local.day) : undefined;
}
